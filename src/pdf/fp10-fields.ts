import type { jsPDF } from 'jspdf';
import { anchorX, FIRST_BASELINE_MM, FP10SS_FIELDS, type Fp10Field, type OriginMm } from './fp10-layout';
import { drawAligned, drawnWidth, packParts, printable, wrapText } from './pdf-text';
import { NO_MORE_ITEMS, PrescriptionPrintRefused, type PrescriptionFormContent, type PrintedItem, type TextEntry } from './prescription-content';

/**
 * Draws one form's fields where FP10SS_FIELDS puts them, shifted by `origin` (the calibration
 * offsets on stationery, the form's place on the page for the record copy). Helvetica bold, black,
 * as the overprint rules ask. Text never leaves its box: a field shrinks (down to 6.5 pt, items to
 * 7.5 pt), wraps where it may, and otherwise the print is refused with a message that says what
 * to shorten, because a clipped dose or address on a prescription is worse than none.
 */

const PT_PER_MM = 72 / 25.4;
const LINE_FACTOR = 1.15;
/** Helvetica's descender and capital height, as fractions of the font size. */
const DESCENT = 0.21;
const CAP_HEIGHT = 0.72;
const FIELD_SIZES = [8, 7.5, 7, 6.5] as const;
const ITEM_SIZES = [9, 8.5, 8, 7.5] as const;
/** Space between an item's last line and the rule under it, and between the rule and the next item. */
const ITEM_GAP_MM = 1.2;
/** Below this, the rest of the items area is too small to be worth striking through. */
const MIN_BLANK_OUT_MM = 4;

type LineFieldKey = keyof PrescriptionFormContent['lines'];
type BlockFieldKey = keyof PrescriptionFormContent['blocks'];

const TOO_LONG: Record<LineFieldKey | BlockFieldKey, string> = {
  age: "The patient's age does not fit the age box",
  dateOfBirth: 'The date of birth does not fit its box',
  patientPostcode: "The patient's postcode does not fit its box: check it in the patient's details",
  nhsNumber: 'The NHS number does not fit its box',
  daysTreatment: "The days' treatment does not fit its box",
  formCounter: 'The form number does not fit its place',
  date: 'The date does not fit the date box',
  patientName: "The patient's name is too long for the name box on the form, even in small print",
  patientAddress: "The patient's address is too long for the address box on the form: shorten it in the patient's details (4 lines at most)",
  prescriber: "The prescriber's name and practice address do not fit the prescriber box: shorten the practice address in Practice settings",
  prescriberCodes: 'The registration number and ODS code do not fit their box',
};

function mm(pt: number): number {
  return pt / PT_PER_MM;
}

function lineHeight(size: number): number {
  return mm(size * LINE_FACTOR);
}

function setFont(doc: jsPDF, size: number): void {
  doc.setFont('helvetica', 'bold');
  doc.setFontSize(size);
  doc.setTextColor(0, 0, 0);
}

/** True when `lines` lines in `size` fit the height of the box below its first baseline. */
function fitsHeight(lines: number, size: number, height: number): boolean {
  return FIRST_BASELINE_MM + (lines - 1) * lineHeight(size) + mm(size * DESCENT) <= height + 1e-9;
}

function drawAt(doc: jsPDF, text: string, field: Fp10Field, origin: OriginMm, baseline: number): void {
  drawAligned(doc, text, origin.x + anchorX(field), origin.y + field.y + baseline, field.align);
}

function drawLineField(doc: jsPDF, key: LineFieldKey, value: string, origin: OriginMm): void {
  if (value === '') return;
  const field = FP10SS_FIELDS[key];
  const text = printable(value);
  const size = FIELD_SIZES.find((candidate) => {
    setFont(doc, candidate);
    return drawnWidth(doc, text) <= field.width;
  });
  if (size === undefined) throw new PrescriptionPrintRefused('does-not-fit', `${TOO_LONG[key]}: "${value}"`);
  setFont(doc, size);
  drawAt(doc, text, field, origin, FIRST_BASELINE_MM);
}

function blockLines(doc: jsPDF, entries: readonly TextEntry[], width: number, size: number): string[] {
  setFont(doc, size);
  return entries.flatMap((parts) => packParts(doc, parts, width));
}

/**
 * Draws a field of several lines at the largest size that fits. A name shrinks before it wraps
 * (the overprint rules ask that names are not wrapped): a wrap is the last resort.
 */
