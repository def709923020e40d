import { describe, expect, it } from 'vitest';
import {
  addAddendum,
  canEdit,
  checkCareTime,
  checkCareTimeAfterBirth,
  consultationDraftSchema,
  consultationSchema,
  discardDraft,
  newConsultationDraft,
  signConsultation,
  type AddendumInput,
  type Consultation,
  type ConsultationData,
  type ConsultationResult,
  type Signer,
} from '../../../src/domain/consultation';

const PATIENT_ID = '11111111-1111-4111-8111-111111111111';
const GP: Signer = { staffId: '22222222-2222-4222-8222-222222222222', deviceId: '33333333-3333-4333-8333-333333333333', role: 'gp' };
const RECEPTION: Signer = { ...GP, staffId: '44444444-4444-4444-8444-444444444444', role: 'reception' };
const STARTED = new Date('2024-07-19T09:00:00+01:00');
const SIGNED = new Date('2024-07-19T09:12:00+01:00');

/** An empty draft started at 09:00, with data overridden. */
function buildDraft(data: Partial<ConsultationData> = {}): Consultation {
  const draft = newConsultationDraft({ id: '55555555-5555-4555-8555-555555555555', patientId: PATIENT_ID, actor: GP, now: STARTED });
  return { ...draft, data: { ...draft.data, ...data } };
}

/** A draft with the minimum that can be signed. */
function buildSignableDraft(data: Partial<ConsultationData> = {}): Consultation {
  return buildDraft({
    presentingComplaint: 'Sore throat for 3 days',
    plan: 'Fluids, paracetamol',
    allergies: 'No known drug allergies',
    observations: { pulse: '88', temperature: '37.9', spo2: '' },
    ...data,
  });
}

