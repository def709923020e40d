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
  REDIRECTION_LABELS,
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
  return {
    ...(await toRow('queue', entry)),
    arrivedAt: entry.data.appointmentAt ?? entry.data.arrivedAt,
    patientId: entry.data.patientId,
    ticket: entry.data.ticket,
    ticketDay: formatUkDate(new Date(entry.data.appointmentAt ?? entry.data.arrivedAt)),
  };
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
    // Reuse on the same NHS number, or on name and date of birth when no NHS number contradicts.
    const match = findLikelyDuplicates(await listPatients(), typed).find(
      (d) => d.reason === 'nhs-number' || typed.nhsNumber === '' || d.patient.data.nhsNumber === '',
    );
    if (match) patient = match.patient;
    else {
      patient = await addPatient(typed, actor, { confirmedNotDuplicate: true });
      reusedPatient = false;
    }
  }
  const what = details.kind === 'phone' ? 'Logged a phone request' : 'Logged a walk-in';
  const summary = `${what} for ${patientFullName(patient.data)}${details.redFlags.length ? ' with a red flag' : ''}`;
  const meta = newRecordMeta(actor);
  const day = formatUkDate(new Date(details.arrivedAt));
  const db = getDatabase();
  // The ticket is checked against the day's tickets inside the write (two desks, a double tap):
  // on a clash, the next number is taken and the entry encrypted again.
  for (let attempt = 0; ; attempt += 1) {
    const ticket = await nextTicket(details.arrivedAt);
    const entry = queueEntrySchema.parse({
      ...meta,
      status: 'waiting',
      data: {
        ...details,
        patientId: patient.id,
        ticket,
        history: [{ status: 'waiting', at: nowIso(), staffId: actor.staffId, note: details.redFlags.length ? `Red flag: ${details.redFlags.join(', ')}` : '' }],
      },
    });
    const row = await toQueueRow(entry);
    const audit = await auditRow(actor, 'create', 'queue', entry.id, summary);
    const written = await guardedWrite(() =>
      db.transaction('rw', [db.queue, db.audit], async () => {
        if ((await db.queue.filter((r) => r.ticketDay === day && r.ticket === ticket).count()) > 0) return false;
        await db.queue.put(row);
        await db.audit.put(audit);
        return true;
      }),
    );
    if (written) return { entry, patient, reusedPatient };
    if (attempt >= 20) throw new ValidationFailure('Could not give this person a ticket number: try again');
  }
}



/** Moves an entry to a new status, timed and attributed; redirection and outcome as given. */
export async function changeQueueStatus(
  id: string,
  status: QueueStatus,
  actor: Actor,
  extra: { redirectedTo?: Redirection; outcome?: string; clinicianId?: string; consultationId?: string; from?: readonly QueueStatus[] } = {},
): Promise<QueueEntry> {
  const row0 = await getDatabase().queue.get(id);
  const current = row0 ? await fromRow('queue', row0, queueEntrySchema) : null;
  if (!row0 || !current) throw new ValidationFailure('That person is not in the queue on this device');
  if (status === 'redirected' && !extra.redirectedTo) throw new ValidationFailure('Choose where the person was redirected to');
  const note = [extra.redirectedTo ? `to ${REDIRECTION_LABELS[extra.redirectedTo]}` : '', extra.outcome ?? ''].filter(Boolean).join(': ');
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
  const readPayload = JSON.stringify(row0.payload);
  const db = getDatabase();
  await guardedWrite(() =>
    db.transaction('rw', [db.queue, db.audit], async () => {
      const stored = await db.queue.get(id);
      // The payload changes on every write (a fresh IV), so a change since our read shows.
      if (!stored || JSON.stringify(stored.payload) !== readPayload) throw new ValidationFailure('Someone changed this entry meanwhile: look again and retry');
      if (extra.from && !extra.from.includes(stored.status as QueueStatus)) {
        throw new ValidationFailure(stored.status === 'with-clinician' ? 'Someone is already seeing this patient' : `This person is ${QUEUE_STATUS_LABELS[stored.status as QueueStatus].toLowerCase()}`);
      }
      await db.queue.put({ ...row, ticket: stored.ticket, ticketDay: stored.ticketDay });
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
  // Claim first, checked inside the write: of two clinicians pressing Take at once, one gets it.
  const claimed = await changeQueueStatus(id, 'with-clinician', actor, { clinicianId: actor.staffId, from: ['booked', 'waiting', 'called'] });
  const consultation = await startConsultation(claimed.data.patientId, actor, { presentingComplaint: claimed.data.reason });
  await attachConsultation(id, consultation.id);
  return { consultationId: consultation.id };
}

/** Records which consultation a taken patient is in (not a status change: no history line). */
async function attachConsultation(id: string, consultationId: string): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const row0 = await getDatabase().queue.get(id);
    const current = row0 ? await fromRow('queue', row0, queueEntrySchema) : null;
    if (!row0 || !current) return;
    const row = await toQueueRow(queueEntrySchema.parse({ ...current, data: { ...current.data, consultationId } }));
    const readPayload = JSON.stringify(row0.payload);
    const db = getDatabase();
    const written = await guardedWrite(() =>
      db.transaction('rw', [db.queue], async () => {
        const stored = await db.queue.get(id);
        if (!stored || JSON.stringify(stored.payload) !== readPayload) return false;
        await db.queue.put({ ...row, ticket: stored.ticket, ticketDay: stored.ticketDay });
        return true;
      }),
    );
    if (written) return;
  }
}
