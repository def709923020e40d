/**
 * A photo kept with a record: for now, a picture of a prescription that was handwritten before
 * Lifeboat was opened. The image bytes live in the payload (encrypted at rest like every payload);
 * only the owner's id is in clear, to list a record's photos. A photo is never deleted: a wrong
 * one is marked superseded, with the reason, and stays visible.
 */
import { z } from 'zod';
import { isoDateTimeSchema, recordIdSchema, recordSchema } from './record';

export const ATTACHMENT_MEDIA_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type AttachmentMediaType = (typeof ATTACHMENT_MEDIA_TYPES)[number];

/** About 6 MB of image: a resized photo is 200–400 KB; anything near this was not resized. */
export const MAX_ATTACHMENT_BASE64_CHARS = 8_000_000;
/** Most photos kept with one record. */
export const MAX_PHOTOS_PER_RECORD = 10;

/** A photo as the device prepared it (src/lib/photo.ts), before it is stored. */
export const photoInputSchema = z.object({
  /** A neutral name such as "Photo 1.jpg": never the patient's name. */
  fileName: z.string().trim().min(1).max(120),
  mediaType: z.enum(ATTACHMENT_MEDIA_TYPES, { message: 'The photo must be a JPEG, PNG or WebP image' }),
  width: z.number().int().positive().max(20_000),
  height: z.number().int().positive().max(20_000),
  dataBase64: z
    .string()
    .min(1, 'The photo is empty')
    .max(MAX_ATTACHMENT_BASE64_CHARS, 'The photo is too large: take it again')
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'The photo could not be read'),
});
export type PhotoInput = z.infer<typeof photoInputSchema>;

export const attachmentDetailsSchema = photoInputSchema.extend({
  ownerKind: z.literal('prescription'),
  ownerId: recordIdSchema,
  supersededReason: z.string().trim().max(500).default(''),
  supersededAt: isoDateTimeSchema.optional(),
  supersededById: recordIdSchema.optional(),
});
export type AttachmentDetails = z.infer<typeof attachmentDetailsSchema>;

export const ATTACHMENT_STATUSES = ['current', 'superseded'] as const;
export type AttachmentStatus = (typeof ATTACHMENT_STATUSES)[number];

export const attachmentSchema = recordSchema(z.enum(ATTACHMENT_STATUSES), attachmentDetailsSchema).superRefine((record, ctx) => {
  if (record.status === 'superseded' && record.data.supersededReason === '') {
    ctx.addIssue({ code: 'custom', path: ['data', 'supersededReason'], message: 'Say why the photo is superseded, like "Wrong patient’s paper"' });
  }
});
export type Attachment = z.infer<typeof attachmentSchema>;
