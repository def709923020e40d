import { z } from 'zod';
import { systemClock } from './clock';
import { formatNhsNumber, normaliseNhsNumber, optionalNhsNumberSchema } from './nhs-number';
import { ukPhoneSchema } from './practice';
import { recordSchema } from './record';
import { formatUkDate } from './time';

/**
 * A patient as reception or a clinician types them during an outage. Names are stored exactly as
 * typed (only trimmed), whatever the script: matching is tolerant instead (see `searchKey`).
 */

export const SEXES = ['female', 'male', 'other', 'unknown'] as const;
export type Sex = (typeof SEXES)[number];

export const SEX_LABELS: Record<Sex, string> = {
  female: 'Female',
  male: 'Male',
  other: 'Other',
  unknown: 'Not known',
};

/** No one alive was born before this; earlier is a typing slip. */
export const EARLIEST_DATE_OF_BIRTH = '1890-01-01';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const UK_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

function isoDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Reads a date typed the UK way (`19/07/1984`, `19.7.1984`, `19-07-1984`) or as ISO (`1984-07-19`),
 * and returns it as `YYYY-MM-DD`; null when it is not a real calendar date.
 */
export function parseDateInput(text: string): string | null {
  const trimmed = text.trim();
  const iso = ISO_DATE.exec(trimmed);
  if (iso) return isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const uk = UK_DATE.exec(trimmed);
  if (uk) return isoDate(Number(uk[3]), Number(uk[2]), Number(uk[1]));
  return null;
}

/** Today's date in London as `YYYY-MM-DD` (a date of birth is a London calendar date). */
export function londonDate(instant: Date): string {
  const [day, month, year] = formatUkDate(instant).split('/');
  return `${year}-${month}-${day}`;
}

/** `1984-07-19` → `19/07/1984`. */
export function formatIsoDateUk(isoDateText: string): string {
  const match = ISO_DATE.exec(isoDateText);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : isoDateText;
}

/** Accepts `19/07/1984` or `1984-07-19`; stores `1984-07-19`; never in the future, never before 1890. */
export const dateOfBirthSchema = z
  .string({ message: 'Enter the date of birth, like 19/07/1984' })
  .trim()
  .overwrite((value) => parseDateInput(value) ?? value)
  .superRefine((value, ctx) => {
    // parseDateInput also rejects a well-shaped impossible ISO date such as 1984-02-31.
    if (!ISO_DATE.test(value) || parseDateInput(value) === null) {
      ctx.addIssue({ code: 'custom', message: 'Enter the date of birth as a real date, like 19/07/1984' });
    } else if (value < EARLIEST_DATE_OF_BIRTH) {
      ctx.addIssue({ code: 'custom', message: 'Date of birth must be after 1890: check the year' });
    } else if (value > londonDate(systemClock.now())) {
      ctx.addIssue({ code: 'custom', message: 'Date of birth cannot be in the future' });
    }
  });

const POSTCODE = /^(GIR 0AA|[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2})$/;

/** `sw1a1aa` → `SW1A 1AA`: uppercase, one space before the last three characters. */
export function formatPostcode(text: string): string {
  const compact = text.replace(/\s+/g, '').toUpperCase();
  return compact.length > 3 ? `${compact.slice(0, -3)} ${compact.slice(-3)}` : compact;
}

/** A UK postcode's shape (not whether it exists), or empty when unknown. */
export const optionalPostcodeSchema = z
  .string()
  .overwrite(formatPostcode)
  .refine((value) => value === '' || POSTCODE.test(value), 'Enter a full UK postcode, like SW1A 1AA')
  .default('');

export const patientDetailsSchema = z.object({
  firstName: z.string().trim().min(1, 'Enter the first name').max(100, 'First name must be 100 characters or fewer'),
  lastName: z.string().trim().min(1, 'Enter the last name').max(100, 'Last name must be 100 characters or fewer'),
  dateOfBirth: dateOfBirthSchema,
  sex: z.enum(SEXES, { message: 'Choose the sex, or Not known' }),
  nhsNumber: optionalNhsNumberSchema,
  address: z.string().trim().max(500, 'Address must be 500 characters or fewer').default(''),
  postcode: optionalPostcodeSchema,
  phone: z.string().trim().pipe(z.union([z.literal(''), ukPhoneSchema])).default(''),
});
export type PatientDetails = z.infer<typeof patientDetailsSchema>;
export type PatientDetailsInput = z.input<typeof patientDetailsSchema>;

export const patientSchema = recordSchema(z.enum(['active']), patientDetailsSchema);
export type Patient = z.infer<typeof patientSchema>;

/**
 * Age in whole years on London's calendar date at `at`. Someone born on 29 February turns a year
 * older on 1 March in other years.
 */
export function ageInYears(dateOfBirth: string, at: Date): number {
  const born = ISO_DATE.exec(dateOfBirth);
  const today = ISO_DATE.exec(londonDate(at));
  if (!born || !today) throw new Error(`ageInYears needs a YYYY-MM-DD date, not ${dateOfBirth}`);
  const years = Number(today[1]) - Number(born[1]);
  const birthdayPassed = `${today[2]}-${today[3]}` >= `${born[2]}-${born[3]}`;
  return birthdayPassed ? years : years - 1;
}

/** "Zoë O'Brien-Smith": how a patient is named in sentences and on prescriptions. */
export function patientFullName(details: Pick<PatientDetails, 'firstName' | 'lastName'>): string {
  return `${details.firstName} ${details.lastName}`;
}

