/**
 * Handing queue entries (with their patients) from one device of the practice to another that
 * shares no database: see domain/handover.ts for what travels. The receiving device opens the
 * hand-over in memory to show who and what it is about to add, then merges by record id in one
 * transaction:
 * - an entry or patient not here is added;
 * - a queue entry already here: the later `updatedAt` wins, so a later status change is never lost
 *   (the entry keeps this device's ticket number and patient link);
 * - a patient already here keeps this device's record unless the hand-over's is later;
 * - a patient not here by id but here as the same person (same NHS number, or same name and date
 *   of birth where no NHS number contradicts: the rule logWalkIn uses) is not added twice: the
 *   entry is linked to this device's record;
 * - a new entry whose ticket is already taken here that day gets the day's next ticket here.
 * An entry changed here (ticket or patient link) is encrypted again on this device; anything else
 * is written exactly as it came. Receiving the same hand-over again writes nothing.
 */
import { toBase64, utf8 } from '../crypto/bytes';
import { fromHandoverCode, isHandoverCode, toHandoverCode } from '../crypto/handover-code';
import { UnsealFailure } from '../crypto/key-wrapping';
import { decryptPayload, encryptPayload, WrongKeyError } from '../crypto/payload-envelope';
import {
  HANDOVER_MAX_CHARS,
  HANDOVER_QR_MAX_CHARS,
  HANDOVER_TYPE,
  HANDOVER_VERSION,
  compareRecordVersions,
  handoverFileName,
  handoverSchema,
  handoverSealSchema,
  type Handover,
  type HandoverItem,
  type HandoverRecordState,
  type HandoverSeal,
} from '../domain/handover';
import { newId } from '../domain/ids';
import { findLikelyDuplicates, patientFullName, patientSchema, type Patient } from '../domain/patient';
import type { Actor } from '../domain/record';
import { queueEntrySchema, QUEUE_STATUS_LABELS, type QueueEntry, type QueueKind, type QueueStatus, type RedFlag } from '../domain/reception';
import { formatUkDate } from '../domain/time';
import { getDatabase } from './context';
import type { AuditRow, PatientRow, QueueEntryRow } from './database';
import { getDeviceSettings } from './device-repository';
import { getKeyringState, LockedError, requireUnlocked } from './keyring';
import { listPatients, toPatientRow } from './patient-repository';
import { listQueue } from './queue-repository';
import { auditRow, nowIso, toRow } from './record-store';
import { guardedWrite, ValidationFailure } from './write-guard';

export interface MadeHandover {
  id: string;
  /** The JSON text: the file's contents. */
  text: string;
  /** The same, deflated in Base45 for a QR code; null when it is too long for one code a camera can read. */
  code: string | null;
  /** Names nobody: `lifeboat-handover-2024-07-19-0900.json`. */
  fileName: string;
  count: number;
}

async function digestOf(items: unknown): Promise<string> {
  return toBase64(new Uint8Array(await crypto.subtle.digest('SHA-256', utf8(JSON.stringify(items)))));
}

function ticketDayOf(entry: QueueEntry): string {
  return formatUkDate(new Date(entry.data.appointmentAt ?? entry.data.arrivedAt));
}

/**
 * Makes a hand-over of these queue entries and their patients, rows as stored. Refused on a device
 * without practice keys: what it would carry could be read by anyone.
 */
