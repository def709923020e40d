/**
 * File names for printed records. A file name is visible where the content is not (a downloads
 * folder, a ZIP's listing even when encrypted), so it carries no patient-identifying text: only
 * the kind of record and the first part of its random id (brief, "The reconciliation bundle").
 * Kept apart from the PDF writers so that callers can name a file without loading jsPDF.
 */

/** `lifeboat-consultation-5f0c2a8e.pdf`: the first 8 characters of the record id. */
export function consultationPdfFileName(consultation: { id: string }): string {
  const shortId = consultation.id.replace(/[^0-9a-zA-Z]/g, '').slice(0, 8).toLowerCase();
  return `lifeboat-consultation-${shortId}.pdf`;
}
