import { auditEventSchema, type AuditEvent } from '../domain/audit';
import { getDatabase } from './context';
import type { AuditRow } from './database';
import { fromRows } from './record-store';

function toEvents(rows: AuditRow[]): Promise<AuditEvent[]> {
  return fromRows('audit', rows, auditEventSchema);
}

/** One record's history, oldest first. */
export async function listAuditFor(entityId: string): Promise<AuditEvent[]> {
  return toEvents(await getDatabase().audit.where('entityId').equals(entityId).sortBy('at'));
}

/** The latest events on this device, newest first. */
export async function listRecentAudit(limit = 100): Promise<AuditEvent[]> {
  return toEvents(await getDatabase().audit.orderBy('at').reverse().limit(limit).toArray());
}
