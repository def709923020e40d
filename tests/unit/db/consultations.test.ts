// Consultations in storage: a draft keeps whatever is typed (audited once per editing spell), is
// signed once complete and then never changes, takes addenda, or is discarded with a reason and
// kept. Mostly on a device with practice keys (as in use); the plain path is checked once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addAddendumTo,
  addPatient,
  addStaff,
  ConsultationRefused,
  countDrafts,
  discardConsultation,
  getConsultation,
  listAuditFor,
  listConsultations,
  listConsultationsForPatient,
  lock,
  LockedError,
  recordConsultationAccess,
  saveDraft,
  signConsultationRecord,
  startConsultation,
  unlock,
  ValidationFailure,
  type LifeboatDatabase,
} from '../../../src/db';
import type { ConsultationRow } from '../../../src/db/database';
import { setKdfIterationsForTests } from '../../../src/db/key-slots';
import type { Consultation, ConsultationDraftInput, Signer } from '../../../src/domain/consultation';
import type { Patient } from '../../../src/domain/patient';
import type { Actor } from '../../../src/domain/record';
import type { StaffDetailsInput } from '../../../src/domain/staff';
import { GP_PASSPHRASE, NURSE, NURSE_PASSPHRASE, refusalOf, setUpEncryptedDevice } from '../security/builders';
import { seedPlainDevice } from './builders';
import { freshDatabase, frozenClock } from './fresh-database';

const RECEPTIONIST: StaffDetailsInput = { name: 'Odile Brackenbury', role: 'reception' };
const RECEPTION_PASSPHRASE = 'walnut ferry comet';

/** A complete consultation, every phrase distinctive enough to be recognised in a stored row. */
const COMPLETE = {
  presentingComplaint: 'Throbbing headache behind the left eye',
  history: 'Started on waking. Photophobia. Similar episodes each spring.',
  examination: 'Fundi unremarkable. No meningism.',
  observations: { systolic: '128', diastolic: '82', pulse: '76', temperature: '36.9', spo2: '98', respiratoryRate: '14', consciousness: 'alert' },
  allergies: 'Codeine: vomiting (as stated by the patient)',
  currentMedicines: 'Sumatriptan 50 mg when needed',
  assessment: 'Migraine without aura',
  plan: 'Naproxen 500 mg twice daily with food for three days',
  safetyNetting: 'Seek help at once for the worst headache ever, fever or a stiff neck',
  followUp: 'Review in a fortnight if no better',
  referrals: 'Optician for a sight test',
  freeText: 'Łukasz interpreted; Zoë (daughter) present',
} satisfies Partial<ConsultationDraftInput>;

const TYPED_TEXT = ['Throbbing', 'Photophobia', 'Fundi', 'meningism', 'Codeine', 'Sumatriptan', 'Migraine', 'Naproxen', 'stiff neck', 'fortnight', 'Optician', 'Łukasz', 'interpreted'];

const NOW = '2024-07-19T09:00:00+01:00';
const MINUTE = 60_000;

let db: LifeboatDatabase;
let clock: ReturnType<typeof frozenClock>;
let gp: Actor;
let signer: Signer;
let patient: Patient;

beforeEach(async () => {
  setKdfIterationsForTests(1_000);
  clock = frozenClock();
  db = freshDatabase(clock);
  ({ actor: gp } = await setUpEncryptedDevice());
  signer = { ...gp, role: 'gp' };
  patient = await addPatient({ firstName: 'Maisie', lastName: 'Wetherall', dateOfBirth: '19/07/1984', sex: 'female', nhsNumber: '943 476 5919' }, gp);
});
afterEach(() => setKdfIterationsForTests(null));

async function rawRow(id: string): Promise<ConsultationRow> {
  const row = await db.consultations.get(id);
  if (!row) throw new Error(`No stored row for consultation ${id}`);
  return row;
}

/** How many audit events of each action the record has (order aside: times are to the second). */
async function auditCounts(id: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const event of await listAuditFor(id)) counts[event.action] = (counts[event.action] ?? 0) + 1;
  return counts;
}

