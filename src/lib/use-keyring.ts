/** Whether the practice keys are in memory: locked, unlocked, or a device without keys yet. */
import { useSyncExternalStore } from 'react';
import { getKeyringState, subscribeToKeyring, type KeyringState } from '../db';

export function useKeyring(): KeyringState {
  return useSyncExternalStore(subscribeToKeyring, getKeyringState, getKeyringState);
}
