// Joining a practice (issue 3, requirement 3): device A makes a join file, device B imports it with
// the one-time passphrase, and then holds the same practice, staff and key slots, so each person's
// own passphrase unlocks B. Real Web Crypto, real (fake-indexeddb) IndexedDB; only PBKDF2 is cheaper.
import { beforeEach, describe, expect, it } from 'vitest';
import {
  addStaff,
  getDeviceSettings,
  getKeyringState,
  getPractice,
  joinPractice,
  listAuditFor,
  listRecentAudit,
  listStaff,
  listUnlockableUsers,
  lock,
  LockedError,
  makeJoinFile,
  removeStaff,
  unlock,
  UnlockRefused,
} from '../../../src/db';
import { openJoinEnvelope, parseJoinEnvelope } from '../../../src/crypto/join-envelope';
import { decryptPayload } from '../../../src/crypto/payload-envelope';
import { importPracticeKeys } from '../../../src/crypto/practice-keys';
import { joinContentsSchema } from '../../../src/db/join-contents';
import { PASSPHRASE, receptionDetails } from '../db/builders';
import { NURSE_PASSPHRASE, practiceOnDeviceA, refusalOf, twoDevices, type Devices, type PracticeOnA } from './join-support';

let devices: Devices;
let a: PracticeOnA;

beforeEach(async () => {
  devices = twoDevices();
  a = await practiceOnDeviceA(devices);
});

describe('making a join file', () => {
  it('names nobody in the file name or the file, and gives a one-time passphrase of four groups of four', async () => {
    expect(a.file.fileName).toBe('lifeboat-join-2024-07-19.json');
    expect(a.file.oneTimePassphrase).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(a.file.staffCount).toBe(2);
    const envelope = JSON.parse(a.file.text) as Record<string, unknown>;
    expect(Object.keys(envelope).sort()).toEqual(['ciphertext', 'iv', 'kdf', 'type', 'version']);
    expect(envelope).toMatchObject({ type: 'lifeboat-join', version: 1, kdf: { name: 'PBKDF2', hash: 'SHA-256' } });
    for (const text of ['Riverside', 'Asha', 'Patel', 'Okafor', '1234567', '12A3456E', 'Reception iPad', a.gp.id, a.nurse.id]) {
      expect(a.file.text).not.toContain(text);
    }
  });

  it('makes a new one-time passphrase for every file', async () => {
    const again = await makeJoinFile(PASSPHRASE);
    expect(again.oneTimePassphrase).not.toBe(a.file.oneTimePassphrase);
    // The first file's passphrase does not open the second.
    await expect(openJoinEnvelope(parseJoinEnvelope(again.text), a.file.oneTimePassphrase)).rejects.toThrow(/does not open/);
  });

  it('carries the practice and active staff rows and their key slots exactly as stored, and no removed colleague', async () => {
    const actor = { staffId: a.gp.id, deviceId: a.gp.deviceId };
    const receptionist = await addStaff(receptionDetails(), actor, 'lantern pebble fjord');
    await removeStaff(receptionist.id, actor);
    const file = await makeJoinFile(PASSPHRASE);
    const db = devices.use('A');
    const contents = joinContentsSchema.parse(await openJoinEnvelope(parseJoinEnvelope(file.text), file.oneTimePassphrase));

    expect(contents.practice).toEqual(await db.practice.get(contents.practiceId));
    expect(contents.staff).toEqual(await db.staff.where('status').equals('active').toArray());
    expect(contents.staff.map((s) => s.id)).not.toContain(receptionist.id);
    expect(contents.keySlots.sort((x, y) => x.id.localeCompare(y.id))).toEqual((await db.keySlots.toArray()).sort((x, y) => x.id.localeCompare(y.id)));
    expect(contents.exportedBy).toEqual({ staffId: a.gp.id, deviceId: a.gp.deviceId, deviceLabel: 'Reception iPad' });
  });

  it('is audited on the device that made it', async () => {
    devices.use('A');
    await unlock(a.gp.id, PASSPHRASE);
    const exports = (await listRecentAudit()).filter((e) => e.action === 'export');
    expect(exports).toHaveLength(1);
    expect(exports[0]).toMatchObject({ actorId: a.gp.id, entityKind: 'practice', data: { summary: 'Made a file for another device to join the practice (2 staff)' } });
  });

  it('asks for the passphrase of the user who has unlocked, and refuses a wrong one (counted) or a locked device', async () => {
    devices.use('A');
    await unlock(a.gp.id, PASSPHRASE);
    const refusal = await refusalOf(makeJoinFile('not my passphrase at all'), UnlockRefused);
    expect(refusal.message).toBe('That passphrase is not right.');
    expect((await getDeviceSettings()).unlockFailures).toBe(1);
    expect((await listRecentAudit()).filter((e) => e.action === 'export')).toHaveLength(1);

    lock();
    await expect(makeJoinFile(PASSPHRASE)).rejects.toBeInstanceOf(LockedError);
  });
});

