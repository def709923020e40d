import { beforeEach, describe, expect, it } from 'vitest';
import {
  getPractice,
  getStaffMember,
  getStorageStatus,
  listQuarantined,
  listStaff,
  type LifeboatDatabase,
} from '../../../src/db';
import type { RecordRow } from '../../../src/db/database';
import type { Actor } from '../../../src/domain/record';
import type { StaffMember } from '../../../src/domain/staff';
import { firstLiveValue, freshDatabase } from './fresh-database';
import { setUpDevice } from './builders';

const BAD_SHAPE_ID = '0b7c1a52-7f0e-4c8e-9d55-2f6a1d4e8b01';
const UNKNOWN_CODEC_ID = '0b7c1a52-7f0e-4c8e-9d55-2f6a1d4e8b02';

let db: LifeboatDatabase;
let gp: StaffMember;
let actor: Actor;

beforeEach(async () => {
  db = freshDatabase();
  ({ you: gp, actor } = await setUpDevice());
});

/** A staff row as another version, a bug or a damaged disk might leave it: valid meta, bad payload. */
function corruptedStaffRow(id: string, payload: unknown): RecordRow {
  return {
    id,
    status: 'active',
    createdAt: '2024-07-19T09:00:00+01:00',
    updatedAt: '2024-07-19T09:00:00+01:00',
    authorId: actor.staffId,
    deviceId: actor.deviceId,
    payload: payload as RecordRow['payload'],
  };
}

async function writeCorruptedStaff(): Promise<void> {
  await db.staff.bulkPut([
    corruptedStaffRow(BAD_SHAPE_ID, { codec: 'plain', value: { name: 42, role: 'surgeon' } }),
    corruptedStaffRow(UNKNOWN_CODEC_ID, { codec: 'rot13', value: 'Qe Nfun' }),
  ]);
}


function expectQuarantinedStaff(rows: Awaited<ReturnType<typeof listQuarantined>>): void {
  const byRecord = new Map(rows.map((row) => [row.recordId, row]));
  expect([...byRecord.keys()].sort()).toEqual([BAD_SHAPE_ID, UNKNOWN_CODEC_ID]);
  expect(byRecord.get(BAD_SHAPE_ID)).toMatchObject({ id: `staff:${BAD_SHAPE_ID}`, table: 'staff', foundAt: '2024-07-19T09:00:00+01:00' });
  expect(byRecord.get(BAD_SHAPE_ID)?.problem).toContain('data.name');
  expect(byRecord.get(BAD_SHAPE_ID)?.problem).toContain('data.role');
  expect(byRecord.get(UNKNOWN_CODEC_ID)?.problem).toBe('Unknown payload format "rot13"');
}

describe('quarantine of corrupted rows', () => {
  it('skips corrupted staff rows, records them, counts them and still returns the good rows', async () => {
    await writeCorruptedStaff();
    const before = getStorageStatus().quarantined;

    expect(await listStaff()).toEqual([gp]);

    expect(getStorageStatus().quarantined).toBe(before + 2);
    expectQuarantinedStaff(await listQuarantined());
    // Kept aside, never dropped: the rows themselves stay where they were.
    expect((await db.staff.get(BAD_SHAPE_ID))?.payload).toEqual({ codec: 'plain', value: { name: 42, role: 'surgeon' } });
    expect(await db.staff.count()).toBe(3);
  });

  it('answers null for one corrupted record read by id', async () => {
    await writeCorruptedStaff();
    expect(await getStaffMember(UNKNOWN_CODEC_ID)).toBeNull();
    expect((await listQuarantined()).map((q) => q.recordId)).toEqual([UNKNOWN_CODEC_ID]);
  });

  it('treats a corrupted practice as no practice rather than crashing', async () => {
    const practice = await getPractice();
    const row = await db.practice.get(practice?.id ?? '');
    if (!row) throw new Error('The practice row is missing');
    await db.practice.put({ ...row, createdAt: '19/07/2024 09:00' });

    expect(await getPractice()).toBeNull();
    const [quarantined] = await listQuarantined();
    expect(quarantined).toMatchObject({ table: 'practice', recordId: row.id });
    expect(quarantined?.problem).toContain('createdAt');
  });

  it('works from inside a live query, which cannot write itself', async () => {
    await writeCorruptedStaff();
    const before = getStorageStatus().quarantined;

    expect(await firstLiveValue(() => listStaff())).toEqual([gp]);

    expect(getStorageStatus().quarantined).toBe(before + 2);
    expect(getStorageStatus().problem).toBeNull();
    expectQuarantinedStaff(await listQuarantined());
  });
});