function drawBlockField(doc: jsPDF, key: BlockFieldKey, entries: readonly TextEntry[], origin: OriginMm, shrinkBeforeWrap = false): void {
  if (entries.length === 0) return;
  const field = FP10SS_FIELDS[key];
  const layouts = FIELD_SIZES.map((size) => ({ size, lines: blockLines(doc, entries, field.width, size) }));
  const fitting = layouts.filter(({ size, lines }) => fitsHeight(lines.length, size, field.height));
  const chosen = (shrinkBeforeWrap ? fitting.find(({ lines }) => lines.length === entries.length) : undefined) ?? fitting[0];
  if (chosen === undefined) throw new PrescriptionPrintRefused('does-not-fit', TOO_LONG[key]);
  setFont(doc, chosen.size);
  chosen.lines.forEach((line, index) => drawAt(doc, line, field, origin, FIRST_BASELINE_MM + index * lineHeight(chosen.size)));
}

interface ItemsLayout {
  size: number;
  lines: { text: string; baseline: number }[];
  /** Where the rule under each item goes, mm below the top of the field. */
  rules: number[];
  /** The baseline of "No more items on this form". */
  end: number;
}

function itemLines(doc: jsPDF, item: PrintedItem, width: number): string[] {
  return [item.title, item.quantity, item.dose, item.days].filter((text) => text.trim() !== '').flatMap((text) => wrapText(doc, text, width));
}

function layoutItems(doc: jsPDF, items: readonly PrintedItem[], size: number): ItemsLayout | null {
  const field = FP10SS_FIELDS.items;
  setFont(doc, size);
  const step = lineHeight(size);
  const layout: ItemsLayout = { size, lines: [], rules: [], end: 0 };
  let baseline = FIRST_BASELINE_MM;
  for (const item of items) {
    for (const text of itemLines(doc, item, field.width)) {
      layout.lines.push({ text, baseline });
      baseline += step;
    }
    const rule = baseline - step + mm(size * DESCENT) + ITEM_GAP_MM;
    layout.rules.push(rule);
    baseline = rule + ITEM_GAP_MM + mm(size * CAP_HEIGHT);
  }
  layout.end = baseline;
  return baseline + mm(size * DESCENT) <= field.height ? layout : null;
}

/**
 * The items, each followed by a rule, then "No more items on this form" and a line struck through
 * the empty rest of the area, so nothing can be added by hand after printing.
 */
function drawItems(doc: jsPDF, form: PrescriptionFormContent, origin: OriginMm): void {
  const field = FP10SS_FIELDS.items;
  const layout = ITEM_SIZES.map((size) => layoutItems(doc, form.items, size)).find((candidate) => candidate !== null);
  if (!layout) {
    throw new PrescriptionPrintRefused(
      'does-not-fit',
      `The medicines on form ${form.formNumber} do not fit the items area of an FP10 form, even in small print: shorten the dose directions, or put some medicines on another prescription`,
    );
  }
  setFont(doc, layout.size);
  for (const line of layout.lines) drawAt(doc, line.text, field, origin, line.baseline);
  const left = origin.x + field.x;
  const top = origin.y + field.y;
  doc.setDrawColor(0, 0, 0);
  doc.setLineWidth(0.2);
  for (const rule of layout.rules) doc.line(left, top + rule, left + field.width, top + rule);
  drawAligned(doc, NO_MORE_ITEMS, left + field.width / 2, top + layout.end, 'center');
  const blankFrom = layout.end + mm(layout.size * DESCENT) + 1;
  if (field.height - blankFrom >= MIN_BLANK_OUT_MM) doc.line(left, top + blankFrom, left + field.width, top + field.height);
}

/** Every field of one form, at `origin` plus the positions of FP10SS_FIELDS. */
export function drawFields(doc: jsPDF, form: PrescriptionFormContent, origin: OriginMm): void {
  for (const key of Object.keys(form.lines) as LineFieldKey[]) drawLineField(doc, key, form.lines[key], origin);
  drawBlockField(doc, 'patientName', form.blocks.patientName, origin, true);
  drawBlockField(doc, 'patientAddress', form.blocks.patientAddress, origin);
  drawBlockField(doc, 'prescriber', form.blocks.prescriber, origin);
  drawBlockField(doc, 'prescriberCodes', form.blocks.prescriberCodes, origin);
  drawItems(doc, form, origin);
}
