import { z } from 'zod';
import { isoDateTimeSchema, recordIdSchema } from './record';

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
});
export type DeviceSettings = z.infer<typeof deviceSettingsSchema>;

export const deviceLabelSchema = deviceSettingsSchema.shape.label;
