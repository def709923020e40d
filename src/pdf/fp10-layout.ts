/**
 * Where everything sits on an FP10SS prescription form: the one table of field positions that
 * the stationery print, the plain-paper record copy and the alignment test print all draw from.
 * No jsPDF here, so the settings screen can show the fields and limits without loading it.
 *
 * Units: millimetres from the top-left corner of the FP10SS sheet, y growing downwards.
 *
 * The sheet, and what this table relies on:
 * - The layout authority is NHS Prescription Services, "Overprint Specification for FP10SS Forms",
 *   version 1.0, August 2016 (BRIEF.md). The copy we could reach showed its contents but not its
 *   measurements, so the positions below are not copied from it: they are Lifeboat's own, and
 *   the alignment test print is how a practice checks them against its real forms.
 * - The FP10SS has the prescription on the left and a plain right-hand side (NHS Digital EPS
 *   dispensing-token guidance: "Both the FP10SS and FP10DT stationery have a plain right hand
 *   side"). OpenEyes (AppertaFoundation/openeyes, protected/modules/OphDrPrescription/assets/css/
 *   fpten.css) overprints it as two 105 mm columns side by side, so the sheet is taken as A4
 *   width, 210 mm, with the prescription in the left 105 mm. On that half OpenEyes puts, inside a
 *   3 mm inset: age and date of birth in a 19 mm column 34 mm from the left, the patient's name
 *   and address from 55 mm, the items in a 59 mm by 78 mm area 30 mm from the left under them,
 *   the date at 61 mm under the items, and the prescriber's name and address in a 45 mm box at
 *   the bottom, about 170 mm down. The regions below follow that plan, not its exact numbers.
 * - The same NHS Digital guidance (which follows the FP10SS specification) gives the print rules
 *   used here: Arial bold (here Helvetica bold), 7.5 pt for patient and prescriber details and
 *   7.5 to 10 pt for items; the NHS number right-aligned 5 mm from the edge of the prescription;
 *   dates as dd/mm/yyyy; each item's dose on its own line and a rule between items; unused item
 *   lines struck out; the quantity of a Schedule 2 or 3 drug in words and figures. Two departures,
 *   both to print rather than refuse: details are set in 8 pt and shrink to 6.5 pt to fit a long
 *   name or address, and a name wraps as a last resort (the guidance asks for no wrapping).
 * - The sheet's height is not pinned by any source we could read; nothing here is placed below
 *   170 mm. The PDF page is A4 portrait: the sheet is fed top edge first against the tray's side
 *   guide, so every field lands at the same distance from its top-left corner whatever its height.
 * - Printers place a page to within about 1.5 mm (BRIEF.md), hence a per-device `PrintCalibration`.
 *   The page must print at actual size (100 %, "Fit to page" off): the test print has a 100 mm bar.
 *
 * Items per form: at most four in England (Cegedim Vision "Prescription Printing and Regulations";
 * validity.ts MAX_ITEMS_PER_FORM_ENGLAND, which the legal checks' "prints on N forms" warning
 * uses too). Scotland allows three, on its own form.
 */
import { MAX_ITEMS_PER_FORM_ENGLAND } from '../domain/prescribing/validity';

export interface MmBox {
  /** Left edge, mm from the left edge of the sheet. */
  x: number;
  /** Top edge, mm from the top edge of the sheet. */
  y: number;
  width: number;
  height: number;
}

/** Where the sheet's top-left corner lands on the page, in mm. */
export interface OriginMm {
  x: number;
  y: number;
}

export type FieldAlign = 'left' | 'center' | 'right';

export interface Fp10Field extends MmBox {
  /** What the alignment test print writes beside the field's mark. */
  label: string;
  /** Where in the box the text sits across: from the left edge, on the centre, to the right edge. */
  align: FieldAlign;
}

/** A4, the PDF page for both modes. */
export const A4_MM = { width: 210, height: 297 } as const;

/** The FP10SS sheet: A4 width; the height is nominal (see above). */
export const FP10SS_SHEET_MM = { width: 210, height: 177 } as const;

/** The left half of the sheet, the prescription itself; the perforation runs down its right edge. */
export const FP10SS_PRESCRIPTION_MM = { width: 105, height: 177 } as const;

/** The first line of a field has its baseline this far below the top of the field's box. */
export const FIRST_BASELINE_MM = 3;

/** How many items one FP10SS form holds in England. */
export const ITEMS_PER_FORM: number = MAX_ITEMS_PER_FORM_ENGLAND;

