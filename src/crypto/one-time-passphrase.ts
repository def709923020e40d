/**
 * The one-time passphrase that protects a join file: 15 random characters of Crockford's base32
 * (75 bits; no I, L, O or U, so it reads aloud and types back without confusion) and a check
 * character, shown in four groups of four on the device that made the file. It is never stored:
 * each join file gets a new one, and it leaves memory with the screen that showed it.
 */
import { randomBytes } from './bytes';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const RANDOM_CHARACTERS = 15;

/**
 * A weighted sum mod 32 with odd weights: every single mistyped character changes it (an odd weight
 * is invertible mod 32), so a typo is caught before the slow key derivation is tried.
 */
function checkCharacter(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i += 1) sum = (sum + (2 * i + 1) * ALPHABET.indexOf(body[i] ?? '0')) % 32;
  return ALPHABET[sum] ?? '0';
}

function group(text: string): string {
  return text.match(/.{1,4}/g)?.join('-') ?? text;
}

export function generateOneTimePassphrase(): string {
  // 256 is a multiple of 32, so the low five bits of a random byte are uniform.
  const body = [...randomBytes(RANDOM_CHARACTERS)].map((byte) => ALPHABET[byte & 31]).join('');
  return group(body + checkCharacter(body));
}

export type OneTimePassphraseCheck = { ok: true; passphrase: string } | { ok: false; message: string };

/** Tidies what was typed (case, spaces, dashes, O for 0, I or L for 1) and checks it. */
export function normaliseOneTimePassphrase(typed: string): OneTimePassphraseCheck {
  const cleaned = typed
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  const length = RANDOM_CHARACTERS + 1;
  if (cleaned.length !== length) {
    return { ok: false, message: `The one-time passphrase has ${length} letters and numbers (4 groups of 4); this has ${cleaned.length}` };
  }
  const bad = [...cleaned].find((c) => !ALPHABET.includes(c));
  if (bad) return { ok: false, message: `"${bad}" is not used in one-time passphrases: check it against the other device’s screen` };
  if (checkCharacter(cleaned.slice(0, RANDOM_CHARACTERS)) !== cleaned.slice(RANDOM_CHARACTERS)) {
    return { ok: false, message: 'This one-time passphrase has a mistake in it: check each group against the other device’s screen' };
  }
  return { ok: true, passphrase: group(cleaned) };
}
