import { z } from 'zod';
import { observationsSchema } from './observations';
import { londonDate } from './patient';
import { isoDateTimeSchema, recordIdSchema, recordSchema, type Actor } from './record';
import { CLINICAL_ROLES, type StaffRole } from './staff';
import { toLondonIso } from './time';

/**
 * A consultation: a draft that keeps whatever was typed (autosaved, never "Save"), then signed and
 * locked; after signing, only addenda are added (brief: "append-only once signed"). A draft that
 * should never have been started is discarded with a reason, not deleted.
 * Two times on every entry (brief, "Dates and times"): `happenedAt` when the care happened,
 * `recordedAt` when it was written down; they differ for paper notes logged afterwards.
 */

export const CONSULTATION_TYPES = ['face-to-face', 'telephone', 'video', 'home-visit'] as const;
export type ConsultationType = (typeof CONSULTATION_TYPES)[number];

export const CONSULTATION_TYPE_LABELS: Record<ConsultationType, string> = {
  'face-to-face': 'Face to face',
  telephone: 'Telephone',
  video: 'Video',
  'home-visit': 'Home visit',
};

/** The free-text sections and their headings: the same on the form, the signed record and the PDF. */
export const CONSULTATION_TEXT_HEADINGS = {
  presentingComplaint: 'Presenting complaint',
  history: 'History',
  examination: 'Examination',
  assessment: 'Assessment',
  plan: 'Plan',
  safetyNetting: 'Safety-netting advice',
  followUp: 'Follow-up',
  referrals: 'Referrals',
  freeText: 'Other notes',
} as const;
export type ConsultationTextSection = keyof typeof CONSULTATION_TEXT_HEADINGS;
/** In the order of the form: these come before the observations... */
export const SECTIONS_BEFORE_OBSERVATIONS = ['presentingComplaint', 'history', 'examination'] as const satisfies readonly ConsultationTextSection[];
/** ...and these after the allergies and current medicines. */
export const SECTIONS_AFTER_MEDICINES = ['assessment', 'plan', 'safetyNetting', 'followUp', 'referrals', 'freeText'] as const satisfies readonly ConsultationTextSection[];

export const CONSULTATION_STATUSES = ['draft', 'signed', 'discarded'] as const;
export type ConsultationStatus = (typeof CONSULTATION_STATUSES)[number];

/** Care may be recorded a little ahead of the device clock (clocks drift), never more. */
export const CARE_TIME_TOLERANCE_MS = 5 * 60 * 1000;

const text = z.string().max(20_000, 'This is too long: keep it under 20,000 characters').default('');

/** One observation exactly as typed: `'12'`, `''`, `12`, `true`, `'alert'`. Checked on signing. */
const typedValue = z.union([z.string().max(30), z.number(), z.boolean()]).optional();

/** Observations kept as typed in a draft, so that a half-typed `3` or a slip is never lost. */
export const draftObservationsSchema = z.object({
  systolic: typedValue,
  diastolic: typedValue,
  pulse: typedValue,
  temperature: typedValue,
  spo2: typedValue,
  spo2Scale: typedValue,
  onOxygen: typedValue,
  respiratoryRate: typedValue,
  consciousness: typedValue,
  weight: typedValue,
  height: typedValue,
  peakFlow: typedValue,
  bloodGlucose: typedValue,
});
export type DraftObservations = z.infer<typeof draftObservationsSchema>;

/** The clinical content as typed: every text free, so a draft accepts anything partly written. */
export const consultationDraftSchema = z.object({
  patientId: recordIdSchema,
  happenedAt: isoDateTimeSchema,
  recordedAt: isoDateTimeSchema,
  type: z.enum(CONSULTATION_TYPES, { message: 'Choose the type of consultation' }).default('face-to-face'),
  presentingComplaint: text,
  history: text,
  examination: text,
  observations: draftObservationsSchema.default({}),
  allergies: text,
  /** Ticked when allergies could not be confirmed (the clinical system is down). */
  allergiesNotKnown: z.boolean().default(false),
  currentMedicines: text,
  currentMedicinesNotKnown: z.boolean().default(false),
  assessment: text,
  plan: text,
  safetyNetting: text,
  followUp: text,
  referrals: text,
  freeText: text,
});
export type ConsultationDraft = z.infer<typeof consultationDraftSchema>;
export type ConsultationDraftInput = z.input<typeof consultationDraftSchema>;

