// The join code (issue 3, requirement 3, the QR route): sealed like the join file under a one-time
// passphrase, deflated and written in Base45 so that a practice's staff list fits one QR code.
import { describe, expect, it } from 'vitest';
import { encode } from 'uqr';
import { fromBase45, JOIN_CODE_MAX_CHARS, JoinCodeError, JoinCodeUnsealFailure, openJoinCode, parseJoinCode, sealJoinCode, toBase45 } from '../../../src/crypto/join-code';
import { randomBytes, toBase64 } from '../../../src/crypto/bytes';
import { generateOneTimePassphrase } from '../../../src/crypto/one-time-passphrase';
import { newPracticeKeyMaterial } from '../../../src/crypto/practice-keys';
import { joinCodeContentsSchema } from '../../../src/db/join-code-contents';

const ITERATIONS = 1_000;
const ROLES = [
  { role: 'gp', canPrescribe: true, professionalBody: 'GMC', registrationNumber: '1234567', prescriberKind: 'Medical practitioner' },
  { role: 'nurse', canPrescribe: true, professionalBody: 'NMC', registrationNumber: '12A3456E', prescriberKind: 'Nurse independent prescriber' },
  { role: 'reception', canPrescribe: false, professionalBody: '', registrationNumber: '', prescriberKind: '' },
] as const;

const AUTHORS = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
const DEVICES = [crypto.randomUUID(), crypto.randomUUID()];

/**
 * A practice with long names. Typical: staff added by one of three people on one of two devices.
 * Worst: every record added by someone else on another device and edited later (the random ids
 * are what a QR code cannot compress).
 */
function contentsWithStaff(count: number, recovery = true, worst = false) {
  const at = (i: number) => `2024-07-${String(1 + (i % 28)).padStart(2, '0')}T${String(8 + (i % 10)).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')}:13.${String(100 + i).slice(-3)}+01:00`;
  const meta = (i: number) =>
    [
      crypto.randomUUID(),
      'active',
      at(i),
      worst ? at(i + 3) : at(i),
      worst ? crypto.randomUUID() : (AUTHORS[i % 3] ?? ''),
      worst ? crypto.randomUUID() : (DEVICES[i % 2] ?? ''),
    ] as const;
  const m = newPracticeKeyMaterial();
  return {
    x: [at(0), crypto.randomUUID(), crypto.randomUUID(), 'Reception desk iPad'],
    k: [m.keyId, m.data, m.index],
    p: [...meta(0), { name: 'Riverside Family Medical Practice', odsCode: 'A81001', address: 'The Health Centre, 1 River Street, Leeds', postcode: 'LS1 4AP', phone: '01632 960 001' }],
    s: Array.from({ length: count }, (_, i) => [...meta(i), { name: `Dr Alexandra Montgomery-Smith ${i}`, ...ROLES[i % ROLES.length] }]),
    r: recovery ? [crypto.randomUUID(), 'Recovery key', at(1), toBase64(randomBytes(16)), toBase64(randomBytes(12)), toBase64(randomBytes(172))] : null,
  };
}

describe('Base45', () => {
  it('round-trips bytes of every length, and uses only QR alphanumeric characters', () => {
    for (let length = 0; length < 40; length += 1) {
      const bytes = randomBytes(length);
      const text = toBase45(bytes);
      expect(text).toMatch(/^[0-9A-Z $%*+\-./:]*$/);
      expect(fromBase45(text)).toEqual(bytes);
    }
    // RFC 9285's examples.
    expect(toBase45(new TextEncoder().encode('AB'))).toBe('BB8');
    expect(toBase45(new TextEncoder().encode('Hello!!'))).toBe('%69 VD92EX0');
    expect(fromBase45('GGW')).toBeNull();
    expect(fromBase45('ab')).toBeNull();
  });
});

