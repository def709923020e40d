/**
 * What a printed prescription says, form by form, apart from where it goes: the patient, the
 * items with their quantities (in words and figures for Schedule 2 and 3), the days' treatment,
 * the prescriber and the date. Plain domain data in, strings out; no jsPDF, so the wording is
 * tested without loading it. Where the strings go is fp10-layout.ts; drawing is fp10-fields.ts.
 */
import { formatNhsNumber } from '../domain/nhs-number';
import { formatIsoDateUk, patientFullName, type Patient } from '../domain/patient';
import type { Practice } from '../domain/practice';
import { formatCalendarDateUk, londonCalendarDate } from '../domain/prescribing/calendar-date';
import { canPrint, checkPrescription, type PrescriptionCheckContext } from '../domain/prescribing/legal-checks';
import { quantityInFigures, quantityInWordsAndFigures } from '../domain/prescribing/number-words';
import { effectiveSchedule, needsControlledDrugWriting, type Prescription, type PrescriptionItem } from '../domain/prescribing/prescription';
import { ageToPrint, prescriptionValidUntil, splitIntoForms } from '../domain/prescribing/validity';
import type { StaffMember } from '../domain/staff';
import { formatUkDateTime } from '../domain/time';
import { shortRecordId } from './file-names';
import { ITEMS_PER_FORM, MAX_CALIBRATION_OFFSET_MM } from './fp10-layout';
import { toWinAnsi } from './win-ansi';

export type PrescriptionPrintMode = 'fp10ss' | 'plain';

/** Millimetres added to every field position in fp10ss mode: +x moves right, +y moves down. */
export interface PrintCalibration {
  offsetXmm: number;
  offsetYmm: number;
}

export interface PrescriptionPdfInput {
  prescription: Prescription;
  patient: Patient;
  practice: Practice;
  prescriber: StaffMember;
  mode: PrescriptionPrintMode;
  calibration: PrintCalibration;
  printedAt: Date;
}

/** Why a prescription was not printed: the message says what to do. */
export class PrescriptionPrintRefused extends Error {
  override readonly name = 'PrescriptionPrintRefused';

  constructor(
    readonly reason: 'cancelled' | 'checks-failed' | 'does-not-fit' | 'bad-calibration',
    message: string,
  ) {
    super(message);
  }
}

/** One item as printed: what, how much, how to take it, for how long. */
export interface PrintedItem {
  title: string;
  quantity: string;
  dose: string;
  days: string;
}

/** One line of a block: parts joined by ", " and broken between them first ("1 Mill Lane", "Leeds"). */
export type TextEntry = readonly string[];

export interface PrescriptionFormContent {
  formNumber: number;
  formCount: number;
  /** Fields of one line. Empty when there is nothing to print (no NHS number, aged 12 or over). */
  lines: {
    age: string;
    dateOfBirth: string;
    patientPostcode: string;
    nhsNumber: string;
    daysTreatment: string;
    formCounter: string;
    date: string;
  };
  /** Fields of several lines. */
  blocks: {
    patientName: readonly TextEntry[];
    patientAddress: readonly TextEntry[];
    prescriber: readonly TextEntry[];
    prescriberCodes: readonly TextEntry[];
  };
  items: readonly PrintedItem[];
  /** What the plain-paper record copy adds under the form. */
  recordCopy: { reference: string; printed: string; validUntil: string; transliterated: boolean };
}

export const RECORD_COPY_MARK = 'Record copy: not valid for dispensing';
export const NO_MORE_ITEMS = 'No more items on this form';
const SEE_ITEMS = 'See items';

/** "Morphine sulfate 10 mg modified-release tablets": name, strength and form as prescribed. */
function itemTitle(item: PrescriptionItem): string {
  return [item.medicineName, item.strength, item.form].map((part) => part.trim()).filter((part) => part !== '').join(' ');
}

/**
 * "56 (fifty-six) capsules" for Schedule 2 and 3 (Misuse of Drugs Regulations 2001 reg. 15),
 * with the words the prescriber confirmed; "21 capsules" otherwise.
 */
function printedQuantity(item: PrescriptionItem): string {
  if (needsControlledDrugWriting(effectiveSchedule(item))) {
    const words = quantityInWordsAndFigures(item.quantity, item.quantityUnit, item.quantityInWords === '' ? undefined : item.quantityInWords);
    if (words.ok) return words.text;
  }
  return quantityInFigures(item.quantity, item.quantityUnit);
}

function daysText(days: number): string {
  return `${days} ${days === 1 ? "day's" : "days'"} treatment`;
}

function printedItem(item: PrescriptionItem): PrintedItem {
  return { title: itemTitle(item), quantity: `Quantity: ${printedQuantity(item)}`, dose: item.dose.trim(), days: daysText(item.daysTreatment) };
}

/** The entries of an address: each typed line, split at its commas. */
function addressEntries(address: string): TextEntry[] {
  return address
    .split('\n')
    .map((line) => line.split(',').map((part) => part.trim()).filter((part) => part !== ''))
    .filter((parts) => parts.length > 0);
}

function prescriberEntries(input: PrescriptionPdfInput): TextEntry[] {
  const { name, prescriberKind } = input.prescriber.data;
  const practice = input.practice.data;
  const entries: TextEntry[] = [[name], [prescriberKind], [practice.name], ...addressEntries(practice.address), [practice.postcode]];
  if (practice.phone !== '') entries.push([`Tel ${practice.phone}`]);
  return entries.filter((parts) => parts.some((part) => part.trim() !== ''));
}

