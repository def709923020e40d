/**
 * The practice's keys: a data key (AES-GCM 256) that encrypts every record payload, and an index
 * key (HMAC-SHA256) for keyed hashes of identifiers used in look-ups. Both belong to the practice,
 * not the device, so devices of one practice can share encrypted records. The key id travels in
 * every ciphertext so keys can be rotated.
 *
 * In memory the keys are non-extractable CryptoKeys; the raw material exists only while being
 * wrapped into a key slot (see key-slots.ts).
 */
import { fromBase64, randomBytes, toBase64 } from './bytes';

export interface PracticeKeys {
  keyId: string;
  dataKey: CryptoKey;
  indexKey: CryptoKey;
}

/** The raw key material, as wrapped into key slots and join files. Never stored unwrapped. */
export interface PracticeKeyMaterial {
  keyId: string;
  data: string;
  index: string;
}

export function newPracticeKeyMaterial(): PracticeKeyMaterial {
  return { keyId: crypto.randomUUID(), data: toBase64(randomBytes(32)), index: toBase64(randomBytes(32)) };
}

export async function importPracticeKeys(material: PracticeKeyMaterial): Promise<PracticeKeys> {
  const [dataKey, indexKey] = await Promise.all([
    crypto.subtle.importKey('raw', fromBase64(material.data), { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']),
    crypto.subtle.importKey('raw', fromBase64(material.index), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']),
  ]);
  return { keyId: material.keyId, dataKey, indexKey };
}

export function isPracticeKeyMaterial(value: unknown): value is PracticeKeyMaterial {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.keyId === 'string' && typeof v.data === 'string' && typeof v.index === 'string';
}
