// The keyring (keys in memory only) and the codec that uses it: plain only without keys, never
// while locked; locking one tab locks the others (BroadcastChannel, as in the browser).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getKeyringState, LockedError, lock, subscribeToKeyring } from '../../../src/db';
import { setUnlocked } from '../../../src/db/keyring';
import { keyringPayloadCodec } from '../../../src/db/payload-codec';
import { UnsealFailure } from '../../../src/crypto/key-wrapping';
import { importPracticeKeys, newPracticeKeyMaterial, type PracticeKeyMaterial, type PracticeKeys } from '../../../src/crypto/practice-keys';
import { freshDatabase } from '../db/fresh-database';
import { rejectionOf } from './builders';

const DATA = { name: 'Philippa Quenby-Marchetti' };
const STAFF_ID = '3f1e2d4c-5b6a-4978-8695-a4b3c2d1e0f9';

let material: PracticeKeyMaterial;
let keys: PracticeKeys;

beforeEach(async () => {
  freshDatabase(); // leaves the keyring with no keys
  material = newPracticeKeyMaterial();
  keys = await importPracticeKeys(material);
});

/** Another tab of this browser, as far as the lock channel is concerned. */
let otherTab: BroadcastChannel | null = null;
afterEach(() => {
  otherTab?.close();
  otherTab = null;
});

function nextMessage(channel: BroadcastChannel): Promise<unknown> {
  return new Promise((resolve) => channel.addEventListener('message', (event: MessageEvent<unknown>) => resolve(event.data), { once: true }));
}

describe('keyringPayloadCodec', () => {
  it('writes plain only on a device that has no keys', async () => {
    expect(getKeyringState()).toEqual({ kind: 'no-keys' });
    expect(await keyringPayloadCodec.encode(DATA, 'staff:1')).toEqual({ codec: 'plain', value: DATA });
  });

  it('encrypts under the unlocked keys, with the key id, and reads back only under the same context', async () => {
    setUnlocked(keys, material, STAFF_ID);
    const payload = await keyringPayloadCodec.encode(DATA, 'staff:1');
    expect(payload).toMatchObject({ codec: 'aes-gcm', keyId: material.keyId });
    expect(JSON.stringify(payload)).not.toContain('Quenby');
    expect(await keyringPayloadCodec.decode(payload, 'staff:1')).toEqual(DATA);
    expect(await rejectionOf(keyringPayloadCodec.decode(payload, 'staff:2'))).toBeInstanceOf(UnsealFailure);
  });

  it('refuses to write or to decrypt while locked', async () => {
    setUnlocked(keys, material, STAFF_ID);
    const payload = await keyringPayloadCodec.encode(DATA, 'staff:1');
    lock();
    expect(getKeyringState()).toEqual({ kind: 'locked' });
    expect(await rejectionOf(keyringPayloadCodec.encode(DATA, 'staff:1'))).toBeInstanceOf(LockedError);
    expect(await rejectionOf(keyringPayloadCodec.decode(payload, 'staff:1'))).toBeInstanceOf(LockedError);
  });

  it('refuses an unknown payload format', async () => {
    setUnlocked(keys, material, STAFF_ID);
    await expect(keyringPayloadCodec.decode({ codec: 'rot13' } as never, 'staff:1')).rejects.toThrow('Unknown payload format "rot13"');
  });
});

describe('lock', () => {
  it('drops the keys from the keyring state and tells subscribers', () => {
    setUnlocked(keys, material, STAFF_ID);
    const seen: string[] = [];
    const unsubscribe = subscribeToKeyring(() => seen.push(getKeyringState().kind));
    lock();
    unsubscribe();
    expect(seen).toEqual(['locked']);
    expect(getKeyringState()).toEqual({ kind: 'locked' });
    expect(JSON.stringify(getKeyringState())).not.toContain(material.data);
  });

  it('tells every other tab to lock', async () => {
    setUnlocked(keys, material, STAFF_ID);
    // Opened after the unlock, so its first message is the lock.
    otherTab = new BroadcastChannel('lifeboat-lock');
    const message = nextMessage(otherTab);
    lock();
    expect(await message).toBe('lock');
  });

  it('locks this tab when another tab locks', async () => {
    setUnlocked(keys, material, STAFF_ID);
    const locked = new Promise<void>((resolve) => {
      const unsubscribe = subscribeToKeyring(() => {
        if (getKeyringState().kind === 'locked') {
          unsubscribe();
          resolve();
        }
      });
    });
    otherTab = new BroadcastChannel('lifeboat-lock');
    otherTab.postMessage('lock');
    await locked;
    expect(getKeyringState()).toEqual({ kind: 'locked' });
  });

  it('stops a tab without keys from writing plain once another tab has made the practice keys', async () => {
    expect(getKeyringState()).toEqual({ kind: 'no-keys' });
    otherTab = new BroadcastChannel('lifeboat-lock');
    otherTab.postMessage('keys-exist');
    await vi.waitFor(() => expect(getKeyringState()).toEqual({ kind: 'locked' }));
    await expect(keyringPayloadCodec.encode(DATA, 'staff:1')).rejects.toBeInstanceOf(LockedError);
  });

  it('does nothing on a device without keys (there is nothing to lock)', () => {
    lock();
    expect(getKeyringState()).toEqual({ kind: 'no-keys' });
  });
});
