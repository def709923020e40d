// Key slots through the repositories: setup encrypts, each user unlocks with their own passphrase,
// removing a user or changing a passphrase changes slots only, and the recovery key gets a user
// back in. Real Web Crypto, real (fake-indexeddb) IndexedDB; only the PBKDF2 count is lowered.
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addPatient,
  addStaff,
  changePassphrase,
  getDeviceSettings,
  getKeyringState,
  getPractice,
  getStaffMember,
  initialiseKeyring,
  listAuditFor,
  listQuarantined,
  listRecentAudit,
  listStaff,
  listUnlockableUsers,
  lock,
  LockedError,
  removeStaff,
  resetPassphraseWithRecoveryKey,
  setPassphraseFor,
  unlock,
  UnlockRefused,
  updatePractice,
  ValidationFailure,
  type LifeboatDatabase,
} from '../../../src/db';
import { PBKDF2_ITERATIONS } from '../../../src/crypto/key-wrapping';
import { generateRecoveryKey } from '../../../src/crypto/recovery-key';
import { fromBase64 } from '../../../src/crypto/bytes';
import { setKdfIterationsForTests } from '../../../src/db/key-slots';
import type { StaffMember } from '../../../src/domain/staff';
import { frozenClock } from '../db/fresh-database';
import {
  dumpTables,
  GP,
  GP_PASSPHRASE,
  IDENTIFYING_TEXT,
  NEW_PASSPHRASE,
  NURSE,
  NURSE_PASSPHRASE,
  openDatabaseIn,
  PRACTICE,
  refusalOf,
  setUpEncryptedDevice,
  type EncryptedDevice,
} from './builders';

let factory: IDBFactory;
let clock: ReturnType<typeof frozenClock>;
let db: LifeboatDatabase;

beforeEach(() => {
  setKdfIterationsForTests(1_000);
  factory = new IDBFactory();
  clock = frozenClock();
  db = openDatabaseIn(factory, clock);
});

afterEach(() => {
  setKdfIterationsForTests(null);
});

function unlockedAs(): string | null {
  const state = getKeyringState();
  return state.kind === 'unlocked' ? state.staffId : null;
}

/** The stored record rows (not the audit trail, which only grows): to prove data is not re-encrypted. */
async function recordRows(): Promise<unknown> {
  return { practice: await db.practice.toArray(), staff: await db.staff.toArray() };
}

async function slotOf(staffId: string) {
  return db.keySlots.where('staffId').equals(staffId).first();
}

