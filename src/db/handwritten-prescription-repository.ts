/**
 * Prescriptions handwritten before Lifeboat was opened, logged afterwards with photos of the
 * paper (domain/prescribing/handwritten.ts). The prescription, each photo and the audit rows are
 * written in one transaction, all or nothing; every photo is encrypted like any payload, before
 * the transaction. Photos are never deleted: a wrong one is marked superseded with the reason.
 */
import { attachmentSchema, MAX_PHOTOS_PER_RECORD, photoInputSchema, type Attachment, type PhotoInput } from '../domain/attachment';
import { londonCalendarDate, formatCalendarDateUk } from '../domain/prescribing/calendar-date';
import { handwrittenWarnings, isHandwritten, readHandwritten, type HandwrittenPrescriptionInput } from '../domain/prescribing/handwritten';
import type { PrescriptionProblem } from '../domain/prescribing/legal-checks';
import { checkContextFor, issuedPrescriptionSchema, type IssuedPrescription } from '../domain/prescribing/prescription-record';
import type { Actor } from '../domain/record';
import { isPrescriber } from '../domain/staff';
import { getClock, getDatabase } from './context';
import type { AttachmentRow } from './database';
import { getPatient } from './patient-repository';
import { getPractice } from './practice-repository';
import { getPrescription } from './prescription-repository';
import { auditRow, fromRow, fromRows, newRecordMeta, nowIso, toRow } from './record-store';
import { getStaffMember } from './staff-repository';
import { guardedWrite, ValidationFailure } from './write-guard';

/** Logging was refused: every problem, each at the field it belongs beside. */
export class HandwrittenPrescriptionRefused extends ValidationFailure {
  constructor(readonly problems: PrescriptionProblem[]) {
    super(
      problems.map((p) => p.message).join('; '),
      Object.fromEntries(problems.map((p) => [p.path, p.message])),
    );
    this.name = 'HandwrittenPrescriptionRefused';
  }
}

async function toAttachmentRow(a: Attachment): Promise<AttachmentRow> {
  return { ...(await toRow('attachments', a)), ownerId: a.data.ownerId };
}

function parsePhotos(photos: PhotoInput[]): PhotoInput[] {
  if (photos.length === 0) throw new HandwrittenPrescriptionRefused([{ path: 'photos', severity: 'error', message: 'Add at least one photo of the paper prescription' }]);
  if (photos.length > MAX_PHOTOS_PER_RECORD) throw new HandwrittenPrescriptionRefused([{ path: 'photos', severity: 'error', message: `At most ${MAX_PHOTOS_PER_RECORD} photos` }]);
  return photos.map((photo, index) => {
    const parsed = photoInputSchema.safeParse(photo);
    if (!parsed.success) throw new HandwrittenPrescriptionRefused([{ path: 'photos', severity: 'error', message: `Photo ${index + 1}: ${parsed.error.issues[0]?.message ?? 'it could not be read'}` }]);
    return parsed.data;
  });
}

function newAttachments(ownerId: string, photos: PhotoInput[], actor: Actor): Attachment[] {
  return photos.map((photo) => attachmentSchema.parse({ ...newRecordMeta(actor), status: 'current', data: { ...photo, ownerKind: 'prescription', ownerId } }));
}

async function requireActiveStaff(actor: Actor) {
  const member = await getStaffMember(actor.staffId);
  if (!member || member.status !== 'active') throw new ValidationFailure('Choose who is using this device before logging a prescription');
  return member;
}

/** What the paper may be missing (all warnings), for the form to show before and after saving. */
export async function checkHandwrittenPrescription(input: HandwrittenPrescriptionInput): Promise<PrescriptionProblem[]> {
  const reading = readHandwritten(input, londonCalendarDate(getClock().now()));
  if (!reading.ok) return reading.problems;
  const [patient, prescriber, practice] = await Promise.all([getPatient(reading.details.patientId), getStaffMember(reading.details.prescriberId), getPractice()]);
  if (!patient || !prescriber) return [];
  return handwrittenWarnings(reading.details, checkContextFor(patient, prescriber, practice, new Date(reading.details.issuedAt)));
}

/**
 * Logs a prescription handwritten before Lifeboat was opened, with one or more photos of the
 * paper. Any active user may log it (the prescriber named is who wrote it); the shape must be
 * right, the legal checks are warnings only. Returns the stored prescription.
 */
