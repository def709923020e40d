import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  addStaff,
  getDeviceSettings,
  getStorageStatus,
  hasPendingWrites,
  listStaff,
  recordPersistentStorageAnswer,
  subscribeToStorageStatus,
  ValidationFailure,
  type LifeboatDatabase,
} from '../../../src/db';
import { classifyStorageError } from '../../../src/db/storage-errors';
import { guardedWrite, setRetryDelaysForTests } from '../../../src/db/write-guard';
import { freshDatabase } from './fresh-database';
import { nurseDetails, PASSPHRASE, setUpDevice } from './builders';

const ASKED_AT = '2024-07-19T09:00:00+01:00';

function quotaExceeded(): DOMException {
  return new DOMException('The quota has been exceeded.', 'QuotaExceededError');
}

/** How Dexie reports a transaction the disk refused: an AbortError wrapping the QuotaExceededError. */
function abortedForQuota(): Error {
  return new Dexie.AbortError('Transaction aborted', quotaExceeded());
}

let db: LifeboatDatabase;

beforeEach(async () => {
  setRetryDelaysForTests([0]);
  db = freshDatabase();
  await getDeviceSettings();
});

afterEach(() => {
  setRetryDelaysForTests([]);
});

function track<T>(promise: Promise<T>): { promise: Promise<T>; settled: () => boolean } {
  let settled = false;
  const tracked = promise.finally(() => {
    settled = true;
  });
  return { promise: tracked, settled: () => settled };
}

describe('classifyStorageError', () => {
  it.each([
    ['a DOMException named QuotaExceededError', quotaExceeded()],
    ["Dexie's AbortError wrapping a QuotaExceededError", abortedForQuota()],
  ])('calls %s a full disk and says what to do', (_name, error) => {
    const problem = classifyStorageError(error);
    expect(problem.kind).toBe('quota');
    expect(problem.message).toMatch(/out of storage space/);
    expect(problem.message).toMatch(/Free some space/);
    expect(problem.detail).toContain('QuotaExceededError');
  });

  it('does not call an abort for another reason a full disk', () => {
    expect(classifyStorageError(new Dexie.AbortError('Transaction aborted')).kind).toBe('unknown');
  });
});

describe('guardedWrite', () => {
  it.each([
    ['a QuotaExceededError', quotaExceeded],
    ['an AbortError wrapping a QuotaExceededError', abortedForQuota],
  ])('keeps retrying a write refused with %s, shows the problem meanwhile, and settles only once it lands', async (_name, refusal) => {
    let diskFull = true;
    let attempts = 0;
    // The refusal happens inside the real Dexie transaction, as a full disk would.
    db.device.hook('updating', () => {
      attempts += 1;
      if (diskFull) throw refusal();
      return undefined;
    });

    const write = track(recordPersistentStorageAnswer(true, ASKED_AT));

    await vi.waitFor(() => expect(attempts).toBeGreaterThanOrEqual(3));
    expect(write.settled()).toBe(false);
    expect(getStorageStatus().problem).toMatchObject({ kind: 'quota', message: expect.stringContaining('Free some space') });
    expect(getStorageStatus().pendingWrites).toBe(1);
    expect(hasPendingWrites()).toBe(true);
    expect((await db.device.get('this-device'))?.persistentStorage).toBeNull();

    diskFull = false;
    const settings = await write.promise;

    expect(settings.persistentStorage).toEqual({ granted: true, askedAt: ASKED_AT });
    expect((await db.device.get('this-device'))?.persistentStorage).toEqual({ granted: true, askedAt: ASKED_AT });
    expect(getStorageStatus().problem).toBeNull();
    expect(getStorageStatus().pendingWrites).toBe(0);
    expect(hasPendingWrites()).toBe(false);
    expect(getStorageStatus().lastSavedAt).toBeInstanceOf(Date);
  });

  it('fails a set number of times, then succeeds, reporting each state in order', async () => {
    const states: string[] = [];
    const stop = subscribeToStorageStatus(() => {
      const status = getStorageStatus();
      states.push(`${status.pendingWrites}:${status.problem?.kind ?? 'ok'}`);
    });
    let failuresLeft = 2;

    const result = await guardedWrite(async () => {
      if (failuresLeft > 0) {
        failuresLeft -= 1;
        throw quotaExceeded();
      }
      return db.transaction('rw', db.device, () => db.device.update('this-device', { label: 'Room 3 laptop' }));
    });
    stop();

    expect(result).toBe(1);
    expect((await getDeviceSettings()).label).toBe('Room 3 laptop');
    expect(states).toEqual(['1:ok', '1:quota', '1:quota', '1:ok', '0:ok']);
  });

  it('counts each write still waiting', async () => {
    let diskFull = true;
    const refuse = async () => {
      if (diskFull) throw quotaExceeded();
      return 'saved';
    };
    const first = guardedWrite(refuse);
    const second = guardedWrite(refuse);

    await vi.waitFor(() => expect(getStorageStatus().problem?.kind).toBe('quota'));
    expect(getStorageStatus().pendingWrites).toBe(2);

    diskFull = false;
    expect(await Promise.all([first, second])).toEqual(['saved', 'saved']);
    expect(getStorageStatus().pendingWrites).toBe(0);
  });

  it('throws a ValidationFailure at once, without retrying or showing a storage problem', async () => {
    const { actor } = await setUpDevice();
    let attempts = 0;
    db.staff.hook('creating', () => {
      attempts += 1;
      throw new ValidationFailure('Refused', { name: 'Refused' });
    });

    await expect(addStaff(nurseDetails(), actor, PASSPHRASE)).rejects.toThrow('Refused');

    expect(attempts).toBe(1);
    expect(getStorageStatus().problem).toBeNull();
    expect(getStorageStatus().pendingWrites).toBe(0);
    expect(await listStaff()).toHaveLength(1);
  });

  it('reopens a closed database and then saves', async () => {
    const kinds: string[] = [];
    const stop = subscribeToStorageStatus(() => kinds.push(getStorageStatus().problem?.kind ?? 'ok'));
    db.close(); // closed for good: Dexie will not reopen it by itself

    await guardedWrite(() => db.transaction('rw', db.device, () => db.device.update('this-device', { label: 'Room 3 laptop' })));
    stop();

    expect(kinds).toEqual(['ok', 'closed', 'ok', 'ok']);
    expect(db.isOpen()).toBe(true);
    expect((await getDeviceSettings()).label).toBe('Room 3 laptop');
  });
});
