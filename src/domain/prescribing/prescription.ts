/**
 * A prescription as Lifeboat stores it: what the clinician prescribed, for whom, and what they
 * confirmed about allergies and current medicines while prescribing blind. The shape is flat
 * so each form error sits beside its own field (`items.0.dose`). Legal content (is the dose
 * specific enough for a controlled drug?) is judged by `checkPrescription` in legal-checks.ts,
 * so an unfinished draft can still be kept.
 */
import { z } from 'zod';
import { isoDateTimeSchema, recordIdSchema, recordSchema } from '../record';
import { findControlledDrug, type CdSchedule } from './controlled-drugs';
import { MAX_QUANTITY_IN_WORDS, QUANTITY_UNIT_KEYS, integerToWords } from './number-words';

/** What the prescriber chose, or what the list found: `none` for a medicine that is not a CD. */
export const SCHEDULE_CHOICES = ['none', '2', '3', '4', '5'] as const;
export type ScheduleChoice = (typeof SCHEDULE_CHOICES)[number];

export const PRESCRIPTION_KINDS = ['acute', 'repeat'] as const;

/** Onto FP10SS stationery (only the fields), or the whole form on plain paper as a record copy. */
export const PRINT_MODES = ['fp10ss', 'plain'] as const;
export type PrintMode = (typeof PRINT_MODES)[number];
/**
 * How an issued prescription reached paper: printed by Lifeboat, or `handwritten` before Lifeboat
 * was opened and logged afterwards with photos of the paper (handwritten.ts). Never a print request.
 */
export const ISSUE_MODES = [...PRINT_MODES, 'handwritten'] as const;
export type IssueMode = (typeof ISSUE_MODES)[number];
export type PrescriptionKind = (typeof PRESCRIPTION_KINDS)[number];

export const prescriptionItemSchema = z.object({
  medicineName: z.string().trim().min(1, 'Enter the medicine, like Amoxicillin').max(200),
  /** Like "10 mg" or "10 mg/5 mL"; required for Schedule 2 and 3 drugs by the legal checks. */
  strength: z.string().trim().max(80).default(''),
  /** Like "tablets", "oral solution", "patches". */
  form: z.string().trim().max(80).default(''),
  /** The dose and directions, printed in full after the item. */
  dose: z.string().trim().max(500).default(''),
  quantity: z
    .number({ message: 'Enter the quantity as a number, like 28' })
    .positive('The quantity must be more than 0')
    .max(MAX_QUANTITY_IN_WORDS, `The quantity must be ${MAX_QUANTITY_IN_WORDS} or less`),
  quantityUnit: z.enum(QUANTITY_UNIT_KEYS, { message: 'Choose what the quantity counts, like tablets or mL' }),
  daysTreatment: z
    .number({ message: "Enter the days' treatment as a number, like 28" })
    .int("Enter the days' treatment in whole days")
    .positive("The days' treatment must be at least 1")
    .max(366, "The days' treatment must be a year or less"),
  controlledDrugSchedule: z.enum(SCHEDULE_CHOICES).default('none'),
  /** True when the prescriber set the schedule by hand rather than taking the list's. */
  scheduleSetByPrescriber: z.boolean().default(false),
  /** The total quantity in words, for Schedule 2 and 3 (filled from the figures, editable). */
  quantityInWords: z.string().trim().max(200).default(''),
});
export type PrescriptionItem = z.infer<typeof prescriptionItemSchema>;
export type PrescriptionItemInput = z.input<typeof prescriptionItemSchema>;

/** Allergies and current medicines: what the patient confirmed, or that they could not be known. */
export const CONFIRMATION_STATUSES = ['confirmed', 'not-known'] as const;