describe('a device set up with practice keys', () => {
  let device: EncryptedDevice;
  beforeEach(async () => {
    device = await setUpEncryptedDevice();
  });

  it('stores every practice, staff and audit payload encrypted with AES-GCM under the practice key id', async () => {
    const rows = [...(await db.practice.toArray()), ...(await db.staff.toArray()), ...(await db.audit.toArray())];
    expect(rows).toHaveLength(4); // practice, GP, and the two setup audit events
    for (const row of rows) {
      expect(row.payload).toEqual({ codec: 'aes-gcm', keyId: device.material.keyId, iv: expect.any(String), ciphertext: expect.any(String) });
    }
  });

  it('keeps none of the typed names, codes or numbers in any stored row but the user’s own key slot label', async () => {
    const everythingButSlots = await dumpTables(db, ['keySlots']);
    for (const text of IDENTIFYING_TEXT) expect(everythingButSlots, text).not.toContain(text);
    // Sanity: the dump does hold the rows (the ids are in clear), so the scan could have found text.
    expect(everythingButSlots).toContain(device.gp.id);
    expect(everythingButSlots).toContain(device.practice.id);

    const slots = await db.keySlots.toArray();
    expect(slots.map((s) => s.label).sort()).toEqual(['Dr Zephyrine Marrowby (GP)', 'Recovery key']);
    const slotText = JSON.stringify(slots.map(({ label: _label, ...rest }) => rest));
    for (const text of IDENTIFYING_TEXT) expect(slotText, text).not.toContain(text);
  });

  it('stores no key material, passphrase or recovery key anywhere', async () => {
    const everything = await dumpTables(db);
    for (const secret of [device.material.data, device.material.index, GP_PASSPHRASE, device.recoveryKey, device.recoveryKey.replace(/-/g, '')]) {
      expect(everything).not.toContain(secret);
    }
  });

  it('has one slot for the GP (PBKDF2) and one for the recovery key (HKDF), both for the practice key id', async () => {
    const slots = await db.keySlots.toArray();
    expect(slots).toHaveLength(2);
    expect(slots.find((s) => s.kind === 'user')).toMatchObject({ staffId: device.gp.id, keyId: device.material.keyId, kdf: { name: 'PBKDF2', iterations: 1_000 } });
    expect(slots.find((s) => s.kind === 'recovery')).toMatchObject({ staffId: null, keyId: device.material.keyId, kdf: { name: 'HKDF' } });
    expect(await listUnlockableUsers()).toEqual([{ staffId: device.gp.id, label: 'Dr Zephyrine Marrowby (GP)' }]);
  });

  it('is unlocked as the GP right after setup, and reads back what was typed', async () => {
    expect(unlockedAs()).toBe(device.gp.id);
    expect((await getPractice())?.data).toMatchObject({ name: PRACTICE.name, odsCode: PRACTICE.odsCode });
    expect((await listStaff()).map((s) => s.data.name)).toEqual([GP.name]);
    expect((await listAuditFor(device.practice.id)).map((e) => e.data.summary)).toEqual(['Practice Quillmarsh Lane Surgery set up on Consulting room 2']);
  });

  it('starts locked when the app is opened again (reload), and never writes in clear', async () => {
    db = openDatabaseIn(factory, clock);
    expect(getKeyringState().kind).toBe('no-keys'); // what useDatabase leaves before start-up
    await initialiseKeyring();
    expect(getKeyringState().kind).toBe('locked');
    await expect(listStaff()).rejects.toBeInstanceOf(LockedError);
    await expect(addStaff(NURSE, device.actor)).rejects.toThrow();
    await expect(addPatient({ firstName: 'Hildegard', lastName: 'Sponsonby', dateOfBirth: '1950-02-03', sex: 'female' }, device.actor)).rejects.toThrow();
    const stored = await dumpTables(db);
    for (const text of [NURSE.name, 'Sponsonby']) expect(stored, text).not.toContain(text);
    await unlock(device.gp.id, GP_PASSPHRASE);
    expect((await listStaff()).map((s) => s.data.name)).toEqual([GP.name]);
  });
});

describe('lock and unlock', () => {
  let device: EncryptedDevice;
  beforeEach(async () => {
    device = await setUpEncryptedDevice();
    lock();
  });

  it('drops the keys: reading any record throws LockedError, and that is not taken for corruption', async () => {
    expect(getKeyringState()).toEqual({ kind: 'locked' });
    await expect(listStaff()).rejects.toBeInstanceOf(LockedError);
    await expect(getPractice()).rejects.toBeInstanceOf(LockedError);
    await expect(getStaffMember(device.gp.id)).rejects.toBeInstanceOf(LockedError);
    await expect(listRecentAudit()).rejects.toBeInstanceOf(LockedError);
    expect(await listQuarantined()).toEqual([]);
  });

  it('refuses to write while locked, and writes nothing', async () => {
    const before = await dumpTables(db);
    expect(await refusalOf(addStaff(NURSE, device.actor, NURSE_PASSPHRASE), LockedError)).toBeInstanceOf(LockedError);
    expect(await refusalOf(updatePractice({ ...PRACTICE, phone: '01632 960 999' }, device.actor), LockedError)).toBeInstanceOf(LockedError);
    expect(await dumpTables(db)).toBe(before);
  });

  it('unlocks with the right passphrase, and audits the unlock', async () => {
    clock.advance(60_000);
    await unlock(device.gp.id, GP_PASSPHRASE);
    expect(unlockedAs()).toBe(device.gp.id);
    expect((await getPractice())?.data.name).toBe(PRACTICE.name);
    const events = await listAuditFor(device.gp.id);
    expect(events.at(-1)).toMatchObject({ action: 'unlock', actorId: device.gp.id, at: '2024-07-19T09:01:00+01:00', data: { summary: 'Dr Zephyrine Marrowby (GP) unlocked this device' } });
  });

  it('refuses a wrong passphrase with a clear message, stays locked and changes no slot', async () => {
    const slotsBefore = await db.keySlots.toArray();
    const error = await refusalOf(unlock(device.gp.id, 'harbour lantern pebbles'), UnlockRefused);
    expect(error.message).toBe('That passphrase is not right.');
    expect(error.waitMs).toBe(0);
    expect(getKeyringState().kind).toBe('locked');
    expect(await db.keySlots.toArray()).toEqual(slotsBefore);
    expect((await getDeviceSettings()).unlockFailures).toBe(1);
  });

  it('refuses the passphrase typed in another case', async () => {
    await expect(unlock(device.gp.id, GP_PASSPHRASE.toUpperCase())).rejects.toBeInstanceOf(UnlockRefused);
    expect(getKeyringState().kind).toBe('locked');
  });

  it('locking when already locked, or unlocking twice, is harmless', async () => {
    lock();
    await unlock(device.gp.id, GP_PASSPHRASE);
    await unlock(device.gp.id, GP_PASSPHRASE);
    expect(unlockedAs()).toBe(device.gp.id);
    expect((await listStaff()).map((s) => s.id)).toEqual([device.gp.id]);
  });
});