export async function recordHandwrittenPrescription(input: HandwrittenPrescriptionInput, photos: PhotoInput[], actor: Actor): Promise<IssuedPrescription> {
  await requireActiveStaff(actor);
  const reading = readHandwritten(input, londonCalendarDate(getClock().now()));
  if (!reading.ok) throw new HandwrittenPrescriptionRefused(reading.problems);
  const checked = parsePhotos(photos);
  const details = reading.details;
  const [patient, prescriber] = await Promise.all([getPatient(details.patientId), getStaffMember(details.prescriberId)]);
  if (!patient) throw new HandwrittenPrescriptionRefused([{ path: 'patientId', severity: 'error', message: 'That patient is not on this device' }]);
  if (!prescriber || !isPrescriber(prescriber.data)) {
    throw new HandwrittenPrescriptionRefused([{ path: 'prescriberId', severity: 'error', message: 'Choose the prescriber who wrote and signed the paper prescription' }]);
  }
  const prescription = issuedPrescriptionSchema.parse({ ...newRecordMeta(actor), status: 'printed', data: details });
  const attachments = newAttachments(prescription.id, checked, actor);
  const written = formatCalendarDateUk(londonCalendarDate(details.issuedAt));
  const [prescriptionRow, attachmentRows, audits] = await Promise.all([
    toRow('prescriptions', prescription).then((row) => ({ ...row, patientId: details.patientId, consultationId: details.consultationId ?? null })),
    Promise.all(attachments.map(toAttachmentRow)),
    Promise.all([
      auditRow(actor, 'create', 'prescription', prescription.id, `Logged a prescription handwritten on ${written}, with ${attachments.length} photo${attachments.length === 1 ? '' : 's'} of the paper`),
      ...attachments.map((a, i) => auditRow(actor, 'create', 'attachment', a.id, `Photo ${i + 1} of a handwritten prescription`)),
    ]),
  ]);
  const db = getDatabase();
  await guardedWrite(() =>
    db.transaction('rw', [db.prescriptions, db.attachments, db.audit], async () => {
      await db.prescriptions.add(prescriptionRow);
      await db.attachments.bulkAdd(attachmentRows);
      await db.audit.bulkPut(audits);
    }),
  );
  return prescription;
}

/** Adds photos to a logged handwritten prescription (a clearer one, another page). */
export async function addHandwrittenPrescriptionPhotos(prescriptionId: string, photos: PhotoInput[], actor: Actor): Promise<Attachment[]> {
  await requireActiveStaff(actor);
  const prescription = await getPrescription(prescriptionId);
  if (!prescription || !isHandwritten(prescription)) throw new ValidationFailure('Photos can only be added to a logged handwritten prescription');
  const attachments = newAttachments(prescriptionId, parsePhotos(photos), actor);
  const rows = await Promise.all(attachments.map(toAttachmentRow));
  const audits = await Promise.all([
    auditRow(actor, 'update', 'prescription', prescriptionId, `Added ${attachments.length} photo${attachments.length === 1 ? '' : 's'} of the paper`),
    ...attachments.map((a) => auditRow(actor, 'create', 'attachment', a.id, 'Photo of a handwritten prescription')),
  ]);
  const db = getDatabase();
  await guardedWrite(() =>
    db.transaction('rw', [db.prescriptions, db.attachments, db.audit], async () => {
      if (!(await db.prescriptions.get(prescriptionId))) throw new ValidationFailure('That prescription is not on this device');
      await db.attachments.bulkAdd(rows);
      await db.audit.bulkPut(audits);
    }),
  );
  return attachments;
}

/** A record's photos, oldest first, superseded ones included (decrypted now, on demand). */
export async function listAttachmentsFor(ownerId: string): Promise<Attachment[]> {
  const rows = await getDatabase().attachments.where('ownerId').equals(ownerId).toArray();
  return (await fromRows('attachments', rows, attachmentSchema)).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.data.fileName.localeCompare(b.data.fileName, 'en-GB', { numeric: true }) || a.id.localeCompare(b.id));
}

/** Marks a wrong photo superseded, with the reason; it is kept and stays visible, marked. */
export async function supersedeAttachment(id: string, reason: string, actor: Actor): Promise<Attachment> {
  await requireActiveStaff(actor);
  const row = await getDatabase().attachments.get(id);
  const current = row ? await fromRow('attachments', row, attachmentSchema) : null;
  if (!current) throw new ValidationFailure('That photo is not on this device');
  if (current.status !== 'current') throw new ValidationFailure('This photo is already superseded');
  const why = reason.trim();
  const message = 'Say why the photo is superseded, like "Photo of the wrong paper"';
  if (why === '') throw new ValidationFailure(message, { reason: message });
  const at = nowIso();
  const next = attachmentSchema.parse({ ...current, status: 'superseded', updatedAt: at, data: { ...current.data, supersededReason: why.slice(0, 500), supersededAt: at, supersededById: actor.staffId } });
  const stored = await toAttachmentRow(next);
  const audits = await Promise.all([
    auditRow(actor, 'replace', 'attachment', id, `Photo superseded: ${why.slice(0, 200)}`),
    auditRow(actor, 'update', current.data.ownerKind, current.data.ownerId, `A photo of the paper was marked superseded: ${why.slice(0, 200)}`),
  ]);
  const db = getDatabase();
  await guardedWrite(() =>
    db.transaction('rw', [db.attachments, db.audit], async () => {
      if ((await db.attachments.get(id))?.status !== 'current') throw new ValidationFailure('This photo has changed meanwhile');
      await db.attachments.put(stored);
      await db.audit.bulkPut(audits);
    }),
  );
  return next;
}
