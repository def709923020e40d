import { useSyncExternalStore } from 'react';
import { getStorageStatus, subscribeToStorageStatus, type StorageStatus } from '../db';

/** The storage status (pending writes, current problem, last save) as React state. */
export function useStorageStatus(): StorageStatus {
  return useSyncExternalStore(subscribeToStorageStatus, getStorageStatus, getStorageStatus);
}
