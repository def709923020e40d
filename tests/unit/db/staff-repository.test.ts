import { beforeEach, describe, expect, it } from 'vitest';
import {
  addStaff,
  getDeviceSettings,
  getStaffMember,
  listAuditFor,
  listStaff,
  removeStaff,
  switchUser,
  ValidationFailure,
  type LifeboatDatabase,
} from '../../../src/db';
import type { Actor } from '../../../src/domain/record';
import type { StaffDetailsInput, StaffMember } from '../../../src/domain/staff';
import { freshDatabase, frozenClock } from './fresh-database';
import { gpDetails, nurseDetails, PASSPHRASE, PLAIN_DEVICE, receptionDetails, seedPlainDevice, setUpDevice, UUID_V4 } from './builders';

let db: LifeboatDatabase;
let clock: ReturnType<typeof frozenClock>;
let gp: StaffMember;
let actor: Actor;

beforeEach(() => {
  clock = frozenClock();
  db = freshDatabase(clock);
});

async function setUp(): Promise<void> {
  ({ you: gp, actor } = await setUpDevice());
}

/** Adds a user as the GP; on a device with practice keys each new user brings their passphrase. */
function add(details: StaffDetailsInput): Promise<StaffMember> {
  return addStaff(details, actor, PASSPHRASE);
}

async function failureOf(promise: Promise<unknown>): Promise<ValidationFailure> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof ValidationFailure)) throw new Error(`Expected a ValidationFailure, got ${String(error)}`);
  return error;
}

describe('addStaff', () => {
  beforeEach(setUp);

  it('adds an active user stamped with who added them, where and when, and audits it', async () => {
    clock.advance(60_000);
    const nurse = await add(nurseDetails());

    const row = await db.staff.get(nurse.id);
    expect(row).toMatchObject({
      status: 'active',
      createdAt: '2024-07-19T09:01:00+01:00',
      updatedAt: '2024-07-19T09:01:00+01:00',
      authorId: gp.id,
      deviceId: actor.deviceId,
    });
    expect(row?.id).toMatch(UUID_V4);
    expect(await getStaffMember(nurse.id)).toEqual(nurse);

    const history = await listAuditFor(nurse.id);
    expect(history.map((e) => [e.action, e.actorId, e.deviceId, e.at, e.data.summary])).toEqual([
      ['create', gp.id, actor.deviceId, '2024-07-19T09:01:00+01:00', 'Added Sam Okafor (Nurse)'],
    ]);
  });

  it('stores the registration number trimmed and in capitals', async () => {
    const nurse = await add(nurseDetails({ registrationNumber: ' 12a3456e ' }));
    expect(nurse.data.registrationNumber).toBe('12A3456E');
    expect((await getStaffMember(nurse.id))?.data.registrationNumber).toBe('12A3456E');
  });

  it('refuses the same name in the same role, naming the name field, and stores nothing', async () => {
    const failure = await failureOf(add(gpDetails({ name: '  dr  asha PATEL ', registrationNumber: '7654321' })));

    expect(failure.fieldErrors).toEqual({ name: 'Dr Asha Patel (GP) is already set up on this device' });
    expect(failure.message).toBe('Dr Asha Patel (GP) is already set up on this device');
    expect(await db.staff.count()).toBe(1);
    expect(await db.audit.count()).toBe(2);
  });

  it('accepts the same name in a different role', async () => {
    const receptionist = await add(receptionDetails({ name: 'Dr Asha Patel' }));
    expect((await listStaff()).map((s) => s.id).sort()).toEqual([gp.id, receptionist.id].sort());
  });

  it('refuses a registration number someone already has, naming the registration field', async () => {
    const failure = await failureOf(add(gpDetails({ name: 'Dr Ben Cole' })));

    expect(failure.fieldErrors).toEqual({ registrationNumber: 'Dr Asha Patel already has registration number 1234567' });
    expect(await db.staff.count()).toBe(1);
  });

  it('refuses invalid details with the field that is wrong', async () => {
    const failure = await failureOf(add(nurseDetails({ registrationNumber: '12A3456' })));
    expect(failure.fieldErrors).toEqual({ registrationNumber: expect.stringMatching(/^An? NMC number is like 12A3456E$/) });
    expect(await db.staff.count()).toBe(1);
  });

  it('lets a removed user be added again', async () => {
    const nurse = await add(nurseDetails());
    await removeStaff(nurse.id, actor);
    const again = await add(nurseDetails());
    expect(again.id).not.toBe(nurse.id);
    expect((await listStaff()).map((s) => s.id)).toContain(again.id);
  });
});

