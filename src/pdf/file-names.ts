/**
 * File names for printed records. A file name is visible where the content is not (a downloads
 * folder, a ZIP's listing even when encrypted), so it carries no patient-identifying text: only
 * the kind of record and the first part of its random id (brief, "The reconciliation bundle").
 * Kept apart from the PDF writers so that callers can name a file without loading jsPDF.
 */

/** The first 8 letters and digits of a record id, lower case: `5f0c2a8e`. */
export function shortRecordId(id: string): string {
  return id.replace(/[^0-9a-zA-Z]/g, '').slice(0, 8).toLowerCase();
}

/** `lifeboat-consultation-5f0c2a8e.pdf`: the first 8 characters of the record id. */
export function consultationPdfFileName(consultation: { id: string }): string {
  return `lifeboat-consultation-${shortRecordId(consultation.id)}.pdf`;
}

/** `lifeboat-prescription-5f0c2a8e.pdf`: the first 8 characters of the record id. */
export function prescriptionPdfFileName(prescription: { id: string }): string {
  return `lifeboat-prescription-${shortRecordId(prescription.id)}.pdf`;
}