/** The audit rows stored for a record, raw: to show that a refused step wrote none. */
function storedAudit(id: string) {
  return db.audit.where('entityId').equals(id).toArray();
}

async function completeDraft(): Promise<Consultation> {
  const draft = await startConsultation(patient.id, gp);
  clock.advance(1_000);
  return saveDraft(draft.id, COMPLETE, gp);
}

async function signedRecord(): Promise<Consultation> {
  const draft = await completeDraft();
  clock.advance(1_000);
  return signConsultationRecord(draft.id, signer);
}

/** The record's data with its addenda left out: what signing fixed for ever. */
function signedContent(c: Consultation | null) {
  if (!c) throw new Error('The consultation is missing');
  const { addenda: _addenda, ...rest } = c.data;
  return { id: c.id, status: c.status, createdAt: c.createdAt, authorId: c.authorId, deviceId: c.deviceId, data: rest };
}

async function addUser(details: StaffDetailsInput, passphrase: string): Promise<Actor> {
  const member = await addStaff(details, gp, passphrase);
  return { staffId: member.id, deviceId: gp.deviceId };
}

describe('startConsultation', () => {
  it('creates an empty draft for the patient, happening and written now, and audits it', async () => {
    const draft = await startConsultation(patient.id, gp);

    expect(draft).toMatchObject({ status: 'draft', authorId: gp.staffId, deviceId: gp.deviceId, createdAt: NOW, updatedAt: NOW });
    expect(draft.data).toMatchObject({
      patientId: patient.id,
      happenedAt: NOW,
      recordedAt: NOW,
      type: 'face-to-face',
      history: '',
      observations: {},
      allergiesNotKnown: false,
      signature: null,
      addenda: [],
      discard: null,
    });
    expect(await getConsultation(draft.id)).toEqual(draft);
    const audit = await listAuditFor(draft.id);
    expect(audit.map((e) => [e.action, e.entityKind, e.actorId])).toEqual([['create', 'consultation', gp.staffId]]);
    expect(await countDrafts()).toBe(1);
  });

  it('takes initial content, but never another patient', async () => {
    const other = await addPatient({ firstName: 'Ruth', lastName: 'Ellery', dateOfBirth: '03/03/1950', sex: 'female' }, gp);
    const draft = await startConsultation(patient.id, gp, { type: 'telephone', presentingComplaint: 'Rash', patientId: other.id });
    expect(draft.data).toMatchObject({ type: 'telephone', presentingComplaint: 'Rash', patientId: patient.id });
    expect((await getConsultation(draft.id))?.data).toMatchObject({ type: 'telephone', presentingComplaint: 'Rash', patientId: patient.id });
  });

  it('refuses a patient who is not on the device, storing nothing', async () => {
    await refusalOf(startConsultation('0b7c9e2a-4d6f-4a81-9c3e-5f7a9b1d3e5f', gp), ValidationFailure);
    expect(await db.consultations.count()).toBe(0);
  });
});

