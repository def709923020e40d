// The recovery key: 160 random bits in Crockford base32, 8 groups of 4 plus a check group.
import { describe, expect, it } from 'vitest';
import { generateRecoveryKey, normaliseRecoveryKey } from '../../../src/crypto/recovery-key';

/** Crockford's base32: digits and letters without I, L, O and U. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const FORMAT = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){8}$/;

/** A generated key that contains every one of `chars` (so look-alike typing can be tested). */
function keyContaining(...chars: string[]): string {
  for (let i = 0; i < 10_000; i += 1) {
    const key = generateRecoveryKey();
    if (chars.every((c) => key.includes(c))) return key;
  }
  throw new Error(`No recovery key with ${chars.join(', ')} in 10,000 tries`);
}

/** The key with the character at `index` (ignoring dashes) replaced by another alphabet character. */
function withCharChanged(key: string, index: number, step = 1): string {
  const chars = key.replace(/-/g, '').split('');
  const current = chars[index] ?? '0';
  chars[index] = CROCKFORD[(CROCKFORD.indexOf(current) + step) % 32] ?? '0';
  return chars.join('').match(/.{4}/g)?.join('-') ?? '';
}

function failureMessage(typed: string): string {
  const result = normaliseRecoveryKey(typed);
  if (result.ok) throw new Error(`Expected "${typed}" to be refused`);
  return result.message;
}

describe('generateRecoveryKey', () => {
  it('makes 9 groups of 4 Crockford base32 characters', () => {
    for (let i = 0; i < 200; i += 1) {
      const key = generateRecoveryKey();
      expect(key).toMatch(FORMAT);
      expect(key).not.toMatch(/[ILOU]/);
    }
  });

  it('makes a different key every time', () => {
    const keys = new Set(Array.from({ length: 500 }, () => generateRecoveryKey()));
    expect(keys.size).toBe(500);
  });

  it('uses the whole alphabet in the key body (the random part is not biased to a few characters)', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i += 1) for (const c of generateRecoveryKey().replace(/-/g, '').slice(0, 32)) seen.add(c);
    expect([...seen].sort().join('')).toBe(CROCKFORD);
  });

  it('makes keys that pass their own check unchanged', () => {
    for (let i = 0; i < 200; i += 1) {
      const key = generateRecoveryKey();
      expect(normaliseRecoveryKey(key)).toEqual({ ok: true, key });
    }
  });
});

describe('normaliseRecoveryKey', () => {
  it('accepts lower case, spaces instead of dashes, no separators at all, and surrounding space', () => {
    const key = generateRecoveryKey();
    expect(normaliseRecoveryKey(key.toLowerCase())).toEqual({ ok: true, key });
    expect(normaliseRecoveryKey(key.replace(/-/g, ' '))).toEqual({ ok: true, key });
    expect(normaliseRecoveryKey(key.replace(/-/g, ''))).toEqual({ ok: true, key });
    expect(normaliseRecoveryKey(`  ${key.replace(/-/g, ' - ')}\n`)).toEqual({ ok: true, key });
  });

  it('reads O as 0, and I or L as 1, in either case', () => {
    const key = keyContaining('0', '1');
    expect(normaliseRecoveryKey(key.replace(/0/g, 'O'))).toEqual({ ok: true, key });
    expect(normaliseRecoveryKey(key.replace(/0/g, 'o'))).toEqual({ ok: true, key });
    expect(normaliseRecoveryKey(key.replace(/1/g, 'I'))).toEqual({ ok: true, key });
    expect(normaliseRecoveryKey(key.replace(/1/g, 'l'))).toEqual({ ok: true, key });
  });

  it('refuses a key with a group missing or a character too many, saying how long it should be', () => {
    const key = generateRecoveryKey();
    expect(failureMessage(key.slice(0, -5))).toBe('A recovery key has 36 letters and numbers (9 groups of 4); this has 32');
    expect(failureMessage(key.slice(0, -1))).toMatch(/this has 35$/);
    expect(failureMessage(`${key}7`)).toMatch(/this has 37$/);
    expect(failureMessage('')).toMatch(/this has 0$/);
  });

  it('refuses a character that recovery keys never use (U), naming it', () => {
    const key = generateRecoveryKey();
    expect(failureMessage(`U${key.slice(1)}`)).toBe('"U" is not used in recovery keys: check the key again');
    expect(failureMessage(`${key.slice(0, -1)}*`)).toMatch(/^"\*" is not used/);
  });

  it('catches any single changed character, in the key or in its check group', () => {
    const key = generateRecoveryKey();
    for (let index = 0; index < 36; index += 1) {
      for (const step of [1, 7, 16, 31]) {
        expect(failureMessage(withCharChanged(key, index, step)), `position ${index}, step ${step}`).toBe(
          'This recovery key has a mistake in it: check each group against the printed key',
        );
      }
    }
  });

  it('catches two neighbouring characters typed the wrong way round', () => {
    const key = generateRecoveryKey();
    const chars = key.replace(/-/g, '').split('');
    let swaps = 0;
    for (let i = 0; i < 35; i += 1) {
      if (chars[i] === chars[i + 1]) continue;
      const swapped = [...chars];
      [swapped[i], swapped[i + 1]] = [chars[i + 1] ?? '', chars[i] ?? ''];
      expect(normaliseRecoveryKey(swapped.join('')).ok, `swap at ${i}`).toBe(false);
      swaps += 1;
    }
    expect(swaps).toBeGreaterThan(20);
  });
});
