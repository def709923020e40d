/**
 * Prescriptions and the FP10 stationery register. A draft is saved as typed; printing checks the
 * law (domain/prescribing), then in one transaction makes the prescription "printed" (never
 * changed again) and writes one register entry per FP10SS form. A printed prescription is only
 * cancelled, with a reason, and its forms with it; nothing is deleted. A replacement is a new
 * draft that says what it replaces. Every step is audited with the record.
 */
import type { AuditAction } from '../domain/audit';
import { discardSchema } from '../domain/consultation';
import {
  checkContextFor,
  checkFp10Serials,
  discardedPrescriptionSchema,
  checkDraftForPrinting,
  emptyDraftItem,
  formsFor,
  fp10EntrySchema,
  isIssued,
  prescriptionDraftContentSchema,
  prescriptionDraftSchema,
  storedPrescriptionSchema,
  type DiscardedPrescription,
  type DraftItem,
  type Fp10Entry,
  type IssuedPrescription,
  type PrescriptionDraft,
  type PrescriptionDraftContent,
  type StoredPrescription,
} from '../domain/prescribing/prescription-record';
import type { PrescriptionProblem } from '../domain/prescribing/legal-checks';
import { prescriptionSchema, type Prescription, type PrintMode } from '../domain/prescribing/prescription';
import type { Actor } from '../domain/record';
import { isPrescriber, type StaffMember } from '../domain/staff';
import { getClock, getDatabase } from './context';
import type { AuditRow, Fp10RegisterRow, PrescriptionRow } from './database';
import { getConsultation } from './consultation-repository';
import { getPatient } from './patient-repository';
import { getPractice } from './practice-repository';
import { auditRow, fromRow, fromRows, newRecordMeta, nowIso, toRow } from './record-store';
import { getStaffMember } from './staff-repository';
import { guardedWrite, ValidationFailure } from './write-guard';

const AUTOSAVE_AUDIT_SPELL_MS = 10 * 60 * 1000;
const lastAutosaveAudit = new Map<string, number>();

/** Printing was refused: every problem, each with the field it belongs beside. */
export class PrescriptionRefused extends Error {
  constructor(readonly problems: PrescriptionProblem[]) {
    super(problems.filter((p) => p.severity === 'error').map((p) => p.message).join('; '));
    this.name = 'PrescriptionRefused';
  }
}

type Audit = { actor: Actor; action: AuditAction; entityKind: 'prescription' | 'fp10-form'; entityId: string; summary: string };

async function toPrescriptionRow(p: StoredPrescription): Promise<PrescriptionRow> {
  return { ...(await toRow('prescriptions', p)), patientId: p.data.patientId, consultationId: p.data.consultationId ?? null };
}

async function toRegisterRow(entry: Fp10Entry): Promise<Fp10RegisterRow> {
  return { ...(await toRow('fp10Register', entry)), prescriptionId: entry.data.prescriptionId };
}

function audits(list: Audit[]): Promise<AuditRow[]> {
  return Promise.all(list.map((a) => auditRow(a.actor, a.action, a.entityKind, a.entityId, a.summary)));
}

export async function getPrescription(id: string): Promise<StoredPrescription | null> {
  const row = await getDatabase().prescriptions.get(id);
  return row ? fromRow('prescriptions', row, storedPrescriptionSchema) : null;
}

/** Every prescription on this device, newest first. */
export async function listPrescriptions(): Promise<StoredPrescription[]> {
  const rows = await getDatabase().prescriptions.orderBy('updatedAt').reverse().toArray();
  return fromRows('prescriptions', rows, storedPrescriptionSchema);
}