describe('two users on one device', () => {
  let device: EncryptedDevice;
  let nurse: StaffMember;
  beforeEach(async () => {
    device = await setUpEncryptedDevice();
    nurse = await addStaff(NURSE, device.actor, NURSE_PASSPHRASE);
  });

  it('gives the new user their own slot, re-wrapping the key without re-encrypting any record', async () => {
    const factory2Rows = await db.practice.toArray();
    const gpRow = await db.staff.get(device.gp.id);
    const another = await addStaff({ name: 'Imelda Crossthwaite', role: 'reception' }, device.actor, 'winter ledger bramble');
    expect(await db.practice.toArray()).toEqual(factory2Rows);
    expect(await db.staff.get(device.gp.id)).toEqual(gpRow);
    expect((await db.staff.get(another.id))?.payload.codec).toBe('aes-gcm');
    expect((await slotOf(another.id))?.kind).toBe('user');
    expect((await listUnlockableUsers()).map((u) => u.label)).toEqual(['Dr Zephyrine Marrowby (GP)', 'Imelda Crossthwaite (Reception)', 'Tobiah Wrenfield (Nurse)']);
  });

  it('seals each user’s slot under their own salt, even for the same passphrase', async () => {
    const other = await addStaff({ name: 'Imelda Crossthwaite', role: 'reception' }, device.actor, GP_PASSPHRASE);
    const gpSlot = await slotOf(device.gp.id);
    const otherSlot = await slotOf(other.id);
    expect(otherSlot?.kdf.salt).not.toBe(gpSlot?.kdf.salt);
    expect(otherSlot?.sealed.ciphertext).not.toBe(gpSlot?.sealed.ciphertext);
  });

  it('lets each user unlock with their own passphrase, and not with the other’s', async () => {
    lock();
    await unlock(nurse.id, NURSE_PASSPHRASE);
    expect(unlockedAs()).toBe(nurse.id);
    expect((await listStaff()).map((s) => s.data.name)).toEqual([GP.name, NURSE.name]);

    lock();
    await unlock(device.gp.id, GP_PASSPHRASE);
    expect(unlockedAs()).toBe(device.gp.id);

    lock();
    await expect(unlock(nurse.id, GP_PASSPHRASE)).rejects.toBeInstanceOf(UnlockRefused);
    await expect(unlock(device.gp.id, NURSE_PASSPHRASE)).rejects.toBeInstanceOf(UnlockRefused);
    expect(getKeyringState().kind).toBe('locked');
  });

  it('switches who is using the device when another user unlocks, and audits it under them', async () => {
    lock();
    clock.advance(120_000);
    await unlock(nurse.id, NURSE_PASSPHRASE);

    expect((await getDeviceSettings()).currentStaffId).toBe(nurse.id);
    expect((await listAuditFor(nurse.id)).at(-1)).toMatchObject({
      action: 'switch-user',
      actorId: nurse.id,
      deviceId: device.actor.deviceId,
      at: '2024-07-19T09:02:00+01:00',
      data: { summary: 'Tobiah Wrenfield (Nurse) started using this device' },
    });
  });

  it('switches straight from one unlocked user to another, without locking first', async () => {
    clock.advance(1_000); // the audit trail orders by time, to the second
    await unlock(nurse.id, NURSE_PASSPHRASE);
    expect(unlockedAs()).toBe(nurse.id);
    expect((await getDeviceSettings()).currentStaffId).toBe(nurse.id);
    clock.advance(1_000);
    await unlock(device.gp.id, GP_PASSPHRASE);
    expect(unlockedAs()).toBe(device.gp.id);
    expect((await getDeviceSettings()).currentStaffId).toBe(device.gp.id);
    expect((await listAuditFor(device.gp.id)).map((e) => e.action)).toEqual(['create', 'switch-user']);
  });

  it('audits a plain unlock (not a switch) when the same user unlocks again', async () => {
    clock.advance(1_000); // the audit trail orders by time, to the second
    await unlock(nurse.id, NURSE_PASSPHRASE);
    lock();
    clock.advance(1_000);
    await unlock(nurse.id, NURSE_PASSPHRASE);
    expect((await listAuditFor(nurse.id)).map((e) => e.action)).toEqual(['create', 'switch-user', 'unlock']);
  });

  it('a wrong passphrase for another user leaves the current user unlocked', async () => {
    await expect(unlock(nurse.id, GP_PASSPHRASE)).rejects.toBeInstanceOf(UnlockRefused);
    expect(unlockedAs()).toBe(device.gp.id);
    expect((await getDeviceSettings()).currentStaffId).toBe(device.gp.id);
  });

  it('requires a passphrase for a new user once the practice has keys, and writes nothing without one', async () => {
    const before = await dumpTables(db);
    const error = await refusalOf(addStaff({ name: 'Imelda Crossthwaite', role: 'reception' }, device.actor), ValidationFailure);
    expect(error.message).toMatch(/^Their passphrase has problems: Use at least 12 characters/);
    await expect(addStaff({ name: 'Imelda Crossthwaite', role: 'reception' }, device.actor, 'too short')).rejects.toBeInstanceOf(ValidationFailure);
    expect(await dumpTables(db)).toBe(before);
  });

  it('removing a user deletes their slot, so their passphrase no longer unlocks; nobody else’s slot changes', async () => {
    const otherSlots = (await db.keySlots.toArray()).filter((s) => s.staffId !== nurse.id);
    await removeStaff(nurse.id, device.actor);

    expect(await slotOf(nurse.id)).toBeUndefined();
    expect(await db.keySlots.toArray()).toEqual(expect.arrayContaining(otherSlots));
    expect(await db.keySlots.count()).toBe(otherSlots.length);
    expect(await listUnlockableUsers()).toEqual([{ staffId: device.gp.id, label: 'Dr Zephyrine Marrowby (GP)' }]);

    lock();
    const error = await refusalOf(unlock(nurse.id, NURSE_PASSPHRASE), UnlockRefused);
    expect(error.message).toMatch(/has no passphrase on this device/);
    expect(getKeyringState().kind).toBe('locked');
    expect((await getDeviceSettings()).unlockFailures).toBe(0);

    await unlock(device.gp.id, GP_PASSPHRASE);
    expect((await getStaffMember(nurse.id))?.status).toBe('removed');
  });
});