function signed(result: ConsultationResult): Consultation {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.errors)}`);
  return result.consultation;
}

function errorFields(result: ConsultationResult): string[] {
  return result.ok ? [] : result.errors.map((error) => error.field);
}

const addendum = (overrides: Partial<AddendumInput> = {}): AddendumInput => ({
  id: '66666666-6666-4666-8666-666666666666',
  at: '2024-07-19T10:30:00+01:00',
  authorId: GP.staffId,
  deviceId: GP.deviceId,
  reason: 'Wrong dose recorded',
  text: 'Amoxicillin dose should read 500 mg three times a day',
  ...overrides,
});

describe('a new draft', () => {
  it('happened and was recorded now, and is valid as stored', () => {
    const draft = buildDraft();
    expect(draft.status).toBe('draft');
    expect(draft.data).toMatchObject({
      patientId: PATIENT_ID,
      happenedAt: '2024-07-19T09:00:00+01:00',
      recordedAt: '2024-07-19T09:00:00+01:00',
      type: 'face-to-face',
      presentingComplaint: '',
      allergiesNotKnown: false,
      observations: {},
      signature: null,
      addenda: [],
      discard: null,
    });
    expect(consultationSchema.parse(draft)).toEqual(draft);
  });

  it('accepts anything partly typed, observations as typed', () => {
    const partial = consultationDraftSchema.parse({
      patientId: PATIENT_ID,
      happenedAt: '2024-07-19T08:15:00+01:00',
      recordedAt: '2024-07-19T11:00:00+01:00',
      history: 'Cough, worse at ni',
      observations: { pulse: '4', temperature: '3', spo2: '120', onOxygen: 'yes', consciousness: '' },
    });
    expect(partial.observations).toEqual({ pulse: '4', temperature: '3', spo2: '120', onOxygen: 'yes', consciousness: '' });
    expect(partial.history).toBe('Cough, worse at ni');
  });

  it('is editable; signed and discarded consultations are not', () => {
    expect(canEdit(buildDraft())).toBe(true);
    expect(canEdit({ status: 'signed' })).toBe(false);
    expect(canEdit({ status: 'discarded' })).toBe(false);
  });
});

describe('signConsultation', () => {
  it('signs a complete draft, storing the observations as numbers', () => {
    const record = signed(signConsultation(buildSignableDraft(), GP, SIGNED));
    expect(record.status).toBe('signed');
    expect(record.updatedAt).toBe('2024-07-19T09:12:00+01:00');
    expect(record.data.signature).toEqual({ at: '2024-07-19T09:12:00+01:00', staffId: GP.staffId, deviceId: GP.deviceId });
    expect(record.data.observations).toEqual({ pulse: 88, temperature: 37.9 });
    expect(record.data.recordedAt).toBe('2024-07-19T09:00:00+01:00');
    expect(canEdit(record)).toBe(false);
    expect(consultationSchema.parse(record)).toEqual(record);
  });

  it('accepts history instead of a presenting complaint, and an assessment instead of a plan', () => {
    const draft = buildSignableDraft({ presentingComplaint: '', history: 'Fever since Monday', plan: '', assessment: 'Viral URTI' });
    expect(signConsultation(draft, GP, SIGNED).ok).toBe(true);
  });

  it('accepts allergies not known', () => {
    expect(signConsultation(buildSignableDraft({ allergies: '', allergiesNotKnown: true }), GP, SIGNED).ok).toBe(true);
  });

  it('lists every missing requirement beside its field', () => {
    const result = signConsultation(buildDraft({ presentingComplaint: '   ' }), GP, SIGNED);
    expect(result).toEqual({
      ok: false,
      errors: [
        { field: 'presentingComplaint', message: 'Enter the presenting complaint or the history' },
        { field: 'assessment', message: 'Enter an assessment or a plan' },
        { field: 'allergies', message: 'Record allergies (or "No known allergies"), or tick Not known' },
      ],
    });
  });

  it('refuses allergies recorded and ticked not known at once', () => {
    expect(errorFields(signConsultation(buildSignableDraft({ allergiesNotKnown: true }), GP, SIGNED))).toEqual(['allergies']);
    const medicines = buildSignableDraft({ currentMedicines: 'Ramipril 5 mg', currentMedicinesNotKnown: true });
    expect(errorFields(signConsultation(medicines, GP, SIGNED))).toEqual(['currentMedicines']);
  });

  it('refuses impossible observations', () => {
    const draft = buildSignableDraft({ observations: { pulse: '400', systolic: '80', diastolic: '120' } });
    expect(errorFields(signConsultation(draft, GP, SIGNED))).toEqual(['observations.pulse', 'observations.systolic']);
  });

  it('accepts care up to 5 minutes ahead of the clock, not more', () => {
    const soon = buildSignableDraft({ happenedAt: '2024-07-19T09:17:00+01:00' });
    expect(signConsultation(soon, GP, SIGNED).ok).toBe(true);
    const later = buildSignableDraft({ happenedAt: '2024-07-19T09:18:00+01:00' });
    expect(signConsultation(later, GP, SIGNED)).toEqual({
      ok: false,
      errors: [{ field: 'happenedAt', message: 'The consultation cannot be in the future' }],
    });
  });

  it('accepts paper notes made earlier, but not before the patient was born', () => {
    const earlier = buildSignableDraft({ happenedAt: '2024-07-18T16:40:00+01:00' });
    expect(signConsultation(earlier, GP, SIGNED, { dateOfBirth: '1984-07-19' }).ok).toBe(true);
    expect(errorFields(signConsultation(earlier, GP, SIGNED, { dateOfBirth: '2024-07-19' }))).toEqual(['happenedAt']);
  });

  it('only signs drafts, and only for clinicians', () => {
    const record = signed(signConsultation(buildSignableDraft(), GP, SIGNED));
    expect(errorFields(signConsultation(record, GP, SIGNED))).toEqual(['status']);
    expect(signConsultation(buildSignableDraft(), RECEPTION, SIGNED)).toEqual({
      ok: false,
      errors: [{ field: 'signer', message: 'Only a clinician can sign a consultation' }],
    });
  });

  it('leaves the draft it was given unchanged', () => {
    const draft = buildSignableDraft();
    const before = structuredClone(draft);
    signConsultation(draft, GP, SIGNED);
    expect(draft).toEqual(before);
  });
});

describe('care time checks', () => {
  it('checks the care time against now', () => {
    expect(checkCareTime('2024-07-19T09:05:00+01:00', STARTED)).toBeNull();
    expect(checkCareTime('2024-07-19T09:05:01+01:00', STARTED)).toBe('The consultation cannot be in the future');
    expect(checkCareTime('not a time', STARTED)).toBe('Enter the date and time of the consultation');
  });

  it("compares the care date with the date of birth on London's calendar", () => {
    // 00:30 on 19 July in London is 23:30 on 18 July UTC.
    expect(checkCareTimeAfterBirth('2024-07-19T00:30:00+01:00', '2024-07-19')).toBeNull();
    expect(checkCareTimeAfterBirth('2024-07-18T23:59:00+01:00', '2024-07-19')).toBe(
      'The consultation cannot be before the patient was born',
    );
  });
});

describe('addAddendum', () => {
  const record = signed(signConsultation(buildSignableDraft(), GP, SIGNED));

  it('appends to a signed record without changing what was signed', () => {
    const amended = signed(addAddendum(record, addendum()));
    expect(amended.status).toBe('signed');
    expect(amended.updatedAt).toBe('2024-07-19T10:30:00+01:00');
    expect(amended.data.addenda).toHaveLength(1);
    expect(amended.data.addenda[0]).toMatchObject({ reason: 'Wrong dose recorded', authorId: GP.staffId });
    const { addenda: _added, ...signedContent } = amended.data;
    const { addenda: _none, ...originalContent } = record.data;
    expect(signedContent).toEqual(originalContent);
    expect(record.data.addenda).toEqual([]);
    expect(consultationSchema.parse(amended)).toEqual(amended);
  });

  it('keeps every addendum in order', () => {
    const once = signed(addAddendum(record, addendum()));
    const twice = signed(addAddendum(once, addendum({ id: '77777777-7777-4777-8777-777777777777', at: '2024-07-19T11:00:00+01:00' })));
    expect(twice.data.addenda.map((a) => a.at)).toEqual(['2024-07-19T10:30:00+01:00', '2024-07-19T11:00:00+01:00']);
  });

  it('needs a reason and a text', () => {
    expect(errorFields(addAddendum(record, addendum({ reason: ' ', text: '' })))).toEqual(['reason', 'text']);
  });

  it('cannot be dated before the signature', () => {
    expect(errorFields(addAddendum(record, addendum({ at: '2024-07-19T09:11:00+01:00' })))).toEqual(['at']);
  });

  it('is refused on a draft or a discarded consultation', () => {
    expect(errorFields(addAddendum(buildSignableDraft(), addendum()))).toEqual(['status']);
    const discarded = signed(discardDraft(buildDraft(), 'Wrong patient', GP, SIGNED));
    expect(errorFields(addAddendum(discarded, addendum()))).toEqual(['status']);
  });
});

describe('discardDraft', () => {
  it('keeps the draft, marked discarded with who, when and why', () => {
    const discarded = signed(discardDraft(buildDraft({ history: 'Started on the wrong patient' }), ' Wrong patient ', GP, SIGNED));
    expect(discarded.status).toBe('discarded');
    expect(discarded.data.history).toBe('Started on the wrong patient');
    expect(discarded.data.discard).toEqual({
      at: '2024-07-19T09:12:00+01:00',
      staffId: GP.staffId,
      deviceId: GP.deviceId,
      reason: 'Wrong patient',
    });
    expect(canEdit(discarded)).toBe(false);
    expect(consultationSchema.parse(discarded)).toEqual(discarded);
  });

  it('requires a reason', () => {
    expect(discardDraft(buildDraft(), '  ', GP, SIGNED)).toEqual({
      ok: false,
      errors: [{ field: 'reason', message: 'Say why this draft is being discarded' }],
    });
  });

  it('only discards drafts', () => {
    const record = signed(signConsultation(buildSignableDraft(), GP, SIGNED));
    expect(errorFields(discardDraft(record, 'Changed my mind', GP, SIGNED))).toEqual(['status']);
  });
});

describe('consultationSchema keeps status and content consistent', () => {
  it('rejects a draft carrying a signature, or a signed record without one', () => {
    const record = signed(signConsultation(buildSignableDraft(), GP, SIGNED));
    expect(consultationSchema.safeParse({ ...record, status: 'draft' }).success).toBe(false);
    expect(consultationSchema.safeParse({ ...record, data: { ...record.data, signature: null } }).success).toBe(false);
  });
});
