/**
 * Saves a made file (a PDF, a join file) through the browser's download, with no server involved.
 * The caller chooses a file name that identifies nobody: download folders are not encrypted.
 */
export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked once the browser has long since started the download from it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Saves text as a file, with the same care over the name. */
export function downloadTextFile(fileName: string, text: string, type = 'application/json'): void {
  downloadBlob(fileName, new Blob([text], { type }));
}