export const prescriptionDetailsSchema = z
  .object({
    patientId: recordIdSchema,
    consultationId: recordIdSchema.optional(),
    prescriberId: recordIdSchema,
    kind: z.enum(PRESCRIPTION_KINDS, { message: 'Choose acute or repeat' }),
    /** The date on the prescription, from which validity is counted. */
    issuedAt: isoDateTimeSchema,
    items: z.array(prescriptionItemSchema).min(1, 'Add at least one medicine'),
    allergiesStatus: z.enum(CONFIRMATION_STATUSES, {
      message: 'Record the allergies the patient confirmed, or that they are not known',
    }),
    allergies: z.string().trim().max(1000).default(''),
    currentMedicinesStatus: z.enum(CONFIRMATION_STATUSES, {
      message: 'Record the current medicines the patient confirmed, or that they are not known',
    }),
    currentMedicines: z.string().trim().max(2000).default(''),
    cancellationReason: z.string().trim().max(1000).default(''),
    cancelledAt: isoDateTimeSchema.optional(),
    /** The prescription this one replaces (after a cancellation, for example a wrong dose). */
    replacesId: recordIdSchema.optional(),
    /** Who cancelled it (with `cancelledAt` and `cancellationReason`). */
    cancelledById: recordIdSchema.optional(),
    /** When, how and by whom it was printed; the FP10SS serials, one per form, in form order. */
    printed: z
      .object({
        at: isoDateTimeSchema,
        mode: z.enum(ISSUE_MODES),
        serials: z.array(z.string().trim().min(1).max(20)).default([]),
        byStaffId: recordIdSchema,
      })
      .optional(),
  })
  .superRefine((details, ctx) => {
    if (details.allergiesStatus === 'confirmed' && details.allergies === '') {
      ctx.addIssue({
        code: 'custom',
        path: ['allergies'],
        message: 'Write what the patient told you, like "No known drug allergies", or choose "Not known"',
      });
    }
    if (details.currentMedicinesStatus === 'confirmed' && details.currentMedicines === '') {
      ctx.addIssue({
        code: 'custom',
        path: ['currentMedicines'],
        message: 'Write the medicines the patient takes now, like "None", or choose "Not known"',
      });
    }
  });
export type PrescriptionDetails = z.infer<typeof prescriptionDetailsSchema>;
export type PrescriptionDetailsInput = z.input<typeof prescriptionDetailsSchema>;

export const PRESCRIPTION_STATUSES = ['draft', 'printed', 'cancelled'] as const;
export const prescriptionStatusSchema = z.enum(PRESCRIPTION_STATUSES);
export type PrescriptionStatus = z.infer<typeof prescriptionStatusSchema>;

/** A stored prescription. A cancelled one must say why; the original stays visible. */
export const prescriptionSchema = recordSchema(prescriptionStatusSchema, prescriptionDetailsSchema).superRefine(
  (record, ctx) => {
    if (record.status === 'cancelled' && record.data.cancellationReason === '') {
      ctx.addIssue({
        code: 'custom',
        path: ['data', 'cancellationReason'],
        message: 'Say why the prescription is cancelled, like "Wrong dose"',
      });
    }
  },
);
export type Prescription = z.infer<typeof prescriptionSchema>;

const STRICTNESS: Record<ScheduleChoice, number> = { '2': 0, '3': 1, '4': 2, '5': 3, none: 4 };

/** The stricter of two schedule choices: Schedule 2 is stricter than 3, any schedule than none. */
export function stricterSchedule(a: ScheduleChoice, b: ScheduleChoice): ScheduleChoice {
  return STRICTNESS[a] <= STRICTNESS[b] ? a : b;
}

/** The schedule the list finds in a medicine name (with its strength and form), or `none`. */
export function listedSchedule(item: Pick<PrescriptionItem, 'medicineName' | 'strength' | 'form'>): ScheduleChoice {
  const match = findControlledDrug(`${item.medicineName} ${item.strength} ${item.form}`);
  return match ? match.schedule : 'none';
}

/**
 * The schedule the checks apply: the stricter of what the prescriber marked and what the list
 * finds, so a listed controlled drug can never be checked as less than it is.
 */
export function effectiveSchedule(
  item: Pick<PrescriptionItem, 'medicineName' | 'strength' | 'form' | 'controlledDrugSchedule'>,
): ScheduleChoice {
  return stricterSchedule(item.controlledDrugSchedule, listedSchedule(item));
}

/** Schedule 2 and 3 need dose, form, strength and the quantity in words and figures (MDR 2001 reg. 15). */
export function needsControlledDrugWriting(schedule: ScheduleChoice): schedule is Extract<CdSchedule, '2' | '3'> {
  return schedule === '2' || schedule === '3';
}

/**
 * Fills what the form derives as the prescriber types: the schedule from the list (unless they
 * set it by hand) and, for Schedule 2 and 3, the quantity in words from the figures when the
 * words are empty. Words the prescriber typed are kept, to be checked against the figures.
 */
export function withDerivedFields(item: PrescriptionItem): PrescriptionItem {
  const controlledDrugSchedule = item.scheduleSetByPrescriber ? item.controlledDrugSchedule : listedSchedule(item);
  const canWrite = Number.isInteger(item.quantity) && item.quantity >= 1 && item.quantity <= MAX_QUANTITY_IN_WORDS;
  const quantityInWords =
    item.quantityInWords === '' && needsControlledDrugWriting(controlledDrugSchedule) && canWrite
      ? integerToWords(item.quantity)
      : item.quantityInWords;
  return { ...item, controlledDrugSchedule, quantityInWords };
}