describe('the join code', () => {
  it('opens with its one-time passphrase to exactly what was sealed, and names nobody in clear', async () => {
    const contents = contentsWithStaff(3);
    const passphrase = generateOneTimePassphrase();
    const text = await sealJoinCode(contents, passphrase, ITERATIONS);
    expect(text).toMatch(/^LIFEBOAT-JOIN-QR:1:[0-9A-Z $%*+\-./:]+$/);
    expect(joinCodeContentsSchema.parse(await openJoinCode(parseJoinCode(text), passphrase))).toEqual(contents);
    for (const clear of ['RIVERSIDE', 'MONTGOMERY', 'A81001', '1234567']) expect(text).not.toContain(clear);
  });

  it('fits one QR code at level M for a typical practice of 25 staff with the recovery key slot, and at level L for 20 in the worst case', async () => {
    const sizes: string[] = [];
    for (const [count, worst, level] of [[10, false, 'M'], [25, false, 'M'], [20, true, 'L']] as const) {
      const text = await sealJoinCode(contentsWithStaff(count, true, worst), generateOneTimePassphrase(), ITERATIONS);
      const qr = encode(text, { ecc: level });
      sizes.push(`${count} staff${worst ? ' (worst case)' : ''}: ${text.length} characters, QR version ${qr.version} (${qr.size}×${qr.size}) at level ${level}`);
      expect(text.length).toBeLessThanOrEqual(level === 'M' ? 3391 : JOIN_CODE_MAX_CHARS);
    }
    console.info(`Join code sizes:\n${sizes.join('\n')}`);
  });

  it('is too long for one QR code for a very large staff list, which the maker refuses', async () => {
    const text = await sealJoinCode(contentsWithStaff(120), generateOneTimePassphrase(), ITERATIONS);
    expect(text.length).toBeGreaterThan(JOIN_CODE_MAX_CHARS);
  });

  it('refuses a wrong one-time passphrase', async () => {
    const text = await sealJoinCode(contentsWithStaff(2), generateOneTimePassphrase(), ITERATIONS);
    await expect(openJoinCode(parseJoinCode(text), generateOneTimePassphrase())).rejects.toBeInstanceOf(JoinCodeUnsealFailure);
  });

  it('refuses a code changed anywhere: salt, iteration count, iv or ciphertext', async () => {
    const passphrase = generateOneTimePassphrase();
    const text = await sealJoinCode(contentsWithStaff(2), passphrase, ITERATIONS);
    const prefix = 'LIFEBOAT-JOIN-QR:1:';
    const bytes = fromBase45(text.slice(prefix.length));
    if (!bytes) throw new Error('not base45');
    for (const at of [3, 10, 25, 40, bytes.length - 1]) {
      const changed = bytes.slice();
      changed[at] = (changed[at] ?? 0) ^ 1;
      await expect(openJoinCode(parseJoinCode(prefix + toBase45(changed)), passphrase), `byte ${at}`).rejects.toBeInstanceOf(JoinCodeUnsealFailure);
    }
  });

  it('refuses another type, an unknown or newer version, and damaged text, each with its own message', async () => {
    const text = await sealJoinCode(contentsWithStaff(1), generateOneTimePassphrase(), ITERATIONS);
    const body = text.slice('LIFEBOAT-JOIN-QR:1:'.length);
    expect(() => parseJoinCode('https://example.com')).toThrow(/not a Lifeboat join code/);
    expect(() => parseJoinCode(JSON.stringify({ type: 'lifeboat-join' }))).toThrow(JoinCodeError);
    expect(() => parseJoinCode(`LIFEBOAT-JOIN-QR:2:${body}`)).toThrow(/newer version of Lifeboat \(code version 2\)/);
    expect(() => parseJoinCode(`LIFEBOAT-JOIN-QR:0:${body}`)).toThrow(/version this Lifeboat does not know/);
    expect(() => parseJoinCode(`LIFEBOAT-JOIN-QR:1:${body.slice(0, 20)}`)).toThrow(/damaged or incomplete/);
    expect(() => parseJoinCode(`LIFEBOAT-JOIN-QR:1:${body}a`)).toThrow(/damaged or incomplete/);
  });

  it('binds the type and version into the ciphertext: the same bytes under another version do not open', async () => {
    const passphrase = generateOneTimePassphrase();
    const envelope = parseJoinCode(await sealJoinCode(contentsWithStaff(1), passphrase, ITERATIONS));
    await expect(openJoinCode({ ...envelope, version: 0 }, passphrase)).rejects.toBeInstanceOf(JoinCodeUnsealFailure);
  });
});
