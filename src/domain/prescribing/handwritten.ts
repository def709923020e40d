/**
 * A prescription handwritten before Lifeboat was opened, logged afterwards so it joins the
 * backlog (BRIEF scenario 7). It is stored as an ordinary issued prescription, status `printed`,
 * with `printed.mode: 'handwritten'`: `issuedAt` and `printed.at` are the date written on the
 * paper (midday London, the time is not known), `printed.byStaffId` the prescriber who wrote it;
 * who logged it is the record's author and `createdAt` when. So every list, the cancellation and
 * the backlog treat it like any other prescription, and nothing can print it as a new one.
 *
 * The paper has already been given out, so the legal checks cannot stop it: they run against the
 * date written and are all shown as warnings. The shape (a medicine name, a quantity that is a
 * number, the days' treatment) is still required, so the record can be re-entered.
 */
import { z } from 'zod';
import { fromLondonLocal } from '../time';
import { recordIdSchema } from '../record';
import { isCalendarDate, type CalendarDate } from './calendar-date';
import { checkPrescription, type PrescriptionCheckContext, type PrescriptionProblem } from './legal-checks';
import { CONFIRMATION_STATUSES, PRESCRIPTION_KINDS, prescriptionDetailsSchema, type PrescriptionDetails } from './prescription';
import { MAX_DRAFT_ITEMS, draftItemSchema, draftItemToItemInput, isIssued, type StoredPrescription } from './prescription-record';

export const handwrittenPrescriptionInputSchema = z.object({
  patientId: recordIdSchema,
  prescriberId: recordIdSchema,
  /** The date written on the paper, `YYYY-MM-DD`. */
  writtenOn: z.string(),
  kind: z.enum(PRESCRIPTION_KINDS).default('acute'),
  items: z.array(draftItemSchema).max(MAX_DRAFT_ITEMS, `At most ${MAX_DRAFT_ITEMS} medicines on one prescription`).default([]),
  allergiesStatus: z.enum(CONFIRMATION_STATUSES).default('not-known'),
  allergies: z.string().max(1000).default(''),
  currentMedicinesStatus: z.enum(CONFIRMATION_STATUSES).default('not-known'),
  currentMedicines: z.string().max(2000).default(''),
});
export type HandwrittenPrescriptionInput = z.input<typeof handwrittenPrescriptionInputSchema>;

export type HandwrittenReading = { ok: true; details: PrescriptionDetails } | { ok: false; problems: PrescriptionProblem[] };

/** Midday London on the date written: the hour is not known, midday keeps the calendar date in any offset. */
export function handwrittenIssuedAt(writtenOn: CalendarDate): string | null {
  return isCalendarDate(writtenOn) ? fromLondonLocal(`${writtenOn}T12:00`) : null;
}

/**
 * The handwritten prescription as it will be stored, or the problems that stop it being kept
 * (each at its field: `writtenOn`, `items.0.quantity`...). `today` is the London date now.
 */
export function readHandwritten(input: HandwrittenPrescriptionInput, today: CalendarDate): HandwrittenReading {
  const parsed = handwrittenPrescriptionInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((i) => ({ path: i.path.join('.') || 'items', severity: 'error', message: i.message })) };
  const data = parsed.data;
  const problems: PrescriptionProblem[] = [];
  const issuedAt = handwrittenIssuedAt(data.writtenOn);
  if (!issuedAt) problems.push({ path: 'writtenOn', severity: 'error', message: 'Enter the date written on the prescription, like 19/07/2024' });
  else if (data.writtenOn > today) problems.push({ path: 'writtenOn', severity: 'error', message: 'The date written cannot be in the future' });
  if (data.items.length === 0) problems.push({ path: 'items', severity: 'error', message: 'Add at least one medicine, as written on the paper' });
  const { writtenOn: _writtenOn, ...rest } = data;
  const details = prescriptionDetailsSchema.safeParse({
    ...rest,
    issuedAt: issuedAt ?? '',
    items: data.items.map(draftItemToItemInput),
    printed: { at: issuedAt ?? '', mode: 'handwritten', serials: [], byStaffId: data.prescriberId },
  });
  if (!details.success) {
    for (const issue of details.error.issues) {
      const path = issue.path.join('.');
      // The date's own message is already above.
      if (path === 'issuedAt' || path.startsWith('printed')) continue;
      problems.push({ path: path || 'items', severity: 'error', message: issue.message });
    }
  }
  if (problems.length > 0 || !details.success) return { ok: false, problems };
  return { ok: true, details: details.data };
}

/**
 * What the paper may be missing that a pharmacy would need (the legal checks, dated as written),
 * every one a warning: the paper is already out, so they are recorded for follow-up, not enforced.
 */
export function handwrittenWarnings(details: PrescriptionDetails, context: PrescriptionCheckContext): PrescriptionProblem[] {
  return checkPrescription(details, context).map((p) => ({ ...p, severity: 'warning' }));
}

export function isHandwritten(prescription: StoredPrescription): boolean {
  return isIssued(prescription) && prescription.data.printed?.mode === 'handwritten';
}