function filled(value: string): boolean {
  return value.trim() !== '';
}

/** What signing requires on top of the draft: the minimum a record can be signed with. */
export const consultationSigningSchema = consultationDraftSchema
  .extend({ observations: observationsSchema })
  .superRefine((c, ctx) => {
    if (!filled(c.presentingComplaint) && !filled(c.history)) {
      ctx.addIssue({ code: 'custom', path: ['presentingComplaint'], message: 'Enter the presenting complaint or the history' });
    }
    if (!filled(c.assessment) && !filled(c.plan)) {
      ctx.addIssue({ code: 'custom', path: ['assessment'], message: 'Enter an assessment or a plan' });
    }
    if (!filled(c.allergies) && !c.allergiesNotKnown) {
      ctx.addIssue({
        code: 'custom',
        path: ['allergies'],
        message: 'Record allergies (or "No known allergies"), or tick Not known',
      });
    }
    if (filled(c.allergies) && c.allergiesNotKnown) {
      ctx.addIssue({ code: 'custom', path: ['allergies'], message: 'Either record allergies or tick Not known, not both' });
    }
    if (filled(c.currentMedicines) && c.currentMedicinesNotKnown) {
      ctx.addIssue({
        code: 'custom',
        path: ['currentMedicines'],
        message: 'Either record current medicines or tick Not known, not both',
      });
    }
  });

export const signatureSchema = z.object({ at: isoDateTimeSchema, staffId: recordIdSchema, deviceId: recordIdSchema });
export type Signature = z.infer<typeof signatureSchema>;

export const addendumSchema = z.object({
  id: recordIdSchema,
  at: isoDateTimeSchema,
  authorId: recordIdSchema,
  deviceId: recordIdSchema,
  reason: z.string().trim().min(1, 'Say why you are adding to the signed record').max(500),
  text: z.string().trim().min(1, 'Enter the addendum').max(20_000),
});
export type Addendum = z.infer<typeof addendumSchema>;
export type AddendumInput = z.input<typeof addendumSchema>;

export const discardSchema = z.object({
  at: isoDateTimeSchema,
  staffId: recordIdSchema,
  deviceId: recordIdSchema,
  reason: z.string().trim().min(1, 'Say why this draft is being discarded').max(500),
});
export type Discard = z.infer<typeof discardSchema>;

export const consultationDataSchema = consultationDraftSchema.extend({
  signature: signatureSchema.nullable().default(null),
  addenda: z.array(addendumSchema).default([]),
  discard: discardSchema.nullable().default(null),
});
export type ConsultationData = z.infer<typeof consultationDataSchema>;

export const consultationStatusSchema = z.enum(CONSULTATION_STATUSES);

/** A stored consultation; its status and its signature, addenda and discard always agree. */
export const consultationSchema = recordSchema(consultationStatusSchema, consultationDataSchema).superRefine((c, ctx) => {
  const { signature, addenda, discard } = c.data;
  const consistent =
    (c.status === 'draft' && signature === null && discard === null && addenda.length === 0) ||
    (c.status === 'signed' && signature !== null && discard === null) ||
    (c.status === 'discarded' && signature === null && discard !== null && addenda.length === 0);
  if (!consistent) ctx.addIssue({ code: 'custom', path: ['status'], message: `A ${c.status} consultation cannot have this content` });
});
export type Consultation = z.infer<typeof consultationSchema>;

export interface FieldError {
  /** The field the message belongs beside, as a dotted path: `observations.pulse`. */
  field: string;
  message: string;
}

export type ConsultationResult = { ok: true; consultation: Consultation } | { ok: false; errors: FieldError[] };

/** Who signs: the actor, and their role (only clinical staff sign a consultation). */
export type Signer = Actor & { role: StaffRole };

function fail(field: string, message: string): ConsultationResult {
  return { ok: false, errors: [{ field, message }] };
}

function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({ field: issue.path.map(String).join('.'), message: issue.message }));
}

