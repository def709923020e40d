/**
 * The encrypted form of a record payload: AES-GCM under the practice data key, the key id beside
 * the ciphertext (for rotation and for sharing between devices), and the record's table and id
 * bound as additional data, so a ciphertext moved onto another record fails to open.
 */
import { seal, unseal, type Sealed } from './key-wrapping';
import type { PracticeKeys } from './practice-keys';

export interface EncryptedPayload extends Sealed {
  codec: 'aes-gcm';
  keyId: string;
}

export async function encryptPayload(keys: PracticeKeys, data: unknown, context: string): Promise<EncryptedPayload> {
  return { codec: 'aes-gcm', keyId: keys.keyId, ...(await seal(keys.dataKey, data, context)) };
}

export class WrongKeyError extends Error {
  constructor(keyId: string) {
    super(`This record was encrypted with a practice key this device does not hold (key ${keyId.slice(0, 8)})`);
    this.name = 'WrongKeyError';
  }
}

export async function decryptPayload(keys: PracticeKeys, payload: EncryptedPayload, context: string): Promise<unknown> {
  if (payload.keyId !== keys.keyId) throw new WrongKeyError(payload.keyId);
  return unseal(keys.dataKey, payload, context);
}
