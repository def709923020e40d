/**
 * How a record's `data` payload is kept on disk. Once the practice has keys, every payload is
 * AES-GCM encrypted under the practice data key, with its table and id bound in (see
 * crypto/payload-envelope.ts). "plain" payloads exist only on a device set up before encryption,
 * until its first passphrase is set and protectExistingRecords encrypts them. Callers never see
 * the envelope.
 */
import { decryptPayload, encryptPayload, type EncryptedPayload } from '../crypto/payload-envelope';
import type { PracticeKeys } from '../crypto/practice-keys';
import { getKeyringState, LockedError } from './keyring';

export type StoredPayload = { codec: 'plain'; value: unknown } | EncryptedPayload;

export interface PayloadCodec {
  /** `context` is "<table>:<id>", bound into the ciphertext. */
  encode(data: unknown, context: string): Promise<StoredPayload>;
  decode(payload: StoredPayload, context: string): Promise<unknown>;
}

function decodePlain(payload: StoredPayload): unknown {
  if (payload?.codec !== 'plain') throw new Error(`Unknown payload format "${String((payload as { codec?: unknown } | null)?.codec)}"`);
  return payload.value;
}

/** Plain only: for tests of storage behaviour that has nothing to do with encryption. */
export const plainPayloadCodec: PayloadCodec = {
  encode: async (data) => ({ codec: 'plain', value: data }),
  decode: async (payload) => decodePlain(payload),
};

/** A codec over given keys, for writes made before the keyring is unlocked (recovery). */
export function codecForKeys(keys: PracticeKeys): PayloadCodec {
  return {
    encode: (data, context) => encryptPayload(keys, data, context),
    decode: async (payload, context) => (payload?.codec === 'aes-gcm' ? decryptPayload(keys, payload, context) : decodePlain(payload)),
  };
}

/**
 * The app's codec: encrypts with the unlocked practice keys. Refuses to write while locked, and
 * writes plain only on a device that has never had keys (setup not finished, or set up before
 * encryption existed).
 */
export const keyringPayloadCodec: PayloadCodec = {
  async encode(data, context) {
    const state = getKeyringState();
    if (state.kind === 'unlocked') return encryptPayload(state.keys, data, context);
    if (state.kind === 'no-keys') return { codec: 'plain', value: data };
    throw new LockedError();
  },
  async decode(payload, context) {
    if (payload?.codec !== 'aes-gcm') return decodePlain(payload);
    const state = getKeyringState();
    if (state.kind !== 'unlocked') throw new LockedError();
    return decryptPayload(state.keys, payload, context);
  },
};
