import { drawCalibrationPage } from './fp10-calibration';
import { drawFields } from './fp10-fields';
import { ITEMS_PER_FORM, PLAIN_FORM_ORIGIN_MM } from './fp10-layout';
import { drawPlainForm } from './fp10-plain-form';
import { shortRecordId } from './file-names';
import { createPdfDocument, pdfBlob } from './pdf-document';
import { checkCalibration, prescriptionFormContents, refusePrinting, type PrescriptionPdfInput, type PrintCalibration } from './prescription-content';

/**
 * The prescription PDF (issue 5, item 3), one page per FP10 form, in two modes:
 * - `fp10ss`: only the fields, placed for FP10SS stationery (fp10-layout.ts) with the device's
 *   alignment offsets added to every position; the form supplies the boxes, captions and serial.
 * - `plain`: the whole form drawn on plain A4 around the same fields, marked on every page
 *   "Record copy: not valid for dispensing".
 * More items than one form holds print on further forms, each complete ("Form 1 of 2").
 * The signature box stays empty: the prescriber signs every form in ink.
 *
 * This module imports jsPDF, so load it only when printing:
 * `const { buildPrescriptionPdf } = await import('../pdf/prescription-pdf')`.
 * `prescriptionPdfFileName` is also in file-names.ts, and the layout constants in fp10-layout.ts,
 * for callers that must not load jsPDF. Input is plain domain data; nothing here touches storage.
 */

export type { PrescriptionPdfInput, PrescriptionPrintMode, PrintCalibration } from './prescription-content';
export { PrescriptionPrintRefused } from './prescription-content';
export { prescriptionPdfFileName } from './file-names';
export { ITEMS_PER_FORM } from './fp10-layout';

/** How many FP10 forms `itemCount` items print on: 1 to 4 items on one, 5 to 8 on two... */
export function formsNeeded(itemCount: number): number {
  if (!Number.isInteger(itemCount) || itemCount < 0) throw new RangeError(`A number of items is a whole number, 0 or more: ${itemCount}`);
  return Math.ceil(itemCount / ITEMS_PER_FORM);
}

/**
 * Builds the prescription's PDF. The same input gives the same bytes (the creation date is
 * `printedAt`). Throws `PrescriptionPrintRefused` (an Error whose message says what to do) when
 * the prescription is cancelled, when an FP10SS print fails the legal checks or has offsets that
 * are not millimetres a printer drifts by, and when a field does not fit its box on the form.
 */
export async function buildPrescriptionPdf(input: PrescriptionPdfInput): Promise<Blob> {
  refusePrinting(input);
  const forms = prescriptionFormContents(input);
  const stationery = input.mode === 'fp10ss';
  const doc = createPdfDocument({
    unit: 'mm',
    title: `Lifeboat prescription ${shortRecordId(input.prescription.id)}`,
    subject: stationery ? 'Prescription for FP10SS stationery' : 'Prescription record copy, not valid for dispensing',
    recordId: input.prescription.id,
    createdAt: input.printedAt,
  });
  forms.forEach((form, index) => {
    if (index > 0) doc.addPage('a4', 'portrait');
    if (stationery) {
      drawFields(doc, form, { x: input.calibration.offsetXmm, y: input.calibration.offsetYmm });
    } else {
      drawPlainForm(doc, form, PLAIN_FORM_ORIGIN_MM);
      drawFields(doc, form, PLAIN_FORM_ORIGIN_MM);
    }
  });
  return pdfBlob(doc);
}

/**
 * The alignment test print for one device: each field's box and a labelled cross where it
 * starts, at the positions prescriptions print with these offsets, plus instructions and a
 * 100 mm bar. Throws when an offset is not a number from -25 to 25 mm.
 */
export async function buildCalibrationTestPdf(calibration: PrintCalibration): Promise<Blob> {
  checkCalibration(calibration);
  const doc = createPdfDocument({ unit: 'mm', title: 'Lifeboat FP10SS alignment test', subject: 'Printer alignment test for FP10SS stationery' });
  drawCalibrationPage(doc, calibration);
  return pdfBlob(doc);
}