describe('saveDraft', () => {
  let draft: Consultation;
  beforeEach(async () => {
    draft = await startConsultation(patient.id, gp);
    clock.advance(1_000);
  });

  it('merges what is saved into what is already there', async () => {
    await saveDraft(draft.id, { presentingComplaint: 'Cough for a week' }, gp);
    await saveDraft(draft.id, { history: 'Dry cough, worse at night' }, gp);
    await saveDraft(draft.id, { type: 'telephone', allergiesNotKnown: true }, gp);

    expect((await getConsultation(draft.id))?.data).toMatchObject({
      presentingComplaint: 'Cough for a week',
      history: 'Dry cough, worse at night',
      type: 'telephone',
      allergiesNotKnown: true,
      patientId: patient.id,
      happenedAt: NOW,
    });
  });

  it('returns what it stored, with the time of the save', async () => {
    const saved = await saveDraft(draft.id, { history: 'Dry cough' }, gp);
    expect(saved.updatedAt).toBe('2024-07-19T09:00:01+01:00');
    expect(await getConsultation(draft.id)).toEqual(saved);
  });

  it('keeps half-typed and impossible observations exactly as typed', async () => {
    const typed = { pulse: '3', temperature: '38.', spo2: '', systolic: '4OO', respiratoryRate: '400', onOxygen: false, consciousness: '' };
    await saveDraft(draft.id, { observations: typed }, gp);
    expect((await getConsultation(draft.id))?.data.observations).toEqual(typed);
  });

  it('keeps text beyond Latin-1 and every line break', async () => {
    const history = 'Αλέξανδρος says:\n  “it hurts here” — Nguyễn translated.\r\n\tŁukasz agreed.';
    await saveDraft(draft.id, { history }, gp);
    expect((await getConsultation(draft.id))?.data.history).toBe(history);
  });

  it('changes the care time while a draft, for notes first written on paper', async () => {
    await saveDraft(draft.id, { happenedAt: '2024-07-19T07:40:00+01:00' }, gp);
    expect((await getConsultation(draft.id))?.data).toMatchObject({ happenedAt: '2024-07-19T07:40:00+01:00', recordedAt: NOW });
  });

  it('audits the first save of an editing spell, not every save, and stores every save', async () => {
    // 09:00:01: the first edit is audited.
    await saveDraft(draft.id, { history: 'a' }, gp);
    expect(await auditCounts(draft.id)).toEqual({ create: 1, update: 1 });

    // Later saves within ten minutes of it are stored but not audited again.
    for (const [minutes, history] of [[1, 'ab'], [5, 'abc'], [9, 'abcd']] as const) {
      clock.set('2024-07-19T08:00:01Z');
      clock.advance(minutes * MINUTE);
      await saveDraft(draft.id, { history }, gp);
      expect((await getConsultation(draft.id))?.data.history).toBe(history);
    }
    expect(await auditCounts(draft.id)).toEqual({ create: 1, update: 1 });

    // More than ten minutes after the audited edit: a new spell, audited once.
    clock.set('2024-07-19T08:10:03Z');
    await saveDraft(draft.id, { history: 'abcde' }, gp);
    clock.advance(MINUTE);
    await saveDraft(draft.id, { history: 'abcdef' }, gp);
    expect(await auditCounts(draft.id)).toEqual({ create: 1, update: 2 });
    expect((await getConsultation(draft.id))?.data.history).toBe('abcdef');
  });

  it('audits each person’s edits, even within another person’s editing spell', async () => {
    const nurse = await addUser(NURSE, NURSE_PASSPHRASE);
    await saveDraft(draft.id, { history: 'by the GP' }, gp);
    clock.advance(MINUTE);
    await saveDraft(draft.id, { examination: 'by the nurse' }, nurse);
    const updates = (await listAuditFor(draft.id)).filter((e) => e.action === 'update');
    expect(updates.map((e) => e.actorId).sort()).toEqual([gp.staffId, nurse.staffId].sort());
  });

  it('refuses content that is not a draft’s, changing nothing', async () => {
    const before = await rawRow(draft.id);
    const audit = await storedAudit(draft.id);
    await refusalOf(saveDraft(draft.id, { type: 'carrier pigeon' as never }, gp), ValidationFailure);
    await refusalOf(saveDraft(draft.id, { history: 'x'.repeat(20_001) }, gp), ValidationFailure);
    expect(await rawRow(draft.id)).toEqual(before);
    expect(await storedAudit(draft.id)).toEqual(audit);
  });

  it('refuses a consultation that is not on the device', async () => {
    await refusalOf(saveDraft('0b7c9e2a-4d6f-4a81-9c3e-5f7a9b1d3e5f', { history: 'x' }, gp), ValidationFailure);
    expect(await db.consultations.count()).toBe(1);
  });

  it('refuses a signed record, changing nothing', async () => {
    await saveDraft(draft.id, COMPLETE, gp);
    clock.advance(1_000);
    await signConsultationRecord(draft.id, signer);
    const before = await rawRow(draft.id);
    const audit = await storedAudit(draft.id);
    clock.advance(MINUTE);

    const refusal = await refusalOf(saveDraft(draft.id, { history: 'Changed after signing' }, gp), ValidationFailure);
    expect(refusal.message).toContain('signed');
    expect(await rawRow(draft.id)).toEqual(before);
    expect(await storedAudit(draft.id)).toEqual(audit);
  });

  it('refuses a discarded record, changing nothing', async () => {
    await saveDraft(draft.id, { history: 'Wrong patient' }, gp);
    await discardConsultation(draft.id, 'Started for the wrong patient', gp);
    const before = await rawRow(draft.id);
    const audit = await storedAudit(draft.id);
    clock.advance(MINUTE);

    const refusal = await refusalOf(saveDraft(draft.id, { history: 'Changed after discarding' }, gp), ValidationFailure);
    expect(refusal.message).toContain('discarded');
    expect(await rawRow(draft.id)).toEqual(before);
    expect(await storedAudit(draft.id)).toEqual(audit);
  });

  it('refuses while the device is locked, and the draft is as it was once unlocked', async () => {
    await saveDraft(draft.id, { history: 'Before the lock' }, gp);
    const before = await rawRow(draft.id);
    lock();
    await refusalOf(saveDraft(draft.id, { history: 'While locked' }, gp), LockedError);
    expect(await rawRow(draft.id)).toEqual(before);
    await unlock(gp.staffId, GP_PASSPHRASE);
    expect((await getConsultation(draft.id))?.data.history).toBe('Before the lock');
  });
});

