// A changed ciphertext, a payload moved to another record, a damaged or missing key slot: a clear
// refusal or the row kept aside, never a crash, never a wrong record shown, nothing overwritten.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addStaff,
  getKeyringState,
  getPractice,
  getStaffMember,
  getStorageStatus,
  listQuarantined,
  listStaff,
  lock,
  resetPassphraseWithRecoveryKey,
  unlock,
  UnlockRefused,
  type LifeboatDatabase,
} from '../../../src/db';
import type { EncryptedPayload } from '../../../src/crypto/payload-envelope';
import { setKdfIterationsForTests } from '../../../src/db/key-slots';
import type { StaffMember } from '../../../src/domain/staff';
import { freshDatabase } from '../db/fresh-database';
import {
  dumpTables,
  flipBit,
  GP,
  GP_PASSPHRASE,
  NEW_PASSPHRASE,
  NURSE,
  NURSE_PASSPHRASE,
  PRACTICE,
  refusalOf,
  rejectionOf,
  setUpEncryptedDevice,
  type EncryptedDevice,
} from './builders';

let db: LifeboatDatabase;
let device: EncryptedDevice;
let nurse: StaffMember;

beforeEach(async () => {
  setKdfIterationsForTests(1_000);
  db = freshDatabase();
  device = await setUpEncryptedDevice();
  nurse = await addStaff(NURSE, device.actor, NURSE_PASSPHRASE);
});

afterEach(() => {
  setKdfIterationsForTests(null);
});

async function encryptedPayloadOf(table: 'staff' | 'practice', id: string): Promise<EncryptedPayload> {
  const row = await db.table(table).get(id);
  if (row?.payload?.codec !== 'aes-gcm') throw new Error(`${table} ${id} is not encrypted`);
  return row.payload as EncryptedPayload;
}

async function setStaffPayload(id: string, payload: EncryptedPayload): Promise<void> {
  await db.staff.update(id, { payload });
}

describe('a tampered record', () => {
  it('is skipped and kept aside (quarantined) when one bit of its ciphertext is flipped; other rows still read', async () => {
    const payload = await encryptedPayloadOf('staff', nurse.id);
    const tampered = { ...payload, ciphertext: flipBit(payload.ciphertext, 20) };
    await setStaffPayload(nurse.id, tampered);
    const quarantinedBefore = getStorageStatus().quarantined;

    const staff = await listStaff();

    expect(staff.map((s) => s.data.name)).toEqual([GP.name]);
    expect(await getPractice()).not.toBeNull();
    const [kept] = await listQuarantined();
    expect(kept).toMatchObject({ table: 'staff', recordId: nurse.id, problem: 'The key or passphrase does not open this, or it was changed after it was made' });
    expect(await listQuarantined()).toHaveLength(1);
    expect(getStorageStatus().quarantined).toBe(quarantinedBefore + 1);
    // The row itself is left as it was, for IT support: nothing is overwritten or deleted.
    expect((await db.staff.get(nurse.id))?.payload).toEqual(tampered);
    expect(await getStaffMember(nurse.id)).toBeNull();
  });

  it('is kept aside when its IV is changed', async () => {
    const payload = await encryptedPayloadOf('staff', nurse.id);
    await setStaffPayload(nurse.id, { ...payload, iv: flipBit(payload.iv, 0) });
    expect((await listStaff()).map((s) => s.id)).toEqual([device.gp.id]);
    expect((await listQuarantined()).map((q) => q.recordId)).toEqual([nurse.id]);
  });

  it('cannot be opened by swapping two rows’ payloads: both are kept aside, neither shows the other’s data', async () => {
    const gpPayload = await encryptedPayloadOf('staff', device.gp.id);
    const nursePayload = await encryptedPayloadOf('staff', nurse.id);
    await setStaffPayload(device.gp.id, nursePayload);
    await setStaffPayload(nurse.id, gpPayload);

    expect(await listStaff({ includeRemoved: true })).toEqual([]);
    expect((await listQuarantined()).map((q) => q.recordId).sort()).toEqual([device.gp.id, nurse.id].sort());
    expect(await getPractice()).not.toBeNull();
  });

  it('cannot be opened by moving a payload from another table onto a row with the same id', async () => {
    const practicePayload = await encryptedPayloadOf('practice', device.practice.id);
    const nurseRow = await db.staff.get(nurse.id);
    if (!nurseRow) throw new Error('No nurse row');
    await db.staff.put({ ...nurseRow, id: device.practice.id, payload: practicePayload });
    const staff = await listStaff();
    expect(staff.map((s) => s.id).sort()).toEqual([device.gp.id, nurse.id].sort());
    expect((await listQuarantined()).map((q) => [q.table, q.recordId])).toEqual([['staff', device.practice.id]]);
  });

  it('is kept aside, naming the key, when it claims another practice key', async () => {
    const payload = await encryptedPayloadOf('staff', nurse.id);
    await setStaffPayload(nurse.id, { ...payload, keyId: '0f0e0d0c-0b0a-4908-8706-050403020100' });
    expect((await listStaff()).map((s) => s.id)).toEqual([device.gp.id]);
    expect((await listQuarantined())[0]?.problem).toMatch(/a practice key this device does not hold \(key 0f0e0d0c\)/);
  });

  it('is kept aside when the payload is not an envelope at all', async () => {
    await db.staff.update(nurse.id, { payload: { codec: 'aes-gcm' } as unknown as EncryptedPayload });
    await expect(listStaff()).resolves.toHaveLength(1);
    expect((await listQuarantined()).map((q) => q.recordId)).toEqual([nurse.id]);
  });

  it('still throws LockedError (not quarantine) when read while locked', async () => {
    const payload = await encryptedPayloadOf('staff', nurse.id);
    await setStaffPayload(nurse.id, { ...payload, ciphertext: flipBit(payload.ciphertext, 1) });
    lock();
    await expect(listStaff()).rejects.toThrow(/locked/);
    expect(await listQuarantined()).toEqual([]);
  });
});