describe('joining with the file', () => {
  it('gives the new device the same practice, staff and key slots, locked, under its own device id and label', async () => {
    const dbA = devices.use('A');
    const slotsOnA = await dbA.keySlots.toArray();
    const practiceRowOnA = await dbA.practice.toArray();
    const staffRowsOnA = await dbA.staff.toArray();
    const deviceA = await getDeviceSettings();

    const dbB = devices.use('B');
    expect(getKeyringState().kind).toBe('no-keys');
    const result = await joinPractice({ fileText: a.file.text, oneTimePassphrase: a.file.oneTimePassphrase, deviceLabel: 'Room 4 PC' });

    expect(result).toEqual({ practiceId: deviceA.practiceId, staffCount: 2 });
    expect(getKeyringState().kind).toBe('locked');
    const deviceB = await getDeviceSettings();
    expect(deviceB).toMatchObject({ label: 'Room 4 PC', practiceId: deviceA.practiceId, currentStaffId: null, setupCompletedAt: '2024-07-19T09:00:00+01:00' });
    expect(deviceB.deviceId).not.toBe(deviceA.deviceId);
    expect(await dbB.practice.toArray()).toEqual(practiceRowOnA);
    expect(await dbB.staff.toArray()).toEqual(staffRowsOnA);
    expect(await dbB.keySlots.toArray()).toEqual(slotsOnA);
    expect(await listUnlockableUsers()).toEqual([
      { staffId: a.gp.id, label: 'Dr Asha Patel (GP)' },
      { staffId: a.nurse.id, label: 'Sam Okafor (Nurse)' },
    ]);
    // Locked: nothing encrypted can be read until someone unlocks.
    await expect(getPractice()).rejects.toBeInstanceOf(LockedError);
  });

  it('accepts the one-time passphrase typed loosely: lower case, spaces, O for 0', async () => {
    devices.use('B');
    const typed = ` ${a.file.oneTimePassphrase.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o')} `;
    await joinPractice({ fileText: a.file.text, oneTimePassphrase: typed, deviceLabel: 'Room 4 PC' });
    expect(getKeyringState().kind).toBe('locked');
  });

  it('lets each colleague unlock the new device with their usual passphrase, and the records decrypt there', async () => {
    devices.use('B');
    await joinPractice({ fileText: a.file.text, oneTimePassphrase: a.file.oneTimePassphrase, deviceLabel: 'Room 4 PC' });

    await unlock(a.nurse.id, NURSE_PASSPHRASE);
    expect((await getPractice())?.data.name).toBe('Riverside Surgery');
    expect((await listStaff()).map((s) => s.data.name)).toEqual(['Dr Asha Patel', 'Sam Okafor']);
    expect((await getDeviceSettings()).currentStaffId).toBe(a.nurse.id);

    lock();
    await refusalOf(unlock(a.gp.id, NURSE_PASSPHRASE), UnlockRefused);
    await unlock(a.gp.id, PASSPHRASE);
    expect((await getPractice())?.data.name).toBe('Riverside Surgery');
  });

  it('audits the join on the new device, naming the file’s maker and the device it came from', async () => {
    devices.use('B');
    const { practiceId } = await joinPractice({ fileText: a.file.text, oneTimePassphrase: a.file.oneTimePassphrase, deviceLabel: 'Room 4 PC' });
    await unlock(a.nurse.id, NURSE_PASSPHRASE);
    const [joined] = await listAuditFor(practiceId);
    expect(joined).toMatchObject({
      action: 'import',
      actorId: a.gp.id,
      deviceId: (await getDeviceSettings()).deviceId,
      data: { summary: 'Room 4 PC joined Riverside Surgery with 2 staff, from a file made on Reception iPad' },
    });
  });

  it('shares the practice key: a record written on the new device opens with the keys of the first', async () => {
    const material = joinContentsSchema.parse(await openJoinEnvelope(parseJoinEnvelope(a.file.text), a.file.oneTimePassphrase)).keys;
    const dbB = devices.use('B');
    await joinPractice({ fileText: a.file.text, oneTimePassphrase: a.file.oneTimePassphrase, deviceLabel: 'Room 4 PC' });
    await unlock(a.nurse.id, NURSE_PASSPHRASE);
    const added = await addStaff(receptionDetails(), { staffId: a.nurse.id, deviceId: (await getDeviceSettings()).deviceId }, 'lantern pebble fjord');

    const row = await dbB.staff.get(added.id);
    if (row?.payload.codec !== 'aes-gcm') throw new Error('The new row is not encrypted');
    const keysOfA = await importPracticeKeys(material);
    expect(await decryptPayload(keysOfA, row.payload, `staff:${added.id}`)).toMatchObject({ name: 'Jo Reed', role: 'reception' });
  });
});
