/**
 * Consultations: a draft is saved as it is typed (every few hundred milliseconds, by the screen),
 * then signed, after which only addenda are added. Nothing signed is changed, nothing is deleted:
 * a discarded draft is kept, hidden from lists, with who discarded it and why. Every step is
 * audited with the record; autosaves are audited at most once per editing spell, not per keystroke.
 */
import {
  addAddendum,
  consultationDraftSchema,
  consultationSchema,
  discardDraft,
  newConsultationDraft,
  signConsultation,
  type Consultation,
  type ConsultationDraftInput,
  type ConsultationResult,
  type FieldError,
  type Signer,
} from '../domain/consultation';
import { newId } from '../domain/ids';
import type { Actor } from '../domain/record';
import type { AuditAction } from '../domain/audit';
import { getClock, getDatabase } from './context';
import type { ConsultationRow } from './database';
import { getPatient } from './patient-repository';
import { auditRow, fromRow, fromRows, nowIso, toRow } from './record-store';
import { guardedWrite, ValidationFailure } from './write-guard';

const AUTOSAVE_AUDIT_SPELL_MS = 10 * 60 * 1000;
const lastAutosaveAudit = new Map<string, number>();

async function toConsultationRow(consultation: Consultation): Promise<ConsultationRow> {
  return { ...(await toRow('consultations', consultation)), patientId: consultation.data.patientId };
}

export async function getConsultation(id: string): Promise<Consultation | null> {
  const row = await getDatabase().consultations.get(id);
  return row ? fromRow('consultations', row, consultationSchema) : null;
}

/** Every consultation on the device, discarded ones included (lists filter them). */
export async function listConsultations(): Promise<Consultation[]> {
  return fromRows('consultations', await getDatabase().consultations.toArray(), consultationSchema);
}

export async function listConsultationsForPatient(patientId: string): Promise<Consultation[]> {
  return fromRows('consultations', await getDatabase().consultations.where('patientId').equals(patientId).toArray(), consultationSchema);
}

/** Thrown when the stored record changed between our read and our write (another tab, another save). */
export class ConsultationChangedMeanwhile extends ValidationFailure {
  constructor() {
    super('This consultation was changed meanwhile, in another tab or window: look at it again and retry');
    this.name = 'ConsultationChangedMeanwhile';
  }
}

/** A record with the payload it was read from: the version a write expects to replace. */
interface ReadRecord {
  consultation: Consultation;
  payload: ConsultationRow['payload'] | null;
}

async function readForChange(id: string): Promise<ReadRecord> {
  const row = await getDatabase().consultations.get(id);
  const consultation = row ? await fromRow('consultations', row, consultationSchema) : null;
  if (!row || !consultation) throw new ValidationFailure('That consultation is not on this device');
  return { consultation, payload: row.payload };
}

/**
 * Writes a change made to what was read. The stored payload must still be the one read (a fresh
 * IV on every encryption makes it a version stamp): a save, a signature or an addendum made
 * meanwhile elsewhere is never overwritten.
 */
async function write(consultation: Consultation, audit: { actor: Actor; action: AuditAction; summary: string } | null, read: ReadRecord | null): Promise<void> {
  const row = await toConsultationRow(consultation);
  const auditEntry = audit ? await auditRow(audit.actor, audit.action, 'consultation', consultation.id, audit.summary) : null;
  const expected = read ? JSON.stringify(read.payload) : null;
  const db = getDatabase();
  await guardedWrite(() =>
    db.transaction('rw', [db.consultations, db.audit], async () => {
      const stored = await db.consultations.get(consultation.id);
      if (read === null && stored) throw new ValidationFailure('A consultation with this id already exists');
      if (read !== null && (!stored || JSON.stringify(stored.payload) !== expected)) {
        if (stored && stored.status !== read.consultation.status) throw new ValidationFailure(`This consultation has been ${stored.status} meanwhile and cannot be changed here`);
        throw new ConsultationChangedMeanwhile();
      }
      await db.consultations.put(row);
      if (auditEntry) await db.audit.put(auditEntry);
    }),
  );
}

/** A new draft for a patient, care time now (editable while a draft). */
export async function startConsultation(patientId: string, actor: Actor, initial: Partial<ConsultationDraftInput> = {}): Promise<Consultation> {
  const patient = await getPatient(patientId);
  if (!patient) throw new ValidationFailure('That patient is not on this device');
  const draft = newConsultationDraft({ id: newId(), patientId, actor, now: getClock().now() });
  const withInitial = { ...draft, data: { ...draft.data, ...consultationDraftSchema.partial().parse(initial), patientId } };
  const consultation = consultationSchema.parse(withInitial);
  await write(consultation, { actor, action: 'create', summary: 'Started a consultation' }, null);
  return consultation;
}

