/**
 * Importing the day's appointment list: each appointment's patient is matched to one already on
 * the device (same NHS number, else same name and date of birth) or added, and a booked queue
 * entry is made per appointment. Everything is computed, encrypted and audited first, then written
 * in one transaction: the list is imported whole or not at all. An appointment already on the
 * device (same patient, same time) is skipped, so importing the same file twice adds nothing.
 */
import { z } from 'zod';
import { parsedAppointmentSchema, type ParsedAppointment } from '../domain/appointment-csv';
import { newId } from '../domain/ids';
import { findLikelyDuplicates, patientFullName, patientSchema, type Patient, type PatientDetails } from '../domain/patient';
import type { Actor } from '../domain/record';
import { queueEntrySchema, type QueueEntry } from '../domain/reception';
import { formatUkDate, formatUkTime } from '../domain/time';
import { getDatabase } from './context';
import type { AuditRow, PatientRow, QueueEntryRow } from './database';
import { findPatientByNhsNumber, listPatients, toPatientRow } from './patient-repository';
import { auditRow, fromRows, newRecordMeta, nowIso, toRow } from './record-store';
import { guardedWrite, ValidationFailure } from './write-guard';
import { parseOrFail } from './zod-errors';

export interface AppointmentImportResult {
  /** Appointments added to the queue as booked. */
  imported: QueueEntry[];
  /** Appointments already on the device (same patient and time), left as they were. */
  skipped: number;
  patientsCreated: number;
  patientsMatched: number;
}

/** The same person: the same NHS number, else the same name and date of birth (unless both have NHS numbers that differ). */
async function findSamePatient(candidate: PatientDetails, known: readonly Patient[]): Promise<Patient | null> {
  if (candidate.nhsNumber !== '') {
    const byNumber = (await findPatientByNhsNumber(candidate.nhsNumber)) ?? known.find((p) => p.data.nhsNumber === candidate.nhsNumber);
    if (byNumber) return byNumber;
  }
  const sameNameAndBirth = findLikelyDuplicates(known, candidate).find(
    (d) => d.reason === 'name-and-date-of-birth' && (candidate.nhsNumber === '' || d.patient.data.nhsNumber === ''),
  );
  return sameNameAndBirth?.patient ?? null;
}

const sameSlot = (patientId: string, at: string) => `${patientId}|${Date.parse(at)}`;

/** Raised inside the transaction when the queue or the patients changed since the import was worked out. */
class ChangedMeanwhile extends Error {}

const ATTEMPTS = 3;

/**
 * Imports the good rows of a previewed list, all or nothing. Returns what was added, how many
 * were already there, and how many patients were added or found.
 */
export async function importAppointments(good: readonly ParsedAppointment[], actor: Actor): Promise<AppointmentImportResult> {
  const appointments = parseOrFail(z.array(parsedAppointmentSchema), good, 'The appointment list').sort(
    (a, b) => Date.parse(a.appointmentAt) - Date.parse(b.appointmentAt),
  );
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await importOnce(appointments, actor);
    } catch (error) {
      // Someone logged a walk-in or imported meanwhile (another tab): work it out again, so that
      // tickets are never given twice and no appointment or patient is added twice.
      if (!(error instanceof ChangedMeanwhile)) throw error;
      if (attempt >= ATTEMPTS) throw new ValidationFailure('The queue kept changing while the list was imported: nothing was imported, try again');
    }
  }
}

async function importOnce(appointments: readonly ParsedAppointment[], actor: Actor): Promise<AppointmentImportResult> {
  const db = getDatabase();
  // Nothing in either table is ever deleted, so a count that moved means something was added.
  const [queueRowCount, patientRowCount] = await Promise.all([db.queue.count(), db.patients.count()]);
  const known = await listPatients();
  const queue = await fromRows('queue', await db.queue.toArray(), queueEntrySchema);
  const taken = new Set(queue.flatMap((e) => (e.data.appointmentAt ? [sameSlot(e.data.patientId, e.data.appointmentAt)] : [])));
  const lastTicket = new Map<string, number>();
  for (const e of queue) {
    const day = formatUkDate(new Date(e.data.arrivedAt));
    lastTicket.set(day, Math.max(lastTicket.get(day) ?? 0, e.data.ticket));
  }

  const created: Patient[] = [];
  const matched = new Set<string>();
  const imported: QueueEntry[] = [];
  let skipped = 0;
  const now = nowIso();
  for (const appointment of appointments) {
    let patient = await findSamePatient(appointment.patient, [...known, ...created]);
    if (patient === null) {
      patient = patientSchema.parse({ ...newRecordMeta(actor), status: 'active', data: appointment.patient });
      created.push(patient);
    } else if (!created.includes(patient)) matched.add(patient.id);
    const slot = sameSlot(patient.id, appointment.appointmentAt);
    if (taken.has(slot)) {
      skipped += 1;
      continue;
    }
    taken.add(slot);
    const day = formatUkDate(new Date(appointment.appointmentAt));
    const ticket = (lastTicket.get(day) ?? 0) + 1;
    lastTicket.set(day, ticket);
    imported.push(
      queueEntrySchema.parse({
        ...newRecordMeta(actor),
        status: 'booked',
        data: {
          kind: 'booked',
          patientId: patient.id,
          ticket,
          reason: '',
          arrivedAt: appointment.appointmentAt,
          appointmentAt: appointment.appointmentAt,
          bookedWith: appointment.bookedWith,
          history: [{ status: 'booked', at: now, staffId: actor.staffId, note: `Imported from the appointment list (line ${appointment.rowNumber})` }],
        },
      }),
    );
  }

  // Encrypt and audit everything before the transaction: Web Crypto must not run inside it.
  const patientRows: PatientRow[] = await Promise.all(created.map(toPatientRow));
  const queueRows: QueueEntryRow[] = await Promise.all(
    imported.map(async (entry) => ({ ...(await toRow('queue', entry)), arrivedAt: entry.data.arrivedAt, patientId: entry.data.patientId })),
  );
  const names = new Map([...known, ...created].map((p) => [p.id, patientFullName(p.data)]));
  const audits: AuditRow[] = [
    ...(await Promise.all(created.map((p) => auditRow(actor, 'import', 'patient', p.id, `Added patient ${patientFullName(p.data)} from the appointment list`)))),
    ...(await Promise.all(
      imported.map((e) =>
        auditRow(
          actor,
          'import',
          'queue',
          e.id,
          `Imported ticket ${e.data.ticket}: ${names.get(e.data.patientId) ?? 'a patient'}, booked ${formatUkTime(new Date(e.data.appointmentAt ?? e.data.arrivedAt), false)} with ${e.data.bookedWith || 'no clinician named'}`,
        ),
      ),
    )),
  ];
  if (imported.length === 0 && created.length === 0) return { imported, skipped, patientsCreated: 0, patientsMatched: matched.size };
  const listId = newId();
  audits.push(await auditRow(actor, 'import', 'appointment-list', listId, `Imported ${imported.length} booked appointments (${skipped} already on this device)`));

  await guardedWrite(() =>
    db.transaction('rw', [db.patients, db.queue, db.audit], async () => {
      if ((await db.queue.count()) !== queueRowCount || (await db.patients.count()) !== patientRowCount) throw new ChangedMeanwhile();
      await db.patients.bulkPut(patientRows);
      await db.queue.bulkPut(queueRows);
      await db.audit.bulkPut(audits);
    }),
  );
  return { imported, skipped, patientsCreated: created.length, patientsMatched: matched.size };
}
