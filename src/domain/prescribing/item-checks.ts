/**
 * The checks on one prescription item: the content a pharmacist needs for any medicine, and the
 * extra content Schedule 2 and 3 controlled drugs need (Misuse of Drugs Regulations 2001
 * reg. 15(1)(f): https://www.legislation.gov.uk/uksi/2001/3998/regulation/15).
 */
import { findControlledDrug, scheduleLabel } from './controlled-drugs';
import { parseQuantityWords, quantityInWordsAndFigures, QUANTITY_UNITS } from './number-words';
import {
  effectiveSchedule,
  listedSchedule,
  needsControlledDrugWriting,
  stricterSchedule,
  type PrescriptionItem,
} from './prescription';
import { CD_GOOD_PRACTICE_MAX_DAYS, isShortValiditySchedule } from './validity';

export interface PrescriptionProblem {
  /** The field the message sits beside: `items.0.dose`, `practice.postcode`. */
  path: string;
  /** An error stops printing; a warning is shown and the clinician decides. */
  severity: 'error' | 'warning';
  message: string;
}

/** A number, a number word, "half", "once"/"twice", or "a patch": something that says how much. */
const AMOUNT =
  /\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|half|once|twice|single)\b|\ban?\s+(?!(doses?|directed|doctor|gp|consultant|specialist|nurse|pharmacist|prescriber|hospital|clinic)\b)[a-z]+/i;
const AS_DIRECTED = /\b(as directed|as advised|as per|mdu|m\.d\.u)\b/i;
const AS_REQUIRED = /\b(as required|when required|as needed|when needed|if needed|prn|p\.r\.n)\b/i;

/** True when the dose says how much, not only "as directed" or "as required". */
export function doseSaysHowMuch(dose: string): boolean {
  return AMOUNT.test(dose);
}

function controlledDrugDoseMessage(dose: string, label: string): string {
  if (AS_REQUIRED.test(dose)) {
    return `"As required" on its own is not a dose for a ${label} controlled drug: say how much, how often and the most in 24 hours, like "One or two tablets every 6 hours when required, no more than 8 in 24 hours"`;
  }
  if (AS_DIRECTED.test(dose)) {
    return `"As directed" on its own is not a dose for a ${label} controlled drug: say how much and how often, like "One tablet twice a day"`;
  }
  return `The dose must say how much to take for a ${label} controlled drug, like "One tablet twice a day"`;
}

function basicChecks(item: PrescriptionItem, at: (field: string) => string): PrescriptionProblem[] {
  const problems: PrescriptionProblem[] = [];
  if (item.medicineName.trim() === '') {
    problems.push({ path: at('medicineName'), severity: 'error', message: 'Enter the medicine, like Amoxicillin' });
  }
  if (!(Number.isFinite(item.quantity) && item.quantity > 0)) {
    problems.push({ path: at('quantity'), severity: 'error', message: 'Enter the quantity as a number greater than 0, like 28' });
  }
  if (!(Number.isInteger(item.daysTreatment) && item.daysTreatment > 0)) {
    problems.push({ path: at('daysTreatment'), severity: 'error', message: "Enter the days' treatment as a whole number of days, like 28" });
  }
  return problems;
}

function ordinaryDoseChecks(item: PrescriptionItem, at: (field: string) => string): PrescriptionProblem[] {
  if (item.dose.trim() === '') {
    return [{ path: at('dose'), severity: 'warning', message: 'Add the dose and directions: they are printed after the medicine and on the pharmacy label' }];
  }
  if (!doseSaysHowMuch(item.dose)) {
    return [{ path: at('dose'), severity: 'warning', message: 'The dose does not say how much to take: the pharmacy label will not tell the patient' }];
  }
  return [];
}

function controlledDrugWritingChecks(item: PrescriptionItem, label: string, at: (field: string) => string): PrescriptionProblem[] {
  const problems: PrescriptionProblem[] = [];
  if (item.dose.trim() === '') {
    problems.push({ path: at('dose'), severity: 'error', message: `Enter the dose: a ${label} controlled drug needs it, like "One tablet twice a day"` });
  } else if (!doseSaysHowMuch(item.dose)) {
    problems.push({ path: at('dose'), severity: 'error', message: controlledDrugDoseMessage(item.dose, label) });
  }
  if (item.form.trim() === '') {
    problems.push({ path: at('form'), severity: 'error', message: `Enter the form, like tablets or oral solution: a ${label} controlled drug needs it even when only one form exists` });
  }
  if (item.strength.trim() === '') {
    problems.push({ path: at('strength'), severity: 'error', message: `Enter the strength, like 10 mg or 10 mg/5 mL: a ${label} controlled drug needs it` });
  }
  if (!(Number.isFinite(item.quantity) && item.quantity > 0)) return problems;
  const figures = quantityInWordsAndFigures(item.quantity, item.quantityUnit);
  if (!figures.ok) {
    problems.push({ path: at('quantity'), severity: 'error', message: `${figures.reason}: a ${label} controlled drug needs the total in words and figures` });
    return problems;
  }
  const unitWords = QUANTITY_UNITS[item.quantityUnit].many;
  if (item.quantityInWords.trim() === '') {
    problems.push({
      path: at('quantityInWords'),
      severity: 'error',
      message: `Write the total quantity in words as well as figures, like "${figures.words}" ${unitWords}: a ${label} controlled drug needs both`,
    });
    return problems;
  }
  const inWords = parseQuantityWords(item.quantityInWords);
  if (inWords === null) {
    problems.push({
      path: at('quantityInWords'),
      severity: 'error',
      message: `"${item.quantityInWords}" cannot be read as a number: write it like "${figures.words}"`,
    });
  } else if (inWords !== item.quantity) {
    problems.push({
      path: at('quantityInWords'),
      severity: 'error',
      message: `The words say ${inWords} but the figures say ${item.quantity}: make them agree`,
    });
  }
  return problems;
}

/**
 * Every problem with one item, each beside its field (`items.2.dose`). The schedule checked is the
 * stricter of what the prescriber marked and what the list of controlled drugs finds.
 */
export function checkItem(item: PrescriptionItem, index: number): PrescriptionProblem[] {
  const at = (field: string): string => `items.${index}.${field}`;
  const schedule = effectiveSchedule(item);
  const problems = basicChecks(item, at);

  const listed = listedSchedule(item);
  if (listed !== 'none' && item.controlledDrugSchedule !== listed && stricterSchedule(item.controlledDrugSchedule, listed) === listed) {
    const match = findControlledDrug(`${item.medicineName} ${item.strength} ${item.form}`);
    const name = match?.drug.name ?? item.medicineName;
    problems.push({
      path: at('controlledDrugSchedule'),
      severity: 'warning',
      message: `${name} is ${scheduleLabel(listed, match?.drug.schedule4Part)} on Lifeboat's list of controlled drugs: it is checked as that`,
    });
  }

  if (needsControlledDrugWriting(schedule)) {
    problems.push(...controlledDrugWritingChecks(item, `Schedule ${schedule}`, at));
  } else {
    problems.push(...ordinaryDoseChecks(item, at));
  }

  if (isShortValiditySchedule(schedule) && item.daysTreatment > CD_GOOD_PRACTICE_MAX_DAYS) {
    problems.push({
      path: at('daysTreatment'),
      severity: 'warning',
      message: `${item.daysTreatment} days is more than ${CD_GOOD_PRACTICE_MAX_DAYS} days' supply of a Schedule ${schedule} controlled drug: the Department of Health and Social Care advises no more than ${CD_GOOD_PRACTICE_MAX_DAYS} days unless there is a clinical need`,
    });
  }
  return problems;
}