/** A new, empty draft for a patient: care happened now and is recorded now, until edited. */
export function newConsultationDraft(params: { id: string; patientId: string; actor: Actor; now: Date }): Consultation {
  const at = toLondonIso(params.now);
  return {
    id: params.id,
    createdAt: at,
    updatedAt: at,
    authorId: params.actor.staffId,
    deviceId: params.actor.deviceId,
    status: 'draft',
    data: consultationDataSchema.parse({ patientId: params.patientId, happenedAt: at, recordedAt: at }),
  };
}

/** Only a draft is edited; a signed record changes by addendum and a discarded one not at all. */
export function canEdit(consultation: Pick<Consultation, 'status'>): boolean {
  return consultation.status === 'draft';
}

/** Null when the care time is acceptable at `now`; otherwise the message to show beside it. */
export function checkCareTime(happenedAt: string, now: Date): string | null {
  const instant = Date.parse(happenedAt);
  if (Number.isNaN(instant)) return 'Enter the date and time of the consultation';
  if (instant - now.getTime() > CARE_TIME_TOLERANCE_MS) return 'The consultation cannot be in the future';
  return null;
}

/** Null when the care happened on or after the patient's birth date (London calendar). */
export function checkCareTimeAfterBirth(happenedAt: string, dateOfBirth: string): string | null {
  const instant = Date.parse(happenedAt);
  if (Number.isNaN(instant)) return 'Enter the date and time of the consultation';
  return londonDate(new Date(instant)) < dateOfBirth ? 'The consultation cannot be before the patient was born' : null;
}

/**
 * Signs a draft at `at`: checks it as the signing schema requires, the care time, and (when the
 * patient is given) that care did not happen before birth. On success returns the signed record
 * with observations stored as numbers; otherwise every problem, each beside its field.
 */
export function signConsultation(
  draft: Consultation,
  signer: Signer,
  at: Date,
  patient?: { dateOfBirth: string },
): ConsultationResult {
  if (draft.status !== 'draft') return fail('status', `This consultation is ${draft.status} and cannot be signed`);
  if (!CLINICAL_ROLES.includes(signer.role)) return fail('signer', 'Only a clinician can sign a consultation');
  const parsed = consultationSigningSchema.safeParse(draft.data);
  const errors = parsed.success ? [] : fieldErrors(parsed.error);
  const careTimeProblem =
    checkCareTime(draft.data.happenedAt, at) ??
    (patient ? checkCareTimeAfterBirth(draft.data.happenedAt, patient.dateOfBirth) : null);
  if (careTimeProblem !== null) errors.push({ field: 'happenedAt', message: careTimeProblem });
  if (!parsed.success || errors.length > 0) return { ok: false, errors };
  const signedAt = toLondonIso(at);
  return {
    ok: true,
    consultation: {
      ...draft,
      status: 'signed',
      updatedAt: signedAt,
      data: {
        ...draft.data,
        observations: parsed.data.observations,
        signature: { at: signedAt, staffId: signer.staffId, deviceId: signer.deviceId },
      },
    },
  };
}

/** Adds an addendum to a signed consultation; the signed content itself never changes. */
export function addAddendum(signed: Consultation, addendum: AddendumInput): ConsultationResult {
  if (signed.status !== 'signed' || signed.data.signature === null) {
    return fail('status', 'Only a signed consultation takes an addendum: edit the draft instead');
  }
  const parsed = addendumSchema.safeParse(addendum);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
  if (Date.parse(parsed.data.at) < Date.parse(signed.data.signature.at)) {
    return fail('at', 'An addendum cannot be dated before the record was signed');
  }
  return {
    ok: true,
    consultation: {
      ...signed,
      updatedAt: parsed.data.at,
      data: { ...signed.data, addenda: [...signed.data.addenda, parsed.data] },
    },
  };
}

/** Discards a draft, keeping it and saying who discarded it, when and why (the reason is required). */
export function discardDraft(draft: Consultation, reason: string, by: Actor, at: Date): ConsultationResult {
  if (draft.status !== 'draft') return fail('status', `This consultation is ${draft.status} and cannot be discarded`);
  const parsed = discardSchema.safeParse({ at: toLondonIso(at), staffId: by.staffId, deviceId: by.deviceId, reason });
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
  return {
    ok: true,
    consultation: { ...draft, status: 'discarded', updatedAt: parsed.data.at, data: { ...draft.data, discard: parsed.data } },
  };
}
