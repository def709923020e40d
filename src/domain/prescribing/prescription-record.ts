/**
 * A prescription as stored across its life. A draft keeps exactly what was typed (a quantity of
 * "2O" included), so nothing typed is ever lost; printing turns it into the strict
 * `Prescription` of prescription.ts, after the schema and the legal checks both pass. Printed
 * and cancelled prescriptions are always strict.
 */
import { z } from 'zod';
import { discardSchema } from '../consultation';
import type { Patient } from '../patient';
import { patientFullName } from '../patient';
import type { Practice } from '../practice';
import { isoDateTimeSchema, recordIdSchema, recordSchema } from '../record';
import type { StaffMember } from '../staff';
import { canPrint, checkPrescription, splitIntoForms, type PrescriptionCheckContext, type PrescriptionProblem } from './legal-checks';
import { QUANTITY_UNIT_KEYS } from './number-words';
import {
  CONFIRMATION_STATUSES,
  PRESCRIPTION_KINDS,
  SCHEDULE_CHOICES,
  listedSchedule,
  prescriptionDetailsSchema,
  type PrescriptionDetails,
} from './prescription';

/** One item as typed: numbers stay text until printing reads them. */
export const draftItemSchema = z.object({
  medicineName: z.string().max(200).default(''),
  strength: z.string().max(80).default(''),
  form: z.string().max(80).default(''),
  dose: z.string().max(500).default(''),
  quantity: z.string().max(20).default(''),
  quantityUnit: z.enum(QUANTITY_UNIT_KEYS).default('tablet'),
  daysTreatment: z.string().max(10).default(''),
  controlledDrugSchedule: z.enum(SCHEDULE_CHOICES).default('none'),
  scheduleSetByPrescriber: z.boolean().default(false),
  quantityInWords: z.string().max(200).default(''),
});
export type DraftItem = z.infer<typeof draftItemSchema>;

/** Most items one prescription may carry (three FP10 forms' worth and more). */
export const MAX_DRAFT_ITEMS = 12;

export const prescriptionDraftDetailsSchema = z.object({
  patientId: recordIdSchema,
  consultationId: recordIdSchema.optional(),
  prescriberId: recordIdSchema,
  kind: z.enum(PRESCRIPTION_KINDS).default('acute'),
  items: z.array(draftItemSchema).max(MAX_DRAFT_ITEMS, `At most ${MAX_DRAFT_ITEMS} medicines on one prescription`).default([]),
  allergiesStatus: z.union([z.enum(CONFIRMATION_STATUSES), z.literal('')]).default(''),
  allergies: z.string().max(1000).default(''),
  currentMedicinesStatus: z.union([z.enum(CONFIRMATION_STATUSES), z.literal('')]).default(''),
  currentMedicines: z.string().max(2000).default(''),
  replacesId: recordIdSchema.optional(),
});
export type PrescriptionDraftDetails = z.infer<typeof prescriptionDraftDetailsSchema>;
/** What the editor may change in a draft: never whose it is or what it replaces. */
export type PrescriptionDraftContent = Partial<Omit<z.input<typeof prescriptionDraftDetailsSchema>, 'patientId' | 'consultationId' | 'prescriberId' | 'replacesId'>>;
export const prescriptionDraftContentSchema = prescriptionDraftDetailsSchema
  .omit({ patientId: true, consultationId: true, prescriberId: true, replacesId: true })
  .partial();

export const prescriptionDraftSchema = recordSchema(z.literal('draft'), prescriptionDraftDetailsSchema);
export type PrescriptionDraft = z.infer<typeof prescriptionDraftSchema>;

/** A printed or cancelled prescription: strict, never changed except by cancelling. */
export const issuedPrescriptionSchema = recordSchema(z.enum(['printed', 'cancelled']), prescriptionDetailsSchema).superRefine((record, ctx) => {
  if (record.status === 'cancelled' && record.data.cancellationReason === '') {
    ctx.addIssue({ code: 'custom', path: ['data', 'cancellationReason'], message: 'Say why the prescription is cancelled, like "Wrong dose"' });
  }
  if (record.data.printed === undefined) {
    ctx.addIssue({ code: 'custom', path: ['data', 'printed'], message: 'A printed prescription records when and how it was printed' });
  }
});
export type IssuedPrescription = z.infer<typeof issuedPrescriptionSchema>;

