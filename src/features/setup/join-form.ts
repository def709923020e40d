import { z } from 'zod';
import { deviceLabelSchema } from '../../domain/device';

/** Joining a practice from a file made on a device already set up. The repository checks the file and the passphrase's shape. */
export const joinFormSchema = z.object({
  file: z.custom<File>((value) => typeof File === 'function' && value instanceof File, 'Choose the file made on the other device'),
  oneTimePassphrase: z.string().trim().min(1, 'Enter the one-time passphrase shown on the other device'),
  deviceLabel: deviceLabelSchema,
});
export type JoinFormInput = z.input<typeof joinFormSchema>;
export type JoinFormOutput = z.output<typeof joinFormSchema>;
