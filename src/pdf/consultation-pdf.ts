import { jsPDF } from 'jspdf';
import { consultationPdfContent, type ConsultationPdfInput } from './consultation-content';
import { writePdfDocument } from './pdf-writer';

/**
 * The consultation record PDF (issue 4, item 6). This module imports jsPDF (its chunk is about
 * 430 kB minified, 140 kB gzipped), so load it only when printing:
 * `const { buildConsultationPdf } = await import('../pdf/consultation-pdf')`.
 * Never import it statically from code on the first-load path; `file-names.ts` names the file
 * without jsPDF. Input is plain domain data the caller has already read; nothing here touches
 * storage or the DOM, and it runs the same in node (tests) and in the browser.
 */

export type { ConsultationPdfInput } from './consultation-content';
export { consultationPdfFileName } from './file-names';

/** jsPDF writes a random file identifier; a record's own id keeps the output reproducible. */
function fileId(recordId: string): string {
  return recordId.replace(/[^0-9a-f]/gi, '').padEnd(32, '0').slice(0, 32).toUpperCase();
}

/**
 * Builds the PDF of one consultation: A4 portrait, real text in Helvetica, the footer on every page.
 * The same input gives the same bytes (the creation date is `printedAt`).
 * Resolves to a `Blob` of type `application/pdf`: hand it to `URL.createObjectURL` to show or
 * print, or `await blob.arrayBuffer()` to put it in a ZIP.
 */
export async function buildConsultationPdf(input: ConsultationPdfInput): Promise<Blob> {
  const content = consultationPdfContent(input);
  const doc = new jsPDF({ unit: 'pt', format: 'a4', orientation: 'portrait', compress: true, putOnlyUsedFonts: true });
  doc.setProperties({ title: content.title, subject: 'Consultation record', creator: 'Lifeboat' });
  doc.setCreationDate(input.printedAt);
  doc.setFileId(fileId(input.consultation.id));
  doc.setLanguage('en-GB');
  writePdfDocument(doc, content);
  return new Blob([doc.output('arraybuffer')], { type: 'application/pdf' });
}
