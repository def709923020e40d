// AES-GCM sealing (key slots) and the record payload envelope, with real Web Crypto (node's).
import { describe, expect, it } from 'vitest';
import { fromBase64, toBase64 } from '../../../src/crypto/bytes';
import { deriveWrappingKey, newPassphraseKdf, newRecoveryKdf, PBKDF2_ITERATIONS, seal, unseal, UnsealFailure, type Sealed } from '../../../src/crypto/key-wrapping';
import { decryptPayload, encryptPayload, WrongKeyError } from '../../../src/crypto/payload-envelope';
import { importPracticeKeys, isPracticeKeyMaterial, newPracticeKeyMaterial, type PracticeKeys } from '../../../src/crypto/practice-keys';

const SECRET = { name: 'Philippa Quenby-Marchetti', nhsNumber: '943 476 5919', note: 'complains of tinnitus since Tuesday' };

async function dataKey(): Promise<CryptoKey> {
  return (await importPracticeKeys(newPracticeKeyMaterial())).dataKey;
}

/** The same base64 value with one bit of one byte flipped. */
function flipBit(base64: string, index = 0): string {
  const bytes = fromBase64(base64);
  bytes[index] = (bytes[index] ?? 0) ^ 0x01;
  return toBase64(bytes);
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('Expected a rejection, but it resolved');
    },
    (error: unknown) => error,
  );
}

describe('seal and unseal', () => {
  it('round-trips a JSON value under the same key and context', async () => {
    const key = await dataKey();
    const sealed = await seal(key, SECRET, 'staff:1');
    expect(await unseal(key, sealed, 'staff:1')).toEqual(SECRET);
  });

  it('keeps nothing of the value readable in what it stores', async () => {
    const sealed = await seal(await dataKey(), SECRET, 'staff:1');
    const stored = JSON.stringify(sealed);
    const decoded = new TextDecoder('latin1').decode(fromBase64(sealed.ciphertext));
    for (const text of ['Quenby', 'Philippa', '9434765919', '943 476 5919', 'tinnitus']) {
      expect(stored).not.toContain(text);
      expect(decoded).not.toContain(text);
    }
  });

  it('uses a fresh 96-bit IV every time, so equal values do not give equal ciphertexts', async () => {
    const key = await dataKey();
    const a = await seal(key, SECRET, 'staff:1');
    const b = await seal(key, SECRET, 'staff:1');
    expect(fromBase64(a.iv)).toHaveLength(12);
    expect(a.iv).not.toBe(b.iv);
    expect(a.ciphertext).not.toBe(b.ciphertext);
  });

  it('refuses to open with a different key', async () => {
    const sealed = await seal(await dataKey(), SECRET, 'staff:1');
    expect(await rejection(unseal(await dataKey(), sealed, 'staff:1'))).toBeInstanceOf(UnsealFailure);
  });

  it.each([0, 5, 'last'] as const)('refuses a ciphertext with one bit flipped (byte %s)', async (where) => {
    const key = await dataKey();
    const sealed = await seal(key, SECRET, 'staff:1');
    const index = where === 'last' ? fromBase64(sealed.ciphertext).length - 1 : where;
    const tampered: Sealed = { ...sealed, ciphertext: flipBit(sealed.ciphertext, index) };
    expect(await rejection(unseal(key, tampered, 'staff:1'))).toBeInstanceOf(UnsealFailure);
  });

  it('refuses a changed IV', async () => {
    const key = await dataKey();
    const sealed = await seal(key, SECRET, 'staff:1');
    expect(await rejection(unseal(key, { ...sealed, iv: flipBit(sealed.iv, 11) }, 'staff:1'))).toBeInstanceOf(UnsealFailure);
  });

  it('refuses a truncated ciphertext', async () => {
    const key = await dataKey();
    const sealed = await seal(key, SECRET, 'staff:1');
    const truncated = toBase64(fromBase64(sealed.ciphertext).slice(0, -1));
    expect(await rejection(unseal(key, { ...sealed, ciphertext: truncated }, 'staff:1'))).toBeInstanceOf(UnsealFailure);
  });

  it('refuses to open under another context (the additional data is bound in)', async () => {
    const key = await dataKey();
    const sealed = await seal(key, SECRET, 'staff:1');
    expect(await rejection(unseal(key, sealed, 'staff:2'))).toBeInstanceOf(UnsealFailure);
    expect(await rejection(unseal(key, sealed, 'practice:1'))).toBeInstanceOf(UnsealFailure);
    expect(await rejection(unseal(key, sealed, ''))).toBeInstanceOf(UnsealFailure);
  });

  it('says clearly what went wrong, without echoing anything it was given', async () => {
    const error = await rejection(unseal(await dataKey(), await seal(await dataKey(), SECRET, 'c'), 'c'));
    expect(error).toBeInstanceOf(UnsealFailure);
    expect((error as Error).message).toMatch(/does not open this, or it was changed/);
  });
});