describe('signConsultationRecord', () => {
  let draft: Consultation;
  beforeEach(async () => {
    draft = await startConsultation(patient.id, gp);
    clock.advance(1_000);
  });

  async function refusedFields(content: Partial<ConsultationDraftInput>, by: Signer = signer): Promise<ConsultationRefused> {
    await saveDraft(draft.id, content, gp);
    const before = await rawRow(draft.id);
    clock.advance(1_000);
    const refusal = await refusalOf(signConsultationRecord(draft.id, by), ConsultationRefused);
    // Refused: still the same draft, and no signing in its history.
    expect(await rawRow(draft.id)).toEqual(before);
    expect(await auditCounts(draft.id)).not.toHaveProperty('sign');
    return refusal;
  }

  it('refuses an empty draft, naming each missing section by its field', async () => {
    const refusal = await refusedFields({});
    expect(refusal.errors.map((e) => e.field).sort()).toEqual(['allergies', 'assessment', 'presentingComplaint']);
  });

  it('refuses when allergies are neither recorded nor ticked as not known', async () => {
    const refusal = await refusedFields({ ...COMPLETE, allergies: '   ' });
    expect(refusal.errors).toEqual([{ field: 'allergies', message: 'Record allergies (or "No known allergies"), or tick Not known' }]);
  });

  it('refuses allergies both recorded and ticked as not known', async () => {
    const refusal = await refusedFields({ ...COMPLETE, allergiesNotKnown: true });
    expect(refusal.errors).toEqual([{ field: 'allergies', message: 'Either record allergies or tick Not known, not both' }]);
  });

  it('refuses without an assessment or a plan', async () => {
    const refusal = await refusedFields({ ...COMPLETE, assessment: '', plan: '' });
    expect(refusal.errors).toEqual([{ field: 'assessment', message: 'Enter an assessment or a plan' }]);
  });

  it('refuses an impossible observation beside it', async () => {
    const refusal = await refusedFields({ ...COMPLETE, observations: { ...COMPLETE.observations, pulse: '400', temperature: '38.' } });
    expect(refusal.errors.map((e) => e.field).sort()).toEqual(['observations.pulse', 'observations.temperature']);
  });

  it('refuses care recorded as before the patient was born', async () => {
    const refusal = await refusedFields({ ...COMPLETE, happenedAt: '1984-07-18T10:00:00+01:00' });
    expect(refusal.errors).toEqual([{ field: 'happenedAt', message: 'The consultation cannot be before the patient was born' }]);
  });

  it('refuses someone who is not a clinician', async () => {
    const reception = await addUser(RECEPTIONIST, RECEPTION_PASSPHRASE);
    const refusal = await refusedFields(COMPLETE, { ...reception, role: 'reception' });
    expect(refusal.errors).toEqual([{ field: 'signer', message: 'Only a clinician can sign a consultation' }]);
  });

  it('signs a complete draft: read-only from then, with who signed, when and on which device, audited', async () => {
    const complete = await saveDraft(draft.id, COMPLETE, gp);
    clock.advance(MINUTE);
    const signed = await signConsultationRecord(draft.id, signer);

    expect(signed.status).toBe('signed');
    expect(signed.data.signature).toEqual({ at: '2024-07-19T09:01:01+01:00', staffId: gp.staffId, deviceId: gp.deviceId });
    // The signed content is what was typed, observations now as numbers.
    const { observations: _typed, ...typedSections } = complete.data;
    expect(signed.data).toMatchObject({ ...typedSections, signature: expect.any(Object) });
    expect(signed.data.observations).toEqual({ systolic: 128, diastolic: 82, pulse: 76, temperature: 36.9, spo2: 98, respiratoryRate: 14, consciousness: 'alert' });
    expect(await getConsultation(draft.id)).toEqual(signed);
    expect(await auditCounts(draft.id)).toEqual({ create: 1, update: 1, sign: 1 });
    const sign = (await listAuditFor(draft.id)).find((e) => e.action === 'sign');
    expect(sign).toMatchObject({ actorId: gp.staffId, deviceId: gp.deviceId });
    expect(Date.parse(sign?.at ?? '')).toBe(Date.parse('2024-07-19T09:01:01+01:00'));
    expect(await countDrafts()).toBe(0);
  });

  it('signs with allergies ticked as not known', async () => {
    await saveDraft(draft.id, { ...COMPLETE, allergies: '', allergiesNotKnown: true }, gp);
    await expect(signConsultationRecord(draft.id, signer)).resolves.toMatchObject({ status: 'signed' });
  });

  it('refuses to sign a second time, changing nothing', async () => {
    await saveDraft(draft.id, COMPLETE, gp);
    await signConsultationRecord(draft.id, signer);
    const before = await rawRow(draft.id);
    clock.advance(MINUTE);
    const refusal = await refusalOf(signConsultationRecord(draft.id, signer), ConsultationRefused);
    expect(refusal.errors.map((e) => e.field)).toEqual(['status']);
    expect(await rawRow(draft.id)).toEqual(before);
    expect(await auditCounts(draft.id)).toMatchObject({ sign: 1 });
  });
});