describe('changePassphrase', () => {
  let device: EncryptedDevice;
  beforeEach(async () => {
    device = await setUpEncryptedDevice();
  });

  it('replaces the slot: the old passphrase stops working, the new one works, and no record is re-encrypted', async () => {
    await addStaff(NURSE, device.actor, NURSE_PASSPHRASE);
    const rowsBefore = await recordRows();
    const auditBefore = await db.audit.toArray();
    const oldSlot = await slotOf(device.gp.id);
    const otherSlots = (await db.keySlots.toArray()).filter((s) => s.staffId !== device.gp.id);

    await changePassphrase(GP_PASSPHRASE, NEW_PASSPHRASE);

    expect(await recordRows()).toEqual(rowsBefore);
    expect(await db.audit.toArray()).toEqual(expect.arrayContaining(auditBefore));
    const newSlot = await slotOf(device.gp.id);
    expect(newSlot?.id).not.toBe(oldSlot?.id);
    expect(newSlot?.kdf.salt).not.toBe(oldSlot?.kdf.salt);
    expect(await db.keySlots.where('staffId').equals(device.gp.id).count()).toBe(1);
    expect(await db.keySlots.toArray()).toEqual(expect.arrayContaining(otherSlots));

    lock();
    await expect(unlock(device.gp.id, GP_PASSPHRASE)).rejects.toBeInstanceOf(UnlockRefused);
    await unlock(device.gp.id, NEW_PASSPHRASE);
    expect((await listStaff()).map((s) => s.data.name)).toEqual([GP.name, NURSE.name]);
    expect((await getPractice())?.data.name).toBe(PRACTICE.name);
    expect((await listAuditFor(device.gp.id)).map((e) => e.data.summary)).toContain('Dr Zephyrine Marrowby (GP) changed their passphrase');
  });

  it('does not change the other user’s passphrase', async () => {
    const nurse = await addStaff(NURSE, device.actor, NURSE_PASSPHRASE);
    await changePassphrase(GP_PASSPHRASE, NEW_PASSPHRASE);
    lock();
    await unlock(nurse.id, NURSE_PASSPHRASE);
    expect(unlockedAs()).toBe(nurse.id);
  });

  it('refuses a wrong current passphrase, counts it, and keeps the old slot', async () => {
    const slotsBefore = await db.keySlots.toArray();
    await expect(changePassphrase('not my passphrase at all', NEW_PASSPHRASE)).rejects.toBeInstanceOf(UnlockRefused);
    expect(await db.keySlots.toArray()).toEqual(slotsBefore);
    expect((await getDeviceSettings()).unlockFailures).toBe(1);
    lock();
    await unlock(device.gp.id, GP_PASSPHRASE);
  });

  it('refuses a new passphrase that is too short, and keeps the old slot', async () => {
    const slotsBefore = await db.keySlots.toArray();
    const error = await refusalOf(changePassphrase(GP_PASSPHRASE, 'short'), ValidationFailure);
    expect(error.message).toMatch(/^The new passphrase has problems: Use at least 12 characters/);
    expect(await db.keySlots.toArray()).toEqual(slotsBefore);
  });

  it('needs the device unlocked', async () => {
    lock();
    await expect(changePassphrase(GP_PASSPHRASE, NEW_PASSPHRASE)).rejects.toBeInstanceOf(LockedError);
  });
});

