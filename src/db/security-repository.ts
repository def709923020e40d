/**
 * Unlocking, locking, passphrases and the recovery key. Every operation that opens a key slot
 * counts wrong secrets on the device row, so guessing slows down (domain/unlock-throttle.ts) even
 * across reloads. Nothing here ever writes a record in clear once the practice has keys.
 */
import { UnsealFailure } from '../crypto/key-wrapping';
import { importPracticeKeys, newPracticeKeyMaterial, type PracticeKeyMaterial } from '../crypto/practice-keys';
import { generateRecoveryKey, normaliseRecoveryKey } from '../crypto/recovery-key';
import { passphraseSchema } from '../domain/passphrase';
import type { Actor } from '../domain/record';
import { staffDisplayName } from '../domain/staff';
import { unlockDelayMs, unlockWaitRemaining } from '../domain/unlock-throttle';
import { getClock, getDatabase } from './context';
import type { KeySlotRow, RecordRow } from './database';
import { getDeviceSettings } from './device-repository';
import { getKeyringState, lockKeyring, requireUnlocked, restoreKeyring, saveThenLock, setLocked, setNoKeys, setUnlocked } from './keyring';
import { makeRecoverySlot, makeUserSlot, openSlot } from './key-slots';
import { codecForKeys, keyringPayloadCodec } from './payload-codec';
import { patientLookupKeys } from './patient-repository';
import { auditRow } from './record-store';
import { getStaffMember } from './staff-repository';
import { toLondonIso } from '../domain/time';
import { guardedWrite, ValidationFailure } from './write-guard';
import { parseOrFail } from './zod-errors';

export class UnlockRefused extends Error {
  constructor(
    message: string,
    /** How long before the next try is allowed (0 if at once). */
    readonly waitMs: number,
  ) {
    super(message);
    this.name = 'UnlockRefused';
  }
}

/** At start-up: does this device have practice keys (then it starts locked)? */
export async function initialiseKeyring(): Promise<void> {
  const slots = await getDatabase().keySlots.count();
  if (slots === 0) setNoKeys();
  else if (getKeyringState().kind === 'no-keys') setLocked();
}

/** The users who can unlock this device, by the name on their key slot. Holds no patient data. */
export async function listUnlockableUsers(): Promise<Array<{ staffId: string; label: string }>> {
  const slots = await getDatabase().keySlots.where('kind').equals('user').toArray();
  return slots
    .filter((s): s is KeySlotRow & { staffId: string } => s.staffId !== null)
    .map((s) => ({ staffId: s.staffId, label: s.label }))
    .sort((a, b) => a.label.localeCompare(b.label, 'en-GB'));
}

export async function hasUserSlot(staffId: string): Promise<boolean> {
  return (await getDatabase().keySlots.where('staffId').equals(staffId).count()) > 0;
}

