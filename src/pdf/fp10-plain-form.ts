import type { jsPDF } from 'jspdf';
import { A4_MM, FP10SS_PRESCRIPTION_MM, FP10SS_REGIONS, type Fp10Region, type OriginMm } from './fp10-layout';
import { drawAligned, drawnWidth, wrapText } from './pdf-text';
import { RECORD_COPY_MARK, type PrescriptionFormContent } from './prescription-content';

/**
 * The plain-paper record copy: what the stationery has printed on it (boxes and captions in the
 * form's green) drawn around the fields, a heading, and "Record copy: not valid for dispensing"
 * three times on every page (a red banner above the form, a pale diagonal across it, a red line
 * under it) so that no one mistakes it for a prescription. No NHS logo: this is not NHS stationery.
 */

type Rgb = readonly [number, number, number];

/** NHS identity colours: blue for the heading, green as the FP10 form is printed, red for warnings. */
const NHS_BLUE: Rgb = [0, 94, 184];
const FORM_GREEN: Rgb = [0, 127, 59];
const WARNING_RED: Rgb = [213, 40, 27];
const PALE_RED: Rgb = [247, 214, 210];
const TEXT: Rgb = [33, 43, 50];

const LABEL_SIZE = 5.5;
const LABEL_LINE_MM = 2.3;

function colour(doc: jsPDF, rgb: Rgb): void {
  doc.setTextColor(rgb[0], rgb[1], rgb[2]);
}

function heading(doc: jsPDF): void {
  doc.setFillColor(NHS_BLUE[0], NHS_BLUE[1], NHS_BLUE[2]);
  doc.rect(10, 10, A4_MM.width - 20, 12, 'F');
  doc.setFont('helvetica', 'bold');
  doc.setFontSize(14);
  colour(doc, [255, 255, 255]);
  doc.text('Prescription', 14, 18.2);
  doc.setFont('helvetica', 'normal');
  doc.setFontSize(9);
  drawAligned(doc, 'FP10 layout on plain paper', A4_MM.width - 14, 17.8, 'right');
  doc.setFont('helvetica', 'bold');
  doc.setFontSize(18);
  colour(doc, WARNING_RED);
  drawAligned(doc, RECORD_COPY_MARK, A4_MM.width / 2, 33, 'center');
}

/** The mark across the form, pale, drawn first so that every field stays readable over it. */
function diagonalMark(doc: jsPDF, origin: OriginMm): void {
  const { width, height } = FP10SS_PRESCRIPTION_MM;
  const angle = Math.atan2(height, width);
  const size = 20;
  doc.setFont('helvetica', 'bold');
  doc.setFontSize(size);
  colour(doc, PALE_RED);
  const length = drawnWidth(doc, RECORD_COPY_MARK);
  const halfCap = (size * 0.72 * 25.4) / 72 / 2;
  const [cos, sin] = [Math.cos(angle), Math.sin(angle)];
  const x = origin.x + width / 2 - (length / 2) * cos + halfCap * sin;
  const y = origin.y + height / 2 + (length / 2) * sin + halfCap * cos;
  doc.text(RECORD_COPY_MARK, x, y, { angle: (angle * 180) / Math.PI });
}

function region(doc: jsPDF, box: Fp10Region, origin: OriginMm): void {
  doc.rect(origin.x + box.x, origin.y + box.y, box.width, box.height, 'S');
  box.label
    .split('\n')
    .filter((line) => line !== '')
    .forEach((line, index) => doc.text(line, origin.x + box.x + 1, origin.y + box.y + 2.2 + index * LABEL_LINE_MM));
}

function formOutline(doc: jsPDF, form: PrescriptionFormContent, origin: OriginMm): void {
  const { width, height } = FP10SS_PRESCRIPTION_MM;
  doc.setDrawColor(FORM_GREEN[0], FORM_GREEN[1], FORM_GREEN[2]);
  doc.setLineWidth(0.4);
  doc.rect(origin.x, origin.y, width, height, 'S');
  doc.setLineWidth(0.25);
  doc.setFont('helvetica', 'normal');
  doc.setFontSize(LABEL_SIZE);
  colour(doc, FORM_GREEN);
  for (const box of Object.values(FP10SS_REGIONS)) region(doc, box, origin);
  doc.setFont('helvetica', 'bold');
  doc.setFontSize(7);
  doc.text('Prescription (FP10 layout): record copy', origin.x + 3, origin.y + height - 2.5);
  drawAligned(doc, form.recordCopy.reference, origin.x + width - 3, origin.y + height - 2.5, 'right');
}

function footer(doc: jsPDF, form: PrescriptionFormContent, origin: OriginMm): void {
  const { reference, printed, validUntil, transliterated } = form.recordCopy;
  const left = 20;
  const width = A4_MM.width - 2 * left;
  let y = origin.y + FP10SS_PRESCRIPTION_MM.height + 8;
  doc.setFont('helvetica', 'normal');
  doc.setFontSize(9);
  colour(doc, TEXT);
  const lines = [
    `${reference}   ·   Form ${form.formNumber} of ${form.formCount}   ·   ${printed}   ·   ${validUntil}`,
    'This copy records what was prescribed, for the practice record and for re-entry into the clinical system. Only an FP10 form signed in ink by the prescriber can be dispensed.',
  ];
  if (transliterated) {
    lines.push('Some letters cannot be printed in this PDF and are shown transliterated: the record on the device keeps the exact spelling.');
  }
  for (const line of lines.flatMap((text) => wrapText(doc, text, width))) {
    doc.text(line, left, y);
    y += 4.2;
  }
  doc.setFont('helvetica', 'bold');
  doc.setFontSize(14);
  colour(doc, WARNING_RED);
  drawAligned(doc, RECORD_COPY_MARK, A4_MM.width / 2, y + 6, 'center');
}

/** Everything of the record copy except the fields, for one form (one page). */
export function drawPlainForm(doc: jsPDF, form: PrescriptionFormContent, origin: OriginMm): void {
  diagonalMark(doc, origin);
  heading(doc);
  formOutline(doc, form, origin);
  footer(doc, form, origin);
}
