// Deterministic builders for the PDF tests: the same practice, people, patient and records every
// time, made through the domain functions so that each record is one the app could really hold.
import {
  addAddendum,
  consultationSchema,
  discardDraft,
  newConsultationDraft,
  signConsultation,
  type Consultation,
  type ConsultationData,
  type ConsultationResult,
} from '../../../src/domain/consultation';
import { patientSchema, type Patient, type PatientDetailsInput } from '../../../src/domain/patient';
import { practiceSchema, type Practice } from '../../../src/domain/practice';
import type { Actor } from '../../../src/domain/record';
import { staffMemberSchema, type StaffMember } from '../../../src/domain/staff';
import type { ConsultationPdfInput } from '../../../src/pdf/consultation-pdf';
import { gpDetails, nurseDetails, practiceDetails } from '../people';

export const IDS = {
  device: '5f0c2a8e-1d2b-4c3d-8e4f-0a1b2c3d4e5f',
  practice: '6a1d3b9f-2e3c-4d4e-9f50-1b2c3d4e5f60',
  gp: '7b2e4c0a-3f4d-4e5f-a061-2c3d4e5f6071',
  nurse: '8c3f5d1b-4a5e-4f60-b172-3d4e5f607182',
  patient: '9d4a6e2c-5b6f-4a71-8283-4e5f60718293',
  consultation: 'c0ffee00-1234-4abc-8def-0123456789ab',
  addendum1: 'a1a1a1a1-0000-4000-8000-000000000001',
  addendum2: 'a2a2a2a2-0000-4000-8000-000000000002',
} as const;

const CREATED = '2024-07-19T08:00:00+01:00';
export const CARE_GIVEN = new Date('2024-07-19T08:40:00+01:00');
export const WRITTEN = new Date('2024-07-19T09:05:00+01:00');
export const SIGNED_AT = new Date('2024-07-19T09:12:00+01:00');
export const PRINTED_AT = new Date('2024-07-19T12:30:00+01:00');

const meta = (id: string) => ({ id, createdAt: CREATED, updatedAt: CREATED, authorId: IDS.gp, deviceId: IDS.device });

export function buildPractice(): Practice {
  return practiceSchema.parse({
    ...meta(IDS.practice),
    status: 'active',
    data: practiceDetails(),
  });
}

export function buildGp(): StaffMember {
  return staffMemberSchema.parse({ ...meta(IDS.gp), status: 'active', data: gpDetails() });
}

export function buildNurse(): StaffMember {
  return staffMemberSchema.parse({ ...meta(IDS.nurse), status: 'active', data: nurseDetails() });
}

export function buildPatient(overrides: Partial<PatientDetailsInput> = {}): Patient {
  const data: PatientDetailsInput = {
    firstName: 'Zoë',
    lastName: 'O’Brien-Smith',
    dateOfBirth: '1984-07-19',
    sex: 'female',
    nhsNumber: '943 476 5919',
    address: '12 Mill Lane, Headingley, Leeds',
    postcode: 'LS6 2AB',
    phone: '07700 900123',
    ...overrides,
  };
  return patientSchema.parse({ ...meta(IDS.patient), status: 'active', data });
}

const GP_ACTOR: Actor = { staffId: IDS.gp, deviceId: IDS.device };
const NURSE_ACTOR: Actor = { staffId: IDS.nurse, deviceId: IDS.device };

function ok(result: ConsultationResult): Consultation {
  if (!result.ok) throw new Error(`builder failed: ${JSON.stringify(result.errors)}`);
  return consultationSchema.parse(result.consultation);
}

/** A draft by the GP: care given 08:40, written 09:05, with `data` overridden. */
export function buildDraft(data: Partial<ConsultationData> = {}): Consultation {
  const draft = newConsultationDraft({ id: IDS.consultation, patientId: IDS.patient, actor: GP_ACTOR, now: WRITTEN });
  return { ...draft, data: { ...draft.data, happenedAt: '2024-07-19T08:40:00+01:00', ...data } };
}

