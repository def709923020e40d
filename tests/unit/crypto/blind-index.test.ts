// Keyed hashes (HMAC-SHA256 under the practice index key) for look-ups by NHS number or name.
import { describe, expect, it } from 'vitest';
import { blindIndex } from '../../../src/crypto/blind-index';
import { importPracticeKeys, newPracticeKeyMaterial } from '../../../src/crypto/practice-keys';

async function indexKey(): Promise<CryptoKey> {
  return (await importPracticeKeys(newPracticeKeyMaterial())).indexKey;
}

describe('blindIndex', () => {
  it('is deterministic for one key, kind and value', async () => {
    const key = await indexKey();
    const a = await blindIndex(key, 'nhs-number', '9434765919');
    expect(await blindIndex(key, 'nhs-number', '9434765919')).toBe(a);
  });

  it('is 64 lower-case hex characters (SHA-256)', async () => {
    expect(await blindIndex(await indexKey(), 'nhs-number', '9434765919')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('differs between practice keys, so it cannot be matched without the key', async () => {
    const a = await blindIndex(await indexKey(), 'nhs-number', '9434765919');
    const b = await blindIndex(await indexKey(), 'nhs-number', '9434765919');
    expect(b).not.toBe(a);
  });

  it('is the same under the same key material imported twice (another device of the practice)', async () => {
    const material = newPracticeKeyMaterial();
    const here = await blindIndex((await importPracticeKeys(material)).indexKey, 'nhs-number', '9434765919');
    const there = await blindIndex((await importPracticeKeys({ ...material })).indexKey, 'nhs-number', '9434765919');
    expect(there).toBe(here);
  });

  it('differs between kinds for the same value, and between values', async () => {
    const key = await indexKey();
    const nhs = await blindIndex(key, 'nhs-number', '9434765919');
    expect(await blindIndex(key, 'name-dob', '9434765919')).not.toBe(nhs);
    expect(await blindIndex(key, 'nhs-number', '9434765918')).not.toBe(nhs);
    expect(await blindIndex(key, 'nhs-number', '9434765919 ')).not.toBe(nhs);
  });

  it('contains nothing of the value', async () => {
    const key = await indexKey();
    for (const value of ['9434765919', 'quenby|1961-03-04', '0000000000']) {
      const hash = await blindIndex(key, 'nhs-number', value);
      expect(hash).not.toContain(value);
    }
  });
});
