/**
 * What a join file carries inside its sealed envelope (crypto/join-envelope.ts): the practice
 * keys, and the practice row, the active staff rows and their key slots exactly as stored. The
 * rows stay encrypted under the practice key and the slots stay sealed under each person's
 * passphrase, so the joining device gets the same records and everyone's usual passphrase opens
 * it. The exporting device and the importing one check the same schema.
 */
import { z } from 'zod';
import { base64Schema, encryptedRecordRowSchema } from '../domain/encrypted-row';
import { isoDateTimeSchema, recordIdSchema } from '../domain/record';
import type { KeySlotRow, RecordRow } from './database';

/** Rows travel encrypted: a join file never carries a plain payload. */
const storedRecordRowSchema = encryptedRecordRowSchema satisfies z.ZodType<RecordRow>;

const kdfSchema = z.discriminatedUnion('name', [
  z.object({ name: z.literal('PBKDF2'), hash: z.literal('SHA-256'), iterations: z.number().int().min(1).max(10_000_000), salt: base64Schema }),
  z.object({ name: z.literal('HKDF'), hash: z.literal('SHA-256'), salt: base64Schema }),
]);

const storedKeySlotSchema = z.object({
  id: recordIdSchema,
  kind: z.enum(['user', 'recovery']),
  staffId: recordIdSchema.nullable(),
  label: z.string().min(1).max(200),
  keyId: z.string().min(1),
  kdf: kdfSchema,
  sealed: z.object({ iv: base64Schema, ciphertext: base64Schema }),
  createdAt: isoDateTimeSchema,
}) satisfies z.ZodType<KeySlotRow>;

export const joinContentsSchema = z
  .object({
    practiceId: recordIdSchema,
    exportedAt: isoDateTimeSchema,
    /** Who made the file, on which device: the joining device's audit trail names them. */
    exportedBy: z.object({ staffId: recordIdSchema, deviceId: recordIdSchema, deviceLabel: z.string().min(1).max(60) }),
    keys: z.object({ keyId: z.string().min(1), data: base64Schema, index: base64Schema }),
    practice: storedRecordRowSchema,
    staff: z.array(storedRecordRowSchema).min(1).max(1000),
    keySlots: z.array(storedKeySlotSchema).min(1).max(1001),
  })
  .superRefine((c, ctx) => {
    const problem = (message: string) => ctx.addIssue({ code: 'custom', message });
    if (c.practice.id !== c.practiceId) problem('The practice row is not the practice named in the file');
    const rows = [c.practice, ...c.staff];
    if (rows.some((r) => r.payload.keyId !== c.keys.keyId) || c.keySlots.some((s) => s.keyId !== c.keys.keyId)) {
      problem('A row or key slot is sealed under a key other than the practice key in the file');
    }
    const staffIds = new Set(c.staff.map((s) => s.id));
    if (staffIds.size !== c.staff.length) problem('A staff member appears twice');
    const recovery = c.keySlots.filter((s) => s.kind === 'recovery');
    if (recovery.length !== 1 || recovery[0]?.staffId !== null) problem('The file must hold exactly one recovery key slot');
    const users = c.keySlots.filter((s) => s.kind === 'user');
    if (users.some((s) => s.staffId === null || !staffIds.has(s.staffId))) problem('A key slot belongs to nobody on the staff list');
    if (new Set(users.map((s) => s.staffId)).size !== users.length) problem('A staff member has two key slots');
    if (users.length === 0) problem('Nobody on the staff list can unlock');
  });
export type JoinContents = z.infer<typeof joinContentsSchema>;
