/**
 * What the UI shows about storage: writes waiting, the current problem, the last successful save.
 * A tiny external store (for React's useSyncExternalStore) so storage failures are UI state,
 * never console noise.
 */
import type { StorageProblem } from './storage-errors';

export interface StorageStatus {
  pendingWrites: number;
  problem: StorageProblem | null;
  lastSavedAt: Date | null;
  /** Rows found corrupted on read this session (they are kept aside, see quarantine). */
  quarantined: number;
  /** Another tab upgraded the database: this tab must reload to use the new version. */
  reloadNeeded: boolean;
}

let status: StorageStatus = {
  pendingWrites: 0,
  problem: null,
  lastSavedAt: null,
  quarantined: 0,
  reloadNeeded: false,
};
const listeners = new Set<() => void>();

export function getStorageStatus(): StorageStatus {
  return status;
}

export function subscribeToStorageStatus(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function updateStorageStatus(change: Partial<StorageStatus>): void {
  status = { ...status, ...change };
  for (const listener of listeners) listener();
}
