import { auditEventSchema, type AuditEvent } from '../domain/audit';
import { getCodec, getDatabase } from './context';
import type { AuditRow } from './database';

async function toEvent(row: AuditRow): Promise<AuditEvent | null> {
  const { payload, ...meta } = row;
  const parsed = auditEventSchema.safeParse({ ...meta, data: await getCodec().decode(payload) });
  return parsed.success ? parsed.data : null;
}

async function toEvents(rows: AuditRow[]): Promise<AuditEvent[]> {
  const events = await Promise.all(rows.map(toEvent));
  return events.filter((e): e is AuditEvent => e !== null);
}

/** One record's history, oldest first. */
export async function listAuditFor(entityId: string): Promise<AuditEvent[]> {
  return toEvents(await getDatabase().audit.where('entityId').equals(entityId).sortBy('at'));
}

/** The latest events on this device, newest first. */
export async function listRecentAudit(limit = 100): Promise<AuditEvent[]> {
  return toEvents(await getDatabase().audit.orderBy('at').reverse().limit(limit).toArray());
}