/**
 * A draft that will not be printed (started for the wrong patient, not needed after all): kept,
 * with who discarded it, when and why, never deleted.
 */
export const discardedPrescriptionSchema = recordSchema(z.literal('discarded'), prescriptionDraftDetailsSchema.extend({ discard: discardSchema }));
export type DiscardedPrescription = z.infer<typeof discardedPrescriptionSchema>;

export const storedPrescriptionSchema = z.union([prescriptionDraftSchema, issuedPrescriptionSchema, discardedPrescriptionSchema]);
export type StoredPrescription = PrescriptionDraft | IssuedPrescription | DiscardedPrescription;

/** True for a prescription that was printed, or logged as handwritten (cancelled later or not). */
export function isIssued(prescription: StoredPrescription): prescription is IssuedPrescription {
  return prescription.status === 'printed' || prescription.status === 'cancelled';
}

export function emptyDraftItem(): DraftItem {
  return draftItemSchema.parse({});
}

/** "28", " 28 ", "2.5" → the number; anything else (empty, "2O", "1e3") → NaN, which the schema names. */
export function readNumber(text: string): number {
  const trimmed = text.trim();
  return /^\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/** The item as it will print: numbers read, the schedule the list finds unless set by hand. */
export function draftItemToItemInput(item: DraftItem) {
  const base = { ...item, quantity: readNumber(item.quantity), daysTreatment: readNumber(item.daysTreatment) };
  return { ...base, controlledDrugSchedule: item.scheduleSetByPrescriber ? item.controlledDrugSchedule : listedSchedule(item) };
}

export type DraftReading = { ok: true; details: PrescriptionDetails } | { ok: false; problems: PrescriptionProblem[] };

/** Reads a draft as the strict prescription it would print as, dated `issuedAt`; each problem names its field. */
export function readDraft(data: PrescriptionDraftDetails, issuedAt: string): DraftReading {
  const { allergiesStatus, currentMedicinesStatus, ...rest } = data;
  const parsed = prescriptionDetailsSchema.safeParse({
    ...rest,
    ...(allergiesStatus === '' ? {} : { allergiesStatus }),
    ...(currentMedicinesStatus === '' ? {} : { currentMedicinesStatus }),
    issuedAt,
    items: data.items.map(draftItemToItemInput),
  });
  if (parsed.success) return { ok: true, details: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => ({ path: issue.path.join('.') || 'items', severity: 'error', message: issue.message })),
  };
}

/** The facts the legal checks need, from the stored patient, prescriber and practice. */
export function checkContextFor(patient: Patient, prescriber: StaffMember, practice: Practice | null, date: Date): PrescriptionCheckContext {
  return {
    date,
    patient: {
      name: patientFullName(patient.data),
      address: patient.data.address,
      postcode: patient.data.postcode,
      dateOfBirth: patient.data.dateOfBirth,
    },
    prescriber: {
      name: prescriber.data.name,
      prescriberKind: prescriber.data.prescriberKind,
      professionalBody: prescriber.data.professionalBody,
      registrationNumber: prescriber.data.registrationNumber,
    },
    practice: {
      name: practice?.data.name ?? '',
      address: practice?.data.address ?? '',
      postcode: practice?.data.postcode ?? '',
      phone: practice?.data.phone ?? '',
    },
  };
}

export type PrintCheck = { ok: true; details: PrescriptionDetails; problems: PrescriptionProblem[] } | { ok: false; problems: PrescriptionProblem[] };

/**
 * Everything that stands between a draft and the printer: first the shape (a quantity that is a
 * number, a kind, the confirmations), then the law (legal-checks.ts). Warnings do not stop it.
 */