describe('addAddendumTo', () => {
  it('adds addenda in order under the signed record, never changing what was signed', async () => {
    const signed = await signedRecord();
    const nurse = await addUser(NURSE, NURSE_PASSPHRASE);

    clock.advance(30 * MINUTE);
    const first = await addAddendumTo(signed.id, { reason: 'Blood pressure re-measured', text: 'Repeat BP 124/80 seated.' }, nurse);
    clock.advance(30 * MINUTE);
    const second = await addAddendumTo(signed.id, { reason: 'Wrong dose recorded', text: 'Naproxen 250 mg, not 500 mg.' }, gp);

    expect(first.data.addenda).toHaveLength(1);
    const stored = await getConsultation(signed.id);
    expect(stored).toEqual(second);
    expect(stored?.data.addenda.map((a) => [a.reason, a.text, a.authorId, a.deviceId, a.at])).toEqual([
      ['Blood pressure re-measured', 'Repeat BP 124/80 seated.', nurse.staffId, gp.deviceId, '2024-07-19T09:30:02+01:00'],
      ['Wrong dose recorded', 'Naproxen 250 mg, not 500 mg.', gp.staffId, gp.deviceId, '2024-07-19T10:00:02+01:00'],
    ]);
    expect(new Set(stored?.data.addenda.map((a) => a.id)).size).toBe(2);
    expect(signedContent(stored)).toEqual(signedContent(signed));
    expect(stored?.data.plan).toBe(COMPLETE.plan);
    expect(await auditCounts(signed.id)).toMatchObject({ sign: 1, addendum: 2 });
  });

  it('refuses an addendum without a reason or a text, changing nothing', async () => {
    const signed = await signedRecord();
    const before = await rawRow(signed.id);
    const refusal = await refusalOf(addAddendumTo(signed.id, { reason: '  ', text: '' }, gp), ConsultationRefused);
    expect(refusal.errors.map((e) => e.field).sort()).toEqual(['reason', 'text']);
    expect(await rawRow(signed.id)).toEqual(before);
    expect(await auditCounts(signed.id)).not.toHaveProperty('addendum');
  });

  it('refuses an addendum to a draft, which is edited instead', async () => {
    const draft = await completeDraft();
    const before = await rawRow(draft.id);
    const refusal = await refusalOf(addAddendumTo(draft.id, { reason: 'Too early', text: 'Not signed yet' }, gp), ConsultationRefused);
    expect(refusal.errors.map((e) => e.field)).toEqual(['status']);
    expect(await rawRow(draft.id)).toEqual(before);
    expect(await auditCounts(draft.id)).not.toHaveProperty('addendum');
  });

  it('refuses an addendum to a discarded draft', async () => {
    const draft = await completeDraft();
    await discardConsultation(draft.id, 'Duplicate of another draft', gp);
    await refusalOf(addAddendumTo(draft.id, { reason: 'Why not', text: 'Text' }, gp), ConsultationRefused);
    expect((await getConsultation(draft.id))?.data.addenda).toEqual([]);
  });
});

