/**
 * The practice keys in memory, and nowhere else. "locked" until a user unlocks; locking drops the
 * keys (the CryptoKeys are non-extractable and become unreachable). Locking one tab locks every
 * tab of this browser, so an unattended second tab is not left open.
 */
import type { PracticeKeyMaterial, PracticeKeys } from '../crypto/practice-keys';

export type KeyringState =
  /** The device has no practice keys yet (setup not done, or set up before encryption). */
  | { kind: 'no-keys' }
  | { kind: 'locked' }
  /** `material` is kept only to seal new key slots (adding a user, changing a passphrase). */
  | { kind: 'unlocked'; keys: PracticeKeys; material: PracticeKeyMaterial; staffId: string };

export class LockedError extends Error {
  constructor() {
    super('Lifeboat is locked: unlock it with your passphrase to read or save records');
    this.name = 'LockedError';
  }
}

let state: KeyringState = { kind: 'locked' };
const listeners = new Set<() => void>();
const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('lifeboat-lock') : null;
// Node (unit tests) would otherwise keep running while the channel is open.
(channel as { unref?: () => void } | null)?.unref?.();
channel?.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (event.data === 'lock' && state.kind === 'unlocked') void saveThenLock(false);
  // Another tab has just put keys on disk (set up, protected, joined a practice): this one has none in memory.
  if (event.data === 'keys-exist' && state.kind === 'no-keys') setState({ kind: 'locked' });
});

function setState(next: KeyringState): void {
  state = next;
  for (const listener of listeners) listener();
}

export function getKeyringState(): KeyringState {
  return state;
}

export function subscribeToKeyring(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function setUnlocked(keys: PracticeKeys, material: PracticeKeyMaterial, staffId: string): void {
  setState({ kind: 'unlocked', keys, material, staffId });
  channel?.postMessage('keys-exist');
}

/** The device has practice keys and none is in memory (start-up on a device with key slots). */
export function setLocked(): void {
  setState({ kind: 'locked' });
}

/** True once the practice has keys on this device (locked or not): nothing may be written plain. */
export function hasPracticeKeys(): boolean {
  return state.kind !== 'no-keys';
}

export function setNoKeys(): void {
  setState({ kind: 'no-keys' });
}

/** Keys are now on disk but in no memory (this device has just joined a practice): locked, here and in every other tab. */
export function setKeysStoredLocked(): void {
  setState({ kind: 'locked' });
  channel?.postMessage('keys-exist');
}

/** Drops the keys from memory, here and in every other tab. */
export function lockKeyring(): void {
  if (state.kind === 'no-keys') return;
  setState({ kind: 'locked' });
  channel?.postMessage('lock');
}

/**
 * Work typed but not yet saved (an editor's debounced autosave) registers here, so that locking
 * saves it first (with the keys gone it could not be saved, and the editor leaves the screen), and
 * so does an upgrade of the database by a newer Lifeboat in another tab (connection-events.ts).
 */
const beforeLock = new Set<() => Promise<void>>();

export function saveBeforeLock(save: () => Promise<void>): () => void {
  beforeLock.add(save);
  return () => beforeLock.delete(save);
}

/** Saves what every open editor holds; settles when each save has landed or failed. */
export async function saveEditorsNow(): Promise<void> {
  await Promise.allSettled([...beforeLock].map((save) => save()));
}

/** Saves what editors hold, then locks (and tells other tabs, unless the lock came from one). */
export function saveThenLock(broadcast = true): Promise<void> {
  const finish = () => {
    if (broadcast) lockKeyring();
    else if (state.kind === 'unlocked') setState({ kind: 'locked' });
  };
  // Nothing unsaved: lock at once (synchronously), as a Lock button must.
  if (state.kind !== 'unlocked' || beforeLock.size === 0) {
    finish();
    return Promise.resolve();
  }
  return saveEditorsNow().then(finish);
}

/** The unlocked state, or a LockedError. */
export function requireUnlocked(): Extract<KeyringState, { kind: 'unlocked' }> {
  if (state.kind !== 'unlocked') throw new LockedError();
  return state;
}

/** Puts back a state read earlier (an operation that failed half-way). */
export function restoreKeyring(previous: KeyringState): void {
  setState(previous);
}
