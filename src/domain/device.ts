import { z } from 'zod';
import { isoDateTimeSchema, recordIdSchema } from './record';

export const DEFAULT_AUTO_LOCK_MINUTES = 5;
export const AUTO_LOCK_CHOICES = [1, 2, 5, 10, 15, 30] as const;

/** Printers drift by about 1.5 mm; more than 20 mm means the form is in the wrong way round. */
export const MAX_FP10_OFFSET_MM = 20;
const fp10OffsetSchema = z
  .number({ message: 'Enter the offset in millimetres, like 1.5 or -2' })
  .min(-MAX_FP10_OFFSET_MM, `The offset must be between -${MAX_FP10_OFFSET_MM} and ${MAX_FP10_OFFSET_MM} mm`)
  .max(MAX_FP10_OFFSET_MM, `The offset must be between -${MAX_FP10_OFFSET_MM} and ${MAX_FP10_OFFSET_MM} mm`);

/**
 * This device's own settings: one row, never shared in a bundle. Holds no patient data.
 * `currentStaffId` is who is using the device now; every record written is attributed to them.
 */
export const deviceSettingsSchema = z.object({
  deviceId: recordIdSchema,
  label: z.string().trim().min(1, 'Enter a label for this device, like Reception iPad').max(60),
  practiceId: recordIdSchema.nullable(),
  currentStaffId: recordIdSchema.nullable(),
  setupCompletedAt: isoDateTimeSchema.nullable(),
  /** What the browser answered when asked for persistent storage, and when. */
  persistentStorage: z
    .object({ granted: z.boolean(), askedAt: isoDateTimeSchema })
    .nullable(),
  /** Lock after this many idle minutes (never while a save is pending). */
  autoLockMinutes: z.number().int().min(1).max(60).default(DEFAULT_AUTO_LOCK_MINUTES),
  /** Wrong passphrases in a row, and until when the next try must wait (see unlock-throttle.ts). */
  unlockFailures: z.number().int().min(0).default(0),
  unlockBlockedUntil: isoDateTimeSchema.nullable().default(null),
  /** FP10SS alignment for this device's printer, in mm (right and down are positive); added after version 4, read with defaults. */
  fp10OffsetXmm: fp10OffsetSchema.default(0),
  fp10OffsetYmm: fp10OffsetSchema.default(0),
});
export type DeviceSettings = z.infer<typeof deviceSettingsSchema>;

export const deviceLabelSchema = deviceSettingsSchema.shape.label;
