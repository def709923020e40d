/**
 * Service-worker update state for the banner. A new build waits until the user presses
 * "Update now"; nothing reloads over someone's work.
 */
import { useSyncExternalStore } from 'react';

export type UpdateState =
  | { kind: 'none' }
  | { kind: 'ready'; accept: () => void }
  | { kind: 'updating' }
  /** Another tab accepted the update: this tab still runs the old build and keeps working. */
  | { kind: 'activated-elsewhere' };

let state: UpdateState = { kind: 'none' };
const listeners = new Set<() => void>();

export function setUpdateState(next: UpdateState): void {
  state = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useUpdateState(): UpdateState {
  return useSyncExternalStore(subscribe, () => state, () => state);
}
