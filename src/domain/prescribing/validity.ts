/**
 * When a prescription stops being valid, how many forms it prints on, and the patient's age as
 * printed: the date arithmetic behind the legal checks.
 */
import {
  completedMonths,
  completedYears,
  daysBetween,
  isCalendarDate,
  lastDayOfDaysBeginningWith,
  lastDayOfMonthsBeginningWith,
  londonCalendarDate,
  type CalendarDate,
} from './calendar-date';
import type { ScheduleChoice } from './prescription';

/** Days a Schedule 2, 3 or 4 controlled drug prescription is valid for. */
export const CD_VALIDITY_DAYS = 28;
/** Months any other prescription-only medicine is valid for. */
export const POM_VALIDITY_MONTHS = 6;
/** Good practice for Schedule 2, 3 and 4: no more than 30 days' treatment. */
export const CD_GOOD_PRACTICE_MAX_DAYS = 30;
/** Most items on one FP10 form in England; more items print on further forms. */
export const MAX_ITEMS_PER_FORM_ENGLAND = 4;

/** Schedules whose prescriptions are valid for 28 days and should cover no more than 30 days. */
export function isShortValiditySchedule(schedule: ScheduleChoice): boolean {
  return schedule === '2' || schedule === '3' || schedule === '4';
}

function toCalendarDate(date: Date | string): CalendarDate {
  return typeof date === 'string' && isCalendarDate(date) ? date : londonCalendarDate(date);
}

/**
 * The last day (London calendar) a prescription dated `date` can be dispensed, counting the date
 * itself as day one:
 * - Schedule 2, 3 and 4: 28 days, so 1 March → 28 March. Misuse of Drugs Regulations 2001
 *   reg. 16(1)(e) forbids supply of Schedule 2 and 3 "later than twenty-eight days after the
 *   appropriate date" (https://www.legislation.gov.uk/uksi/2001/3998/regulation/16), and NHS
 *   guidance applies 28 days to Schedule 4 too. Counting the date as day one gives the patient a
 *   last day at most one day earlier than the law's, never later.
 * - Any other prescription-only medicine: the period of six months beginning with the date,
 *   Human Medicines Regulations 2012 reg. 217(5)
 *   (https://www.legislation.gov.uk/uksi/2012/1916/regulation/217): 19 July → 18 January;
 *   31 August → the last day of February.
 */
export function validUntil(date: Date | string, schedule: ScheduleChoice): CalendarDate {
  const start = toCalendarDate(date);
  return isShortValiditySchedule(schedule)
    ? lastDayOfDaysBeginningWith(start, CD_VALIDITY_DAYS)
    : lastDayOfMonthsBeginningWith(start, POM_VALIDITY_MONTHS);
}

/** The validity of a whole prescription: the shortest of its items'. */
export function prescriptionValidUntil(date: Date | string, schedules: readonly ScheduleChoice[]): CalendarDate {
  return validUntil(date, schedules.some(isShortValiditySchedule) ? '2' : 'none');
}

/**
 * Groups items onto forms of at most four, in order: GP systems in England print at most four
 * items per FP10 form and put the rest on further forms (Cegedim Vision "Prescription Printing
 * and Regulations"; NHS Prescription Services FP10SS overprint specification).
 */
export function splitIntoForms<T>(items: readonly T[], perForm: number = MAX_ITEMS_PER_FORM_ENGLAND): T[][] {
  if (!Number.isInteger(perForm) || perForm < 1) throw new RangeError(`Items per form must be 1 or more: ${perForm}`);
  const forms: T[][] = [];
  for (let start = 0; start < items.length; start += perForm) forms.push(items.slice(start, start + perForm));
  return forms;
}

/**
 * The patient's age as it must be printed when they are under 12 (HMR 2012 reg. 217(4)(e)), or
 * null from their 12th birthday. Years from age 1 ("4 years"), months below ("8 months"), days
 * for a newborn ("9 days"). Null too when the date of birth is unknown or after the date.
 */
export function ageToPrint(dateOfBirth: CalendarDate, date: Date | string): string | null {
  if (!isCalendarDate(dateOfBirth)) return null;
  const on = toCalendarDate(date);
  if (daysBetween(dateOfBirth, on) < 0) return null;
  const years = completedYears(dateOfBirth, on);
  if (years >= 12) return null;
  if (years >= 1) return `${years} ${years === 1 ? 'year' : 'years'}`;
  const months = completedMonths(dateOfBirth, on);
  if (months >= 1) return `${months} ${months === 1 ? 'month' : 'months'}`;
  const days = daysBetween(dateOfBirth, on);
  return `${days} ${days === 1 ? 'day' : 'days'}`;
}

/** True when the patient is under 12 on the date, so the age must be printed. */
export function isUnder12(dateOfBirth: CalendarDate, date: Date | string): boolean {
  return ageToPrint(dateOfBirth, date) !== null;
}

/**
 * Asked for instalment dispensing (a supply every day or every week, as for methadone or
 * buprenorphine in treatment of addiction): Lifeboat cannot do it, and says why.
 */
export function instalmentDispensingExplanation(): string {
  return (
    'Lifeboat cannot print instalment prescriptions. In England, instalment dispensing of ' +
    'controlled drugs uses a different form, the blue FP10MDA, which must state the amount of ' +
    'each instalment and the interval between them. Write it by hand on an FP10MDA form, and ' +
    'log it here afterwards as a paper prescription so it joins the backlog.'
  );
}
