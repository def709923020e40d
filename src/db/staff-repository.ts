import {
  findDuplicateStaff,
  staffDetailsSchema,
  staffDisplayName,
  staffMemberSchema,
  type StaffDetailsInput,
  type StaffMember,
} from '../domain/staff';
import type { Actor } from '../domain/record';
import { passphraseSchema } from '../domain/passphrase';
import { getDatabase } from './context';
import type { KeySlotRow } from './database';
import { makeUserSlot } from './key-slots';
import { hasPracticeKeys, requireUnlocked } from './keyring';
import { auditRow, fromRow, fromRows, newRecordMeta, nowIso, toRow } from './record-store';
import { guardedWrite, ValidationFailure } from './write-guard';
import { parseOrFail } from './zod-errors';

/** Everyone set up on this device, active first, then by name. */
export async function listStaff(options: { includeRemoved?: boolean } = {}): Promise<StaffMember[]> {
  const rows = await getDatabase().staff.toArray();
  const staff = await fromRows('staff', rows, staffMemberSchema);
  return staff
    .filter((s) => options.includeRemoved || s.status === 'active')
    .sort((a, b) => (a.status === b.status ? a.data.name.localeCompare(b.data.name, 'en-GB') : a.status === 'active' ? -1 : 1));
}

export async function getStaffMember(id: string): Promise<StaffMember | null> {
  const row = await getDatabase().staff.get(id);
  return row ? fromRow('staff', row, staffMemberSchema) : null;
}

/**
 * Adds a user; refuses a duplicate (same name and role, or same registration number). Once the
 * practice has keys, the new user's passphrase (typed by them) is required: it seals their key
 * slot in the same transaction.
 */
export async function addStaff(details: StaffDetailsInput, actor: Actor, passphrase?: string): Promise<StaffMember> {
  const parsed = parseOrFail(staffDetailsSchema, details, 'The new user');
  const duplicate = findDuplicateStaff(await listStaff(), parsed);
  if (duplicate) throw new ValidationFailure(duplicate.message, { [duplicate.field]: duplicate.message });
  const member = staffMemberSchema.parse({ ...newRecordMeta(actor), status: 'active', data: parsed });
  let slot: KeySlotRow | null = null;
  if (hasPracticeKeys()) {
    const checked = parseOrFail(passphraseSchema, passphrase ?? '', 'Their passphrase');
    slot = await makeUserSlot(requireUnlocked().material, member.id, staffDisplayName(parsed), checked);
  }
  const row = await toRow('staff', member);
  const audit = await auditRow(actor, 'create', 'staff', member.id, `Added ${staffDisplayName(parsed)}`);
  const db = getDatabase();
  await guardedWrite(() =>
    db.transaction('rw', [db.staff, db.audit, db.keySlots], async () => {
      await db.staff.put(row);
      if (slot) await db.keySlots.put(slot);
      await db.audit.put(audit);
    }),
  );
  return member;
}

/** Removes a user from the device's list; the record is kept (status "removed") for attribution. */
export async function removeStaff(id: string, actor: Actor): Promise<void> {
  const member = await getStaffMember(id);
  if (!member) throw new ValidationFailure('That user is not on this device');
  if (id === actor.staffId) throw new ValidationFailure('You cannot remove yourself: switch to another user first');
  const next = staffMemberSchema.parse({ ...member, status: 'removed', updatedAt: nowIso() });
  const row = await toRow('staff', next);
  const audit = await auditRow(actor, 'update', 'staff', id, `Removed ${staffDisplayName(member.data)}`);
  const db = getDatabase();
  await guardedWrite(() =>
    db.transaction('rw', [db.staff, db.audit, db.keySlots], async () => {
      await db.staff.put(row);
      // Their passphrase no longer opens this device.
      await db.keySlots.where('staffId').equals(id).delete();
      await db.audit.put(audit);
    }),
  );
}

/**
 * Makes another user the one using this device; audited under the incoming user. Only on a device
 * without practice keys: with keys, switching is unlocking with the other user's passphrase.
 */
export async function switchUser(staffId: string, deviceId: string): Promise<StaffMember> {
  if (hasPracticeKeys()) throw new ValidationFailure('Unlock as that user with their passphrase to switch');
  const member = await getStaffMember(staffId);
  if (!member || member.status !== 'active') throw new ValidationFailure('That user is not on this device');
  const audit = await auditRow({ staffId, deviceId }, 'switch-user', 'staff', staffId, `${staffDisplayName(member.data)} started using this device`);
  const db = getDatabase();
  await guardedWrite(() =>
    db.transaction('rw', [db.device, db.audit], async () => {
      await db.device.update('this-device', { currentStaffId: staffId });
      await db.audit.put(audit);
    }),
  );
  return member;
}
