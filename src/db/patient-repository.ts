/**
 * Patients. Identifying details live only in the encrypted payload; the row's `lookup` holds
 * keyed hashes of the NHS number and of name with date of birth, so an exact match is found
 * without decrypting every patient and without the values on disk. Searching by part of a name
 * runs over patients decrypted in memory after unlock.
 */
import { blindIndex } from '../crypto/blind-index';
import { normaliseNhsNumber } from '../domain/nhs-number';
import {
  findLikelyDuplicates,
  patientDetailsSchema,
  patientFullName,
  patientSchema,
  searchKey,
  searchPatients,
  type LikelyDuplicate,
  type Patient,
  type PatientDetails,
  type PatientDetailsInput,
} from '../domain/patient';
import type { Actor } from '../domain/record';
import { getDatabase } from './context';
import type { PatientRow } from './database';
import { getKeyringState } from './keyring';
import type { StoredPayload } from './payload-codec';
import { auditRow, fromRow, fromRows, newRecordMeta, nowIso, toRow } from './record-store';
import { guardedWrite, ValidationFailure } from './write-guard';
import { parseOrFail } from './zod-errors';

/** Keyed hashes for a stored plain patient row (protecting a device set up before encryption). */
export async function patientLookupKeys(row: { payload: StoredPayload }): Promise<string[]> {
  const parsed = patientDetailsSchema.safeParse(row.payload.codec === 'plain' ? row.payload.value : null);
  return parsed.success ? lookupKeys(parsed.data) : [];
}

/** Keyed hashes for exact look-ups; none on a device without practice keys (nothing to key them with). */
async function lookupKeys(details: Pick<PatientDetails, 'nhsNumber' | 'firstName' | 'lastName' | 'dateOfBirth'>): Promise<string[]> {
  const state = getKeyringState();
  if (state.kind !== 'unlocked') return [];
  const keys: string[] = [];
  if (details.nhsNumber) keys.push(`nhs:${await blindIndex(state.keys.indexKey, 'nhs', normaliseNhsNumber(details.nhsNumber))}`);
  const name = `${searchKey(details.lastName)}|${searchKey(details.firstName)}|${details.dateOfBirth}`;
  keys.push(`ndob:${await blindIndex(state.keys.indexKey, 'name-dob', name)}`);
  return keys;
}

/** A patient as stored, with its keyed look-up hashes (for repositories that write patients in their own transaction). */
export async function toPatientRow(patient: Patient): Promise<PatientRow> {
  return { ...(await toRow('patients', patient)), lookup: await lookupKeys(patient.data) };
}

export async function listPatients(): Promise<Patient[]> {
  const rows = await getDatabase().patients.where('status').equals('active').toArray();
  return fromRows('patients', rows, patientSchema);
}

export async function getPatient(id: string): Promise<Patient | null> {
  const row = await getDatabase().patients.get(id);
  return row ? fromRow('patients', row, patientSchema) : null;
}

/** Patients matching what was typed: name fragments, date of birth, NHS number, in any order. */
export async function findPatients(query: string): Promise<Patient[]> {
  return searchPatients(await listPatients(), query);
}

/** The patient with this NHS number, found through its keyed hash. */
export async function findPatientByNhsNumber(nhsNumber: string): Promise<Patient | null> {
  if (normaliseNhsNumber(nhsNumber) === '') return null;
  const state = getKeyringState();
  if (state.kind !== 'unlocked') return (await listPatients()).find((p) => p.data.nhsNumber === normaliseNhsNumber(nhsNumber)) ?? null;
  const key = `nhs:${await blindIndex(state.keys.indexKey, 'nhs', normaliseNhsNumber(nhsNumber))}`;
  const rows = await getDatabase().patients.where('lookup').equals(key).toArray();
  const [patient] = await fromRows('patients', rows, patientSchema);
  return patient ?? null;
}

export class PossibleDuplicatePatient extends Error {
  constructor(readonly duplicates: LikelyDuplicate<Patient>[]) {
    super(duplicates.map((d) => d.message).join('; '));
    this.name = 'PossibleDuplicatePatient';
  }
}

/**
 * Adds a patient. A likely duplicate (same NHS number, or same name and date of birth) is
 * refused with the matches, unless the user has looked at them and confirmed a new record.
 */
export async function addPatient(details: PatientDetailsInput, actor: Actor, options: { confirmedNotDuplicate?: boolean } = {}): Promise<Patient> {
  const parsed = parseOrFail(patientDetailsSchema, details, 'The patient');
  const duplicates = findLikelyDuplicates(await listPatients(), parsed);
  const sameNhsNumber = duplicates.find((d) => d.reason === 'nhs-number');
  if (sameNhsNumber) throw new ValidationFailure(sameNhsNumber.message, { nhsNumber: sameNhsNumber.message });
  if (duplicates.length > 0 && !options.confirmedNotDuplicate) throw new PossibleDuplicatePatient(duplicates);
  const patient = patientSchema.parse({ ...newRecordMeta(actor), status: 'active', data: parsed });
  const row = await toPatientRow(patient);
  const audit = await auditRow(actor, 'create', 'patient', patient.id, `Added patient ${patientFullName(parsed)}`);
  const db = getDatabase();
  await guardedWrite(() =>
    db.transaction('rw', [db.patients, db.audit], async () => {
      await db.patients.put(row);
      await db.audit.put(audit);
    }),
  );
  return patient;
}

/** Corrects a patient's details (a typo in a name, a new phone number); audited. */
export async function updatePatient(id: string, details: PatientDetailsInput, actor: Actor): Promise<Patient> {
  const current = await getPatient(id);
  if (!current) throw new ValidationFailure('That patient is not on this device');
  const parsed = parseOrFail(patientDetailsSchema, details, 'The patient');
  const sameNhsNumber = findLikelyDuplicates(await listPatients(), parsed, id).find((d) => d.reason === 'nhs-number');
  if (sameNhsNumber) throw new ValidationFailure(sameNhsNumber.message, { nhsNumber: sameNhsNumber.message });
  const next = patientSchema.parse({ ...current, updatedAt: nowIso(), data: parsed });
  const row = await toPatientRow(next);
  const audit = await auditRow(actor, 'update', 'patient', id, `Changed the details of ${patientFullName(parsed)}`);
  const db = getDatabase();
  await guardedWrite(() =>
    db.transaction('rw', [db.patients, db.audit], async () => {
      await db.patients.put(row);
      await db.audit.put(audit);
    }),
  );
  return next;
}
