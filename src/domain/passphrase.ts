import { z } from 'zod';

/**
 * A user's passphrase. Length matters more than symbols (NCSC: "three random words"), and the
 * passphrase is the only thing standing between a lost iPad and the patients on it.
 */
export const PASSPHRASE_MIN_LENGTH = 12;

export const passphraseSchema = z
  .string()
  .min(PASSPHRASE_MIN_LENGTH, `Use at least ${PASSPHRASE_MIN_LENGTH} characters: three random words work well, like "kettle orbit tulip"`)
  .max(200, 'Use 200 characters or fewer');

/** A new passphrase typed twice. */
export const newPassphraseSchema = z
  .object({
    passphrase: passphraseSchema,
    confirmPassphrase: z.string(),
  })
  .refine((v) => v.passphrase === v.confirmPassphrase, {
    message: 'The two passphrases are different: type the same passphrase twice',
    path: ['confirmPassphrase'],
  });
export type NewPassphraseInput = z.input<typeof newPassphraseSchema>;