export async function makeHandover(entryIds: readonly string[]): Promise<MadeHandover> {
  const state = getKeyringState();
  if (state.kind === 'no-keys') throw new ValidationFailure('This device has no practice key yet: protect it with a passphrase first, so a hand-over carries nothing readable');
  const { keys, staffId } = requireUnlocked();
  const ids = [...new Set(entryIds)];
  if (ids.length === 0) throw new ValidationFailure('Choose who to hand over');
  const db = getDatabase();
  const device = await getDeviceSettings();
  const entryRows = await db.queue.bulkGet(ids);
  const items: HandoverItem[] = [];
  for (const row of entryRows) {
    if (!row) throw new ValidationFailure('That person is not in the queue on this device');
    const patientRow = row.patientId ? await db.patients.get(row.patientId) : undefined;
    if (!patientRow) throw new ValidationFailure('That queue entry’s patient is not on this device');
    for (const r of [row, patientRow]) {
      if (r.payload.codec !== 'aes-gcm' || r.payload.keyId !== keys.keyId) {
        throw new ValidationFailure('A record to hand over is not encrypted under the practice key: unlock again, then make the hand-over again');
      }
    }
    items.push({ entry: row as HandoverItem['entry'], patient: patientRow as HandoverItem['patient'] });
  }
  const id = newId();
  const madeAt = nowIso();
  const seal: HandoverSeal = { madeAt, from: { deviceId: device.deviceId, deviceLabel: device.label, staffId }, itemsDigest: await digestOf(items) };
  const handover = {
    type: HANDOVER_TYPE,
    version: HANDOVER_VERSION,
    id,
    keyId: keys.keyId,
    seal: await encryptPayload(keys, seal, `handover:${id}`),
    items,
  } satisfies Handover;
  // What the receiver will check: refuse here rather than hand over what it would refuse.
  const checked = handoverSchema.safeParse(handover);
  if (!checked.success) throw new ValidationFailure(`These records cannot be handed over: ${checked.error.issues.map((i) => i.message).join('; ')}`);
  const text = JSON.stringify(handover);
  const actor = { staffId, deviceId: device.deviceId };
  const audits = await Promise.all(
    items.map((item) => auditRow(actor, 'export', 'queue', item.entry.id, `Made a hand-over of ${item.entry.ticket ? `ticket ${item.entry.ticket}` : 'a queue entry'} for another device`)),
  );
  await guardedWrite(() => db.transaction('rw', [db.audit], () => db.audit.bulkPut(audits)));
  const code = await toHandoverCode(text);
  return { id, text, code: code.length <= HANDOVER_QR_MAX_CHARS ? code : null, fileName: handoverFileName(madeAt), count: items.length };
}

/** A hand-over opened in memory: every row decrypted and checked. */
interface OpenedItem {
  row: HandoverItem;
  entry: QueueEntry;
  patient: Patient;
}
interface OpenedHandover {
  seal: HandoverSeal;
  items: OpenedItem[];
}

function changedOrDamaged(): ValidationFailure {
  return new ValidationFailure('This hand-over was changed or damaged after it was made: nothing was added. Make it again on the other device.');
}

/** Opens a hand-over from its file's text or its QR code's text. */
async function openHandover(fileOrCode: string): Promise<OpenedHandover> {
  if (fileOrCode.length > HANDOVER_MAX_CHARS) throw new ValidationFailure('This file is far too large to be a Lifeboat hand-over');
  const text = isHandoverCode(fileOrCode) ? await fromHandoverCode(fileOrCode, HANDOVER_MAX_CHARS) : fileOrCode;
  if (text === null) throw new ValidationFailure('This code was not read whole: scan it again, closer, or use the hand-over file');
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new ValidationFailure('This is not a Lifeboat hand-over: choose the file (or scan the code) made by “Hand over to another device”');
  }
  const head = (typeof raw === 'object' && raw !== null ? raw : {}) as { type?: unknown; version?: unknown; keyId?: unknown; items?: unknown };
  if (head.type !== HANDOVER_TYPE) {
    throw new ValidationFailure('This is not a Lifeboat hand-over: choose the file (or scan the code) made by “Hand over to another device”');
  }
  if (typeof head.version === 'number' && head.version > HANDOVER_VERSION) {
    throw new ValidationFailure('This hand-over was made by a newer version of Lifeboat: update Lifeboat on this device (reload it when online), then try again');
  }
  const state = getKeyringState();
  if (state.kind === 'no-keys') throw new ValidationFailure('This device has no practice key yet: it must join the practice before it can receive a hand-over');
  if (state.kind === 'locked') throw new LockedError();
  if (head.keyId !== state.keys.keyId) {
    throw new ValidationFailure(
      'This hand-over comes from a device of another practice (or one under a practice key this device does not hold): nothing was added. Only devices that joined the same practice can hand over to each other.',
    );
  }
  const parsed = handoverSchema.safeParse(raw);
  if (!parsed.success) throw changedOrDamaged();
  const handover = parsed.data;
  const keys = state.keys;

  let seal: HandoverSeal;
  const items: OpenedItem[] = [];
  try {
    const opened = handoverSealSchema.safeParse(await decryptPayload(keys, handover.seal, `handover:${handover.id}`));
    if (!opened.success) throw changedOrDamaged();
    seal = opened.data;
    // The digest is over the items exactly as they were written, before any parsing.
    if ((await digestOf(head.items)) !== seal.itemsDigest) throw changedOrDamaged();
    for (const row of handover.items) {
      const { payload: entryPayload, arrivedAt: _a, patientId: _p, ticket: _t, ticketDay: _d, ...entryMeta } = row.entry;
      const { payload: patientPayload, lookup: _l, ...patientMeta } = row.patient;
      const entry = queueEntrySchema.safeParse({ ...entryMeta, data: await decryptPayload(keys, entryPayload, `queue:${row.entry.id}`) });
      const patient = patientSchema.safeParse({ ...patientMeta, data: await decryptPayload(keys, patientPayload, `patients:${row.patient.id}`) });
      if (!entry.success || !patient.success || entry.data.data.patientId !== patient.data.id) throw changedOrDamaged();
      items.push({ row, entry: entry.data, patient: patient.data });
    }
  } catch (error) {
    if (error instanceof UnsealFailure || error instanceof WrongKeyError) throw changedOrDamaged();
    throw error;
  }
  if (new Set(items.map((i) => i.entry.id)).size !== items.length) throw changedOrDamaged();
  return { seal, items };
}

