/**
 * Wrapping keys: a passphrase (PBKDF2-SHA256, 600,000 iterations, as OWASP recommends in 2023+)
 * or a recovery key (random, so HKDF suffices) becomes an AES-GCM key that encrypts the practice
 * key material. AES-GCM authenticates, so a wrong passphrase and a tampered slot both fail to
 * open, and nothing is ever decrypted with a wrong key.
 */
import { fromBase64, fromUtf8, randomBytes, toBase64, utf8 } from './bytes';

export const PBKDF2_ITERATIONS = 600_000;

export type KdfParams = { name: 'PBKDF2'; hash: 'SHA-256'; iterations: number; salt: string } | { name: 'HKDF'; hash: 'SHA-256'; salt: string };

export type Pbkdf2Params = Extract<KdfParams, { name: 'PBKDF2' }>;

export interface Sealed {
  iv: string;
  ciphertext: string;
}

export function newPassphraseKdf(iterations = PBKDF2_ITERATIONS): Pbkdf2Params {
  return { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: toBase64(randomBytes(16)) };
}

export function newRecoveryKdf(): KdfParams {
  return { name: 'HKDF', hash: 'SHA-256', salt: toBase64(randomBytes(16)) };
}

/** Derives the AES-GCM key that seals a key slot from a secret (passphrase or recovery key). */
export async function deriveWrappingKey(secret: string, kdf: KdfParams): Promise<CryptoKey> {
  const base = await crypto.subtle.importKey('raw', utf8(secret.normalize('NFC')), kdf.name, false, ['deriveKey']);
  const params =
    kdf.name === 'PBKDF2'
      ? { name: 'PBKDF2', hash: kdf.hash, iterations: kdf.iterations, salt: fromBase64(kdf.salt) }
      : { name: 'HKDF', hash: kdf.hash, salt: fromBase64(kdf.salt), info: utf8('lifeboat recovery key v1') };
  return crypto.subtle.deriveKey(params, base, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

/** Encrypts a JSON value with AES-GCM; `context` is bound as additional data. */
export async function seal(key: CryptoKey, value: unknown, context: string): Promise<Sealed> {
  const iv = randomBytes(12);
  const ciphertext = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: utf8(context) }, key, utf8(JSON.stringify(value)));
  return { iv: toBase64(iv), ciphertext: toBase64(new Uint8Array(ciphertext)) };
}

export class UnsealFailure extends Error {
  constructor() {
    super('The key or passphrase does not open this, or it was changed after it was made');
    this.name = 'UnsealFailure';
  }
}

/** Decrypts what `seal` made. Throws UnsealFailure for a wrong key or tampered data. */
export async function unseal(key: CryptoKey, sealed: Sealed, context: string): Promise<unknown> {
  let plain: ArrayBuffer;
  try {
    plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: fromBase64(sealed.iv), additionalData: utf8(context) }, key, fromBase64(sealed.ciphertext));
  } catch {
    throw new UnsealFailure();
  }
  return JSON.parse(fromUtf8(plain)) as unknown;
}