/** Offsets beyond this many millimetres mean the wrong paper or a scaling printer, not drift. */
export const MAX_CALIBRATION_OFFSET_MM = 25;

/**
 * The fields Lifeboat prints, each in its box on the form. Text starts `FIRST_BASELINE_MM` below
 * the top of the box, at the left edge, the centre or the right edge as `align` says, and never
 * leaves the box: it shrinks, wraps where the field allows, or the print is refused.
 */
export const FP10SS_FIELDS = {
  age: { label: 'Age (printed under 12)', x: 34, y: 7.5, width: 19, height: 5, align: 'center' },
  dateOfBirth: { label: 'Date of birth', x: 34, y: 20, width: 19, height: 5, align: 'center' },
  patientName: { label: 'Patient name', x: 56, y: 6.5, width: 44, height: 7.5, align: 'left' },
  patientAddress: { label: 'Patient address', x: 56, y: 14, width: 44, height: 13, align: 'left' },
  patientPostcode: { label: 'Postcode', x: 56, y: 28, width: 22, height: 4, align: 'left' },
  nhsNumber: { label: 'NHS number', x: 78, y: 28, width: 22, height: 4, align: 'right' },
  daysTreatment: { label: "Days' treatment", x: 86, y: 39.5, width: 15, height: 5, align: 'center' },
  items: { label: 'Items (medicine, quantity, dose)', x: 36, y: 48, width: 64, height: 72, align: 'left' },
  formCounter: { label: 'Form N of M', x: 36, y: 121, width: 64, height: 4, align: 'right' },
  date: { label: 'Date', x: 77, y: 132, width: 25, height: 5, align: 'center' },
  prescriber: { label: 'Prescriber, practice address, phone', x: 21, y: 144, width: 52, height: 25, align: 'left' },
  prescriberCodes: { label: 'Registration, ODS code', x: 77.5, y: 144, width: 24, height: 10, align: 'left' },
} as const satisfies Record<string, Fp10Field>;

export type Fp10FieldKey = keyof typeof FP10SS_FIELDS;

export interface Fp10Region extends MmBox {
  /** The printed caption, as the record copy draws it; line breaks kept. */
  label: string;
}

/**
 * What the stationery has printed on it already: drawn only on the plain-paper record copy and,
 * dashed, on the alignment test print. The signature box stays empty in both: the signature is
 * always ink (Human Medicines Regulations 2012, reg. 217).
 */
export const FP10SS_REGIONS = {
  pharmacyStamp: { label: 'Pharmacy stamp', x: 3, y: 3, width: 30, height: 33 },
  age: { label: 'Age', x: 34, y: 3, width: 19, height: 10 },
  dateOfBirth: { label: 'D.o.B', x: 34, y: 14, width: 19, height: 22 },
  patient: { label: 'Title, forename, surname & address', x: 54, y: 3, width: 48, height: 33 },
  daysTreatment: { label: "Number of days' treatment\nN.B. Ensure dose is stated", x: 34, y: 37, width: 68, height: 9 },
  endorsements: { label: 'Endorsements', x: 3, y: 37, width: 30, height: 103 },
  items: { label: '', x: 34, y: 47, width: 68, height: 79 },
  signature: { label: 'Signature of prescriber', x: 34, y: 127, width: 42, height: 13 },
  date: { label: 'Date', x: 77, y: 127, width: 25, height: 13 },
  dispenser: { label: 'For\ndispenser\nNo. of\nPrescns.\non form', x: 3, y: 141, width: 15, height: 29 },
  prescriber: { label: "Prescriber's name, address and telephone", x: 19, y: 141, width: 56, height: 29 },
  prescriberCodes: { label: 'Codes', x: 76, y: 141, width: 26, height: 29 },
} as const satisfies Record<string, Fp10Region>;

/** Where the record copy puts the sheet's top-left corner on plain A4: centred, under the heading. */
export const PLAIN_FORM_ORIGIN_MM = { x: (A4_MM.width - FP10SS_PRESCRIPTION_MM.width) / 2, y: 42 } as const;

/** The x of the text anchor: the left edge, the centre or the right edge of the field's box. */
export function anchorX(field: Fp10Field): number {
  if (field.align === 'center') return field.x + field.width / 2;
  return field.align === 'right' ? field.x + field.width : field.x;
}

/** The baseline of the first line of a field. */
export function firstBaseline(field: MmBox): number {
  return field.y + FIRST_BASELINE_MM;
}