/** What receiving will do with one item on this device, as read now. */
interface PlannedItem {
  opened: OpenedItem;
  entryState: HandoverRecordState;
  patientState: HandoverRecordState;
  /** The patient the entry points to here (the hand-over's, or this device's same person). */
  patientIdHere: string;
  /** The ticket here: the hand-over's, this device's for an entry already here, or the day's next if taken. */
  ticketHere: number;
  /** The entry to write (null: nothing), with this device's ticket and patient link. */
  entryToWrite: QueueEntry | null;
  /** Whether the entry to write differs from the row as it came (so it is encrypted again here). */
  entryChangedHere: boolean;
  /** The stored payloads read (JSON, null: not here), checked again inside the write. */
  entryRead: string | null;
  patientRead: string | null;
  writePatient: boolean;
}

async function plan(opened: OpenedHandover): Promise<PlannedItem[]> {
  const db = getDatabase();
  const [localEntries, localPatients] = await Promise.all([listQueue(), listPatients()]);
  const entriesHere = new Map(localEntries.map((e) => [e.id, e]));
  const patientsHere = new Map(localPatients.map((p) => [p.id, p]));
  // Tickets taken per day here, including those this hand-over takes as it goes.
  const taken = new Map<string, Set<number>>();
  const takenOn = (day: string) => taken.get(day) ?? taken.set(day, new Set()).get(day) ?? new Set<number>();
  for (const e of localEntries) takenOn(ticketDayOf(e)).add(e.data.ticket);
  for (const row of await db.queue.toArray()) if (row.ticketDay && row.ticket) takenOn(row.ticketDay).add(row.ticket);

  const patientPlanned = new Map<string, { state: HandoverRecordState; idHere: string }>();
  const planned: PlannedItem[] = [];
  for (const item of opened.items) {
    const { entry, patient } = item;
    // The patient.
    let patientDecision = patientPlanned.get(patient.id);
    let writePatient = false;
    if (!patientDecision) {
      const here = patientsHere.get(patient.id) ?? (await db.patients.get(patient.id) ? null : undefined);
      if (here === null) {
        // Stored here but not readable (quarantined, another status): leave it alone.
        patientDecision = { state: 'older', idHere: patient.id };
      } else if (here) {
        patientDecision = { state: compareRecordVersions(patient, here), idHere: patient.id };
        writePatient = patientDecision.state === 'newer';
      } else {
        const match = findLikelyDuplicates(localPatients, patient.data).find(
          (d) => d.reason === 'nhs-number' || patient.data.nhsNumber === '' || d.patient.data.nhsNumber === '',
        );
        patientDecision = match ? { state: 'matched', idHere: match.patient.id } : { state: 'new', idHere: patient.id };
        writePatient = !match;
      }
      patientPlanned.set(patient.id, patientDecision);
    }
    // The entry.
    const here = entriesHere.get(entry.id);
    let entryState: HandoverRecordState;
    let ticketHere: number;
    let patientIdHere: string;
    if (here) {
      ticketHere = here.data.ticket;
      patientIdHere = here.data.patientId;
      const expected = queueEntrySchema.parse({ ...entry, data: { ...entry.data, ticket: ticketHere, patientId: patientIdHere } });
      entryState = compareRecordVersions(expected, here);
    } else if (await db.queue.get(entry.id)) {
      // Stored here but not readable: never overwritten by a hand-over.
      ticketHere = entry.data.ticket;
      patientIdHere = entry.data.patientId;
      entryState = 'older';
    } else {
      entryState = 'new';
      patientIdHere = patientDecision.idHere;
      const day = ticketDayOf(entry);
      const dayTickets = takenOn(day);
      ticketHere = dayTickets.has(entry.data.ticket) ? Math.max(0, ...dayTickets) + 1 : entry.data.ticket;
      dayTickets.add(ticketHere);
    }
    const entryToWrite =
      entryState === 'new' || entryState === 'newer' ? queueEntrySchema.parse({ ...entry, data: { ...entry.data, ticket: ticketHere, patientId: patientIdHere } }) : null;
    const [entryRow, patientRow] = await Promise.all([db.queue.get(entry.id), db.patients.get(patient.id)]);
    planned.push({
      opened: item,
      entryState,
      patientState: patientDecision.state,
      patientIdHere,
      ticketHere,
      entryToWrite,
      entryChangedHere: entryToWrite !== null && (ticketHere !== entry.data.ticket || patientIdHere !== entry.data.patientId),
      entryRead: entryRow ? JSON.stringify(entryRow.payload) : null,
      patientRead: patientRow ? JSON.stringify(patientRow.payload) : null,
      writePatient,
    });
  }
  return planned;
}

