/**
 * Converts between domain records (`{ ...meta, status, data }`) and stored rows (`{ ...meta,
 * status, payload }`), validating with the record kind's zod schema both ways. A row that fails
 * its schema on read is recorded in `quarantine`, counted in the storage status, and skipped, so
 * one corrupted record can never crash the app or vanish unnoticed.
 */
import type { z } from 'zod';
import { toLondonIso } from '../domain/time';
import type { AuditAction } from '../domain/audit';
import type { Actor } from '../domain/record';
import { newId } from '../domain/ids';
import { getClock, getCodec, getDatabase } from './context';
import type { AuditRow, RecordRow } from './database';
import { getStorageStatus, updateStorageStatus } from './storage-status';

export interface StoredRecord {
  id: string;
  status: string;
  createdAt: string;
  updatedAt: string;
  authorId: string;
  deviceId: string;
  data: unknown;
}

export async function toRow(record: StoredRecord): Promise<RecordRow> {
  const { data, ...meta } = record;
  return { ...meta, payload: await getCodec().encode(data) };
}

export async function fromRow<T>(table: string, row: RecordRow, schema: z.ZodType<T>): Promise<T | null> {
  try {
    const { payload, ...meta } = row;
    const data = await getCodec().decode(payload);
    const parsed = schema.safeParse({ ...meta, data });
    if (parsed.success) return parsed.data;
    await quarantine(table, row.id, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  } catch (error) {
    await quarantine(table, String(row?.id), error instanceof Error ? error.message : String(error));
  }
  return null;
}

export async function fromRows<T>(table: string, rows: RecordRow[], schema: z.ZodType<T>): Promise<T[]> {
  const records = await Promise.all(rows.map((row) => fromRow(table, row, schema)));
  return records.filter((r): r is Awaited<T> => r !== null);
}

async function quarantine(table: string, recordId: string, problem: string): Promise<void> {
  const id = `${table}:${recordId}`;
  const db = getDatabase();
  try {
    await outsideReadContext(async () => {
      const known = await db.quarantine.get(id);
      if (!known) {
        await db.quarantine.put({ id, table, recordId, foundAt: toLondonIso(getClock().now()), problem: problem.slice(0, 1000) });
      }
    });
  } finally {
    updateStorageStatus({ quarantined: getStorageStatus().quarantined + 1 });
  }
}

/**
 * Runs a write that a read needs (a first-open identity, a quarantine note) outside the read's
 * context: Dexie forbids writes inside a live query or read transaction, and its context does
 * not follow a timer callback.
 */
export function outsideReadContext<T>(write: () => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    setTimeout(() => write().then(resolve, reject), 0);
  });
}

/** Builds an audit row for a change; write it in the same transaction as the change. */
export async function auditRow(
  actor: Actor,
  action: AuditAction,
  entityKind: string,
  entityId: string,
  summary: string,
): Promise<AuditRow> {
  return {
    id: newId(),
    at: toLondonIso(getClock().now()),
    actorId: actor.staffId,
    deviceId: actor.deviceId,
    action,
    entityKind,
    entityId,
    payload: await getCodec().encode({ summary }),
  };
}

/** Meta for a new record created now by this actor. */
export function newRecordMeta(actor: Actor, id: string = newId()) {
  const now = toLondonIso(getClock().now());
  return { id, createdAt: now, updatedAt: now, authorId: actor.staffId, deviceId: actor.deviceId };
}

export function nowIso(): string {
  return toLondonIso(getClock().now());
}
