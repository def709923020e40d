// Slowing down repeated wrong passphrases: the pure table, then through the repository with a
// frozen clock, across a reload.
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addStaff,
  getDeviceSettings,
  getKeyringState,
  initialiseKeyring,
  listStaff,
  lock,
  resetPassphraseWithRecoveryKey,
  unlock,
  UnlockRefused,
  type LifeboatDatabase,
} from '../../../src/db';
import { generateRecoveryKey } from '../../../src/crypto/recovery-key';
import { setKdfIterationsForTests } from '../../../src/db/key-slots';
import { FREE_ATTEMPTS, MAX_DELAY_MS, unlockDelayMs, unlockWaitRemaining } from '../../../src/domain/unlock-throttle';
import { frozenClock } from '../db/fresh-database';
import { GP, GP_PASSPHRASE, NEW_PASSPHRASE, NURSE, NURSE_PASSPHRASE, openDatabaseIn, refusalOf, setUpEncryptedDevice, type EncryptedDevice } from './builders';

const WRONG = 'not the right passphrase';

describe('unlockDelayMs', () => {
  it('allows three tries free, then doubles the wait from 2 seconds, capped at 5 minutes', () => {
    expect(FREE_ATTEMPTS).toBe(3);
    expect(MAX_DELAY_MS).toBe(300_000);
    const table = Array.from({ length: 14 }, (_, failures) => unlockDelayMs(failures));
    expect(table).toEqual([0, 0, 0, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000, 256_000, 300_000, 300_000, 300_000]);
  });

  it('never waits longer than 5 minutes however many failures', () => {
    expect(unlockDelayMs(50)).toBe(MAX_DELAY_MS);
    expect(unlockDelayMs(10_000)).toBe(MAX_DELAY_MS);
  });
});

describe('unlockWaitRemaining', () => {
  const now = new Date('2024-07-19T08:00:00Z');
  it('is 0 when not blocked or when the block has passed, and the time left otherwise', () => {
    expect(unlockWaitRemaining(null, now)).toBe(0);
    expect(unlockWaitRemaining('2024-07-19T08:59:59+01:00', now)).toBe(0);
    expect(unlockWaitRemaining('2024-07-19T09:00:00+01:00', now)).toBe(0);
    expect(unlockWaitRemaining('2024-07-19T09:00:08+01:00', now)).toBe(8_000);
  });
});

