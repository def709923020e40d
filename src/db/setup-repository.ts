/**
 * First run: the practice, the person setting up, this device's label and the practice's key
 * slots (their passphrase, the recovery key), written in one transaction with their audit
 * events, so a half-finished setup never exists.
 */
import { practiceDetailsSchema, practiceSchema, type Practice, type PracticeDetailsInput } from '../domain/practice';
import { deviceLabelSchema } from '../domain/device';
import { staffDetailsSchema, staffDisplayName, staffMemberSchema, type StaffDetailsInput, type StaffMember } from '../domain/staff';
import { passphraseSchema } from '../domain/passphrase';
import { importPracticeKeys, type PracticeKeyMaterial } from '../crypto/practice-keys';
import type { AuditRow, KeySlotRow, RecordRow } from './database';
import { getKeyringState, restoreKeyring, setUnlocked } from './keyring';
import { firstKeySlots } from './security-repository';
import { newId } from '../domain/ids';
import { getDatabase } from './context';
import { getDeviceSettings } from './device-repository';
import { auditRow, newRecordMeta, nowIso, toRow } from './record-store';
import { guardedWrite, ValidationFailure } from './write-guard';
import { parseOrFail } from './zod-errors';

export interface SetupInput {
  practice: PracticeDetailsInput;
  you: StaffDetailsInput;
  deviceLabel: string;
  /** The practice's new keys, the recovery key shown to the user, and their passphrase. */
  security: { material: PracticeKeyMaterial; recoveryKey: string; passphrase: string };
}

export interface SetupResult {
  practice: Practice;
  you: StaffMember;
}

/** Creates the practice and the first user on this device, and makes that user the current one. */
export async function completeSetup(input: SetupInput): Promise<SetupResult> {
  const practiceDetails = parseOrFail(practiceDetailsSchema, input.practice, 'The practice');
  const yourDetails = parseOrFail(staffDetailsSchema, input.you, 'Your details');
  const label = parseOrFail(deviceLabelSchema, input.deviceLabel, 'The device label');
  const passphrase = parseOrFail(passphraseSchema, input.security.passphrase, 'Your passphrase');
  const device = await getDeviceSettings();
  if (device.setupCompletedAt) throw new ValidationFailure('This device is already set up');

  const youId = newId();
  const actor = { staffId: youId, deviceId: device.deviceId };
  const you = staffMemberSchema.parse({ ...newRecordMeta(actor, youId), status: 'active', data: yourDetails });
  const practice = practiceSchema.parse({ ...newRecordMeta(actor), status: 'active', data: practiceDetails });

  // Encrypt everything before the transaction (Web Crypto would let it commit early).
  const { material, recoveryKey } = input.security;
  const slots = await firstKeySlots(material, youId, staffDisplayName(yourDetails), passphrase, recoveryKey);
  const previous = getKeyringState();
  setUnlocked(await importPracticeKeys(material), material, youId);
  try {
    const practiceRow = await toRow('practice', practice);
    const youRow = await toRow('staff', you);
    const audit = [
      await auditRow(actor, 'setup', 'practice', practice.id, `Practice ${practiceDetails.name} set up on ${label}`),
      await auditRow(actor, 'create', 'staff', you.id, `Added ${yourDetails.name}`),
    ];
    await writeSetup({ practiceRow, youRow, slots, audit, label, practiceId: practice.id, youId });
  } catch (error) {
    restoreKeyring(previous);
    throw error;
  }
  return { practice, you };
}

async function writeSetup(w: { practiceRow: RecordRow; youRow: RecordRow; slots: KeySlotRow[]; audit: AuditRow[]; label: string; practiceId: string; youId: string }): Promise<void> {
  const db = getDatabase();
  await guardedWrite(() =>
    db.transaction('rw', [db.practice, db.staff, db.device, db.audit, db.keySlots], async () => {
      await db.practice.put(w.practiceRow);
      await db.staff.put(w.youRow);
      await db.keySlots.bulkPut(w.slots);
      const current = await db.device.get('this-device');
      if (!current) throw new Error('Device settings are missing');
      if (current.setupCompletedAt) throw new ValidationFailure('This device is already set up');
      await db.device.put({
        ...current,
        label: w.label,
        practiceId: w.practiceId,
        currentStaffId: w.youId,
        setupCompletedAt: nowIso(),
      });
      await db.audit.bulkPut(w.audit);
    }),
  );
}