export function checkDraftForPrinting(data: PrescriptionDraftDetails, context: PrescriptionCheckContext, issuedAt: string): PrintCheck {
  const reading = readDraft(data, issuedAt);
  if (!reading.ok) {
    // Run the legal checks on what can be read too, so one attempt lists everything it can; the
    // legal messages say more, so a schema message is kept only for a field they do not cover.
    const legal = checkPrescription(
      {
        items: data.items.map(draftItemToItemInput),
        allergiesStatus: data.allergiesStatus === '' ? 'not-known' : data.allergiesStatus,
        allergies: data.allergies,
        currentMedicinesStatus: data.currentMedicinesStatus === '' ? 'not-known' : data.currentMedicinesStatus,
        currentMedicines: data.currentMedicines,
      },
      context,
    );
    const covered = new Set(legal.filter((p) => p.severity === 'error').map((p) => p.path));
    return { ok: false, problems: [...legal, ...reading.problems.filter((p) => !covered.has(p.path))] };
  }
  const problems = checkPrescription(reading.details, context);
  return canPrint(problems) ? { ok: true, details: reading.details, problems } : { ok: false, problems };
}

/** How many FP10 forms the items need (at most four items on each, in England). */
export function formsFor(itemCount: number): number {
  return Math.max(1, splitIntoForms(Array.from({ length: itemCount })).length);
}

/** An FP10 serial as typed, normalised: spaces dropped, upper case. */
export function normaliseSerial(text: string): string {
  return text.replace(/\s+/g, '').toUpperCase();
}

/** The serial number printed on an FP10SS form: digits, sometimes with letters; 6 to 20 characters. */
export const fp10SerialSchema = z
  .string()
  .overwrite(normaliseSerial)
  .regex(/^[A-Z0-9]{6,20}$/, 'Enter the serial number printed on the form, like 0123456789 (6 to 20 letters or numbers)');

export const FP10_STATUSES = ['printed', 'spoiled', 'cancelled'] as const;
export type Fp10Status = (typeof FP10_STATUSES)[number];
export const FP10_STATUS_LABELS: Record<Fp10Status, string> = { printed: 'Printed', spoiled: 'Spoiled', cancelled: 'Cancelled' };

/** One FP10 form in the stationery register: which serial, used when, by whom, for whom, for what. */
export const fp10EntryDetailsSchema = z.object({
  serial: fp10SerialSchema,
  /** 1 for the first form of a prescription, 2 for the second... */
  formNumber: z.number().int().min(1).default(1),
  prescriptionId: recordIdSchema.nullable(),
  patientId: recordIdSchema.nullable(),
  prescriberId: recordIdSchema,
  usedAt: isoDateTimeSchema,
  spoiledReason: z.string().trim().max(500).default(''),
  cancelledReason: z.string().trim().max(1000).default(''),
});
export const fp10EntrySchema = recordSchema(z.enum(FP10_STATUSES), fp10EntryDetailsSchema);
export type Fp10Entry = z.infer<typeof fp10EntrySchema>;

/**
 * Problems with the FP10SS serials typed for printing, each beside its own field (`serials.0`):
 * one serial per form, each a serial's shape, none already in the register (controlled
 * stationery: a form is used once) and none typed twice. Also the serials, normalised.
 */
export function checkFp10Serials(
  serials: readonly string[],
  forms: number,
  register: readonly { status: Fp10Status; data: { serial: string } }[],
): { problems: PrescriptionProblem[]; normalised: string[] } {
  const problems: PrescriptionProblem[] = [];
  const normalised: string[] = [];
  const used = new Map(register.map((e) => [e.data.serial, e]));
  if (serials.length !== forms) {
    problems.push({ path: 'serials', severity: 'error', message: `This prescription prints on ${forms} form${forms === 1 ? '' : 's'}: enter ${forms} serial number${forms === 1 ? '' : 's'}` });
  }
  serials.forEach((typed, index) => {
    const parsed = fp10SerialSchema.safeParse(typed);
    if (!parsed.success) {
      problems.push({ path: `serials.${index}`, severity: 'error', message: parsed.error.issues[0]?.message ?? 'Enter the serial number' });
      return;
    }
    const serial = parsed.data;
    const earlier = used.get(serial);
    if (earlier) {
      problems.push({ path: `serials.${index}`, severity: 'error', message: `Form ${serial} is already in the FP10 register (${earlier.status}): check the number on the form` });
    } else if (normalised.includes(serial)) {
      problems.push({ path: `serials.${index}`, severity: 'error', message: `Form ${serial} is entered twice: each form has its own serial number` });
    }
    normalised.push(serial);
  });
  return { problems, normalised };
}
