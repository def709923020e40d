// Joining a practice by a code (issue 3, requirement 3, the QR route): encrypted device A shows a
// code; fresh device B opens it with the one-time passphrase, and the person joining chooses who
// they are and sets a passphrase for B. Real Web Crypto, fake-indexeddb; only PBKDF2 is cheaper.
import { beforeEach, describe, expect, it } from 'vitest';
import {
  getKeyringState,
  getPractice,
  joinPracticeWithCode,
  listRecentAudit,
  listStaff,
  listUnlockableUsers,
  lock,
  makeJoinCode,
  openJoinCodeForJoining,
  setPassphraseFor,
  unlock,
  UnlockRefused,
  ValidationFailure,
} from '../../../src/db';
import { generateOneTimePassphrase } from '../../../src/crypto/one-time-passphrase';
import { openSlot } from '../../../src/db/key-slots';
import { PASSPHRASE } from '../db/builders';
import { NOTHING_STORED, NURSE_PASSPHRASE, practiceOnDeviceA, refusalOf, storedCounts, twoDevices, type Devices, type PracticeOnA } from './join-support';

const ON_B = 'copper lantern meadow';
let devices: Devices;
let a: PracticeOnA;

beforeEach(async () => {
  devices = twoDevices();
  a = await practiceOnDeviceA(devices);
});

describe('joining by a code', () => {
  it('brings the practice and staff to B, unlocked as the person joining, with only their key slot and the recovery slot', async () => {
    const code = await makeJoinCode(PASSPHRASE);
    expect(code).toMatchObject({ staffCount: 2, includesRecovery: true });
    const practiceOnA = await getPractice();
    const staffOnA = await listStaff();
    const recoveryOnA = await devices.use('A').keySlots.where('kind').equals('recovery').first();
    for (const clear of ['RIVERSIDE', 'PATEL', 'OKAFOR', 'Riverside']) expect(code.text).not.toContain(clear);

    const b = devices.use('B');
    const opened = await openJoinCodeForJoining({ codeText: code.text, oneTimePassphrase: code.oneTimePassphrase });
    expect(opened.practiceName).toBe('Riverside Surgery');
    expect(opened.staff.map((s) => s.id).sort()).toEqual([a.gp.id, a.nurse.id].sort());
    expect(await storedCounts(b)).toEqual(NOTHING_STORED);

    await joinPracticeWithCode(opened, { staffId: a.nurse.id, passphrase: ON_B, deviceLabel: 'Room 4 PC' });
    expect(getKeyringState()).toMatchObject({ kind: 'unlocked', staffId: a.nurse.id });
    // Same records, same ids and meta, decrypted with the practice key.
    expect(await getPractice()).toEqual(practiceOnA);
    expect(await listStaff()).toEqual(staffOnA);
    expect((await b.staff.toArray()).every((row) => row.payload.codec === 'aes-gcm')).toBe(true);
    expect(await listUnlockableUsers()).toEqual([{ staffId: a.nurse.id, label: 'Sam Okafor (Nurse)' }]);
    const recovery = await b.keySlots.where('kind').equals('recovery').first();
    expect(recovery).toEqual(recoveryOnA);
    const audit = (await listRecentAudit()).filter((e) => e.action === 'import');
    expect(audit[0]?.data.summary).toBe('Room 4 PC joined Riverside Surgery with 2 staff, from a code shown on Reception iPad; Sam Okafor (Nurse) set a passphrase here');

    // The new passphrase unlocks B; the nurse's passphrase from A does not; the GP has none yet.
    await lock();
    await unlock(a.nurse.id, ON_B);
    await lock();
    await expect(unlock(a.nurse.id, NURSE_PASSPHRASE)).rejects.toBeInstanceOf(UnlockRefused);
    devices.clock.advance(60 * 60 * 1000);
    await expect(unlock(a.gp.id, PASSPHRASE)).rejects.toThrow(/no passphrase on this device yet/);
  });

  it('lets the person who joined give a colleague a passphrase, which then unlocks', async () => {
    const code = await makeJoinCode(PASSPHRASE);
    devices.use('B');
    const opened = await openJoinCodeForJoining({ codeText: code.text, oneTimePassphrase: code.oneTimePassphrase });
    await joinPracticeWithCode(opened, { staffId: a.nurse.id, passphrase: ON_B, deviceLabel: 'Room 4 PC' });
    await setPassphraseFor(a.gp.id, PASSPHRASE);
    await lock();
    await unlock(a.gp.id, PASSPHRASE);
    expect(getKeyringState()).toMatchObject({ kind: 'unlocked', staffId: a.gp.id });
  });

  it('carries a recovery slot that the recovery key still opens', async () => {
    const code = await makeJoinCode(PASSPHRASE);
    const recoveryOnA = await devices.use('A').keySlots.where('kind').equals('recovery').first();
    devices.use('B');
    const opened = await openJoinCodeForJoining({ codeText: code.text, oneTimePassphrase: code.oneTimePassphrase });
    await joinPracticeWithCode(opened, { staffId: a.gp.id, passphrase: ON_B, deviceLabel: 'Room 4 PC' });
    const slot = await devices.use('B').keySlots.where('kind').equals('recovery').first();
    if (!slot || !recoveryOnA) throw new Error('no recovery slot');
    expect(slot.sealed).toEqual(recoveryOnA.sealed);
    await expect(openSlot(slot, 'not the recovery key')).rejects.toThrow();
  });

  it('refuses a wrong one-time passphrase (counted), another code, a bad choice, and writes nothing', async () => {
    const code = await makeJoinCode(PASSPHRASE);
    const b = devices.use('B');
    await expect(openJoinCodeForJoining({ codeText: code.text, oneTimePassphrase: generateOneTimePassphrase() })).rejects.toBeInstanceOf(UnlockRefused);
    expect((await b.device.get('this-device'))?.unlockFailures).toBe(1);
    const notACode = await refusalOf(openJoinCodeForJoining({ codeText: 'https://example.com', oneTimePassphrase: code.oneTimePassphrase }), ValidationFailure);
    expect(notACode.fieldErrors.code).toMatch(/not a Lifeboat join code/);
    devices.clock.advance(60 * 60 * 1000);
    await b.device.update('this-device', { unlockBlockedUntil: null });
    const opened = await openJoinCodeForJoining({ codeText: code.text, oneTimePassphrase: code.oneTimePassphrase });
    const nobody = await refusalOf(joinPracticeWithCode(opened, { staffId: crypto.randomUUID(), passphrase: ON_B, deviceLabel: 'Room 4 PC' }), ValidationFailure);
    expect(nobody.fieldErrors.staffId).toBeDefined();
    const short = await refusalOf(joinPracticeWithCode(opened, { staffId: a.gp.id, passphrase: 'short', deviceLabel: 'Room 4 PC' }), ValidationFailure);
    expect(short.fieldErrors.passphrase).toBeDefined();
    expect(await storedCounts(b)).toEqual(NOTHING_STORED);
    // And a device already set up cannot join again.
    await joinPracticeWithCode(opened, { staffId: a.gp.id, passphrase: ON_B, deviceLabel: 'Room 4 PC' });
    await expect(joinPracticeWithCode(opened, { staffId: a.gp.id, passphrase: ON_B, deviceLabel: 'Room 4 PC' })).rejects.toThrow(/already set up/);
  });

  it('asks for the passphrase of the user who has unlocked before showing a code', async () => {
    await expect(makeJoinCode('not the passphrase')).rejects.toBeInstanceOf(UnlockRefused);
  });
});
