/**
 * Every write goes through `guardedWrite`: if IndexedDB refuses (full disk, closed connection,
 * another tab's upgrade), the problem is shown, the data stays in memory in the pending closure,
 * and the write is retried until it lands. The promise settles only when the data is on disk,
 * so callers can say "Saved" truthfully. Validation errors are not retried: they are thrown.
 */
import Dexie from 'dexie';
import { getClock, getDatabase } from './context';
import { classifyStorageError } from './storage-errors';
import { getStorageStatus, updateStorageStatus } from './storage-status';

export class ValidationFailure extends Error {
  constructor(
    message: string,
    readonly fieldErrors: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ValidationFailure';
  }
}

const RETRY_DELAYS_MS = [250, 1000, 2000, 5000, 10000, 30000];
let retryDelays = RETRY_DELAYS_MS;

/** For tests: retry without waiting. */
export function setRetryDelaysForTests(delays: number[]): void {
  retryDelays = delays.length > 0 ? delays : RETRY_DELAYS_MS;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let pending = 0;

export async function guardedWrite<T>(write: () => Promise<T>): Promise<T> {
  pending += 1;
  updateStorageStatus({ pendingWrites: pending });
  try {
    for (let attempt = 0; ; attempt += 1) {
      try {
        const result = await write();
        updateStorageStatus({ problem: null, lastSavedAt: getClock().now() });
        return result;
      } catch (error) {
        // Only the storage refusing is worth retrying; a bug or a bad value would fail forever.
        if (error instanceof ValidationFailure || !isStorageError(error)) throw error;
        const problem = classifyStorageError(error);
        updateStorageStatus({ problem });
        if (problem.kind === 'closed' || problem.kind === 'version-changed') await tryReopen();
        await sleep(retryDelays[Math.min(attempt, retryDelays.length - 1)] ?? 1000);
      }
    }
  } finally {
    pending -= 1;
    updateStorageStatus({ pendingWrites: pending });
  }
}

/** What IndexedDB or Dexie throws (a full disk, a closed connection), as opposed to our own errors. */
function isStorageError(error: unknown): boolean {
  return error instanceof Dexie.DexieError || (typeof DOMException === 'function' && error instanceof DOMException);
}

async function tryReopen(): Promise<void> {
  const db = getDatabase();
  if (db.isOpen()) return;
  try {
    await db.open();
  } catch (error) {
    if (classifyStorageError(error).kind === 'version-changed') updateStorageStatus({ reloadNeeded: true });
  }
}

/** True while any write is still waiting to reach the disk (auto-lock and unload check this). */
export function hasPendingWrites(): boolean {
  return getStorageStatus().pendingWrites > 0;
}
