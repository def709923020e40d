import { beforeEach, describe, expect, it } from 'vitest';
import {
  completeSetup,
  getDeviceSettings,
  getPractice,
  getStaffMember,
  listAuditFor,
  listRecentAudit,
  listStaff,
  ValidationFailure,
  type LifeboatDatabase,
} from '../../../src/db';
import { freshDatabase, frozenClock } from './fresh-database';
import { gpDetails, practiceDetails, setUpDevice, setupInput, UUID_V4 } from './builders';

let db: LifeboatDatabase;
let clock: ReturnType<typeof frozenClock>;

beforeEach(() => {
  clock = frozenClock();
  db = freshDatabase(clock);
});

async function storedCounts() {
  return {
    practice: await db.practice.count(),
    staff: await db.staff.count(),
    audit: await db.audit.count(),
    keySlots: await db.keySlots.count(),
  };
}

describe('completeSetup', () => {
  it('stores the practice, the first user and the device label, and makes that user the current one', async () => {
    const { practice, you } = await completeSetup(setupInput());

    expect(await getPractice()).toEqual(practice);
    expect(practice.data).toEqual({
      name: 'Riverside Surgery',
      odsCode: 'A81001',
      address: '1 River Street, Leeds',
      postcode: 'LS1 4AP',
      phone: '01632 960 001',
    });
    expect(await listStaff()).toEqual([you]);
    expect(you.data).toMatchObject({ name: 'Dr Asha Patel', role: 'gp', registrationNumber: '1234567' });

    const device = await getDeviceSettings();
    expect(device).toMatchObject({
      label: 'Reception iPad',
      practiceId: practice.id,
      currentStaffId: you.id,
      setupCompletedAt: '2024-07-19T09:00:00+01:00',
    });
  });

  it('stamps both records with a UUID, London times, the first user as author, this device and a status', async () => {
    const { deviceId } = await getDeviceSettings();
    const { practice, you } = await completeSetup(setupInput());

    for (const row of [await db.practice.get(practice.id), await db.staff.get(you.id)]) {
      expect(row).toMatchObject({
        status: 'active',
        createdAt: '2024-07-19T09:00:00+01:00',
        updatedAt: '2024-07-19T09:00:00+01:00',
        authorId: you.id,
        deviceId,
      });
      expect(row?.id).toMatch(UUID_V4);
    }
    expect(practice.id).not.toBe(you.id);
  });

  it('writes times with the GMT offset in winter', async () => {
    clock.set('2024-01-15T10:00:00Z');
    const { practice } = await completeSetup(setupInput());
    expect(practice.createdAt).toBe('2024-01-15T10:00:00+00:00');
    expect((await getDeviceSettings()).setupCompletedAt).toBe('2024-01-15T10:00:00+00:00');
  });

  it('audits the setup and the first user, by that user on this device', async () => {
    const { practice, you } = await setUpDevice();
    const { deviceId } = await getDeviceSettings();

    const practiceHistory = await listAuditFor(practice.id);
    expect(practiceHistory).toHaveLength(1);
    expect(practiceHistory[0]).toMatchObject({
      action: 'setup',
      entityKind: 'practice',
      actorId: you.id,
      deviceId,
      at: '2024-07-19T09:00:00+01:00',
      data: { summary: 'Practice Riverside Surgery set up on Reception iPad' },
    });
    expect(practiceHistory[0]?.id).toMatch(UUID_V4);

    const staffHistory = await listAuditFor(you.id);
    expect(staffHistory.map((e) => [e.action, e.entityKind, e.actorId, e.deviceId, e.data.summary])).toEqual([
      ['create', 'staff', you.id, deviceId, 'Added Dr Asha Patel'],
    ]);
    expect(await listRecentAudit()).toHaveLength(2);
  });

  it('stores nothing when the practice details are invalid, and names the field', async () => {
    const failure = await completeSetup(setupInput({ practice: practiceDetails({ odsCode: 'A8100' }) })).catch((e: unknown) => e);

    expect(failure).toBeInstanceOf(ValidationFailure);
    expect((failure as ValidationFailure).fieldErrors).toEqual({ odsCode: 'Enter the ODS code as one letter and five numbers, like A81001' });
    expect(await storedCounts()).toEqual({ practice: 0, staff: 0, audit: 0, keySlots: 0 });
    expect(await db.device.count()).toBe(0);
  });

  it('stores nothing when the first user is invalid, and names the field', async () => {
    const failure = await completeSetup(setupInput({ you: gpDetails({ registrationNumber: '123456' }) })).catch((e: unknown) => e);

    expect(failure).toBeInstanceOf(ValidationFailure);
    expect((failure as ValidationFailure).fieldErrors).toEqual({ registrationNumber: 'A GMC number is 7 numbers, like 1234567' });
    expect(await storedCounts()).toEqual({ practice: 0, staff: 0, audit: 0, keySlots: 0 });
  });

  it('stores nothing when the device label is blank', async () => {
    await expect(completeSetup(setupInput({ deviceLabel: '   ' }))).rejects.toThrow('Enter a label for this device');
    expect(await storedCounts()).toEqual({ practice: 0, staff: 0, audit: 0, keySlots: 0 });
  });

  it('is all or nothing: when the audit write fails inside the transaction, the practice, user and key slots are not kept either', async () => {
    const device = await getDeviceSettings();
    // A real failure at the last step of the transaction (Dexie runs hooks inside it).
    const refuseAudit = () => {
      throw new ValidationFailure('The audit trail refused the write');
    };
    db.audit.hook('creating', refuseAudit);

    await expect(completeSetup(setupInput())).rejects.toThrow('The audit trail refused the write');

    expect(await storedCounts()).toEqual({ practice: 0, staff: 0, audit: 0, keySlots: 0 });
    expect(await getDeviceSettings()).toEqual(device);
    expect(device.setupCompletedAt).toBeNull();

    // Once the audit trail accepts writes again, the same setup goes through.
    db.audit.hook('creating').unsubscribe(refuseAudit);
    const { practice, you } = await completeSetup(setupInput());
    expect(await getPractice()).toEqual(practice);
    expect(await getStaffMember(you.id)).toEqual(you);
    expect(await storedCounts()).toEqual({ practice: 1, staff: 1, audit: 2, keySlots: 2 });
  });

  it('refuses to set the device up twice and keeps the first setup', async () => {
    const { practice, you } = await setUpDevice();

    await expect(completeSetup(setupInput({ practice: practiceDetails({ name: 'Another Surgery' }) }))).rejects.toThrow(
      'This device is already set up',
    );

    expect(await getPractice()).toEqual(practice);
    expect(await listStaff()).toEqual([you]);
    expect(await storedCounts()).toEqual({ practice: 1, staff: 1, audit: 2, keySlots: 2 });
  });
});
