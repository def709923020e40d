import { beforeEach, describe, expect, it } from 'vitest';
import {
  addStaff,
  getDeviceSettings,
  getPractice,
  listAuditFor,
  listRecentAudit,
  recordPersistentStorageAnswer,
  removeStaff,
  switchUser,
  updateDeviceSettings,
  updatePractice,
  ValidationFailure,
  type LifeboatDatabase,
} from '../../../src/db';
import { freshDatabase, frozenClock } from './fresh-database';
import { nurseDetails, PASSPHRASE, PLAIN_DEVICE, practiceDetails, receptionDetails, seedPlainDevice, setUpDevice, UUID_V4 } from './builders';

let db: LifeboatDatabase;
let clock: ReturnType<typeof frozenClock>;

beforeEach(() => {
  clock = frozenClock();
  db = freshDatabase(clock);
});

describe('device settings', () => {
  it('makes the device id on the first read and keeps it', async () => {
    expect(await db.device.count()).toBe(0);

    const first = await getDeviceSettings();

    expect(first).toMatchObject({
      label: 'This device',
      practiceId: null,
      currentStaffId: null,
      setupCompletedAt: null,
      persistentStorage: null,
    });
    expect(first.deviceId).toMatch(UUID_V4);
    expect((await getDeviceSettings()).deviceId).toBe(first.deviceId);
    expect(await db.device.count()).toBe(1);
  });

  it('gives each new database its own device id', async () => {
    const first = await getDeviceSettings();
    freshDatabase(clock);
    expect((await getDeviceSettings()).deviceId).not.toBe(first.deviceId);
  });

  it('records what the browser answered about persistent storage', async () => {
    await getDeviceSettings();
    await recordPersistentStorageAnswer(false, '2024-07-19T09:00:00+01:00');
    expect((await getDeviceSettings()).persistentStorage).toEqual({ granted: false, askedAt: '2024-07-19T09:00:00+01:00' });
  });

  it('changes the label but never the device id', async () => {
    const { deviceId } = await getDeviceSettings();
    const changed = await updateDeviceSettings({ label: 'Room 3 laptop' });
    expect(changed).toMatchObject({ deviceId, label: 'Room 3 laptop' });
    expect(await getDeviceSettings()).toEqual(changed);
  });
});

describe('audit trail', () => {
  it('stamps every entry with the actor and this device', async () => {
    const { actor, you } = await setUpDevice();
    const nurse = await addStaff(nurseDetails(), actor, PASSPHRASE);
    await removeStaff(nurse.id, actor);

    const events = await listRecentAudit();
    expect(events.map((e) => [e.action, e.entityId])).toEqual(
      expect.arrayContaining([
        ['setup', expect.any(String)],
        ['create', you.id],
        ['create', nurse.id],
        ['update', nurse.id],
      ]),
    );
    expect(events).toHaveLength(4);
    for (const event of events) {
      expect(event.id).toMatch(UUID_V4);
      expect(event.actorId).toBe(you.id);
      expect(event.deviceId).toBe(actor.deviceId);
    }
  });

  it('attributes entries to whoever is using the device at the time', async () => {
    const { actor: gp } = await seedPlainDevice(db);
    await switchUser(PLAIN_DEVICE.nurseId, gp.deviceId);
    const nurse = { staffId: PLAIN_DEVICE.nurseId, deviceId: gp.deviceId };
    const receptionist = await addStaff(receptionDetails(), nurse);

    expect((await listAuditFor(receptionist.id)).map((e) => [e.action, e.actorId, e.deviceId])).toEqual([
      ['create', PLAIN_DEVICE.nurseId, PLAIN_DEVICE.deviceId],
    ]);
    expect(receptionist).toMatchObject({ authorId: PLAIN_DEVICE.nurseId, deviceId: PLAIN_DEVICE.deviceId });
  });

  it('lists the latest entries first, up to the limit', async () => {
    const { actor } = await setUpDevice();
    clock.advance(60_000);
    await addStaff(nurseDetails({ name: 'First Nurse', registrationNumber: '11A1111A' }), actor, PASSPHRASE);
    clock.advance(60_000);
    await addStaff(nurseDetails({ name: 'Second Nurse', registrationNumber: '22B2222B' }), actor, PASSPHRASE);

    const latest = await listRecentAudit(2);
    expect(latest.map((e) => [e.at, e.data.summary])).toEqual([
      ['2024-07-19T09:02:00+01:00', 'Added Second Nurse (Nurse)'],
      ['2024-07-19T09:01:00+01:00', 'Added First Nurse (Nurse)'],
    ]);
  });

  it('adds an entry for a change and leaves earlier entries as they were', async () => {
    const { actor, practice } = await setUpDevice();
    const [setupEvent] = await listAuditFor(practice.id);
    clock.advance(3_600_000);

    const updated = await updatePractice(practiceDetails({ phone: '01632 960 999' }), actor);

    expect(updated).toMatchObject({ id: practice.id, createdAt: practice.createdAt, updatedAt: '2024-07-19T10:00:00+01:00' });
    expect(await getPractice()).toEqual(updated);
    const history = await listAuditFor(practice.id);
    expect(history).toEqual([setupEvent, expect.objectContaining({ action: 'update', actorId: actor.staffId, deviceId: actor.deviceId })]);
    expect(history[1]?.data.summary).toBe('Changed the practice details');
  });

  it('writes no audit entry for a practice change that fails validation', async () => {
    const { actor, practice } = await setUpDevice();
    await expect(updatePractice(practiceDetails({ phone: 'ring me' }), actor)).rejects.toThrow(ValidationFailure);
    expect(await listAuditFor(practice.id)).toHaveLength(1);
    expect(await getPractice()).toEqual(practice);
  });
});