describe('setPassphraseFor', () => {
  it('refuses a user who already has a passphrase, so it cannot be used to take over their slot', async () => {
    const device = await setUpEncryptedDevice();
    const nurse = await addStaff(NURSE, device.actor, NURSE_PASSPHRASE);
    const slotsBefore = await db.keySlots.toArray();
    const error = await refusalOf(setPassphraseFor(nurse.id, 'taken over passphrase'), ValidationFailure);
    expect(error.message).toBe('This user already has a passphrase: they can change it themselves');
    expect(await db.keySlots.toArray()).toEqual(slotsBefore);
  });
});

describe('the recovery key', () => {
  let device: EncryptedDevice;
  beforeEach(async () => {
    device = await setUpEncryptedDevice();
    lock();
  });

  it('sets a new passphrase for a user who forgot theirs, unlocks, and loses nothing', async () => {
    const rowsBefore = await recordRows();
    const recoverySlot = await db.keySlots.where('kind').equals('recovery').first();
    clock.advance(1_000); // the audit trail orders by time, to the second

    await resetPassphraseWithRecoveryKey(device.recoveryKey, device.gp.id, NEW_PASSPHRASE);

    expect(unlockedAs()).toBe(device.gp.id);
    expect(await recordRows()).toEqual(rowsBefore);
    expect(await db.keySlots.where('kind').equals('recovery').first()).toEqual(recoverySlot);
    expect((await listAuditFor(device.gp.id)).at(-1)).toMatchObject({
      action: 'passphrase',
      data: { summary: 'Dr Zephyrine Marrowby (GP) set a new passphrase with the recovery key' },
    });

    lock();
    await expect(unlock(device.gp.id, GP_PASSPHRASE)).rejects.toBeInstanceOf(UnlockRefused);
    await unlock(device.gp.id, NEW_PASSPHRASE);
    expect((await getPractice())?.data.name).toBe(PRACTICE.name);
  });

  it('accepts the key typed in lower case with spaces', async () => {
    await resetPassphraseWithRecoveryKey(device.recoveryKey.toLowerCase().replace(/-/g, ' '), device.gp.id, NEW_PASSPHRASE);
    expect(unlockedAs()).toBe(device.gp.id);
  });

  it('works again later: the recovery slot is not used up', async () => {
    await resetPassphraseWithRecoveryKey(device.recoveryKey, device.gp.id, NEW_PASSPHRASE);
    lock();
    await resetPassphraseWithRecoveryKey(device.recoveryKey, device.gp.id, 'third passphrase here');
    lock();
    await unlock(device.gp.id, 'third passphrase here');
  });

  it('refuses a wrong recovery key (valid, but another one), counts it, and changes nothing', async () => {
    const before = await dumpTables(db, ['device']);
    const error = await refusalOf(resetPassphraseWithRecoveryKey(generateRecoveryKey(), device.gp.id, NEW_PASSPHRASE), UnlockRefused);
    expect(error.message).toMatch(/^That recovery key does not open this device’s records/);
    expect(getKeyringState().kind).toBe('locked');
    expect((await getDeviceSettings()).unlockFailures).toBe(1);
    expect(await dumpTables(db, ['device'])).toBe(before);
    await unlock(device.gp.id, GP_PASSPHRASE);
  });

  it('refuses a mistyped recovery key before trying it, with a clear message, without counting a failure', async () => {
    const chars = device.recoveryKey.split('');
    chars[5] = chars[5] === 'A' ? 'B' : 'A';
    const before = await dumpTables(db);

    const error = await refusalOf(resetPassphraseWithRecoveryKey(chars.join(''), device.gp.id, NEW_PASSPHRASE), ValidationFailure);

    expect(error.message).toBe('This recovery key has a mistake in it: check each group against the printed key');
    expect(error.fieldErrors).toEqual({ recoveryKey: error.message });
    expect(getKeyringState().kind).toBe('locked');
    expect(await dumpTables(db)).toBe(before);
    expect((await getDeviceSettings()).unlockFailures).toBe(0);
  });

  it('refuses a recovery key of the wrong length, saying so', async () => {
    const error = await refusalOf(resetPassphraseWithRecoveryKey(device.recoveryKey.slice(0, -5), device.gp.id, NEW_PASSPHRASE), ValidationFailure);
    expect(error.message).toMatch(/has 36 letters and numbers/);
    expect((await getDeviceSettings()).unlockFailures).toBe(0);
  });

  it('refuses a new passphrase that is too short without trying the key', async () => {
    const error = await refusalOf(resetPassphraseWithRecoveryKey(device.recoveryKey, device.gp.id, 'short'), ValidationFailure);
    expect(error.message).toMatch(/^The new passphrase has problems/);
    expect(getKeyringState().kind).toBe('locked');
  });

  it('refuses a removed user (they have no slot any more), and leaves the device locked', async () => {
    await unlock(device.gp.id, GP_PASSPHRASE);
    const nurse = await addStaff(NURSE, device.actor, NURSE_PASSPHRASE);
    await removeStaff(nurse.id, device.actor);
    lock();
    const before = await dumpTables(db);
    const error = await refusalOf(resetPassphraseWithRecoveryKey(device.recoveryKey, nurse.id, NEW_PASSPHRASE), ValidationFailure);
    expect(error.message).toMatch(/^That user cannot unlock this device/);
    expect(getKeyringState().kind).toBe('locked');
    expect(await dumpTables(db)).toBe(before);
  });
});

describe('the production key derivation', () => {
  it('uses at least 600,000 PBKDF2 iterations, records the count in the slot, and that slot unlocks', async () => {
    setKdfIterationsForTests(null);
    expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    const device = await setUpEncryptedDevice();
    const slot = await slotOf(device.gp.id);
    expect(slot?.kdf).toEqual({ name: 'PBKDF2', hash: 'SHA-256', iterations: PBKDF2_ITERATIONS, salt: expect.any(String) });
    expect(fromBase64(slot?.kdf.salt ?? '')).toHaveLength(16);

    // The slot opens with the count it records, whatever the test override says later.
    setKdfIterationsForTests(1_000);
    lock();
    await unlock(device.gp.id, GP_PASSPHRASE);
    expect(unlockedAs()).toBe(device.gp.id);
  }, 20_000);

  it('is restored after a test override', async () => {
    setKdfIterationsForTests(1_000);
    setKdfIterationsForTests(null);
    const device = await setUpEncryptedDevice();
    expect((await slotOf(device.gp.id))?.kdf).toMatchObject({ iterations: PBKDF2_ITERATIONS });
  }, 20_000);
});