export interface HandoverPreviewItem {
  entryId: string;
  kind: QueueKind;
  status: QueueStatus;
  reason: string;
  redFlags: RedFlag[];
  arrivedAt: string;
  /** The ticket on the device that made the hand-over, and the one it will have here. */
  ticketThere: number;
  ticketHere: number;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  nhsNumber: string;
  entry: HandoverRecordState;
  patient: HandoverRecordState;
}

export interface HandoverPreview {
  fromDevice: string;
  madeAt: string;
  items: HandoverPreviewItem[];
  /** Records receiving would add or change here: 0 when it is all here already. */
  changes: number;
}

function changesIn(planned: readonly PlannedItem[]): number {
  return planned.reduce((n, p) => n + (p.entryToWrite ? 1 : 0) + (p.writePatient ? 1 : 0), 0);
}

/** Opens a hand-over in memory and says what receiving it would add or change here. Writes nothing. */
export async function previewHandover(text: string): Promise<HandoverPreview> {
  const opened = await openHandover(text);
  const planned = await plan(opened);
  return {
    fromDevice: opened.seal.from.deviceLabel,
    madeAt: opened.seal.madeAt,
    items: planned.map(({ opened: { entry, patient }, entryState, patientState, ticketHere }) => ({
      entryId: entry.id,
      kind: entry.data.kind,
      status: entry.status,
      reason: entry.data.reason,
      redFlags: entry.data.redFlags,
      arrivedAt: entry.data.arrivedAt,
      ticketThere: entry.data.ticket,
      ticketHere,
      firstName: patient.data.firstName,
      lastName: patient.data.lastName,
      dateOfBirth: patient.data.dateOfBirth,
      nhsNumber: patient.data.nhsNumber,
      entry: entryState,
      patient: patientState,
    })),
    changes: changesIn(planned),
  };
}