/** "O'BRIEN-SMITH, Zoë": the family name first, as clinical lists show it. */
export function patientListName(details: Pick<PatientDetails, 'firstName' | 'lastName'>): string {
  return `${details.lastName.toLocaleUpperCase('en-GB')}, ${details.firstName}`;
}

/** "O'BRIEN-SMITH, Zoë · 19/07/1984 · NHS 943 476 5919": a one-line identification. */
export function patientSummaryLine(details: PatientDetails): string {
  const parts = [patientListName(details), formatIsoDateUk(details.dateOfBirth)];
  if (details.nhsNumber !== '') parts.push(`NHS ${formatNhsNumber(details.nhsNumber)}`);
  return parts.join(' · ');
}

/** Letters that Unicode does not decompose into a base letter and a mark. */
const UNDECOMPOSED: Record<string, string> = {
  ł: 'l', đ: 'd', ð: 'd', ø: 'o', ß: 'ss', æ: 'ae', œ: 'oe', þ: 'th', ı: 'i', ħ: 'h', ŧ: 't', ŋ: 'n', ς: 'σ',
};

/**
 * The form of a text that search and duplicate checks compare: lowercase, accents and other marks
 * removed (`Łukasz` → `lukasz`, `Nguyễn` → `nguyen`, `Αλέξανδρος` → `αλεξανδροσ`), apostrophes
 * dropped and other punctuation turned into single spaces (`O'Brien-Smith` → `obrien smith`).
 */
export function searchKey(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[łđðøßæœþıħŧŋς]/g, (letter) => UNDECOMPOSED[letter] ?? letter)
    .replace(/['’‘`ʼ]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export interface PatientQuery {
  /** Name fragments, as search keys. */
  words: string[];
  /** Digits typed, spaces removed: part or all of an NHS number. */
  digits: string;
  /** A date of birth typed as `19/07/1984` or `1984-07-19`. */
  dateOfBirth: string | null;
}

/** Splits what was typed into the search box into name words, NHS number digits and a date. */
export function parsePatientQuery(query: string): PatientQuery {
  const result: PatientQuery = { words: [], digits: '', dateOfBirth: null };
  for (const token of query.trim().split(/\s+/)) {
    if (token === '') continue;
    const date = parseDateInput(token);
    if (date !== null) {
      result.dateOfBirth = date;
    } else if (/^[\d-]+$/.test(token)) {
      result.digits += normaliseNhsNumber(token);
    } else {
      result.words.push(...searchKey(token).split(' ').filter((word) => word !== ''));
    }
  }
  return result;
}

/**
 * True when a patient fits everything typed: each name word starts a word of the name (or is
 * part of the name written without spaces), the digits are part of the NHS number, and the date
 * is the date of birth. An empty query matches everyone.
 */
export function matchesPatientQuery(details: PatientDetails, query: string | PatientQuery): boolean {
  const q = typeof query === 'string' ? parsePatientQuery(query) : query;
  if (q.dateOfBirth !== null && q.dateOfBirth !== details.dateOfBirth) return false;
  if (q.digits.length > 0 && !details.nhsNumber.includes(q.digits)) return false;
  if (q.words.length === 0) return true;
  const nameWords = searchKey(`${details.firstName} ${details.lastName}`).split(' ');
  const compact = nameWords.join('');
  return q.words.every((word) => nameWords.some((nameWord) => nameWord.startsWith(word)) || compact.includes(word));
}

/** The patients that match a search, in the order given. */
export function searchPatients<T extends { data: PatientDetails }>(patients: readonly T[], query: string): T[] {
  const parsed = parsePatientQuery(query);
  return patients.filter((patient) => matchesPatientQuery(patient.data, parsed));
}

export type DuplicateReason = 'nhs-number' | 'name-and-date-of-birth';

export interface LikelyDuplicate<T> {
  patient: T;
  reason: DuplicateReason;
  message: string;
}

function nameKey(name: string): string {
  return searchKey(name).replace(/ /g, '');
}

/**
 * Patients already on the device who are probably the candidate: the same NHS number, or the
 * same name (compared as search keys, either way round) and date of birth. Used before saving a
 * new patient, so that reception picks the existing record instead of creating a second one.
 */
export function findLikelyDuplicates<T extends Pick<Patient, 'id' | 'data'>>(
  existing: readonly T[],
  candidate: PatientDetails,
  ignoreId?: string,
): LikelyDuplicate<T>[] {
  const first = nameKey(candidate.firstName);
  const last = nameKey(candidate.lastName);
  const duplicates: LikelyDuplicate<T>[] = [];
  for (const patient of existing) {
    if (patient.id === ignoreId) continue;
    const other = patient.data;
    if (candidate.nhsNumber !== '' && other.nhsNumber === candidate.nhsNumber) {
      duplicates.push({
        patient,
        reason: 'nhs-number',
        message: `${patientFullName(other)} already has NHS number ${formatNhsNumber(other.nhsNumber)}`,
      });
      continue;
    }
    const otherFirst = nameKey(other.firstName);
    const otherLast = nameKey(other.lastName);
    const sameName = (first === otherFirst && last === otherLast) || (first === otherLast && last === otherFirst);
    if (sameName && other.dateOfBirth === candidate.dateOfBirth) {
      duplicates.push({
        patient,
        reason: 'name-and-date-of-birth',
        message: `${patientFullName(other)}, born ${formatIsoDateUk(other.dateOfBirth)}, is already on this device`,
      });
    }
  }
  return duplicates;
}
