import { z } from 'zod';
import { ISO_WITH_OFFSET } from './time';

/**
 * Every stored record has the same shape: a few non-identifying fields that storage may index
 * (`RecordMeta`), and one `data` payload holding everything identifying or clinical. Storage keeps
 * `data` as one opaque value so that the security work can encrypt it at rest without any caller
 * changing (see docs/data-model.md).
 */
export const isoDateTimeSchema = z
  .string()
  .regex(ISO_WITH_OFFSET, 'Must be a date and time with its UTC offset');

export const recordIdSchema = z.uuid({ message: 'Must be a record id (UUID)' });

export const recordMetaSchema = z.object({
  id: recordIdSchema,
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
  /** The staff member who created the record. */
  authorId: recordIdSchema,
  /** The device the record was created on. */
  deviceId: recordIdSchema,
});
export type RecordMeta = z.infer<typeof recordMetaSchema>;

/** Builds the full schema of one record kind from its status values and its payload schema. */
export function recordSchema<S extends z.ZodType, D extends z.ZodType>(status: S, data: D) {
  return recordMetaSchema.extend({ status, data });
}

/** Who is doing something, on which device: stamped on every record and audit event. */
export interface Actor {
  staffId: string;
  deviceId: string;
}
