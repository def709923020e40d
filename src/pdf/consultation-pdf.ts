import { consultationPdfContent, type ConsultationPdfInput } from './consultation-content';
import { createPdfDocument, pdfBlob } from './pdf-document';
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

/**
 * Builds the PDF of one consultation: A4 portrait, real text in Helvetica, the footer on every page.
 * The same input gives the same bytes (the creation date is `printedAt`).
 * Resolves to a `Blob` of type `application/pdf`: hand it to `URL.createObjectURL` to show or
 * print, or `await blob.arrayBuffer()` to put it in a ZIP.
 */
export async function buildConsultationPdf(input: ConsultationPdfInput): Promise<Blob> {
  const content = consultationPdfContent(input);
  const doc = createPdfDocument({
    unit: 'pt',
    title: content.title,
    subject: 'Consultation record',
    recordId: input.consultation.id,
    createdAt: input.printedAt,
  });
  writePdfDocument(doc, content);
  return pdfBlob(doc);
}
