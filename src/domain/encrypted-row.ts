import { z } from 'zod';
import { isoDateTimeSchema, recordIdSchema } from './record';

/**
 * A record row exactly as stored, for the files and codes that carry rows between devices of one
 * practice (join files, hand-overs): the clear index fields and the AES-GCM payload, never a plain
 * one. Sizes are bounded so a hostile file cannot make the receiving device parse megabytes.
 */

export const base64Schema = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, 'Must be base64');

export const encryptedPayloadSchema = z.object({
  codec: z.literal('aes-gcm'),
  keyId: z.string().min(1).max(100),
  iv: base64Schema.max(40),
  ciphertext: base64Schema.max(100_000),
});

export const encryptedRecordRowSchema = z.object({
  id: recordIdSchema,
  status: z.string().min(1).max(40),
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
  authorId: recordIdSchema,
  deviceId: recordIdSchema,
  payload: encryptedPayloadSchema,
});
