/**
 * The checks run before a prescription prints, so that a pharmacy will accept it. Each problem
 * names the field it belongs beside and says, in plain words, what is missing.
 * - Any prescription-only medicine: Human Medicines Regulations 2012 reg. 217
 *   (https://www.legislation.gov.uk/uksi/2012/1916/regulation/217).
 * - Schedule 2 and 3 controlled drugs: Misuse of Drugs Regulations 2001 regs 15 and 16
 *   (https://www.legislation.gov.uk/uksi/2001/3998/regulation/15, .../regulation/16).
 * - Schedule 2, 3 and 4: no more than 30 days' supply (DHSC good practice).
 */
import type { PracticeDetails } from '../practice';
import type { PrescriberKind, ProfessionalBody } from '../staff';
import { isCalendarDate, londonCalendarDate, daysBetween } from './calendar-date';
import { checkItem, type PrescriptionProblem } from './item-checks';
import { effectiveSchedule, needsControlledDrugWriting, type PrescriptionDetails } from './prescription';
import { MAX_ITEMS_PER_FORM_ENGLAND, splitIntoForms } from './validity';

export type { PrescriptionProblem } from './item-checks';
export { checkItem, doseSaysHowMuch } from './item-checks';
export {
  ageToPrint,
  instalmentDispensingExplanation,
  isUnder12,
  prescriptionValidUntil,
  splitIntoForms,
  validUntil,
} from './validity';

export interface PrescriptionCheckContext {
  /** The date the prescription is dated and signed. */
  date: Date;
  patient: { name: string; address: string; postcode: string; dateOfBirth: string };
  prescriber: {
    name: string;
    prescriberKind: PrescriberKind | '';
    professionalBody: ProfessionalBody | '';
    registrationNumber: string;
  };
  practice: Pick<PracticeDetails, 'name' | 'address' | 'postcode' | 'phone'>;
}

export type PrescriptionToCheck = Pick<
  PrescriptionDetails,
  'items' | 'allergiesStatus' | 'allergies' | 'currentMedicinesStatus' | 'currentMedicines'
>;

const UK_POSTCODE = /^(GIR ?0AA|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})$/;
/** Jersey, Guernsey and the Isle of Man have postcodes of the same shape but are not in the UK. */
const CROWN_DEPENDENCY = /^(JE|GY|IM)\d/;

/** True for a postcode in the United Kingdom, like `LS1 4AP` (any case, space optional). */
export function isUkPostcode(postcode: string): boolean {
  const normalised = postcode.trim().toUpperCase().replace(/\s+/g, ' ');
  return UK_POSTCODE.test(normalised) && !CROWN_DEPENDENCY.test(normalised);
}

function error(path: string, message: string): PrescriptionProblem {
  return { path, severity: 'error', message };
}
function warning(path: string, message: string): PrescriptionProblem {
  return { path, severity: 'warning', message };
}

/** HMR 2012 reg. 217(4)(a) and (c): the prescriber's address and kind; the name and number to print. */
function prescriberChecks(context: PrescriptionCheckContext, controlled: boolean): PrescriptionProblem[] {
  const { practice, prescriber } = context;
  const problems: PrescriptionProblem[] = [];
  if (prescriber.name.trim() === '') problems.push(error('prescriber.name', "The prescriber's name is missing: add it in Staff"));
  if (prescriber.prescriberKind === '') {
    problems.push(error('prescriber.prescriberKind', 'The kind of prescriber (like Medical practitioner) is missing: choose it in Staff'));
  }
  if (prescriber.registrationNumber.trim() === '') {
    problems.push(warning('prescriber.registrationNumber', "The prescriber's professional registration number is missing: add it in Staff"));
  }
  if (practice.name.trim() === '') problems.push(warning('practice.name', 'The practice name is missing: add it in Practice settings'));
  if (practice.address.trim() === '') {
    problems.push(error('practice.address', "The prescriber's address is missing: add the practice address in Practice settings"));
  }
  if (practice.postcode.trim() === '') {
    problems.push(error('practice.postcode', "The practice postcode is missing: add it in Practice settings"));
  } else if (!isUkPostcode(practice.postcode)) {
    problems.push(
      controlled
        ? error('practice.postcode', `"${practice.postcode}" is not a UK postcode: a Schedule 2 or 3 controlled drug can only be supplied on a prescription with a UK prescriber address`)
        : warning('practice.postcode', `"${practice.postcode}" does not look like a UK postcode: check it in Practice settings`),
    );
  }
  if (practice.phone.trim() === '') problems.push(warning('practice.phone', 'The practice phone number is missing: the pharmacy uses it to check a query'));
  return problems;
}

