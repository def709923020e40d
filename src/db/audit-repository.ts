import { auditEventSchema, type AuditEvent } from '../domain/audit';
import { getDatabase } from './context';
import type { AuditRow } from './database';
import { fromRows } from './record-store';

function toEvents(rows: AuditRow[]): Promise<AuditEvent[]> {
  return fromRows('audit', rows, auditEventSchema);
}

/** Times are stored to the second; within one second, the order written (`seq`) decides. */
function inOrder(rows: AuditRow[]): AuditRow[] {
  return [...rows].sort((a, b) => a.at.localeCompare(b.at) || (a.seq ?? 0) - (b.seq ?? 0));
}

/** One record's history, oldest first. */
export async function listAuditFor(entityId: string): Promise<AuditEvent[]> {
  return toEvents(inOrder(await getDatabase().audit.where('entityId').equals(entityId).toArray()));
}

/** The latest events on this device, newest first. */
export async function listRecentAudit(limit = 100): Promise<AuditEvent[]> {
  // A few more than asked, so ties at the edge of the limit are ordered too.
  const rows = await getDatabase().audit.orderBy('at').reverse().limit(limit + 50).toArray();
  return toEvents(inOrder(rows).reverse().slice(0, limit));
}