describe('deriveWrappingKey', () => {
  it('asks for at least the 600,000 PBKDF2-SHA256 iterations OWASP recommends, with a 128-bit salt', () => {
    expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    const kdf = newPassphraseKdf();
    expect(kdf).toMatchObject({ name: 'PBKDF2', hash: 'SHA-256', iterations: PBKDF2_ITERATIONS });
    expect(fromBase64(kdf.salt)).toHaveLength(16);
    expect(newPassphraseKdf().salt).not.toBe(kdf.salt);
  });

  it('derives the same key from the same passphrase and parameters, and another from a wrong passphrase or salt', async () => {
    const kdf = newPassphraseKdf(1_000);
    const sealed = await seal(await deriveWrappingKey('harbour lantern pebble', kdf), { ok: true }, 'slot');
    expect(await unseal(await deriveWrappingKey('harbour lantern pebble', kdf), sealed, 'slot')).toEqual({ ok: true });
    expect(await rejection(unseal(await deriveWrappingKey('harbour lantern pebbles', kdf), sealed, 'slot'))).toBeInstanceOf(UnsealFailure);
    expect(await rejection(unseal(await deriveWrappingKey('harbour lantern pebble', newPassphraseKdf(1_000)), sealed, 'slot'))).toBeInstanceOf(UnsealFailure);
    expect(await rejection(unseal(await deriveWrappingKey('harbour lantern pebble', { name: 'PBKDF2', hash: 'SHA-256', iterations: 1_001, salt: kdf.salt }), sealed, 'slot'))).toBeInstanceOf(
      UnsealFailure,
    );
  });

  it('treats a passphrase typed with composed or decomposed accents as the same passphrase (NFC)', async () => {
    const kdf = newPassphraseKdf(1_000);
    const composed = 'caf\u00e9 cr\u00e8me br\u00fbl\u00e9e';
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    const sealed = await seal(await deriveWrappingKey(composed, kdf), 'x', 'slot');
    expect(await unseal(await deriveWrappingKey(decomposed, kdf), sealed, 'slot')).toBe('x');
  });

  it('derives a recovery wrapping key with HKDF over its own salt', async () => {
    const kdf = newRecoveryKdf();
    expect(kdf).toMatchObject({ name: 'HKDF', hash: 'SHA-256' });
    expect(fromBase64(kdf.salt)).toHaveLength(16);
    const sealed = await seal(await deriveWrappingKey('ABCD-EFGH', kdf), 'x', 'slot');
    expect(await unseal(await deriveWrappingKey('ABCD-EFGH', kdf), sealed, 'slot')).toBe('x');
    expect(await rejection(unseal(await deriveWrappingKey('ABCD-EFGJ', kdf), sealed, 'slot'))).toBeInstanceOf(UnsealFailure);
    expect(await rejection(unseal(await deriveWrappingKey('ABCD-EFGH', newRecoveryKdf()), sealed, 'slot'))).toBeInstanceOf(UnsealFailure);
  });
});

describe('practice keys', () => {
  it('are random 256-bit keys with a UUID key id', () => {
    const a = newPracticeKeyMaterial();
    const b = newPracticeKeyMaterial();
    expect(a.keyId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(fromBase64(a.data)).toHaveLength(32);
    expect(fromBase64(a.index)).toHaveLength(32);
    expect(a.data).not.toBe(a.index);
    expect(b.keyId).not.toBe(a.keyId);
    expect(b.data).not.toBe(a.data);
    expect(isPracticeKeyMaterial(a)).toBe(true);
    expect(isPracticeKeyMaterial({ keyId: a.keyId, data: a.data })).toBe(false);
    expect(isPracticeKeyMaterial(null)).toBe(false);
  });

  it('are imported as non-extractable CryptoKeys', async () => {
    const keys = await importPracticeKeys(newPracticeKeyMaterial());
    expect(keys.dataKey.extractable).toBe(false);
    expect(keys.indexKey.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('raw', keys.dataKey)).rejects.toThrow();
  });
});

describe('the record payload envelope', () => {
  let keys: PracticeKeys;

  async function freshKeys(): Promise<PracticeKeys> {
    keys = await importPracticeKeys(newPracticeKeyMaterial());
    return keys;
  }

  it('is AES-GCM, carries the practice key id, and round-trips', async () => {
    await freshKeys();
    const payload = await encryptPayload(keys, SECRET, 'staff:abc');
    expect(payload.codec).toBe('aes-gcm');
    expect(payload.keyId).toBe(keys.keyId);
    expect(Object.keys(payload).sort()).toEqual(['ciphertext', 'codec', 'iv', 'keyId']);
    expect(await decryptPayload(keys, payload, 'staff:abc')).toEqual(SECRET);
  });

  it('refuses another practice key with a WrongKeyError naming the key it needs, before trying to decrypt', async () => {
    await freshKeys();
    const payload = await encryptPayload(keys, SECRET, 'staff:abc');
    const other = await importPracticeKeys(newPracticeKeyMaterial());
    const error = await rejection(decryptPayload(other, payload, 'staff:abc'));
    expect(error).toBeInstanceOf(WrongKeyError);
    expect((error as Error).message).toContain(keys.keyId.slice(0, 8));
  });

  it('refuses a key that claims the right key id but is not the right key', async () => {
    await freshKeys();
    const payload = await encryptPayload(keys, SECRET, 'staff:abc');
    const impostor = { ...(await importPracticeKeys(newPracticeKeyMaterial())), keyId: keys.keyId };
    expect(await rejection(decryptPayload(impostor, payload, 'staff:abc'))).toBeInstanceOf(UnsealFailure);
  });

  it('refuses a payload moved to another record (table and id are bound in)', async () => {
    await freshKeys();
    const payload = await encryptPayload(keys, SECRET, 'staff:abc');
    expect(await rejection(decryptPayload(keys, payload, 'staff:abd'))).toBeInstanceOf(UnsealFailure);
    expect(await rejection(decryptPayload(keys, payload, 'audit:abc'))).toBeInstanceOf(UnsealFailure);
  });

  it('refuses a tampered payload', async () => {
    await freshKeys();
    const payload = await encryptPayload(keys, SECRET, 'staff:abc');
    expect(await rejection(decryptPayload(keys, { ...payload, ciphertext: flipBit(payload.ciphertext, 3) }, 'staff:abc'))).toBeInstanceOf(UnsealFailure);
  });
});
