/**
 * The database and clock the repositories use. The app opens the real database once; tests call
 * `useDatabase` with a brand-new fake-indexeddb factory and a frozen clock before each test.
 */
import { systemClock, type Clock } from '../domain/clock';
import { LifeboatDatabase } from './database';
import { setNoKeys } from './keyring';
import { updateStorageStatus } from './storage-status';
import { keyringPayloadCodec, type PayloadCodec } from './payload-codec';

let database: LifeboatDatabase | null = null;
let clock: Clock = systemClock;
let codec: PayloadCodec = keyringPayloadCodec;

export function getDatabase(): LifeboatDatabase {
  database ??= new LifeboatDatabase();
  return database;
}

export function getClock(): Clock {
  return clock;
}

export function getCodec(): PayloadCodec {
  return codec;
}

/** Swap the database (and optionally the clock and codec): for tests. */
export function useDatabase(next: LifeboatDatabase, options: { clock?: Clock; codec?: PayloadCodec } = {}): void {
  database?.close();
  database = next;
  clock = options.clock ?? systemClock;
  codec = options.codec ?? keyringPayloadCodec;
  // A fresh database has no key slots (records are plain until a test sets up keys) and no
  // damaged rows found yet.
  setNoKeys();
  updateStorageStatus({ quarantined: 0 });
}
