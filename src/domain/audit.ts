import { z } from 'zod';
import { isoDateTimeSchema, recordIdSchema } from './record';

/**
 * One entry of the append-only audit trail: who did what, when, to which record, on which device.
 * Written in the same transaction as the change it describes; never updated or deleted.
 */
export const AUDIT_ACTIONS = [
  'create',
  'update',
  'sign',
  'addendum',
  'discard',
  'cancel',
  'spoil',
  'replace',
  'print',
  'view',
  'switch-user',
  'unlock',
  'passphrase',
  'setup',
  'export',
  'import',
  'quarantine',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** How each action reads in the audit trail. */
export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  create: 'Created',
  update: 'Changed',
  sign: 'Signed',
  addendum: 'Addendum',
  discard: 'Discarded',
  cancel: 'Cancelled',
  spoil: 'Spoiled',
  replace: 'Replaced',
  print: 'Printed',
  view: 'Viewed',
  'switch-user': 'Switched user',
  unlock: 'Unlocked',
  passphrase: 'Passphrase',
  setup: 'Set up',
  export: 'Exported',
  import: 'Imported',
  quarantine: 'Kept aside',
};

export const auditEventSchema = z.object({
  id: recordIdSchema,
  at: isoDateTimeSchema,
  actorId: recordIdSchema,
  deviceId: recordIdSchema,
  action: z.enum(AUDIT_ACTIONS),
  entityKind: z.string().min(1),
  entityId: z.string().min(1),
  /** Short description for the history list; kept in the payload because it may name a patient. */
  data: z.object({ summary: z.string().max(500) }),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;
