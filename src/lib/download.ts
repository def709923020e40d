/**
 * Saves text as a file through the browser's download, with no server involved. The caller
 * chooses a file name that identifies nobody: download folders are not encrypted.
 */
export function downloadTextFile(fileName: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked after the browser has started the download from it.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