/**
 * Saves what is typed in a draft: only the fields given change. Any text is accepted; signing
 * checks it. A save that meets a change made meanwhile (another tab's save) re-reads and merges
 * its own fields again; one that meets a signature or a discard is refused.
 */
export async function saveDraft(id: string, content: Partial<ConsultationDraftInput>, actor: Actor): Promise<Consultation> {
  const parsed = consultationDraftSchema.partial().safeParse(content);
  if (!parsed.success) throw new ValidationFailure(parsed.error.issues.map((i) => i.message).join('; '));
  // zod fills defaults even for keys not given: keep only what the caller sent.
  const given = Object.fromEntries(Object.entries(parsed.data).filter(([key]) => key in content && key !== 'patientId' && key !== 'recordedAt'));
  for (let attempt = 0; ; attempt += 1) {
    const read = await readForChange(id);
    const current = read.consultation;
    if (current.status !== 'draft') throw new ValidationFailure(`This consultation is ${current.status}: it cannot be changed. Add an addendum instead.`);
    const next = consultationSchema.parse({ ...current, updatedAt: nowIso(), data: { ...current.data, ...given } });
    const now = getClock().now().getTime();
    const last = lastAutosaveAudit.get(`${id}:${actor.staffId}`) ?? 0;
    const audit = now - last > AUTOSAVE_AUDIT_SPELL_MS ? { actor, action: 'update' as const, summary: 'Edited the draft' } : null;
    try {
      await write(next, audit, read);
    } catch (error) {
      if (error instanceof ConsultationChangedMeanwhile && attempt < 3) continue;
      throw error;
    }
    if (audit) lastAutosaveAudit.set(`${id}:${actor.staffId}`, now);
    return next;
  }
}

export class ConsultationRefused extends Error {
  constructor(readonly errors: FieldError[]) {
    super(errors.map((e) => e.message).join('; '));
    this.name = 'ConsultationRefused';
  }
}

function accept(result: ConsultationResult): Consultation {
  if (!result.ok) throw new ConsultationRefused(result.errors);
  return result.consultation;
}

/** Signs a draft: checked as signing requires; from then on it is read-only. */
export async function signConsultationRecord(id: string, signer: Signer): Promise<Consultation> {
  const read = await readForChange(id);
  const current = read.consultation;
  const patient = await getPatient(current.data.patientId);
  const signed = accept(signConsultation(current, signer, getClock().now(), patient ? { dateOfBirth: patient.data.dateOfBirth } : undefined));
  await write(signed, { actor: signer, action: 'sign', summary: 'Signed the consultation' }, read);
  return signed;
}

/** A correction or addition to a signed record: who, when, why, and the text. */
export async function addAddendumTo(id: string, input: { reason: string; text: string }, actor: Actor): Promise<Consultation> {
  // Two addenda at once: the second re-reads and goes after the first, never over it.
  for (let attempt = 0; ; attempt += 1) {
    const read = await readForChange(id);
    const next = accept(addAddendum(read.consultation, { id: newId(), at: nowIso(), authorId: actor.staffId, deviceId: actor.deviceId, ...input }));
    try {
      await write(next, { actor, action: 'addendum', summary: `Added an addendum: ${input.reason.trim().slice(0, 200)}` }, read);
      return next;
    } catch (error) {
      if (error instanceof ConsultationChangedMeanwhile && attempt < 3) continue;
      throw error;
    }
  }
}

/** Discards a draft with a reason; it is kept, hidden from lists, in the record's history. */
export async function discardConsultation(id: string, reason: string, actor: Actor): Promise<Consultation> {
  const read = await readForChange(id);
  const next = accept(discardDraft(read.consultation, reason, actor, getClock().now()));
  await write(next, { actor, action: 'discard', summary: `Discarded the draft: ${reason.trim().slice(0, 200)}` }, read);
  return next;
}

/** Opening a signed record, or printing one, is part of its history. */
export async function recordConsultationAccess(id: string, action: 'view' | 'print', actor: Actor): Promise<void> {
  const audit = await auditRow(actor, action, 'consultation', id, action === 'view' ? 'Viewed the signed record' : 'Printed the record as PDF');
  const db = getDatabase();
  await guardedWrite(() => db.audit.put(audit));
}
