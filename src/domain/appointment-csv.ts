import { z } from 'zod';
import { decodeText, detectDelimiter, isBlankRecord, parseCsv, type CsvDelimiter, type TextEncodingName } from './csv';
import { parseDateInput, patientDetailsSchema, SEXES, type PatientDetails, type Sex } from './patient';
import { isoDateTimeSchema } from './record';
import { fromLondonLocal } from './time';

/**
 * The day's appointment list, saved from the clinical system before (or early in) an outage, read
 * from a CSV file. This module is the one place an untrusted list is repaired or rejected: each
 * row is checked with the same patient schema the forms use, and a row that fails is named with
 * its line in the file and why, so the user imports the good rows or none.
 */

export const APPOINTMENT_FIELDS = ['time', 'clinician', 'fullName', 'lastName', 'firstName', 'dateOfBirth', 'nhsNumber', 'phone', 'sex'] as const;
export type AppointmentField = (typeof APPOINTMENT_FIELDS)[number];

export const APPOINTMENT_FIELD_LABELS: Record<AppointmentField, string> = {
  time: 'Appointment time',
  clinician: 'Clinician',
  fullName: 'Patient name (one column)',
  lastName: 'Surname',
  firstName: 'First name',
  dateOfBirth: 'Date of birth',
  nhsNumber: 'NHS number',
  phone: 'Phone',
  sex: 'Sex',
};

/** Which column of the file holds each field, by header name (so a mapping can be remembered). */
export type ColumnMapping = Partial<Record<AppointmentField, string>>;

/** Headers as written by EMIS, SystmOne, Vision and spreadsheets, compared without case or punctuation. */
const HEADER_NAMES: Record<AppointmentField, readonly string[]> = {
  time: ['appttime', 'appointmenttime', 'time', 'starttime', 'slottime', 'slotstart', 'start', 'apptdatetime', 'appointmentdatetime', 'datetime', 'appointment', 'slot'],
  clinician: ['clinician', 'bookedwith', 'with', 'seenby', 'doctor', 'gp', 'practitioner', 'clinicianname', 'staff', 'sessionholder', 'rotaholder', 'slotowner', 'user'],
  fullName: ['name', 'patientname', 'patient', 'fullname', 'patientfullname'],
  lastName: ['surname', 'lastname', 'familyname', 'patientsurname'],
  firstName: ['forename', 'forenames', 'firstname', 'givenname', 'givennames', 'patientforename', 'callingname'],
  dateOfBirth: ['dob', 'dateofbirth', 'birthdate', 'born', 'patientdob'],
  nhsNumber: ['nhsno', 'nhsnumber', 'nhs', 'nhsnum'],
  phone: ['tel', 'telno', 'telephone', 'phone', 'phonenumber', 'mobile', 'mobilenumber', 'mobiletelephone', 'contactnumber', 'hometelephone', 'hometel'],
  sex: ['sex', 'gender'],
};

function headerKey(header: string): string {
  return header.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** A first guess at the mapping from the header names; the user checks it before importing. */
export function suggestMapping(headers: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  const taken = new Set<string>();
  for (const field of APPOINTMENT_FIELDS) {
    for (const name of HEADER_NAMES[field]) {
      const header = headers.find((h) => headerKey(h) === name && !taken.has(h));
      if (header !== undefined) {
        mapping[field] = header;
        taken.add(header);
        break;
      }
    }
  }
  // One name column, or a surname and a first name: never both.
  if (mapping.lastName !== undefined && mapping.firstName !== undefined) delete mapping.fullName;
  else if (mapping.fullName !== undefined) {
    delete mapping.lastName;
    delete mapping.firstName;
  }
  return mapping;
}

/**
 * A remembered mapping applied to a new file: kept where the file still has the header, and the
 * suggestion used for anything else.
 */
export function mergeMapping(headers: readonly string[], remembered: ColumnMapping): ColumnMapping {
  const merged: ColumnMapping = suggestMapping(headers);
  for (const field of APPOINTMENT_FIELDS) {
    const header = remembered[field];
    if (header !== undefined && headers.includes(header)) merged[field] = header;
  }
  const rememberedOne = remembered.fullName !== undefined && merged.fullName === remembered.fullName;
  const rememberedTwo = remembered.lastName !== undefined && remembered.firstName !== undefined && merged.lastName === remembered.lastName && merged.firstName === remembered.firstName;
  if (rememberedOne && !rememberedTwo) {
    delete merged.lastName;
    delete merged.firstName;
  } else if (rememberedTwo) delete merged.fullName;
  return merged;
}

/** One thing wrong with a mapping, and the field to fix it at. */
export interface MappingIssue {
  field: AppointmentField;
  message: string;
}

/** What is wrong with a mapping for these headers: a required field with no column, or a column the file lacks. */
export function mappingIssues(headers: readonly string[], mapping: ColumnMapping): MappingIssue[] {
  const issues: MappingIssue[] = [];
  if (mapping.time === undefined) issues.push({ field: 'time', message: 'Choose the column with the appointment time' });
  if (mapping.clinician === undefined) issues.push({ field: 'clinician', message: 'Choose the column with the clinician' });
  if (mapping.fullName === undefined && (mapping.lastName === undefined || mapping.firstName === undefined)) {
    issues.push({ field: 'fullName', message: 'Choose the column with the patient’s name, or the surname and first name columns' });
  }
  if (mapping.dateOfBirth === undefined) issues.push({ field: 'dateOfBirth', message: 'Choose the column with the date of birth' });
  for (const field of APPOINTMENT_FIELDS) {
    const header = mapping[field];
    if (header !== undefined && !headers.includes(header)) issues.push({ field, message: `The file has no column called “${header}” (${APPOINTMENT_FIELD_LABELS[field]})` });
  }
  return issues;
}

/** The same, as sentences. */
export function mappingProblems(headers: readonly string[], mapping: ColumnMapping): string[] {
  return mappingIssues(headers, mapping).map((issue) => issue.message);
}

export class AppointmentMappingError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
    this.name = 'AppointmentMappingError';
  }
}

