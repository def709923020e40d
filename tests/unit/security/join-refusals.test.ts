// Bad join files and bad one-time passphrases: each gets a clear message, and nothing of the
// practice is written to the device that tried (issue 3, "Bad input").
import { beforeEach, describe, expect, it } from 'vitest';
import { getDeviceSettings, getKeyringState, getPractice, joinPractice, unlock, UnlockRefused, ValidationFailure, type LifeboatDatabase } from '../../../src/db';
import { openJoinEnvelope, parseJoinEnvelope, sealJoinEnvelope } from '../../../src/crypto/join-envelope';
import { newPassphraseKdf } from '../../../src/crypto/key-wrapping';
import { generateOneTimePassphrase } from '../../../src/crypto/one-time-passphrase';
import { newPracticeKeyMaterial } from '../../../src/crypto/practice-keys';
import { fromBase64, toBase64 } from '../../../src/crypto/bytes';
import { joinContentsSchema, type JoinContents } from '../../../src/db/join-contents';
import { PASSPHRASE } from '../db/builders';
import { NOTHING_STORED, practiceOnDeviceA, refusalOf, storedCounts, twoDevices, type Devices, type PracticeOnA } from './join-support';

let devices: Devices;
let a: PracticeOnA;
let b: LifeboatDatabase;

beforeEach(async () => {
  devices = twoDevices();
  a = await practiceOnDeviceA(devices);
  b = devices.use('B');
});

function join(fileText: string, oneTimePassphrase = a.file.oneTimePassphrase, deviceLabel = 'Room 4 PC') {
  return joinPractice({ fileText, oneTimePassphrase, deviceLabel });
}

/** Refused with a message beside `field`; the device is still fresh and has no keys. */
async function expectFieldRefusal(attempt: Promise<unknown>, field: string, message: RegExp): Promise<void> {
  const refusal = await refusalOf(attempt, ValidationFailure);
  expect(refusal.message).toMatch(message);
  expect(refusal.fieldErrors[field]).toBe(refusal.message);
  await expectNothingWritten();
}

async function expectNothingWritten(): Promise<void> {
  expect(await storedCounts(b)).toEqual(NOTHING_STORED);
  expect((await getDeviceSettings()).setupCompletedAt).toBeNull();
  expect(getKeyringState().kind).toBe('no-keys');
}

function envelope(): Record<string, unknown> {
  return JSON.parse(a.file.text) as Record<string, unknown>;
}

function flipBit(base64: string, index: number): string {
  const bytes = fromBase64(base64);
  bytes[index] = (bytes[index] ?? 0) ^ 0x01;
  return toBase64(bytes);
}

/** A file sealed with the right passphrase around contents changed by `change`: only a bug or a doctored exporter makes one. */
async function resealed(change: (contents: JoinContents) => unknown): Promise<string> {
  const contents = joinContentsSchema.parse(await openJoinEnvelope(parseJoinEnvelope(a.file.text), a.file.oneTimePassphrase));
  return JSON.stringify(await sealJoinEnvelope(change(contents), a.file.oneTimePassphrase, newPassphraseKdf(1_000)));
}

describe('a file that is not a join file this version reads', () => {
  it('refuses text that is not JSON', async () => {
    await expectFieldRefusal(join('PK\u0003\u0004 this is a zip'), 'file', /not a Lifeboat setup file \(it is not a JSON file\)/);
  });

  it('refuses JSON of another kind, or of no kind', async () => {
    await expectFieldRefusal(join(JSON.stringify({ ...envelope(), type: 'lifeboat-bundle' })), 'file', /^This is not a Lifeboat setup file/);
    await expectFieldRefusal(join('[1, 2, 3]'), 'file', /^This is not a Lifeboat setup file/);
    await expectFieldRefusal(join('null'), 'file', /^This is not a Lifeboat setup file/);
  });

  it('refuses a file from a newer version, saying to update first', async () => {
    await expectFieldRefusal(join(JSON.stringify({ ...envelope(), version: 2 })), 'file', /newer version of Lifeboat .*update Lifeboat on this device first/);
  });

  it('refuses an unknown or missing version', async () => {
    await expectFieldRefusal(join(JSON.stringify({ ...envelope(), version: 0 })), 'file', /version this Lifeboat does not know/);
    await expectFieldRefusal(join(JSON.stringify({ ...envelope(), version: '1' })), 'file', /version this Lifeboat does not know/);
    const { version: _version, ...unversioned } = envelope();
    await expectFieldRefusal(join(JSON.stringify(unversioned)), 'file', /version this Lifeboat does not know/);
  });

  it('refuses an envelope with a part missing or malformed, and a key derivation made to take hours', async () => {
    const { ciphertext: _ciphertext, ...withoutCiphertext } = envelope();
    await expectFieldRefusal(join(JSON.stringify(withoutCiphertext)), 'file', /damaged or incomplete/);
    await expectFieldRefusal(join(JSON.stringify({ ...envelope(), iv: 'not base64!' })), 'file', /damaged or incomplete/);
    const kdf = envelope().kdf as Record<string, unknown>;
    await expectFieldRefusal(join(JSON.stringify({ ...envelope(), kdf: { ...kdf, iterations: 1e12 } })), 'file', /damaged or incomplete/);
  });
});

