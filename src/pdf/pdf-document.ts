import { jsPDF } from 'jspdf';

/**
 * A new, empty PDF as Lifeboat writes them: A4 portrait, compressed, built-in fonts only, British
 * English, and reproducible (the same record printed at the same time gives the same bytes).
 * This module imports jsPDF: only the PDF writers use it, and callers load those with
 * `await import()`.
 */
export interface PdfDocumentOptions {
  /** Points for flowing text, millimetres for forms measured in millimetres. */
  unit: 'pt' | 'mm';
  /** Shown in viewers' tabs and lists: no patient-identifying text. */
  title: string;
  subject: string;
  /** The record printed: its id becomes the file identifier jsPDF would otherwise randomise. */
  recordId?: string;
  /** The creation date written into the file; jsPDF's clock when absent. */
  createdAt?: Date;
}

/** jsPDF writes a random file identifier; a record's own id keeps the output reproducible. */
function fileId(recordId: string): string {
  return recordId.replace(/[^0-9a-f]/gi, '').padEnd(32, '0').slice(0, 32).toUpperCase();
}

export function createPdfDocument(options: PdfDocumentOptions): jsPDF {
  const doc = new jsPDF({ unit: options.unit, format: 'a4', orientation: 'portrait', compress: true, putOnlyUsedFonts: true });
  doc.setProperties({ title: options.title, subject: options.subject, creator: 'Lifeboat' });
  if (options.createdAt) doc.setCreationDate(options.createdAt);
  if (options.recordId !== undefined) doc.setFileId(fileId(options.recordId));
  doc.setLanguage('en-GB');
  return doc;
}

/** The finished document as a `Blob` of type `application/pdf`. */
export function pdfBlob(doc: jsPDF): Blob {
  return new Blob([doc.output('arraybuffer')], { type: 'application/pdf' });
}