export interface HandoverResult {
  addedEntries: number;
  updatedEntries: number;
  addedPatients: number;
  updatedPatients: number;
}

async function entryRowFor(p: PlannedItem, entry: QueueEntry): Promise<QueueEntryRow> {
  const day = ticketDayOf(entry);
  const clear = { arrivedAt: entry.data.appointmentAt ?? entry.data.arrivedAt, patientId: entry.data.patientId, ticket: entry.data.ticket, ticketDay: day };
  if (!p.entryChangedHere) return { ...p.opened.row.entry, ...clear };
  return { ...(await toRow('queue', entry)), ...clear };
}

async function patientRowFor(p: PlannedItem): Promise<PatientRow> {
  // As it came, with the look-up hashes made here from what it holds (never trusted from outside).
  const { lookup } = await toPatientRow(p.opened.patient);
  return { ...p.opened.row.patient, lookup };
}

/**
 * Receives a hand-over: merges it by record id in one transaction (see the top of this file), with
 * an audit line for each record added or changed. Receiving it again writes nothing.
 */
export async function acceptHandover(text: string, actor: Actor): Promise<HandoverResult> {
  const opened = await openHandover(text);
  const from = opened.seal.from.deviceLabel;
  const db = getDatabase();
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const planned = await plan(opened);
    const result: HandoverResult = {
      addedEntries: planned.filter((p) => p.entryToWrite && p.entryState === 'new').length,
      updatedEntries: planned.filter((p) => p.entryToWrite && p.entryState === 'newer').length,
      addedPatients: planned.filter((p) => p.writePatient && p.patientState === 'new').length,
      updatedPatients: planned.filter((p) => p.writePatient && p.patientState === 'newer').length,
    };
    if (changesIn(planned) === 0) return result;

    // Encrypt before the transaction: Web Crypto is not IndexedDB.
    const entryRows: QueueEntryRow[] = [];
    const patientRows: PatientRow[] = [];
    const audits: AuditRow[] = [];
    for (const p of planned) {
      const { entry, patient } = p.opened;
      if (p.writePatient) {
        patientRows.push(await patientRowFor(p));
        const what = p.patientState === 'new' ? 'Received patient' : 'Received a change to patient';
        audits.push(await auditRow(actor, 'import', 'patient', patient.id, `${what} ${patientFullName(patient.data)} from ${from}`));
      }
      if (p.entryToWrite) {
        entryRows.push(await entryRowFor(p, p.entryToWrite));
        const renumbered = p.ticketHere !== entry.data.ticket && p.entryState === 'new' ? ` (ticket ${entry.data.ticket} there: that number is taken here)` : '';
        const summary =
          p.entryState === 'new'
            ? `Received ticket ${p.ticketHere}${renumbered} from ${from}`
            : `Received a change to ticket ${p.ticketHere} from ${from}: ${QUEUE_STATUS_LABELS[entry.status]}`;
        audits.push(await auditRow(actor, 'import', 'queue', entry.id, summary));
      }
    }
    const written = await guardedWrite(() =>
      db.transaction('rw', [db.queue, db.patients, db.audit], async () => {
        // Nothing may have changed here since the plan was read; otherwise plan again.
        for (const p of planned) {
          const [entryRow, patientRow] = await Promise.all([db.queue.get(p.opened.entry.id), db.patients.get(p.opened.patient.id)]);
          if ((entryRow ? JSON.stringify(entryRow.payload) : null) !== p.entryRead) return false;
          if ((patientRow ? JSON.stringify(patientRow.payload) : null) !== p.patientRead) return false;
        }
        for (const row of entryRows) {
          if (row.ticketDay && row.ticket && (await db.queue.filter((r) => r.id !== row.id && r.ticketDay === row.ticketDay && r.ticket === row.ticket).count()) > 0) {
            return false;
          }
        }
        await db.patients.bulkPut(patientRows);
        await db.queue.bulkPut(entryRows);
        await db.audit.bulkPut(audits);
        return true;
      }),
    );
    if (written) return result;
  }
  throw new ValidationFailure('This device’s queue kept changing while the hand-over was received: try again');
}