describe('discardConsultation', () => {
  it.each(['', '   '])('requires a reason (%j), keeping the draft as it was', async (reason) => {
    const draft = await completeDraft();
    const before = await rawRow(draft.id);
    const refusal = await refusalOf(discardConsultation(draft.id, reason, gp), ConsultationRefused);
    expect(refusal.errors).toEqual([{ field: 'reason', message: 'Say why this draft is being discarded' }]);
    expect(await rawRow(draft.id)).toEqual(before);
    expect(await countDrafts()).toBe(1);
  });

  it('keeps the discarded record, with what was typed and who discarded it, when and why', async () => {
    const draft = await completeDraft();
    clock.advance(MINUTE);
    const discarded = await discardConsultation(draft.id, '  Started for the wrong patient ', gp);

    expect(discarded.status).toBe('discarded');
    expect(discarded.data.discard).toEqual({ at: '2024-07-19T09:01:01+01:00', staffId: gp.staffId, deviceId: gp.deviceId, reason: 'Started for the wrong patient' });
    expect(await getConsultation(draft.id)).toEqual(discarded);
    expect(discarded.data.history).toBe(COMPLETE.history);
    expect(await db.consultations.count()).toBe(1);
    expect((await listConsultations()).map((c) => c.id)).toEqual([draft.id]);
    expect(await countDrafts()).toBe(0);
    const event = (await listAuditFor(draft.id)).find((e) => e.action === 'discard');
    expect(event?.data.summary).toContain('Started for the wrong patient');
  });

  it('refuses to discard a signed record', async () => {
    const signed = await signedRecord();
    const before = await rawRow(signed.id);
    const refusal = await refusalOf(discardConsultation(signed.id, 'Changed my mind', gp), ConsultationRefused);
    expect(refusal.errors.map((e) => e.field)).toEqual(['status']);
    expect(await rawRow(signed.id)).toEqual(before);
  });

  it('refuses to sign a discarded draft', async () => {
    const draft = await completeDraft();
    await discardConsultation(draft.id, 'Opened twice', gp);
    await refusalOf(signConsultationRecord(draft.id, signer), ConsultationRefused);
    expect((await getConsultation(draft.id))?.status).toBe('discarded');
  });
});