describe('listStaff', () => {
  beforeEach(setUp);

  it('lists active users by name, and removed users after them only when asked', async () => {
    await add(receptionDetails({ name: 'Zoe Adams' }));
    await add(receptionDetails({ name: 'Bea Young' }));
    const al = await add(receptionDetails({ name: 'Al Brown' }));
    await removeStaff(al.id, actor);

    expect((await listStaff()).map((s) => s.data.name)).toEqual(['Bea Young', 'Dr Asha Patel', 'Zoe Adams']);
    expect((await listStaff({ includeRemoved: true })).map((s) => [s.data.name, s.status])).toEqual([
      ['Bea Young', 'active'],
      ['Dr Asha Patel', 'active'],
      ['Zoe Adams', 'active'],
      ['Al Brown', 'removed'],
    ]);
  });
});

describe('removeStaff', () => {
  beforeEach(setUp);

  it('keeps the record with status removed, updates its time only, and audits who removed whom', async () => {
    const nurse = await add(nurseDetails());
    clock.advance(5 * 60_000);

    await removeStaff(nurse.id, actor);

    const kept = await getStaffMember(nurse.id);
    expect(kept).toEqual({ ...nurse, status: 'removed', updatedAt: '2024-07-19T09:05:00+01:00' });
    expect(await db.staff.count()).toBe(2);
    expect((await listStaff()).map((s) => s.id)).toEqual([gp.id]);

    const history = await listAuditFor(nurse.id);
    expect(history.map((e) => [e.action, e.actorId, e.deviceId, e.at, e.data.summary])).toEqual([
      ['create', gp.id, actor.deviceId, '2024-07-19T09:00:00+01:00', 'Added Sam Okafor (Nurse)'],
      ['update', gp.id, actor.deviceId, '2024-07-19T09:05:00+01:00', 'Removed Sam Okafor (Nurse)'],
    ]);
  });

  it('refuses to remove the user who is removing', async () => {
    await expect(removeStaff(gp.id, actor)).rejects.toThrow(ValidationFailure);
    expect((await getStaffMember(gp.id))?.status).toBe('active');
    expect(await listAuditFor(gp.id)).toHaveLength(1);
  });

  it('refuses an id that is not on this device', async () => {
    await expect(removeStaff('6f1c1b1e-5d1c-4c1a-9b1a-1a2b3c4d5e6f', actor)).rejects.toThrow('That user is not on this device');
  });
});

// Switching without a passphrase exists only on a device set up before encryption (no key slots).
describe('switchUser', () => {
  beforeEach(async () => {
    ({ actor } = await seedPlainDevice(db));
  });

  it('makes another user the current one and audits who, when and on which device', async () => {
    clock.set('2024-07-19T12:30:15Z');

    const member = await switchUser(PLAIN_DEVICE.nurseId, actor.deviceId);

    expect(member.data.name).toBe('Sam Okafor');
    expect((await getDeviceSettings()).currentStaffId).toBe(PLAIN_DEVICE.nurseId);
    const history = await listAuditFor(PLAIN_DEVICE.nurseId);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({
      action: 'switch-user',
      actorId: PLAIN_DEVICE.nurseId,
      deviceId: PLAIN_DEVICE.deviceId,
      at: '2024-07-19T13:30:15+01:00',
      entityKind: 'staff',
      entityId: PLAIN_DEVICE.nurseId,
      data: { summary: 'Sam Okafor (Nurse) started using this device' },
    });
  });

  it('refuses a removed user and leaves the current user as it was', async () => {
    await removeStaff(PLAIN_DEVICE.nurseId, actor);

    await expect(switchUser(PLAIN_DEVICE.nurseId, actor.deviceId)).rejects.toThrow('That user is not on this device');
    expect((await getDeviceSettings()).currentStaffId).toBe(PLAIN_DEVICE.gpId);
    expect((await listAuditFor(PLAIN_DEVICE.nurseId)).map((e) => e.action)).toEqual(['update']);
  });

  it('refuses an id that is not on this device', async () => {
    await expect(switchUser('6f1c1b1e-5d1c-4c1a-9b1a-1a2b3c4d5e6f', actor.deviceId)).rejects.toThrow(ValidationFailure);
    expect((await getDeviceSettings()).currentStaffId).toBe(PLAIN_DEVICE.gpId);
    expect(await db.audit.count()).toBe(0);
  });
});