describe('a wrong or changed file', () => {
  it('refuses a changed ciphertext as not opening, counted like a wrong passphrase', async () => {
    const ciphertext = envelope().ciphertext as string;
    const refusal = await refusalOf(join(JSON.stringify({ ...envelope(), ciphertext: flipBit(ciphertext, 40) })), UnlockRefused);
    expect(refusal.message).toMatch(/does not open this file/);
    await expectNothingWritten();
    expect((await getDeviceSettings()).unlockFailures).toBe(1);
  });

  it('refuses a changed salt or iv', async () => {
    const kdf = envelope().kdf as { salt: string };
    await refusalOf(join(JSON.stringify({ ...envelope(), kdf: { ...kdf, salt: flipBit(kdf.salt, 0) } })), UnlockRefused);
    await refusalOf(join(JSON.stringify({ ...envelope(), iv: flipBit(envelope().iv as string, 0) })), UnlockRefused);
    await expectNothingWritten();
  });

  it('refuses contents that do not belong together, even sealed with the right passphrase', async () => {
    // Keys that are not the ones the rows were encrypted with (key ids made to match).
    const otherKeys = await resealed((c) => ({ ...c, keys: { ...newPracticeKeyMaterial(), keyId: c.keys.keyId } }));
    await expectFieldRefusal(join(otherKeys), 'file', /records in this file do not open with the keys in it/);
    // No recovery key slot: the practice's way back in would be lost on this device.
    const noRecovery = await resealed((c) => ({ ...c, keySlots: c.keySlots.filter((s) => s.kind !== 'recovery') }));
    await expectFieldRefusal(join(noRecovery), 'file', /not what this version of Lifeboat expects/);
    // A staff row moved onto another id: its ciphertext no longer opens (the id is bound in).
    const moved = await resealed((c) => ({ ...c, staff: c.staff.map((s, i) => (i === 0 ? { ...s, id: c.staff[1]?.id } : { ...s, id: c.staff[0]?.id })) }));
    await expectFieldRefusal(join(moved), 'file', /do not open|not what this version/);
  });
});

describe('the one-time passphrase', () => {
  it('refuses a wrong one with a clear message, counts it, and writes nothing', async () => {
    const refusal = await refusalOf(join(a.file.text, generateOneTimePassphrase()), UnlockRefused);
    expect(refusal.message).toBe('That one-time passphrase does not open this file. Check it against the other device’s screen, or make a new file there.');
    expect(refusal.waitMs).toBe(0);
    await expectNothingWritten();
    expect((await getDeviceSettings()).unlockFailures).toBe(1);
  });

  it('catches a typo or a wrong length before trying it, without counting it', async () => {
    const passphrase = a.file.oneTimePassphrase;
    const typo = passphrase.slice(0, 5) + (passphrase[5] === 'A' ? 'B' : 'A') + passphrase.slice(6);
    await expectFieldRefusal(join(a.file.text, typo), 'oneTimePassphrase', /has a mistake in it/);
    await expectFieldRefusal(join(a.file.text, passphrase.slice(0, 14)), 'oneTimePassphrase', /has 16 letters and numbers .* this has 12/);
    await expectFieldRefusal(join(a.file.text, `${passphrase.slice(0, 18)}U`), 'oneTimePassphrase', /"U" is not used/);
    expect((await getDeviceSettings()).unlockFailures).toBe(0);
  });

  it('slows down repeated wrong ones, then lets the right one through once the wait is over', async () => {
    for (let i = 0; i < 3; i += 1) await refusalOf(join(a.file.text, generateOneTimePassphrase()), UnlockRefused);
    const waiting = await refusalOf(join(a.file.text), UnlockRefused);
    expect(waiting.message).toMatch(/^Too many wrong tries\. Wait 2 seconds/);
    await expectNothingWritten();

    devices.clock.advance(2_000);
    await join(a.file.text);
    expect(await getDeviceSettings()).toMatchObject({ unlockFailures: 0, unlockBlockedUntil: null });
  });
});

describe('the device joining', () => {
  it('needs a name for itself', async () => {
    await expectFieldRefusal(join(a.file.text, a.file.oneTimePassphrase, '  '), 'deviceLabel', /Enter a label for this device/);
  });

  it('refuses a device already set up, changing nothing on it', async () => {
    const dbA = devices.use('A');
    const before = await storedCounts(dbA);
    const refusal = await refusalOf(join(a.file.text), ValidationFailure);
    expect(refusal.message).toMatch(/already set up/);
    expect(await storedCounts(dbA)).toEqual(before);

    // Nor can a device that has just joined join again.
    devices.use('B');
    await join(a.file.text);
    await expect(join(a.file.text)).rejects.toThrow(/already set up/);
    await unlock(a.gp.id, PASSPHRASE);
    expect((await getPractice())?.data.name).toBe('Riverside Surgery');
  });
});
