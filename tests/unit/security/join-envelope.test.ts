// The pure parts of a join file: the one-time passphrase (made, typed back, typos caught) and the
// sealed envelope (opens with its passphrase only, with type and version bound in).
import { describe, expect, it } from 'vitest';
import { JoinFileError, openJoinEnvelope, parseJoinEnvelope, sealJoinEnvelope } from '../../../src/crypto/join-envelope';
import { newPassphraseKdf, UnsealFailure } from '../../../src/crypto/key-wrapping';
import { generateOneTimePassphrase, normaliseOneTimePassphrase } from '../../../src/crypto/one-time-passphrase';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

describe('the one-time passphrase', () => {
  it('is four groups of four Crockford characters, new every time, and checks out as made', () => {
    const made = Array.from({ length: 200 }, generateOneTimePassphrase);
    for (const passphrase of made) {
      expect(passphrase).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
      expect(normaliseOneTimePassphrase(passphrase)).toEqual({ ok: true, passphrase });
    }
    expect(new Set(made).size).toBe(made.length);
  });

  it('catches every single mistyped character before anything is decrypted', () => {
    const passphrase = generateOneTimePassphrase().replace(/-/g, '');
    for (let i = 0; i < passphrase.length; i += 1) {
      for (const c of CROCKFORD) {
        if (c === passphrase[i]) continue;
        const typo = passphrase.slice(0, i) + c + passphrase.slice(i + 1);
        expect(normaliseOneTimePassphrase(typo).ok, `${typo} passed its check`).toBe(false);
      }
    }
  });

  it('reads what people type: lower case, spaces or no dashes, O for zero, I or L for one', () => {
    // A body with a 0 and a 1 in it, completed by whichever check character it needs.
    const body = '0123456789ABCDE';
    const full = [...CROCKFORD].map((c) => body + c).find((candidate) => normaliseOneTimePassphrase(candidate).ok) ?? '';
    const expected = { ok: true, passphrase: `${full.slice(0, 4)}-${full.slice(4, 8)}-${full.slice(8, 12)}-${full.slice(12)}` };
    expect(normaliseOneTimePassphrase(full)).toEqual(expected);
    expect(normaliseOneTimePassphrase(` o${full.slice(1, 8).toLowerCase().replace('1', 'l')} ${full.slice(8).toLowerCase()} `)).toEqual(expected);
    expect(normaliseOneTimePassphrase(`O${full.slice(1).replace('1', 'I')}`)).toEqual(expected);
  });
});

describe('the envelope', () => {
  const contents = { hello: 'practice', n: 1 };

  it('opens with its one-time passphrase and with no other', async () => {
    const passphrase = generateOneTimePassphrase();
    const envelope = await sealJoinEnvelope(contents, passphrase, newPassphraseKdf(1_000));
    const text = JSON.stringify(envelope);
    expect(await openJoinEnvelope(parseJoinEnvelope(text), passphrase)).toEqual(contents);
    await expect(openJoinEnvelope(parseJoinEnvelope(text), generateOneTimePassphrase())).rejects.toBeInstanceOf(UnsealFailure);
  });

  it('binds the version into the ciphertext', async () => {
    const passphrase = generateOneTimePassphrase();
    const envelope = await sealJoinEnvelope(contents, passphrase, newPassphraseKdf(1_000));
    // Past the parser (which only knows version 1), a relabelled envelope still fails to open.
    await expect(openJoinEnvelope({ ...envelope, version: 2 as 1 }, passphrase)).rejects.toBeInstanceOf(UnsealFailure);
  });

  it('refuses a file far too big before parsing it', () => {
    expect(() => parseJoinEnvelope(' '.repeat(2_000_001))).toThrow(JoinFileError);
    expect(() => parseJoinEnvelope(' '.repeat(2_000_001))).toThrow(/far too big/);
  });
});