describe('a damaged key slot', () => {
  beforeEach(() => {
    lock();
  });

  async function gpSlot() {
    const slot = await db.keySlots.where('staffId').equals(device.gp.id).first();
    if (!slot) throw new Error('The GP has no slot');
    return slot;
  }

  it('refuses to unlock when the slot’s ciphertext is changed, and overwrites nothing', async () => {
    const slot = await gpSlot();
    await db.keySlots.put({ ...slot, sealed: { ...slot.sealed, ciphertext: flipBit(slot.sealed.ciphertext, 7) } });
    const before = await dumpTables(db, ['device']);

    const refusal = await refusalOf(unlock(device.gp.id, GP_PASSPHRASE), UnlockRefused);

    expect(refusal.message).toBe('That passphrase is not right.');
    expect(getKeyringState().kind).toBe('locked');
    expect(await dumpTables(db, ['device'])).toBe(before);
  });

  it('refuses to unlock when the slot’s salt is changed', async () => {
    const slot = await gpSlot();
    await db.keySlots.put({ ...slot, kdf: { ...slot.kdf, salt: flipBit(slot.kdf.salt, 0) } });
    await expect(unlock(device.gp.id, GP_PASSPHRASE)).rejects.toBeInstanceOf(UnlockRefused);
    expect(getKeyringState().kind).toBe('locked');
  });

  it('refuses a slot moved to another user (the user id is bound into the slot)', async () => {
    const slot = await gpSlot();
    await db.keySlots.where('staffId').equals(nurse.id).delete();
    await db.keySlots.put({ ...slot, id: crypto.randomUUID(), staffId: nurse.id });
    await expect(unlock(nurse.id, GP_PASSPHRASE)).rejects.toBeInstanceOf(UnlockRefused);
    expect(getKeyringState().kind).toBe('locked');
  });

  it('refuses a slot that claims another key id, and stays locked', async () => {
    const slot = await gpSlot();
    await db.keySlots.put({ ...slot, keyId: '0f0e0d0c-0b0a-4908-8706-050403020100' });
    const error = await rejectionOf(unlock(device.gp.id, GP_PASSPHRASE));
    expect(error).toBeInstanceOf(Error);
    expect(getKeyringState().kind).toBe('locked');
  });

  it('says clearly when the user has no slot at all, and leaves the other slots alone', async () => {
    await db.keySlots.where('staffId').equals(device.gp.id).delete();
    const before = await dumpTables(db);
    const refusal = await refusalOf(unlock(device.gp.id, GP_PASSPHRASE), UnlockRefused);
    expect(refusal.message).toMatch(/^This user has no passphrase on this device yet/);
    expect(refusal.waitMs).toBe(0);
    expect(await dumpTables(db)).toBe(before);
    // Another user still unlocks; the records are all there.
    await unlock(nurse.id, NURSE_PASSPHRASE);
    expect((await getPractice())?.data.name).toBe(PRACTICE.name);
  });

  it('loses nothing: the recovery key still opens the records and replaces the damaged slot', async () => {
    const slot = await gpSlot();
    await db.keySlots.put({ ...slot, sealed: { ...slot.sealed, iv: flipBit(slot.sealed.iv, 3) } });
    await expect(unlock(device.gp.id, GP_PASSPHRASE)).rejects.toBeInstanceOf(UnlockRefused);

    await resetPassphraseWithRecoveryKey(device.recoveryKey, device.gp.id, NEW_PASSPHRASE);
    lock();
    await unlock(device.gp.id, NEW_PASSPHRASE);
    expect((await listStaff()).map((s) => s.data.name)).toEqual([GP.name, NURSE.name]);
  });

  it('refuses the recovery key when the recovery slot is damaged, and overwrites nothing', async () => {
    const recovery = await db.keySlots.where('kind').equals('recovery').first();
    if (!recovery) throw new Error('No recovery slot');
    await db.keySlots.put({ ...recovery, sealed: { ...recovery.sealed, ciphertext: flipBit(recovery.sealed.ciphertext, 2) } });
    const before = await dumpTables(db, ['device']);
    await expect(resetPassphraseWithRecoveryKey(device.recoveryKey, device.gp.id, NEW_PASSPHRASE)).rejects.toBeInstanceOf(UnlockRefused);
    expect(getKeyringState().kind).toBe('locked');
    expect(await dumpTables(db, ['device'])).toBe(before);
    await unlock(device.gp.id, GP_PASSPHRASE);
  });
});