describe('wrong passphrases through the repository', () => {
  let factory: IDBFactory;
  let clock: ReturnType<typeof frozenClock>;
  let device: EncryptedDevice;
  let db: LifeboatDatabase;

  beforeEach(async () => {
    setKdfIterationsForTests(1_000);
    factory = new IDBFactory();
    clock = frozenClock('2024-07-19T08:00:00Z'); // 09:00 in London
    db = openDatabaseIn(factory, clock);
    device = await setUpEncryptedDevice();
    lock();
  });

  afterEach(() => {
    setKdfIterationsForTests(null);
  });

  async function wrongTry(): Promise<UnlockRefused> {
    return refusalOf(unlock(device.gp.id, WRONG), UnlockRefused);
  }

  it('lets three wrong tries through at once, then makes the fourth wait even with the right passphrase', async () => {
    expect((await wrongTry()).waitMs).toBe(0);
    expect((await wrongTry()).waitMs).toBe(0);
    const third = await wrongTry();
    expect(third.waitMs).toBe(2_000);
    expect(third.message).toBe('That passphrase is not right. Wait 2 seconds before the next try.');
    expect(await getDeviceSettings()).toMatchObject({ unlockFailures: 3, unlockBlockedUntil: '2024-07-19T09:00:02+01:00' });

    const fourth = await refusalOf(unlock(device.gp.id, GP_PASSPHRASE), UnlockRefused);
    expect(fourth.waitMs).toBe(2_000);
    expect(fourth.message).toBe('Too many wrong tries. Wait 2 seconds, then try again.');
    expect(getKeyringState().kind).toBe('locked');
    // A refusal for waiting is not another wrong try.
    expect((await getDeviceSettings()).unlockFailures).toBe(3);

    clock.advance(1_000);
    expect((await refusalOf(unlock(device.gp.id, GP_PASSPHRASE), UnlockRefused)).waitMs).toBe(1_000);

    clock.advance(1_000);
    await unlock(device.gp.id, GP_PASSPHRASE);
    expect(getKeyringState().kind).toBe('unlocked');
    expect(await getDeviceSettings()).toMatchObject({ unlockFailures: 0, unlockBlockedUntil: null });
  });

  it('refuses a wrong passphrase during the wait too, without counting it or trying it', async () => {
    for (let i = 0; i < 3; i += 1) await wrongTry();
    const during = await wrongTry();
    expect(during.message).toMatch(/^Too many wrong tries/);
    expect((await getDeviceSettings()).unlockFailures).toBe(3);
  });

  it('doubles the wait with each further wrong try', async () => {
    const waits: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      const refusal = await wrongTry();
      waits.push(refusal.waitMs);
      clock.advance(refusal.waitMs);
    }
    expect(waits).toEqual([0, 0, 2_000, 4_000, 8_000, 16_000, 32_000]);
    expect((await getDeviceSettings()).unlockFailures).toBe(7);
  });

  it('says minutes when the wait is long', async () => {
    let last: UnlockRefused | null = null;
    for (let i = 0; i < 11; i += 1) {
      last = await wrongTry();
      clock.advance(last.waitMs);
    }
    expect(last?.waitMs).toBe(300_000);
    expect(last?.message).toBe('That passphrase is not right. Wait 5 minutes before the next try.');
  });

  it('says "1 minute" (singular) when a minute is left', async () => {
    let last: UnlockRefused | null = null;
    for (let i = 0; i < 8; i += 1) {
      clock.advance(last?.waitMs ?? 0);
      last = await wrongTry();
    }
    expect(last?.waitMs).toBe(64_000);
    clock.advance(4_000);
    const refusal = await refusalOf(unlock(device.gp.id, GP_PASSPHRASE), UnlockRefused);
    expect(refusal.waitMs).toBe(60_000);
    expect(refusal.message).toBe('Too many wrong tries. Wait 1 minute, then try again.');
  });

  it('keeps the count and the wait across a reload (they are on the device row)', async () => {
    for (let i = 0; i < 3; i += 1) await wrongTry();

    db = openDatabaseIn(factory, clock);
    await initialiseKeyring();
    expect(await db.device.get('this-device')).toMatchObject({ unlockFailures: 3, unlockBlockedUntil: '2024-07-19T09:00:02+01:00' });

    const refusal = await refusalOf(unlock(device.gp.id, GP_PASSPHRASE), UnlockRefused);
    expect(refusal.waitMs).toBe(2_000);

    clock.advance(2_000);
    await unlock(device.gp.id, GP_PASSPHRASE);
    expect((await listStaff()).map((s) => s.data.name)).toEqual([GP.name]);
    expect(await db.device.get('this-device')).toMatchObject({ unlockFailures: 0, unlockBlockedUntil: null });
  });

  it('starts counting from zero again after a right passphrase', async () => {
    await wrongTry();
    await wrongTry();
    await unlock(device.gp.id, GP_PASSPHRASE);
    lock();
    expect((await wrongTry()).waitMs).toBe(0);
    expect((await wrongTry()).waitMs).toBe(0);
    expect((await wrongTry()).waitMs).toBe(2_000);
  });

  it('counts wrong tries at every user’s slot together (a thief cannot spread guesses over users)', async () => {
    await unlock(device.gp.id, GP_PASSPHRASE);
    const nurse = await addStaff(NURSE, device.actor, NURSE_PASSPHRASE);
    lock();
    await wrongTry();
    await refusalOf(unlock(nurse.id, WRONG), UnlockRefused);
    expect((await refusalOf(unlock(nurse.id, WRONG), UnlockRefused)).waitMs).toBe(2_000);
    expect((await refusalOf(unlock(nurse.id, NURSE_PASSPHRASE), UnlockRefused)).message).toMatch(/^Too many wrong tries/);
  });

  it('counts wrong recovery keys with wrong passphrases, and makes the recovery key wait too', async () => {
    await wrongTry();
    await wrongTry();
    const wrongKey = await refusalOf(resetPassphraseWithRecoveryKey(generateRecoveryKey(), device.gp.id, NEW_PASSPHRASE), UnlockRefused);
    expect(wrongKey.waitMs).toBe(2_000);

    const rightKey = await refusalOf(resetPassphraseWithRecoveryKey(device.recoveryKey, device.gp.id, NEW_PASSPHRASE), UnlockRefused);
    expect(rightKey.message).toMatch(/^Too many wrong tries/);
    expect(getKeyringState().kind).toBe('locked');

    clock.advance(2_000);
    await resetPassphraseWithRecoveryKey(device.recoveryKey, device.gp.id, NEW_PASSPHRASE);
    expect(await getDeviceSettings()).toMatchObject({ unlockFailures: 0, unlockBlockedUntil: null });
  });
});