const TITLES = /^(mr|mrs|ms|miss|mx|dr|master|prof|rev|sir|dame|lady|lord)\.?$/i;

/**
 * "SMITH, John (Mr)", "Mr John Smith", "Smith, Mary-Jane" → first and last name. A comma means
 * surname first (EMIS style); otherwise the last word is the surname. Titles are dropped.
 */
export function splitName(text: string): { firstName: string; lastName: string } {
  const cleaned = text.replace(/\([^)]*\)/g, ' ').replace(/\s+/g, ' ').trim();
  const comma = cleaned.indexOf(',');
  if (comma >= 0) {
    const firstWords = cleaned.slice(comma + 1).trim().split(' ').filter((w) => w !== '' && !TITLES.test(w));
    return { lastName: cleaned.slice(0, comma).trim(), firstName: firstWords.join(' ') };
  }
  const words = cleaned.split(' ').filter((w) => w !== '');
  while (words.length > 1 && TITLES.test(words[0] ?? '')) words.shift();
  const lastName = words.pop() ?? '';
  return { firstName: words.join(' '), lastName };
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** "19-Jul-1984", "19 July 1984" → "19/07/1984"; anything else unchanged (the patient schema reads it). */
export function normaliseDateText(text: string): string {
  const m = /^(\d{1,2})[ -]([a-z]{3,9})[ -](\d{4})$/i.exec(text.trim());
  const month = m ? MONTHS.indexOf((m[2] ?? '').slice(0, 3).toLowerCase()) : -1;
  return m && month >= 0 ? `${m[1]}/${month + 1}/${m[3]}` : text;
}

const TIME = /^(\d{1,2})[:.](\d{2})(?::\d{2})?$/;
const DATE_AND_TIME = /^(\S+)[ T](\d{1,2}[:.]\d{2}(?::\d{2})?)$/;

/** Reads a time cell ("09:10", "9.10", "09:10:00", "19/07/2024 09:10") on the list's date → ISO with London's offset. */
function appointmentInstant(cell: string, listDate: string): { iso: string } | { problem: string } {
  let text = cell.trim();
  const withDate = DATE_AND_TIME.exec(text);
  if (withDate) {
    const date = normaliseDateText(withDate[1] ?? '');
    const iso = parseDateInput(date);
    if (iso === null) return { problem: `Appointment time “${cell}”: not a real date and time` };
    if (iso !== listDate) return { problem: `Appointment time “${cell}”: the appointment is on another day than the list` };
    text = withDate[2] ?? '';
  }
  const m = TIME.exec(text);
  const instant = m ? fromLondonLocal(`${listDate}T${(m[1] ?? '').padStart(2, '0')}:${m[2]}`) : null;
  if (instant === null) return { problem: cell.trim() === '' ? 'Appointment time is missing' : `Appointment time “${cell}”: enter a time like 09:10` };
  return { iso: instant };
}

function readSex(text: string): Sex {
  const key = text.trim().toLowerCase();
  if (key === 'f' || key === 'female') return 'female';
  if (key === 'm' || key === 'male') return 'male';
  return SEXES.find((sex) => sex === key) ?? 'unknown';
}

/** One appointment from the list, ready to import; the repository checks it again with this. */
export const parsedAppointmentSchema = z.object({
  /** The line of the file the row starts on. */
  rowNumber: z.number().int().min(1),
  appointmentAt: isoDateTimeSchema,
  bookedWith: z.string().max(200),
  patient: patientDetailsSchema,
});
export type ParsedAppointment = z.infer<typeof parsedAppointmentSchema>;

/** The mapped cells of one row, as text. */
export type MappedRow = Partial<Record<AppointmentField, string>>;

