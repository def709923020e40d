import type { jsPDF } from 'jspdf';
import { anchorX, firstBaseline, FP10SS_FIELDS, FP10SS_REGIONS, type FieldAlign, type OriginMm } from './fp10-layout';
import { drawAligned, drawnWidth, wrapText } from './pdf-text';
import type { PrintCalibration } from './prescription-content';

/**
 * The alignment test print: every field's box, a cross where its first line starts, its name just
 * above, at exactly the positions (offsets included) a prescription would print, over the form's
 * own boxes dashed, with instructions and a 100 mm bar to catch a printer that scales the page.
 */

type Rgb = readonly [number, number, number];
const MARK_BLUE: Rgb = [0, 94, 184];
const FORM_GREY: Rgb = [150, 160, 166];
const TEXT: Rgb = [33, 43, 50];
const CROSS_MM = 2.5;

export const CALIBRATION_TITLE = 'FP10SS alignment test';

function setColour(doc: jsPDF, rgb: Rgb): void {
  doc.setDrawColor(rgb[0], rgb[1], rgb[2]);
  doc.setTextColor(rgb[0], rgb[1], rgb[2]);
}

/** "+3.0 mm", "-2.0 mm", "0.0 mm". */
export function formatOffset(mm: number): string {
  const fixed = mm.toFixed(1);
  return mm > 0 ? `+${fixed} mm` : `${fixed === '-0.0' ? '0.0' : fixed} mm`;
}

function preprinted(doc: jsPDF, origin: OriginMm): void {
  setColour(doc, FORM_GREY);
  doc.setLineWidth(0.2);
  doc.setLineDashPattern([1, 1], 0);
  doc.setFont('helvetica', 'normal');
  doc.setFontSize(4.5);
  for (const [key, box] of Object.entries(FP10SS_REGIONS)) {
    doc.rect(origin.x + box.x, origin.y + box.y, box.width, box.height, 'S');
    if (key === 'signature') doc.text('Signature: leave empty, sign in ink', origin.x + box.x + 1, origin.y + box.y + box.height - 1.2);
  }
  doc.setLineDashPattern([], 0);
}

/** A label on a white ground, so the form's dashed lines never run through it. */
function label(doc: jsPDF, text: string, x: number, baseline: number, align: FieldAlign): void {
  const width = drawnWidth(doc, text);
  const left = align === 'center' ? x - width / 2 : align === 'right' ? x - width : x;
  doc.setFillColor(255, 255, 255);
  doc.rect(left - 0.3, baseline - 1.6, width + 0.6, 2, 'F');
  drawAligned(doc, text, x, baseline, align);
}

function fieldMarks(doc: jsPDF, origin: OriginMm): void {
  setColour(doc, MARK_BLUE);
  doc.setFont('helvetica', 'normal');
  doc.setFontSize(5);
  for (const field of Object.values(FP10SS_FIELDS)) {
    const x = origin.x + anchorX(field);
    const y = origin.y + firstBaseline(field);
    doc.setLineWidth(0.15);
    doc.rect(origin.x + field.x, origin.y + field.y, field.width, field.height, 'S');
    doc.setLineWidth(0.25);
    doc.line(x - CROSS_MM, y, x + CROSS_MM, y);
    doc.line(x, y - CROSS_MM, x, y + CROSS_MM);
    label(doc, field.label, x, origin.y + field.y - 0.6, field.align);
  }
}

function instructions(doc: jsPDF, calibration: PrintCalibration): void {
  const left = 112;
  const width = 88;
  let y = 16;
  setColour(doc, TEXT);
  doc.setFont('helvetica', 'bold');
  doc.setFontSize(13);
  doc.text(CALIBRATION_TITLE, left, y);
  y += 7;
  doc.setFontSize(9);
  doc.text(`Horizontal offset ${formatOffset(calibration.offsetXmm)}, vertical offset ${formatOffset(calibration.offsetYmm)}`, left, y);
  y += 6;
  doc.setFont('helvetica', 'normal');
  doc.setFontSize(8);
  const steps = [
    '1. Print this page at actual size (100%): turn off "Fit to page" or "Shrink to fit" in the print dialog.',
    '2. Print it on plain paper, lay it on an unused FP10SS form and hold both up to the light. Printing it on a form spoils that form: record its serial as spoiled in the FP10 register.',
    '3. Each blue box should sit inside the matching box of the form, and each blue cross where that field starts. Grey dashed boxes are what the form has printed on it.',
    '4. Marks too far left: increase the horizontal offset by the gap in mm; too far right: decrease it. Marks too high: increase the vertical offset; too low: decrease it. Then print this test again.',
    '5. The bar at the bottom must measure exactly 100 mm. If it does not, the printer is scaling the page, and no offset can fix that.',
  ];
  for (const line of steps.flatMap((step) => [...wrapText(doc, step, width), ''])) {
    if (line !== '') doc.text(line, left, y);
    y += line === '' ? 1.8 : 3.6;
  }
}

function scaleBar(doc: jsPDF): void {
  const left = 10;
  const y = 200;
  setColour(doc, TEXT);
  doc.setLineWidth(0.3);
  doc.line(left, y, left + 100, y);
  doc.setFont('helvetica', 'normal');
  doc.setFontSize(6);
  for (let mm = 0; mm <= 100; mm += 10) {
    doc.line(left + mm, y, left + mm, y - (mm % 50 === 0 ? 4 : 2));
    drawAligned(doc, String(mm), left + mm, y + 3, 'center');
  }
  drawAligned(doc, '100 mm at actual size', left + 50, y + 7, 'center');
}

/** The test page, drawn into an empty A4 document measured in millimetres. */
export function drawCalibrationPage(doc: jsPDF, calibration: PrintCalibration): void {
  const origin = { x: calibration.offsetXmm, y: calibration.offsetYmm };
  preprinted(doc, origin);
  fieldMarks(doc, origin);
  instructions(doc, calibration);
  scaleBar(doc);
}
