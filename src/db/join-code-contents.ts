/**
 * What a join code (crypto/join-code.ts) carries: small enough for one QR code, so not rows and
 * key slots as the join file does, but the practice keys, the practice and the active staff as
 * data with their record meta (so the joining device writes faithful rows, encrypted afresh under
 * the practice key), who showed the code, and, when it fits, the recovery key slot. Arrays rather
 * than objects for the repeated parts: key names would cost bytes in every staff member.
 */
import { z } from 'zod';
import { base64Schema } from '../domain/encrypted-row';
import { practiceDetailsSchema } from '../domain/practice';
import { isoDateTimeSchema, recordIdSchema } from '../domain/record';
import { staffDetailsSchema, staffStatusSchema } from '../domain/staff';

/** [id, status, createdAt, updatedAt, authorId, deviceId, data] */
function compactRecord<S extends z.ZodType, D extends z.ZodType>(status: S, data: D) {
  return z.tuple([recordIdSchema, status, isoDateTimeSchema, isoDateTimeSchema, recordIdSchema, recordIdSchema, data]);
}

export const compactPracticeSchema = compactRecord(z.literal('active'), practiceDetailsSchema);
export const compactStaffSchema = compactRecord(staffStatusSchema, staffDetailsSchema);

/** The recovery key slot: [id, label, createdAt, HKDF salt, iv, ciphertext]. Its keyId is the practice key's. */
export const compactRecoverySlotSchema = z.tuple([recordIdSchema, z.string().min(1).max(200), isoDateTimeSchema, base64Schema, base64Schema, base64Schema]);

export const joinCodeContentsSchema = z
  .object({
    /** [exportedAt, staffId, deviceId, deviceLabel] */
    x: z.tuple([isoDateTimeSchema, recordIdSchema, recordIdSchema, z.string().min(1).max(60)]),
    /** [keyId, data, index] */
    k: z.tuple([z.string().min(1), base64Schema, base64Schema]),
    p: compactPracticeSchema,
    s: z.array(compactStaffSchema).min(1).max(1000),
    r: compactRecoverySlotSchema.nullable(),
  })
  .superRefine((c, ctx) => {
    if (new Set(c.s.map((s) => s[0])).size !== c.s.length) ctx.addIssue({ code: 'custom', message: 'A staff member appears twice' });
  });
export type JoinCodeContents = z.infer<typeof joinCodeContentsSchema>;