/** What the GP typed for a feverish, breathless patient: every section filled. */
export const SIGNED_CONTENT = {
  presentingComplaint: 'Cough and fever for 4 days',
  history: 'Productive cough with green sputum since Monday. Feverish at night. Mild right-sided chest pain on coughing. Non-smoker.',
  examination: 'Looks unwell. Crackles right base. No wheeze.',
  observations: {
    systolic: '150',
    diastolic: '95',
    pulse: '112',
    temperature: '38.6',
    spo2: '94',
    onOxygen: false,
    respiratoryRate: '24',
    consciousness: 'alert',
    weight: '72.5',
    height: '168',
    peakFlow: '380',
    bloodGlucose: '6.2',
  },
  allergies: 'Penicillin: rash (as stated by the patient)',
  currentMedicinesNotKnown: true,
  assessment: 'Community-acquired pneumonia, CRB-65 score 0',
  plan: 'Doxycycline 200 mg on day 1 then 100 mg daily for 4 days',
  safetyNetting: 'Call 999 if breathless at rest, confused or lips turn blue',
  followUp: 'Review in 48 hours by phone',
  referrals: 'None',
  freeText: 'Notes written on paper at 08:40 and typed at 09:05',
} satisfies Partial<ConsultationData>;

export const ADDENDA = [
  {
    id: IDS.addendum1,
    at: '2024-07-19T10:30:00+01:00',
    authorId: IDS.nurse,
    deviceId: IDS.device,
    reason: 'Weight re-measured',
    text: 'Weight on calibrated scales is 71.8 kg.',
  },
  {
    id: IDS.addendum2,
    at: '2024-07-19T11:15:00+01:00',
    authorId: IDS.gp,
    deviceId: IDS.device,
    reason: 'Wrong dose recorded',
    text: 'Doxycycline should read 200 mg on day 1 then 100 mg daily for 5 days, not 4.',
  },
] as const;

/** The signed consultation, then `addenda` of ADDENDA (both by default), oldest first. */
export function buildSigned(data: Partial<ConsultationData> = {}, addenda = 2): Consultation {
  let consultation = ok(signConsultation(buildDraft({ ...SIGNED_CONTENT, ...data }), { ...GP_ACTOR, role: 'gp' }, SIGNED_AT));
  for (const addendum of ADDENDA.slice(0, addenda)) consultation = ok(addAddendum(consultation, addendum));
  return consultation;
}

/**
 * The consultation with `data` set directly, past the schema: for texts longer than the form takes
 * (20,000 characters a field), to show that the PDF has no limit of its own.
 */
export function withData(consultation: Consultation, data: Partial<ConsultationData>): Consultation {
  return { ...consultation, data: { ...consultation.data, ...data } };
}

/** A half-written draft: one observation slip, allergies not known, most sections empty. */
export function buildUnsignedDraft(): Consultation {
  return buildDraft({
    presentingComplaint: 'Headache since this morning',
    observations: { pulse: '4OO', temperature: '37.1', spo2: '' },
    allergiesNotKnown: true,
  });
}

export function buildDiscarded(): Consultation {
  return ok(discardDraft(buildDraft({ presentingComplaint: 'Started by mistake' }), 'Opened for the wrong patient', NURSE_ACTOR, SIGNED_AT));
}

/** Everything `buildConsultationPdf` needs for one consultation, with the builders' people. */
export function buildPdfInput(consultation: Consultation, overrides: Partial<ConsultationPdfInput> = {}): ConsultationPdfInput {
  const gp = buildGp();
  const nurse = buildNurse();
  return {
    consultation,
    patient: buildPatient(),
    practice: buildPractice(),
    author: gp,
    signer: consultation.data.signature ? gp : null,
    addendumAuthors: { [gp.id]: gp, [nurse.id]: nurse },
    discardedBy: consultation.data.discard ? nurse : null,
    deviceLabel: 'Consulting room 3 laptop',
    printedAt: PRINTED_AT,
    ...overrides,
  };
}
