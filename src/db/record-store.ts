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
import type { PayloadCodec, StoredPayload } from './payload-codec';
import { LockedError } from './keyring';
import { updateStorageStatus } from './storage-status';

export interface StoredRecord {
  id: string;
  status: string;
  createdAt: string;
  updatedAt: string;
  authorId: string;
  deviceId: string;
  data: unknown;
}

/** Encodes (encrypts, once the practice has keys) a record for `table`. Call before a transaction: Web Crypto is not IndexedDB, and awaiting it inside one would let it commit early. */
export async function toRow(table: string, record: StoredRecord): Promise<RecordRow> {
  const { data, ...meta } = record;
  return { ...meta, payload: await getCodec().encode(data, `${table}:${record.id}`) };
}

/** Any stored row: an id and a payload beside clear fields. */
export type PayloadRow = { id: string; payload: StoredPayload };

export async function fromRow<T>(table: string, row: PayloadRow, schema: z.ZodType<T>): Promise<T | null> {
  try {
    const { payload, ...meta } = row;
    const data = await getCodec().decode(payload, `${table}:${row.id}`);
    const parsed = schema.safeParse({ ...meta, data });
    if (parsed.success) return parsed.data;
    await quarantine(table, row.id, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  } catch (error) {
    // Locked is not corruption: the caller must not be reading now.
    if (error instanceof LockedError) throw error;
    await quarantine(table, String(row?.id), error instanceof Error ? error.message : String(error));
  }
  return null;
}

export async function fromRows<T>(table: string, rows: PayloadRow[], schema: z.ZodType<T>): Promise<T[]> {
  const records = await Promise.all(rows.map((row) => fromRow(table, row, schema)));
  return records.filter((r): r is Awaited<T> => r !== null);
}

/** Rows found damaged in this session, per database: the banner counts rows, not reads. */
const quarantinedIds = new WeakMap<object, Set<string>>();

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
    const seen = quarantinedIds.get(db) ?? new Set<string>();
    quarantinedIds.set(db, seen.add(id));
    updateStorageStatus({ quarantined: seen.size });
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

let lastSeq = 0;
/** Increasing within this page; Date.now based so that it also increases across reloads. */
function nextAuditSeq(): number {
  lastSeq = Math.max(lastSeq + 1, Date.now() * 1000);
  return lastSeq;
}

/** Builds an audit row for a change; build it before, and write it in, the change's transaction. */
export async function auditRow(
  actor: Actor,
  action: AuditAction,
  entityKind: string,
  entityId: string,
  summary: string,
  codec: PayloadCodec = getCodec(),
): Promise<AuditRow> {
  const id = newId();
  return {
    id,
    seq: nextAuditSeq(),
    at: toLondonIso(getClock().now()),
    actorId: actor.staffId,
    deviceId: actor.deviceId,
    action,
    entityKind,
    entityId,
    payload: await codec.encode({ summary }, `audit:${id}`),
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