function prescriberCodes(input: PrescriptionPdfInput): TextEntry[] {
  const { professionalBody, registrationNumber } = input.prescriber.data;
  const entries: TextEntry[] = [];
  if (registrationNumber !== '') entries.push([`${professionalBody} ${registrationNumber}`.trim()]);
  if (input.practice.data.odsCode !== '') entries.push([`ODS ${input.practice.data.odsCode}`]);
  return entries;
}

/** The days' treatment box holds one number: the items' own when they agree, else "See items". */
function formDays(items: readonly PrescriptionItem[]): string {
  const days = new Set(items.map((item) => item.daysTreatment));
  const [only] = days;
  return days.size === 1 && only !== undefined ? String(only) : SEE_ITEMS;
}

function anyTransliterated(texts: readonly string[]): boolean {
  return texts.some((text) => toWinAnsi(text).altered);
}

/** The content of every form the prescription prints on, in order: at most four items on each. */
export function prescriptionFormContents(input: PrescriptionPdfInput): PrescriptionFormContent[] {
  const { prescription, patient } = input;
  const issuedAt = prescription.data.issuedAt;
  const p = patient.data;
  const groups = splitIntoForms(prescription.data.items, ITEMS_PER_FORM);
  const patientName = patientFullName(p);
  const prescriber = prescriberEntries(input);
  return groups.map((items, index) => {
    const printed = items.map(printedItem);
    const transliterated = anyTransliterated([patientName, p.address, ...prescriber.flat(), ...printed.flatMap((item) => [item.title, item.dose])]);
    return {
      formNumber: index + 1,
      formCount: groups.length,
      lines: {
        age: ageToPrint(p.dateOfBirth, issuedAt) ?? '',
        dateOfBirth: formatIsoDateUk(p.dateOfBirth),
        patientPostcode: p.postcode,
        nhsNumber: p.nhsNumber === '' ? '' : formatNhsNumber(p.nhsNumber),
        daysTreatment: formDays(items),
        formCounter: groups.length > 1 ? `Form ${index + 1} of ${groups.length}` : '',
        date: formatCalendarDateUk(londonCalendarDate(issuedAt)),
      },
      blocks: {
        patientName: [[patientName]],
        patientAddress: addressEntries(p.address),
        prescriber,
        prescriberCodes: prescriberCodes(input),
      },
      items: printed,
      recordCopy: {
        reference: `Lifeboat prescription ${shortRecordId(prescription.id)}`,
        printed: `Printed ${formatUkDateTime(input.printedAt)}`,
        validUntil: `Valid until ${formatCalendarDateUk(prescriptionValidUntil(issuedAt, items.map(effectiveSchedule)))}`,
        transliterated,
      },
    };
  });
}

/** The facts the legal checks need, as the patient, prescriber and practice records hold them. */
function checkContext(input: PrescriptionPdfInput): PrescriptionCheckContext {
  const { patient, prescriber, practice } = input;
  return {
    date: new Date(input.prescription.data.issuedAt),
    patient: { name: patientFullName(patient.data), address: patient.data.address, postcode: patient.data.postcode, dateOfBirth: patient.data.dateOfBirth },
    prescriber: {
      name: prescriber.data.name,
      prescriberKind: prescriber.data.prescriberKind,
      professionalBody: prescriber.data.professionalBody,
      registrationNumber: prescriber.data.registrationNumber,
    },
    practice: { name: practice.data.name, address: practice.data.address, postcode: practice.data.postcode, phone: practice.data.phone },
  };
}

function checkOffset(value: number, what: string): void {
  if (!Number.isFinite(value) || Math.abs(value) > MAX_CALIBRATION_OFFSET_MM) {
    throw new PrescriptionPrintRefused(
      'bad-calibration',
      `The ${what} alignment offset must be a number of millimetres from -${MAX_CALIBRATION_OFFSET_MM} to ${MAX_CALIBRATION_OFFSET_MM}, not ${value}: check the printer alignment settings`,
    );
  }
}

/** Throws when the offsets are not numbers of millimetres a printer could drift by. */
export function checkCalibration(calibration: PrintCalibration): void {
  checkOffset(calibration.offsetXmm, 'horizontal');
  checkOffset(calibration.offsetYmm, 'vertical');
}

/**
 * Throws when the prescription must not print: a cancelled prescription never prints as one
 * (it stays visible on screen with its reason); onto FP10SS stationery, every legal check must
 * pass (legal-checks.ts), as the screen already required, so a form is never spent on a
 * prescription a pharmacy would turn away. A plain-paper record copy is not a prescription, so
 * it prints whatever was recorded (a paper prescription logged afterwards may lack a dose).
 */
export function refusePrinting(input: PrescriptionPdfInput): void {
  const { prescription } = input;
  if (prescription.status === 'cancelled') {
    const reason = prescription.data.cancellationReason === '' ? '' : ` (${prescription.data.cancellationReason})`;
    throw new PrescriptionPrintRefused(
      'cancelled',
      `This prescription was cancelled${reason}, so it cannot be printed: a cancelled prescription must never reach a pharmacy. Print its replacement instead.`,
    );
  }
  if (input.mode !== 'fp10ss') return;
  checkCalibration(input.calibration);
  const errors = checkPrescription(prescription.data, checkContext(input)).filter((problem) => problem.severity === 'error');
  if (!canPrint(errors)) {
    throw new PrescriptionPrintRefused(
      'checks-failed',
      `This prescription cannot be printed on an FP10SS form until it passes the legal checks: ${errors.map((problem) => problem.message).join('; ')}`,
    );
  }
}
