/**
 * The recovery key: 160 random bits shown once at setup as eight groups of four characters in
 * Crockford's base32 (no I, L, O or U, so it reads aloud and types back without confusion), plus
 * a check group that catches a mistyped character before any decryption is tried.
 */
import { randomBytes } from './bytes';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/** A 4-character check over the 32 key characters (weighted sum mod 32^4, weights coprime). */
function checkGroup(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i += 1) sum = (sum * 37 + ALPHABET.indexOf(body[i] ?? '0') + 1) % 1_048_576;
  let out = '';
  for (let i = 0; i < 4; i += 1) {
    out = (ALPHABET[sum & 31] ?? '0') + out;
    sum >>>= 5;
  }
  return out;
}

function group(text: string): string {
  return text.match(/.{1,4}/g)?.join('-') ?? text;
}

export function generateRecoveryKey(): string {
  const body = encode(randomBytes(20));
  return group(body + checkGroup(body));
}

export type RecoveryKeyCheck = { ok: true; key: string } | { ok: false; message: string };

/** Tidies what the user typed (case, spaces, dashes, O for 0, I or L for 1) and checks it. */
export function normaliseRecoveryKey(typed: string): RecoveryKeyCheck {
  const cleaned = typed
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (cleaned.length !== 36) {
    return { ok: false, message: `A recovery key has 36 letters and numbers (9 groups of 4); this has ${cleaned.length}` };
  }
  const bad = [...cleaned].find((c) => !ALPHABET.includes(c));
  if (bad) return { ok: false, message: `"${bad}" is not used in recovery keys: check the key again` };
  const body = cleaned.slice(0, 32);
  if (checkGroup(body) !== cleaned.slice(32)) {
    return { ok: false, message: 'This recovery key has a mistake in it: check each group against the printed key' };
  }
  return { ok: true, key: group(cleaned) };
}