describe('lists', () => {
  it('counts the unsigned drafts, and lists one patient’s consultations only', async () => {
    const other = await addPatient({ firstName: 'Ruth', lastName: 'Ellery', dateOfBirth: '03/03/1950', sex: 'female' }, gp);
    const toSign = await completeDraft();
    const toDiscard = await startConsultation(patient.id, gp);
    const stillDraft = await startConsultation(patient.id, gp);
    const othersDraft = await startConsultation(other.id, gp);
    expect(await countDrafts()).toBe(4);

    await signConsultationRecord(toSign.id, signer);
    await discardConsultation(toDiscard.id, 'Opened twice', gp);
    expect(await countDrafts()).toBe(2);

    const mine = await listConsultationsForPatient(patient.id);
    expect(mine.map((c) => c.id).sort()).toEqual([toSign.id, toDiscard.id, stillDraft.id].sort());
    expect(Object.fromEntries(mine.map((c) => [c.id, c.status]))).toEqual({ [toSign.id]: 'signed', [toDiscard.id]: 'discarded', [stillDraft.id]: 'draft' });
    expect((await listConsultationsForPatient(other.id)).map((c) => c.id)).toEqual([othersDraft.id]);
    expect(await listConsultationsForPatient('0b7c9e2a-4d6f-4a81-9c3e-5f7a9b1d3e5f')).toEqual([]);
  });
});

describe('recordConsultationAccess', () => {
  it('puts viewing and printing in the record’s history, changing nothing else', async () => {
    const signed = await signedRecord();
    const nurse = await addUser(NURSE, NURSE_PASSPHRASE);
    const before = await rawRow(signed.id);
    clock.advance(MINUTE);
    await recordConsultationAccess(signed.id, 'view', nurse);
    clock.advance(MINUTE);
    await recordConsultationAccess(signed.id, 'print', gp);

    const events = (await listAuditFor(signed.id)).filter((e) => e.action === 'view' || e.action === 'print');
    expect(events.map((e) => [e.action, e.entityKind, e.actorId, Date.parse(e.at)])).toEqual([
      ['view', 'consultation', nurse.staffId, Date.parse('2024-07-19T09:01:02+01:00')],
      ['print', 'consultation', gp.staffId, Date.parse('2024-07-19T09:02:02+01:00')],
    ]);
    expect(await rawRow(signed.id)).toEqual(before);
  });
});

describe('the record’s history', () => {
  it('lists events in the order they happened, even several within one second', async () => {
    // Signing and then opening the signed record, or starting and typing at once, happen well
    // within a second of each other.
    const draft = await startConsultation(patient.id, gp);
    clock.advance(150);
    await saveDraft(draft.id, COMPLETE, gp);
    clock.advance(150);
    await signConsultationRecord(draft.id, signer);
    clock.advance(150);
    await recordConsultationAccess(draft.id, 'view', gp);
    clock.advance(150);
    await addAddendumTo(draft.id, { reason: 'Forgot to add', text: 'Mother present' }, gp);
    clock.advance(150);
    await recordConsultationAccess(draft.id, 'print', gp);

    expect((await listAuditFor(draft.id)).map((e) => e.action)).toEqual(['create', 'update', 'sign', 'view', 'addendum', 'print']);
  });
});

describe('consultations as stored on a device with practice keys', () => {
  it('keeps every record in an AES-GCM payload: no typed text in the consultations or audit tables', async () => {
    const signed = await signedRecord();
    await addAddendumTo(signed.id, { reason: 'Optician letter received', text: 'Optician found papilloedema' }, gp);
    const discarded = await startConsultation(patient.id, gp, { history: 'Photophobia typed in error' });
    await discardConsultation(discarded.id, 'Photophobia note for the wrong patient', gp);
    const draft = await startConsultation(patient.id, gp);
    await saveDraft(draft.id, { ...COMPLETE, observations: { pulse: '3', temperature: '38.' } }, gp);

    const rows = await db.consultations.toArray();
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row.payload.codec, row.status).toBe('aes-gcm');
    const stored = JSON.stringify({ consultations: rows, audit: await db.audit.toArray() });
    for (const text of [...TYPED_TEXT, 'papilloedema', 'wrong patient', 'Maisie', 'Wetherall']) {
      expect(stored, `"${text}" stored in clear`).not.toContain(text);
    }
  });
});

