import { z } from 'zod';
import { deviceLabelSchema } from '../../domain/device';
import { newPassphraseSchema } from '../../domain/passphrase';
import { practiceDetailsSchema } from '../../domain/practice';
import { staffDetailsSchema } from '../../domain/staff';

/** First-run setup: what must be typed on the day (the rest can wait for the Practice screen). */
export const setupFormSchema = z.object({
  practice: practiceDetailsSchema,
  staff: staffDetailsSchema,
  deviceLabel: deviceLabelSchema,
  security: newPassphraseSchema,
});
export type SetupFormInput = z.input<typeof setupFormSchema>;
export type SetupFormOutput = z.output<typeof setupFormSchema>;