export async function listPrescriptionsForPatient(patientId: string): Promise<StoredPrescription[]> {
  const rows = await getDatabase().prescriptions.where('patientId').equals(patientId).toArray();
  return (await fromRows('prescriptions', rows, storedPrescriptionSchema)).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** The FP10 register, newest first. */
export async function listFp10Register(): Promise<Fp10Entry[]> {
  const rows = await getDatabase().fp10Register.orderBy('updatedAt').reverse().toArray();
  return fromRows('fp10Register', rows, fp10EntrySchema);
}

export async function listFp10FormsFor(prescriptionId: string): Promise<Fp10Entry[]> {
  const rows = await getDatabase().fp10Register.where('prescriptionId').equals(prescriptionId).toArray();
  return (await fromRows('fp10Register', rows, fp10EntrySchema)).sort((a, b) => a.data.formNumber - b.data.formNumber);
}

/** Medicines prescribed on this device, most recent first, each once: offered as the prescriber types. */
export async function listRecentMedicines(limit = 50): Promise<Pick<DraftItem, 'medicineName' | 'strength' | 'form'>[]> {
  const seen = new Map<string, Pick<DraftItem, 'medicineName' | 'strength' | 'form'>>();
  for (const p of await listPrescriptions()) {
    if (p.status === 'discarded') continue;
    for (const item of p.data.items) {
      const medicineName = item.medicineName.trim();
      const key = medicineName.toLocaleLowerCase('en-GB');
      if (medicineName === '' || seen.has(key)) continue;
      seen.set(key, { medicineName, strength: item.strength.trim(), form: item.form.trim() });
    }
  }
  return [...seen.values()].slice(0, limit);
}

async function requirePrescriber(actor: Actor): Promise<StaffMember> {
  const member = await getStaffMember(actor.staffId);
  if (!member || member.status !== 'active') throw new ValidationFailure('Choose who is using this device before prescribing');
  if (!isPrescriber(member.data)) throw new ValidationFailure(`${member.data.name} is not set up as a prescriber: only a prescriber can write a prescription`);
  return member;
}

/**
 * Writes a prescription, the register entries and the audit rows in one transaction. Rows are
 * encrypted before it (Web Crypto inside it would let it commit early); inside, the stored
 * status is checked again, so a change made meanwhile in another tab is never overwritten.
 */
async function write(
  prescription: StoredPrescription,
  expectedStatus: StoredPrescription['status'] | null,
  options: { audit: Audit[]; register?: Fp10Entry[]; extra?: StoredPrescription[]; registerIds?: string[] },
): Promise<void> {
  const row = await toPrescriptionRow(prescription);
  const extraRows = await Promise.all((options.extra ?? []).map(toPrescriptionRow));
  const registerRows = await Promise.all((options.register ?? []).map(toRegisterRow));
  const auditRows = await audits(options.audit);
  const db = getDatabase();
  await guardedWrite(() =>
    db.transaction('rw', [db.prescriptions, db.fp10Register, db.audit], async () => {
      const stored = await db.prescriptions.get(prescription.id);
      if (expectedStatus === null ? stored !== undefined : stored?.status !== expectedStatus) {
        throw new ValidationFailure(stored ? `This prescription has been ${stored.status} meanwhile and cannot be changed here` : 'That prescription is not on this device');
      }
      if (options.registerIds) {
        // The serials were checked against the register as read before: it must not have grown since.
        const now = await db.fp10Register.toCollection().primaryKeys();
        const before = new Set(options.registerIds);
        if (now.length !== before.size || now.some((id) => !before.has(id))) {
          throw new ValidationFailure('The FP10 register changed while printing: check the serial numbers and print again');
        }
      }
      await db.prescriptions.put(row);
      if (extraRows.length > 0) await db.prescriptions.bulkPut(extraRows);
      if (registerRows.length > 0) await db.fp10Register.bulkPut(registerRows);
      await db.audit.bulkPut(auditRows);
    }),
  );
}

/** Where a new prescription comes from: a signed consultation, or a patient on their own. */
export type PrescriptionStart = { consultationId: string } | { patientId: string };

/**
 * A new draft with one empty item, for the signed-in prescriber. From a consultation, what it
 * recorded about allergies and current medicines is carried over to be confirmed.
 */
export async function startPrescription(start: PrescriptionStart, actor: Actor): Promise<PrescriptionDraft> {
  const prescriber = await requirePrescriber(actor);
  let patientId: string;
  let consultationId: string | undefined;
  let carried: Partial<PrescriptionDraft['data']> = {};
  if ('consultationId' in start) {
    const consultation = await getConsultation(start.consultationId);
    if (!consultation) throw new ValidationFailure('That consultation is not on this device');
    if (consultation.status !== 'signed') throw new ValidationFailure('Sign the consultation before prescribing from it');
    patientId = consultation.data.patientId;
    consultationId = consultation.id;
    const c = consultation.data;
    carried = {
      allergiesStatus: c.allergiesNotKnown ? 'not-known' : c.allergies.trim() ? 'confirmed' : '',
      allergies: c.allergiesNotKnown ? '' : c.allergies.trim(),
      currentMedicinesStatus: c.currentMedicinesNotKnown ? 'not-known' : c.currentMedicines.trim() ? 'confirmed' : '',
      currentMedicines: c.currentMedicinesNotKnown ? '' : c.currentMedicines.trim(),
    };
  } else {
    patientId = start.patientId;
  }
  if (!(await getPatient(patientId))) throw new ValidationFailure('That patient is not on this device');
  const draft = prescriptionDraftSchema.parse({
    ...newRecordMeta(actor),
    status: 'draft',
    data: { patientId, consultationId, prescriberId: prescriber.id, items: [emptyDraftItem()], ...carried },
  });
  await write(draft, null, {
    audit: [{ actor, action: 'create', entityKind: 'prescription', entityId: draft.id, summary: consultationId ? 'Started a prescription from a consultation' : 'Started a prescription' }],
  });
  return draft;
}

async function requireDraft(id: string): Promise<PrescriptionDraft> {
  const current = await getPrescription(id);
  if (!current) throw new ValidationFailure('That prescription is not on this device');
  if (current.status === 'discarded') throw new ValidationFailure('This prescription was discarded: it cannot be changed or printed. Start a new one if it is needed.');
  if (current.status !== 'draft') throw new ValidationFailure(`This prescription is ${current.status}: it cannot be changed. Cancel it and write a replacement instead.`);
  return current;
}

/** Saves what is typed in a draft; anything is kept, printing checks it. Audited once per editing spell. */
export async function savePrescriptionDraft(id: string, content: PrescriptionDraftContent, actor: Actor): Promise<PrescriptionDraft> {
  const current = await requireDraft(id);
  const parsed = prescriptionDraftContentSchema.safeParse(content);
  if (!parsed.success) throw new ValidationFailure(parsed.error.issues.map((i) => i.message).join('; '));
  const changes = Object.fromEntries(Object.entries(parsed.data).filter(([, value]) => value !== undefined));
  const next = prescriptionDraftSchema.parse({ ...current, updatedAt: nowIso(), data: { ...current.data, ...changes } });
  const now = getClock().now().getTime();
  const key = `${id}:${actor.staffId}`;
  const audit: Audit[] = now - (lastAutosaveAudit.get(key) ?? 0) > AUTOSAVE_AUDIT_SPELL_MS ? [{ actor, action: 'update', entityKind: 'prescription', entityId: id, summary: 'Edited the draft' }] : [];
  await write(next, 'draft', { audit });
  if (audit.length > 0) lastAutosaveAudit.set(key, now);
  return next;
}

/**
 * Discards a draft that will not be printed (started for the wrong patient, not needed after all):
 * it is kept, marked discarded with who, when and why, and never printed. A prescriber's act.
 */
export async function discardPrescriptionDraft(id: string, reason: string, actor: Actor): Promise<DiscardedPrescription> {
  await requirePrescriber(actor);
  const current = await requireDraft(id);
  const at = nowIso();
  const discard = discardSchema.safeParse({ at, staffId: actor.staffId, deviceId: actor.deviceId, reason });
  if (!discard.success) {
    const message = discard.error.issues[0]?.message ?? 'Say why this draft is being discarded';
    throw new ValidationFailure(message, { discardReason: message });
  }
  const next = discardedPrescriptionSchema.parse({ ...current, status: 'discarded', updatedAt: at, data: { ...current.data, discard: discard.data } });
  await write(next, 'draft', {
    audit: [{ actor, action: 'discard', entityKind: 'prescription', entityId: id, summary: `Discarded the draft: ${discard.data.reason.slice(0, 200)}` }],
  });
  return next;
}

/** The checks as printing would run them now, for the screen to show beside each field. */
export async function checkPrescriptionForPrinting(id: string): Promise<PrescriptionProblem[]> {
  const draft = await requireDraft(id);
  const { context } = await printContext(draft);
  return checkDraftForPrinting(draft.data, context, nowIso()).problems;
}

async function printContext(draft: PrescriptionDraft) {
  const [patient, prescriber, practice] = await Promise.all([getPatient(draft.data.patientId), getStaffMember(draft.data.prescriberId), getPractice()]);
  if (!patient) throw new ValidationFailure('The patient of this prescription is not on this device');
  if (!prescriber) throw new ValidationFailure('The prescriber of this prescription is not on this device');
  return { patient, prescriber, practice, context: checkContextFor(patient, prescriber, practice, getClock().now()) };
}

export interface PrintRequest {
  mode: PrintMode;
  /** FP10SS only: the serial of each form, in order; one per form the items need. */
  serials?: string[];
}

/**
 * Prints a draft: refused with every problem unless the legal checks pass (and, onto FP10SS,
 * unless each form has a new serial). Then, in one transaction, the prescription becomes
 * "printed", never to change, and each form goes into the FP10 register. Only the prescriber
 * whose name it carries can print it.
 */
export async function printPrescription(id: string, request: PrintRequest, actor: Actor): Promise<Prescription> {
  const draft = await requireDraft(id);
  if (actor.staffId !== draft.data.prescriberId) throw new ValidationFailure('Only the prescriber named on this prescription can print it');
  await requirePrescriber(actor);
  const { context } = await printContext(draft);
  const at = nowIso();
  const check = checkDraftForPrinting(draft.data, context, at);
  const forms = formsFor(draft.data.items.length);
  const registerBefore = request.mode === 'fp10ss' ? await listFp10Register() : [];
  const registerIds = request.mode === 'fp10ss' ? await getDatabase().fp10Register.toCollection().primaryKeys() : undefined;
  const serials = request.mode === 'fp10ss' ? checkFp10Serials(request.serials ?? [], forms, registerBefore) : { problems: [], normalised: [] };
  if (!check.ok || serials.problems.length > 0) throw new PrescriptionRefused([...check.problems, ...serials.problems]);

  const printed = prescriptionSchema.parse({
    ...draft,
    status: 'printed',
    updatedAt: at,
    data: { ...check.details, issuedAt: at, printed: { at, mode: request.mode, serials: serials.normalised, byStaffId: actor.staffId } },
  });
  const issued: IssuedPrescription = { ...printed, status: 'printed' };
  const register = serials.normalised.map((serial, index) =>
    fp10EntrySchema.parse({
      ...newRecordMeta(actor),
      status: 'printed',
      data: { serial, formNumber: index + 1, prescriptionId: id, patientId: draft.data.patientId, prescriberId: actor.staffId, usedAt: at },
    }),
  );
  const how = request.mode === 'fp10ss' ? `onto FP10SS form${forms === 1 ? '' : 's'} ${serials.normalised.join(', ')}` : 'on plain paper (record copy, not valid for dispensing)';
  await write(issued, 'draft', {
    registerIds,
    register,
    audit: [
      { actor, action: 'print', entityKind: 'prescription', entityId: id, summary: `Printed ${how}` },
      ...register.map((entry) => ({ actor, action: 'print' as const, entityKind: 'fp10-form' as const, entityId: entry.id, summary: `FP10 form ${entry.data.serial} printed for a prescription` })),
    ],
  });
  return printed;
}

/** Another copy of a printed prescription (the same content); audited, changes nothing. */
export async function recordPrescriptionCopy(id: string, mode: PrintMode, actor: Actor): Promise<void> {
  const audit = await auditRow(actor, 'print', 'prescription', id, mode === 'plain' ? 'Printed a plain-paper copy (not valid for dispensing)' : 'Printed again onto FP10SS');
  const db = getDatabase();
  await guardedWrite(() => db.audit.put(audit));
}

/**
 * Cancels a printed prescription with a reason: it stays visible, marked cancelled; the FP10
 * forms it was printed on are marked cancelled in the register, in the same transaction.
 */
export async function cancelPrescription(id: string, reason: string, actor: Actor): Promise<IssuedPrescription> {
  const current = await getPrescription(id);
  if (!current) throw new ValidationFailure('That prescription is not on this device');
  if (current.status !== 'printed') {
    throw new ValidationFailure(
      current.status === 'cancelled' ? 'This prescription is already cancelled' : `This prescription was never printed (${current.status}): there is nothing to cancel`,
    );
  }
  const why = reason.trim();
  if (why === '') throw new ValidationFailure('Say why the prescription is cancelled, like "Wrong dose"', { reason: 'Say why the prescription is cancelled, like "Wrong dose"' });
  const at = nowIso();
  const parsed = storedPrescriptionSchema.parse({
    ...current,
    status: 'cancelled',
    updatedAt: at,
    data: { ...current.data, cancellationReason: why.slice(0, 1000), cancelledAt: at, cancelledById: actor.staffId },
  });
  if (!isIssued(parsed)) throw new Error('A cancelled prescription read back as a draft');
  const forms = (await listFp10FormsFor(id)).filter((f) => f.status === 'printed');
  const cancelledForms = forms.map((f) => fp10EntrySchema.parse({ ...f, status: 'cancelled', updatedAt: at, data: { ...f.data, cancelledReason: why.slice(0, 1000) } }));
  await write(parsed, 'printed', {
    register: cancelledForms,
    audit: [
      { actor, action: 'cancel', entityKind: 'prescription', entityId: id, summary: `Cancelled the prescription: ${why.slice(0, 200)}` },
      ...cancelledForms.map((f) => ({ actor, action: 'cancel' as const, entityKind: 'fp10-form' as const, entityId: f.id, summary: `FP10 form ${f.data.serial} cancelled with its prescription` })),
    ],
  });
  return parsed;
}

/** A new draft for a cancelled prescription, linked to it, with its items to correct. */
export async function replacePrescription(id: string, actor: Actor): Promise<PrescriptionDraft> {
  const prescriber = await requirePrescriber(actor);
  const original = await getPrescription(id);
  if (!original) throw new ValidationFailure('That prescription is not on this device');
  if (original.status !== 'cancelled') throw new ValidationFailure('Cancel the prescription, with the reason, before writing its replacement');
  const o = original.data;
  const draft = prescriptionDraftSchema.parse({
    ...newRecordMeta(actor),
    status: 'draft',
    data: {
      patientId: o.patientId,
      consultationId: o.consultationId,
      prescriberId: prescriber.id,
      kind: o.kind,
      replacesId: original.id,
      items: o.items.map((item) => ({ ...item, quantity: String(item.quantity), daysTreatment: String(item.daysTreatment) })),
      allergiesStatus: o.allergiesStatus,
      allergies: o.allergies,
      currentMedicinesStatus: o.currentMedicinesStatus,
      currentMedicines: o.currentMedicines,
    },
  });
  const short = original.id.slice(0, 8);
  const rows = await audits([
    { actor, action: 'create', entityKind: 'prescription', entityId: draft.id, summary: `Started a replacement for cancelled prescription ${short}` },
    { actor, action: 'replace', entityKind: 'prescription', entityId: original.id, summary: `Replacement started: prescription ${draft.id.slice(0, 8)}` },
  ]);
  const row = await toPrescriptionRow(draft);
  const db = getDatabase();
  await guardedWrite(() =>
    db.transaction('rw', [db.prescriptions, db.audit], async () => {
      if ((await db.prescriptions.get(original.id))?.status !== 'cancelled') throw new ValidationFailure('The prescription to replace has changed meanwhile');
      await db.prescriptions.add(row);
      await db.audit.bulkPut(rows);
    }),
  );
  return draft;
}

/** Marks an FP10 form spoiled (torn, jammed, misprinted) with the reason; it stays in the register. */
export async function markFp10FormSpoiled(entryId: string, reason: string, actor: Actor): Promise<Fp10Entry> {
  const row = await getDatabase().fp10Register.get(entryId);
  const entry = row ? await fromRow('fp10Register', row, fp10EntrySchema) : null;
  if (!entry) throw new ValidationFailure('That form is not in the register on this device');
  if (entry.status !== 'printed') throw new ValidationFailure(`Form ${entry.data.serial} is already ${entry.status}`);
  const why = reason.trim();
  if (why === '') throw new ValidationFailure('Say why the form is spoiled, like "Jammed in the printer"', { reason: 'Say why the form is spoiled, like "Jammed in the printer"' });
  const next = fp10EntrySchema.parse({ ...entry, status: 'spoiled', updatedAt: nowIso(), data: { ...entry.data, spoiledReason: why.slice(0, 500) } });
  const stored = await toRegisterRow(next);
  const audit = await auditRow(actor, 'spoil', 'fp10-form', entryId, `FP10 form ${entry.data.serial} spoiled: ${why.slice(0, 200)}`);
  const prescriptionAudit = entry.data.prescriptionId ? await auditRow(actor, 'spoil', 'prescription', entry.data.prescriptionId, `FP10 form ${entry.data.serial} marked spoiled: ${why.slice(0, 200)}`) : null;
  const db = getDatabase();
  await guardedWrite(() =>
    db.transaction('rw', [db.fp10Register, db.audit], async () => {
      if ((await db.fp10Register.get(entryId))?.status !== 'printed') throw new ValidationFailure('This form has changed meanwhile');
      await db.fp10Register.put(stored);
      await db.audit.bulkPut(prescriptionAudit ? [audit, prescriptionAudit] : [audit]);
    }),
  );
  return next;
}
