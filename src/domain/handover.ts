import { z } from 'zod';
import { base64Schema, encryptedPayloadSchema, encryptedRecordRowSchema } from './encrypted-row';
import { isoDateTimeSchema, recordIdSchema } from './record';

/**
 * A hand-over between two devices of one practice that share no database (reception's tablet,
 * the GP's laptop): queue entries with their patients, as a QR code or a small file. Each row
 * travels exactly as stored: its payload is already AES-GCM under the practice data key, bound to
 * `<table>:<id>`, so the hand-over carries nothing readable. The clear fields beside the rows
 * (times, ticket numbers, ids) are covered by `seal`: the practice key encrypts who made the
 * hand-over, when, and a SHA-256 digest of `items` as written, bound to `handover:<id>`. Changing
 * anything, or moving a ciphertext to another record, makes the hand-over refuse to open.
 */

export const HANDOVER_TYPE = 'lifeboat-handover';
export const HANDOVER_VERSION = 1;
/** Queue entries in one hand-over: a morning's walk-ins, not a database copy. */
export const HANDOVER_MAX_ITEMS = 50;
/** The file is refused above this before anything is parsed. */
export const HANDOVER_MAX_CHARS = 500_000;
/**
 * The longest hand-over code drawn as a QR code (alphanumeric mode: version 33 at level L, 149
 * modules a side). A version 40 code holds 4,296 characters, but that dense a code is hard to read
 * off a screen; longer hand-overs go by file.
 */
export const HANDOVER_QR_MAX_CHARS = 3_000;

/** A queue entry row as stored, with its clear index fields. */
export const handoverQueueRowSchema = encryptedRecordRowSchema.extend({
  arrivedAt: isoDateTimeSchema,
  patientId: recordIdSchema.nullable(),
  ticket: z.number().int().min(1).optional(),
  ticketDay: z.string().max(10).optional(),
});

/** A patient row as stored, with its keyed look-up hashes (recomputed on arrival, never trusted). */
export const handoverPatientRowSchema = encryptedRecordRowSchema.extend({
  lookup: z.array(z.string().max(200)).max(10),
});

export const handoverItemSchema = z.object({ entry: handoverQueueRowSchema, patient: handoverPatientRowSchema });
export type HandoverItem = z.infer<typeof handoverItemSchema>;

export const handoverSchema = z.object({
  type: z.literal(HANDOVER_TYPE),
  version: z.literal(HANDOVER_VERSION),
  id: recordIdSchema,
  /** The practice key the rows are encrypted under: a device of another practice refuses at once. */
  keyId: z.string().min(1).max(100),
  seal: encryptedPayloadSchema,
  items: z.array(handoverItemSchema).min(1, 'The hand-over holds nobody').max(HANDOVER_MAX_ITEMS, `A hand-over holds at most ${HANDOVER_MAX_ITEMS} people`),
});
export type Handover = z.infer<typeof handoverSchema>;

/** What `seal` holds once opened. */
export const handoverSealSchema = z.object({
  madeAt: isoDateTimeSchema,
  from: z.object({ deviceId: recordIdSchema, deviceLabel: z.string().max(200), staffId: recordIdSchema }),
  /** SHA-256 of JSON.stringify(items), base64. */
  itemsDigest: base64Schema.length(44),
});
export type HandoverSeal = z.infer<typeof handoverSealSchema>;

/** A file name that names nobody: `lifeboat-handover-2024-07-19-0900.json` (London time). */
export function handoverFileName(madeAt: string): string {
  return `lifeboat-handover-${madeAt.slice(0, 10)}-${madeAt.slice(11, 13)}${madeAt.slice(14, 16)}.json`;
}

/** How a record in a hand-over compares with the one on this device (same id). */
export type HandoverRecordState =
  /** Not on this device: it will be added. */
  | 'new'
  /** Already here, the same: nothing changes. */
  | 'same'
  /** Here, and the hand-over's is later: it replaces this device's. */
  | 'newer'
  /** Here, and this device's is later (or changed here at the same second): this device's is kept. */
  | 'older'
  /** A patient not here by id, but the same person is (NHS number, or name and date of birth): the entry is linked to this device's record. */
  | 'matched';

/**
 * How a record that came in a hand-over compares with this device's copy of the same id: the same
 * (time, status and content), or whichever was changed later wins. A tie at the same second with
 * different content keeps this device's: nothing here is overwritten on a guess.
 */
export function compareRecordVersions<T extends { updatedAt: string; status: string; data: unknown }>(incoming: T, local: T): 'same' | 'newer' | 'older' {
  if (incoming.updatedAt === local.updatedAt && incoming.status === local.status && JSON.stringify(incoming.data) === JSON.stringify(local.data)) return 'same';
  return Date.parse(incoming.updatedAt) > Date.parse(local.updatedAt) ? 'newer' : 'older';
}

export const HANDOVER_STATE_LABELS: Record<HandoverRecordState, string> = {
  new: 'New: will be added',
  same: 'Already on this device: nothing changes',
  newer: 'Changed since: this device’s copy will be updated',
  older: 'This device has a later change: kept as it is',
  matched: 'Already on this device as the same person: linked to that record',
};