/** HMR 2012 reg. 217(4)(b), (d) and (e): the date, the patient's name and address, the age if under 12. */
function patientAndDateChecks(context: PrescriptionCheckContext): PrescriptionProblem[] {
  const { patient } = context;
  const problems: PrescriptionProblem[] = [];
  const dated = !Number.isNaN(context.date.getTime());
  if (!dated) problems.push(error('date', 'The prescription has no valid date'));
  if (patient.name.trim() === '') problems.push(error('patient.name', "The patient's name is missing"));
  if (patient.address.trim() === '') problems.push(error('patient.address', "The patient's address is missing: a prescription needs it"));
  if (patient.postcode.trim() === '') problems.push(warning('patient.postcode', "The patient's postcode is missing"));
  if (patient.dateOfBirth.trim() === '') {
    problems.push(warning('patient.dateOfBirth', "The date of birth is missing: if the patient is under 12 their age must be on the prescription"));
  } else if (!isCalendarDate(patient.dateOfBirth)) {
    problems.push(error('patient.dateOfBirth', 'The date of birth is not a real date'));
  } else if (dated && daysBetween(patient.dateOfBirth, londonCalendarDate(context.date)) < 0) {
    problems.push(error('patient.dateOfBirth', 'The date of birth is after the date of the prescription'));
  }
  return problems;
}

/** Prescribing blind: every prescription records what was confirmed about allergies and medicines. */
function confirmationChecks(prescription: PrescriptionToCheck): PrescriptionProblem[] {
  const problems: PrescriptionProblem[] = [];
  if (prescription.allergiesStatus === 'confirmed' && prescription.allergies.trim() === '') {
    problems.push(error('allergies', 'Write the allergies the patient confirmed, like "No known drug allergies", or choose "Not known"'));
  }
  if (prescription.currentMedicinesStatus === 'confirmed' && prescription.currentMedicines.trim() === '') {
    problems.push(error('currentMedicines', 'Write the medicines the patient confirmed, like "None", or choose "Not known"'));
  }
  return problems;
}

/**
 * Every problem that would stop a pharmacy accepting the prescription (errors) or that the
 * clinician should see before printing (warnings), each with the path of its field. An empty
 * list means it can print. Signing in ink (reg. 217(2)) cannot be checked: see `printReminders`.
 */
export function checkPrescription(prescription: PrescriptionToCheck, context: PrescriptionCheckContext): PrescriptionProblem[] {
  const controlled = prescription.items.some((item) => needsControlledDrugWriting(effectiveSchedule(item)));
  const problems = [
    ...prescriberChecks(context, controlled),
    ...patientAndDateChecks(context),
    ...confirmationChecks(prescription),
  ];
  if (prescription.items.length === 0) problems.push(error('items', 'Add at least one medicine'));
  prescription.items.forEach((item, index) => problems.push(...checkItem(item, index)));
  const forms = splitIntoForms(prescription.items).length;
  if (forms > 1) {
    problems.push(
      warning('items', `${prescription.items.length} medicines will print on ${forms} forms (at most ${MAX_ITEMS_PER_FORM_ENGLAND} on each form in England): sign every form`),
    );
  }
  return problems;
}

/** True when nothing stops the prescription printing (warnings may remain). */
export function canPrint(problems: readonly PrescriptionProblem[]): boolean {
  return problems.every((problem) => problem.severity !== 'error');
}

/** What the prescriber must do by hand once the form is printed. */
export function printReminders(prescription: Pick<PrescriptionToCheck, 'items'>): string[] {
  const reminders = ['Sign each form in ink, in your usual signature (Human Medicines Regulations 2012, reg. 217).'];
  if (prescription.items.some((item) => needsControlledDrugWriting(effectiveSchedule(item)))) {
    reminders.push('Check each controlled drug quantity in words and figures before you sign.');
  }
  return reminders;
}
