// Two devices for the join tests: each its own IndexedDB (its own fake-indexeddb factory), one
// frozen clock. Only one is "this device" at a time, as in the app: `use` switches.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { addStaff, LifeboatDatabase, makeJoinFile, useDatabase, type JoinFile } from '../../../src/db';
import { setKdfIterationsForTests } from '../../../src/db/key-slots';
import type { StaffMember } from '../../../src/domain/staff';
import { frozenClock } from '../db/fresh-database';
import { nurseDetails, PASSPHRASE, setUpDevice } from '../db/builders';

export const NURSE_PASSPHRASE = 'harbour violet moss';

export interface Devices {
  clock: ReturnType<typeof frozenClock>;
  /** Makes device A or B the one the repositories use (opening its database again). */
  use(which: 'A' | 'B'): LifeboatDatabase;
}

export function twoDevices(): Devices {
  // A cheap passphrase KDF: these tests are about what moves between devices, not key stretching.
  setKdfIterationsForTests(1_000);
  const clock = frozenClock();
  const factories = { A: new IDBFactory(), B: new IDBFactory() };
  return {
    clock,
    use(which) {
      const db = new LifeboatDatabase({ indexedDB: factories[which], IDBKeyRange });
      useDatabase(db, { clock });
      return db;
    },
  };
}

export interface PracticeOnA {
  gp: StaffMember;
  nurse: StaffMember;
  file: JoinFile;
}

/** Device A: the practice set up by the GP (passphrase PASSPHRASE), a nurse added, a join file made. */
export async function practiceOnDeviceA(devices: Devices): Promise<PracticeOnA> {
  devices.use('A');
  const { you: gp, actor } = await setUpDevice();
  const nurse = await addStaff(nurseDetails(), actor, NURSE_PASSPHRASE);
  const file = await makeJoinFile(PASSPHRASE);
  return { gp, nurse, file };
}

/** What is stored on the current device, by table. */
export async function storedCounts(db: LifeboatDatabase) {
  return {
    practice: await db.practice.count(),
    staff: await db.staff.count(),
    keySlots: await db.keySlots.count(),
    audit: await db.audit.count(),
  };
}

export const NOTHING_STORED = { practice: 0, staff: 0, keySlots: 0, audit: 0 };

/** The error a promise rejects with, which must be of `type`. */
export async function refusalOf<E extends Error>(promise: Promise<unknown>, type: new (...args: never[]) => E): Promise<E> {
  const outcome = await promise.then(
    () => new Error('Expected a refusal, but it resolved'),
    (error: unknown) => error,
  );
  if (!(outcome instanceof type)) throw new Error(`Expected ${type.name}, got ${String(outcome)}`);
  return outcome;
}