function waitMessage(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/** Refuses at once while the throttle says wait. */
export async function checkThrottle(): Promise<void> {
  const device = await getDeviceSettings();
  const wait = unlockWaitRemaining(device.unlockBlockedUntil, getClock().now());
  if (wait > 0) throw new UnlockRefused(`Too many wrong tries. Wait ${waitMessage(wait)}, then try again.`, wait);
}

/** Counts a wrong secret (passphrase, recovery key, a join file's one-time passphrase) and throws UnlockRefused. */
export async function recordFailure(what: string): Promise<never> {
  const device = await getDeviceSettings();
  const failures = device.unlockFailures + 1;
  const delay = unlockDelayMs(failures);
  const db = getDatabase();
  await guardedWrite(() =>
    db.device.update('this-device', {
      unlockFailures: failures,
      unlockBlockedUntil: delay > 0 ? toLondonIso(new Date(getClock().now().getTime() + delay)) : null,
    }),
  );
  throw new UnlockRefused(delay > 0 ? `${what} Wait ${waitMessage(delay)} before the next try.` : what, delay);
}

/** Opens `staffId`'s key slot with their passphrase, counting a wrong one. */
export async function openUserSlot(staffId: string, passphrase: string): Promise<PracticeKeyMaterial> {
  await checkThrottle();
  const slot = await getDatabase().keySlots.where('staffId').equals(staffId).first();
  if (!slot) throw new UnlockRefused('This user has no passphrase on this device yet: ask someone who can unlock to set one on the Staff screen.', 0);
  try {
    return await openSlot(slot, passphrase);
  } catch (error) {
    if (error instanceof UnsealFailure) return recordFailure('That passphrase is not right.');
    throw error;
  }
}

/**
 * Unlocks as `staffId` with their passphrase, making them the user of this device (unlocking as
 * someone else is how users switch). Wrong passphrases are counted and slowed down.
 */
export async function unlock(staffId: string, passphrase: string): Promise<void> {
  const material = await openUserSlot(staffId, passphrase);
  const keys = await importPracticeKeys(material);
  const previous = getKeyringState();
  setUnlocked(keys, material, staffId);
  const device = await getDeviceSettings();
  const member = await getStaffMember(staffId);
  const name = member ? staffDisplayName(member.data) : 'A user';
  const switched = device.currentStaffId !== staffId;
  const actor: Actor = { staffId, deviceId: device.deviceId };
  const audit = await auditRow(actor, switched ? 'switch-user' : 'unlock', 'staff', staffId, switched ? `${name} started using this device` : `${name} unlocked this device`);
  const db = getDatabase();
  try {
    await guardedWrite(() =>
      db.transaction('rw', [db.device, db.audit], async () => {
        await db.device.update('this-device', { currentStaffId: staffId, unlockFailures: 0, unlockBlockedUntil: null });
        await db.audit.put(audit);
      }),
    );
  } catch (error) {
    if (previous.kind !== 'unlocked') lockKeyring();
    throw error;
  }
}

/** Locks this device (and every tab of it): the keys leave memory. */
export function lock(): Promise<void> {
  return saveThenLock();
}

/**
 * A forgotten passphrase: the recovery key opens the practice keys, and the user chooses a new
 * passphrase, which replaces their old key slot. Nothing else changes.
 */
export async function resetPassphraseWithRecoveryKey(typedRecoveryKey: string, staffId: string, newPassphrase: string): Promise<void> {
  const checked = normaliseRecoveryKey(typedRecoveryKey);
  if (!checked.ok) throw new ValidationFailure(checked.message, { recoveryKey: checked.message });
  const passphrase = parseOrFail(passphraseSchema, newPassphrase, 'The new passphrase');
  await checkThrottle();
  const db = getDatabase();
  const recoverySlot = await db.keySlots.where('kind').equals('recovery').first();
  if (!recoverySlot) throw new ValidationFailure('This device has no recovery key slot');
  let material: PracticeKeyMaterial;
  try {
    material = await openSlot(recoverySlot, checked.key);
  } catch (error) {
    if (error instanceof UnsealFailure) return recordFailure('That recovery key does not open this device’s records. Check it against the printed key.');
    throw error;
  }
  // Unlock only once the new slot is on disk: until then the old passphrase must still be the one.
  const keys = await importPracticeKeys(material);
  const ownSlot = await db.keySlots.where('staffId').equals(staffId).first();
  if (!ownSlot) throw new ValidationFailure('That user cannot unlock this device: ask someone who can to set their passphrase on the Staff screen');
  const device = await getDeviceSettings();
  const slot = await makeUserSlot(material, staffId, ownSlot.label, passphrase);
  const audit = await auditRow({ staffId, deviceId: device.deviceId }, 'passphrase', 'staff', staffId, `${ownSlot.label} set a new passphrase with the recovery key`, codecForKeys(keys));
  await guardedWrite(() =>
    db.transaction('rw', [db.keySlots, db.device, db.audit], async () => {
      await db.keySlots.where('staffId').equals(staffId).delete();
      await db.keySlots.put(slot);
      await db.device.update('this-device', { currentStaffId: staffId, unlockFailures: 0, unlockBlockedUntil: null });
      await db.audit.put(audit);
    }),
  );
  setUnlocked(keys, material, staffId);
}

/** The user using the device changes their own passphrase: the current one proves it is them. */
export async function changePassphrase(currentPassphrase: string, newPassphrase: string): Promise<void> {
  const { staffId } = requireUnlocked();
  const passphrase = parseOrFail(passphraseSchema, newPassphrase, 'The new passphrase');
  const material = await openUserSlot(staffId, currentPassphrase);
  await replaceUserSlot(staffId, material, passphrase, 'changed their passphrase');
}

/**
 * Sets a passphrase for a colleague who has none on this device yet (staff added before
 * encryption, or who joined later). They type it themselves; the unlocked user's keys seal it.
 */
export async function setPassphraseFor(staffId: string, newPassphrase: string): Promise<void> {
  const { material } = requireUnlocked();
  const passphrase = parseOrFail(passphraseSchema, newPassphrase, 'The passphrase');
  if (await hasUserSlot(staffId)) throw new ValidationFailure('This user already has a passphrase: they can change it themselves');
  await replaceUserSlot(staffId, material, passphrase, 'was given a passphrase');
}

async function replaceUserSlot(staffId: string, material: PracticeKeyMaterial, passphrase: string, what: string): Promise<void> {
  const state = requireUnlocked();
  const member = await getStaffMember(staffId);
  if (!member || member.status !== 'active') throw new ValidationFailure('That user is not on this device');
  const device = await getDeviceSettings();
  const slot = await makeUserSlot(material, staffId, staffDisplayName(member.data), passphrase);
  const audit = await auditRow({ staffId: state.staffId, deviceId: device.deviceId }, 'passphrase', 'staff', staffId, `${staffDisplayName(member.data)} ${what}`);
  const db = getDatabase();
  await guardedWrite(() =>
    db.transaction('rw', [db.keySlots, db.audit], async () => {
      await db.keySlots.where('staffId').equals(staffId).delete();
      await db.keySlots.put(slot);
      await db.audit.put(audit);
    }),
  );
}

/** Key slots for a brand-new practice: the first user's and the recovery key's. */
export async function firstKeySlots(material: PracticeKeyMaterial, staffId: string, label: string, passphrase: string, recoveryKey: string): Promise<KeySlotRow[]> {
  return Promise.all([makeUserSlot(material, staffId, label, passphrase), makeRecoverySlot(material, recoveryKey)]);
}

/**
 * A device set up before encryption: the user using it chooses a passphrase, the practice gets
 * its keys and recovery key, and every record already stored is encrypted in one transaction.
 */
export async function protectExistingRecords(input: { material: PracticeKeyMaterial; recoveryKey: string; passphrase: string }): Promise<void> {
  const passphrase = parseOrFail(passphraseSchema, input.passphrase, 'The passphrase');
  const db = getDatabase();
  if ((await db.keySlots.count()) > 0) throw new ValidationFailure('This device already protects its records');
  const device = await getDeviceSettings();
  const staffId = device.currentStaffId;
  const member = staffId ? await getStaffMember(staffId) : null;
  if (!staffId || !member) throw new ValidationFailure('Choose who is using this device first');

  const keys = await importPracticeKeys(input.material);
  const [practiceRows, staffRows, auditRows, patientRows, consultationRows] = await Promise.all([
    db.practice.toArray(),
    db.staff.toArray(),
    db.audit.toArray(),
    db.patients.toArray(),
    db.consultations.toArray(),
  ]);
  const previous = getKeyringState();
  setUnlocked(keys, input.material, staffId);
  try {
    const encrypt = async <R extends { id: string; payload: RecordRow['payload'] }>(table: string, row: R): Promise<R> => {
      if (row.payload.codec !== 'plain') return row;
      return { ...row, payload: await keyringPayloadCodec.encode(row.payload.value, `${table}:${row.id}`) };
    };
    const [practice, staff, audit, patients, consultations] = await Promise.all([
      Promise.all(practiceRows.map((r) => encrypt('practice', r))),
      Promise.all(staffRows.map((r) => encrypt('staff', r))),
      Promise.all(auditRows.map((r) => encrypt('audit', r))),
      Promise.all(patientRows.map(async (r) => ({ ...(await encrypt('patients', r)), lookup: r.payload.codec === 'plain' ? await patientLookupKeys(r) : r.lookup }))),
      Promise.all(consultationRows.map((r) => encrypt('consultations', r))),
    ]);
    const slots = await firstKeySlots(input.material, staffId, staffDisplayName(member.data), passphrase, input.recoveryKey);
    const total = practice.length + staff.length + audit.length + patients.length + consultations.length;
    const event = await auditRow({ staffId, deviceId: device.deviceId }, 'passphrase', 'staff', staffId, `${staffDisplayName(member.data)} turned on encryption; ${total} records encrypted`);
    await guardedWrite(() =>
      db.transaction('rw', [db.practice, db.staff, db.audit, db.keySlots, db.patients, db.consultations], async () => {
        // Anything written since we read would be left plain: refuse rather than miss it.
        const counts = await Promise.all([db.audit.count(), db.patients.count(), db.consultations.count()]);
        if (counts[0] !== auditRows.length || counts[1] !== patientRows.length || counts[2] !== consultationRows.length) {
          throw new ValidationFailure('Records changed while encrypting: try again');
        }
        await db.practice.bulkPut(practice);
        await db.staff.bulkPut(staff);
        await db.audit.bulkPut(audit);
        await db.patients.bulkPut(patients);
        await db.consultations.bulkPut(consultations);
        await db.keySlots.bulkPut(slots);
        await db.audit.put(event);
      }),
    );
  } catch (error) {
    restoreKeyring(previous);
    throw error;
  }
}

/** New practice keys and a recovery key, made on this device; nothing is stored until setup commits. */
export function prepareNewPracticeKeys(): { material: PracticeKeyMaterial; recoveryKey: string } {
  return { material: newPracticeKeyMaterial(), recoveryKey: generateRecoveryKey() };
}