describe('consultations on a device set up before encryption', () => {
  it('starts, saves, signs and adds to a record with plain payloads', async () => {
    db = freshDatabase(frozenClock());
    const { actor } = await seedPlainDevice(db);
    const p = await addPatient({ firstName: 'Ruth', lastName: 'Ellery', dateOfBirth: '03/03/1950', sex: 'female' }, actor);
    const draft = await startConsultation(p.id, actor);
    await saveDraft(draft.id, { observations: { pulse: '3' } }, actor);
    expect((await rawRow(draft.id)).payload).toEqual({ codec: 'plain', value: expect.objectContaining({ observations: { pulse: '3' } }) });
    await saveDraft(draft.id, COMPLETE, actor);
    const signed = await signConsultationRecord(draft.id, { ...actor, role: 'gp' });
    await addAddendumTo(draft.id, { reason: 'Typo', text: 'Fundi normal' }, actor);
    const stored = await getConsultation(draft.id);
    expect(signedContent(stored)).toEqual(signedContent(signed));
    expect(stored?.data.addenda).toHaveLength(1);
  });
});

describe('two tabs editing one consultation', () => {
  it('refuses a save that arrives after the record was signed, and the signed content is unchanged', async () => {
    const draft = await completeDraft();
    // Tab A signs.
    clock.advance(1_000);
    const signed = await signConsultationRecord(draft.id, signer);
    const before = await rawRow(draft.id);
    // Tab B's autosave of what it still shows as a draft arrives afterwards.
    clock.advance(200);
    await refusalOf(saveDraft(draft.id, { ...COMPLETE, history: 'Typed in the other tab' }, gp), ValidationFailure);

    expect(await rawRow(draft.id)).toEqual(before);
    expect(await getConsultation(draft.id)).toEqual(signed);
  });

  it('never loses one of two addenda added at the same moment', async () => {
    const signed = await signedRecord();
    const nurse = await addUser(NURSE, NURSE_PASSPHRASE);
    clock.advance(MINUTE);
    const results = await Promise.allSettled([
      addAddendumTo(signed.id, { reason: 'Weight re-measured', text: 'Weight 71.8 kg' }, nurse),
      addAddendumTo(signed.id, { reason: 'Dose corrected', text: 'Naproxen 250 mg' }, gp),
    ]);

    // Each addendum reported added is on the record; one refused says so.
    const added = results.filter((r) => r.status === 'fulfilled').length;
    expect(added).toBeGreaterThan(0);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(ValidationFailure);
    const stored = await getConsultation(signed.id);
    expect(stored?.data.addenda).toHaveLength(added);
    expect(signedContent(stored)).toEqual(signedContent(signed));
  });

  it('never reports a save as done when signing at the same moment leaves it out of the record', async () => {
    const draft = await completeDraft();
    clock.advance(1_000);
    // Tab A signs while tab B's autosave is on its way: both start before either lands.
    const [sign, save] = await Promise.allSettled([
      signConsultationRecord(draft.id, signer),
      saveDraft(draft.id, { ...COMPLETE, examination: 'Typed in the other tab' }, gp),
    ]);

    const stored = await getConsultation(draft.id);
    // Whichever wins, nothing either tab was told is stored may be missing from the record:
    // a save reported done is in it, and a signature reported done is exactly what is kept.
    expect(sign.status === 'fulfilled' || save.status === 'fulfilled').toBe(true);
    if (save.status === 'fulfilled') expect(stored?.data.examination).toBe('Typed in the other tab');
    else expect(save.reason).toBeInstanceOf(ValidationFailure);
    if (sign.status === 'fulfilled') expect(stored).toEqual(sign.value);
    else expect(stored?.status).toBe('draft');
  });
});