const PATIENT_FIELD_LABELS: Partial<Record<keyof PatientDetails, string>> = {
  firstName: 'First name',
  lastName: 'Surname',
  dateOfBirth: 'Date of birth',
  nhsNumber: 'NHS number',
  phone: 'Phone',
};

/**
 * One mapped row → an appointment, for a list of `listDate` (YYYY-MM-DD): the single source of
 * truth for what the import accepts. Patient details go through `patientDetailsSchema`.
 */
export function appointmentRowSchema(listDate: string) {
  return z
    .partialRecord(z.enum(APPOINTMENT_FIELDS), z.string())
    .transform((row: MappedRow, ctx) => {
      const time = appointmentInstant(row.time ?? '', listDate);
      if ('problem' in time) ctx.addIssue({ code: 'custom', message: time.problem, path: ['time'] });
      const clinician = (row.clinician ?? '').replace(/\s+/g, ' ').trim();
      if (clinician.length > 200) ctx.addIssue({ code: 'custom', message: 'Clinician: keep it under 200 characters', path: ['clinician'] });
      const name = row.fullName !== undefined ? splitName(row.fullName) : { firstName: (row.firstName ?? '').trim(), lastName: (row.lastName ?? '').trim() };
      const patient = patientDetailsSchema.safeParse({
        ...name,
        dateOfBirth: normaliseDateText(row.dateOfBirth ?? ''),
        sex: readSex(row.sex ?? ''),
        nhsNumber: row.nhsNumber ?? '',
        phone: row.phone ?? '',
      });
      if (!patient.success) {
        for (const issue of patient.error.issues) {
          const field = issue.path[0] as keyof PatientDetails;
          const source = field === 'firstName' || field === 'lastName' ? (row.fullName ?? row[field]) : row[field as AppointmentField];
          const value = source !== undefined && source.trim() !== '' ? ` “${source.trim()}”` : '';
          ctx.addIssue({ code: 'custom', message: `${PATIENT_FIELD_LABELS[field] ?? String(field)}${value}: ${issue.message}`, path: [String(field)] });
        }
      }
      if (!patient.success || 'problem' in time) return z.NEVER;
      return { appointmentAt: time.iso, bookedWith: clinician, patient: patient.data };
    });
}

export interface BadRow {
  rowNumber: number;
  /** The row's cells as they are in the file. */
  raw: string[];
  problems: string[];
}

export interface ImportPreview {
  good: ParsedAppointment[];
  bad: BadRow[];
}

/** A decoded, parsed file: its header and the records under it (blank lines dropped). */
export interface AppointmentTable {
  encoding: TextEncodingName;
  delimiter: CsvDelimiter;
  headers: string[];
  headerLine: number;
  rows: { line: number; cells: string[] }[];
}

/** Reads a file's bytes into a table. The first non-blank line is the header. */
export function readAppointmentFile(bytes: Uint8Array): AppointmentTable {
  const { text, encoding } = decodeText(bytes);
  const delimiter = detectDelimiter(text.replace(/^(?:[ \t]*\r?\n)+/, ''));
  const records = parseCsv(text, delimiter).filter((r) => !isBlankRecord(r));
  const [header, ...rows] = records;
  const headers = (header?.cells ?? []).map((h) => h.trim());
  // Trailing delimiters leave empty header cells: they name no column.
  while (headers.length > 0 && headers[headers.length - 1] === '') headers.pop();
  return { encoding, delimiter, headers, headerLine: header?.line ?? 1, rows };
}

/**
 * Checks every row. Throws `AppointmentMappingError` when the mapping does not fit the file;
 * otherwise returns the good rows and, for each bad one, its line in the file and every problem.
 */
export function previewImport(table: Pick<AppointmentTable, 'headers' | 'rows'>, mapping: ColumnMapping, listDate: string): ImportPreview {
  const problems = mappingProblems(table.headers, mapping);
  if (problems.length > 0) throw new AppointmentMappingError(problems);
  const schema = appointmentRowSchema(listDate);
  const columns = APPOINTMENT_FIELDS.flatMap((field) => {
    const header = mapping[field];
    if (header === undefined || (field === 'fullName' && mapping.lastName !== undefined && mapping.firstName !== undefined)) return [];
    return [[field, table.headers.indexOf(header)] as const];
  });
  const preview: ImportPreview = { good: [], bad: [] };
  for (const row of table.rows) {
    const mapped: MappedRow = Object.fromEntries(columns.map(([field, index]) => [field, row.cells[index] ?? '']));
    const parsed = schema.safeParse(mapped);
    if (parsed.success) preview.good.push({ rowNumber: row.line, ...parsed.data });
    else preview.bad.push({ rowNumber: row.line, raw: row.cells, problems: parsed.error.issues.map((i) => i.message) });
  }
  return preview;
}
