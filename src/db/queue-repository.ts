/**
 * Reception's queue. Logging a walk-in finds the patient already on the device (same NHS number,
 * or same name and date of birth) or adds them, and creates the queue entry with its day's ticket
 * number, in one go. Every status change is appended to the entry's history (who, when) and
 * audited; nothing is deleted.
 */
import { findLikelyDuplicates, patientDetailsSchema, patientFullName, type Patient, type PatientDetailsInput } from '../domain/patient';
import type { Actor } from '../domain/record';
import {
  queueEntrySchema,
  walkInDetailsSchema,
  type QueueEntry,
  type QueueStatus,
  type Redirection,
  type WalkInDetails,
  QUEUE_STATUS_LABELS,
  ACTIVE_STATUSES,
} from '../domain/reception';
import { formatUkDate } from '../domain/time';
import { getClock, getDatabase } from './context';
import type { QueueEntryRow } from './database';
import { addPatient, listPatients } from './patient-repository';
import { startConsultation } from './consultation-repository';
import { auditRow, fromRow, fromRows, newRecordMeta, nowIso, toRow } from './record-store';
import { guardedWrite, ValidationFailure } from './write-guard';
import { parseOrFail } from './zod-errors';

async function toQueueRow(entry: QueueEntry): Promise<QueueEntryRow> {
  return { ...(await toRow('queue', entry)), arrivedAt: entry.data.appointmentAt ?? entry.data.arrivedAt, patientId: entry.data.patientId };
}

export async function listQueue(): Promise<QueueEntry[]> {
  return fromRows('queue', await getDatabase().queue.toArray(), queueEntrySchema);
}

export async function getQueueEntry(id: string): Promise<QueueEntry | null> {
  const row = await getDatabase().queue.get(id);
  return row ? fromRow('queue', row, queueEntrySchema) : null;
}

/** The next ticket number for the day of `at` (London date), continuing the day's sequence. */
export async function nextTicket(at: string): Promise<number> {
  const day = formatUkDate(new Date(at));
  const sameDay = (await listQueue()).filter((e) => formatUkDate(new Date(e.data.arrivedAt)) === day);
  return sameDay.reduce((max, e) => Math.max(max, e.data.ticket), 0) + 1;
}

export interface LogWalkInInput {
  /** An existing patient chosen by reception, or the details typed. */
  patient: { id: string } | PatientDetailsInput;
  details: WalkInDetails;
}

/**
 * Logs a walk-in or a phone request. A patient typed in who is already on the device (same NHS
 * number, or same name and date of birth) is reused rather than added twice.
 */
export async function logWalkIn(input: LogWalkInInput, actor: Actor): Promise<{ entry: QueueEntry; patient: Patient; reusedPatient: boolean }> {
  const details = parseOrFail(walkInDetailsSchema, input.details, 'The walk-in');
  let patient: Patient | undefined;
  let reusedPatient = true;
  if ('id' in input.patient) {
    const chosenId = input.patient.id;
    patient = (await listPatients()).find((p) => p.id === chosenId);
    if (!patient) throw new ValidationFailure('That patient is not on this device');
  } else {
    const typed = parseOrFail(patientDetailsSchema, input.patient, 'The patient');
    const [match] = findLikelyDuplicates(await listPatients(), typed);
    if (match) patient = match.patient;
    else {
      patient = await addPatient(typed, actor, { confirmedNotDuplicate: true });
      reusedPatient = false;
    }
  }
  const entry = queueEntrySchema.parse({
    ...newRecordMeta(actor),
    status: 'waiting',
    data: {
      ...details,
      patientId: patient.id,
      ticket: await nextTicket(details.arrivedAt),
      history: [{ status: 'waiting', at: nowIso(), staffId: actor.staffId, note: details.redFlags.length ? `Red flag: ${details.redFlags.join(', ')}` : '' }],
    },
  });
  const row = await toQueueRow(entry);
  const what = details.kind === 'phone' ? 'Logged a phone request' : 'Logged a walk-in';
  const audit = await auditRow(actor, 'create', 'queue', entry.id, `${what} for ${patientFullName(patient.data)}${details.redFlags.length ? ' with a red flag' : ''}`);
  const db = getDatabase();
  await guardedWrite(() =>
    db.transaction('rw', [db.queue, db.audit], async () => {
      await db.queue.put(row);
      await db.audit.put(audit);
    }),
  );
  return { entry, patient, reusedPatient };
}

/** Moves an entry to a new status, timed and attributed; redirection and outcome as given. */
export async function changeQueueStatus(
  id: string,
  status: QueueStatus,
  actor: Actor,
  extra: { redirectedTo?: Redirection; outcome?: string; clinicianId?: string; consultationId?: string } = {},
): Promise<QueueEntry> {
  const current = await getQueueEntry(id);
  if (!current) throw new ValidationFailure('That person is not in the queue on this device');
  if (status === 'redirected' && !extra.redirectedTo) throw new ValidationFailure('Choose where the person was redirected to');
  const note = [extra.redirectedTo ? `to ${extra.redirectedTo}` : '', extra.outcome ?? ''].filter(Boolean).join(': ');
  const next = queueEntrySchema.parse({
    ...current,
    status,
    updatedAt: nowIso(),
    data: {
      ...current.data,
      redirectedTo: extra.redirectedTo ?? current.data.redirectedTo,
      outcome: extra.outcome ?? current.data.outcome,
      clinicianId: extra.clinicianId ?? current.data.clinicianId,
      consultationId: extra.consultationId ?? current.data.consultationId,
      history: [...current.data.history, { status, at: nowIso(), staffId: actor.staffId, note }],
    },
  });
  const row = await toQueueRow(next);
  const audit = await auditRow(actor, 'update', 'queue', id, `Ticket ${current.data.ticket}: ${QUEUE_STATUS_LABELS[status]}${note ? ` (${note})` : ''}`);
  const db = getDatabase();
  await guardedWrite(() =>
    db.transaction('rw', [db.queue, db.audit], async () => {
      const stored = await db.queue.get(id);
      if (stored && stored.updatedAt !== current.updatedAt) throw new ValidationFailure('Someone changed this entry meanwhile: look again and retry');
      await db.queue.put(row);
      await db.audit.put(audit);
    }),
  );
  return next;
}

/** Today's date check for the day in numbers. */
export function isTodayInLondon(iso: string): boolean {
  return formatUkDate(new Date(iso)) === formatUkDate(getClock().now());
}

/**
 * A clinician takes a patient from the queue: their consultation opens with the patient and the
 * reason filled in, and the queue shows who has them.
 */
export async function takePatient(id: string, actor: Actor): Promise<{ consultationId: string }> {
  const entry = await getQueueEntry(id);
  if (!entry) throw new ValidationFailure('That person is not in the queue on this device');
  if (entry.status === 'with-clinician') throw new ValidationFailure('Someone is already seeing this patient');
  if (!ACTIVE_STATUSES.includes(entry.status) && entry.status !== 'booked') throw new ValidationFailure(`This person is ${QUEUE_STATUS_LABELS[entry.status].toLowerCase()}`);
  const consultation = await startConsultation(entry.data.patientId, actor, { presentingComplaint: entry.data.reason });
  await changeQueueStatus(id, 'with-clinician', actor, { clinicianId: actor.staffId, consultationId: consultation.id });
  return { consultationId: consultation.id };
}
