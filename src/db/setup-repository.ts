/**
 * First run: the practice, the person setting up, and this device's label, written in one
 * transaction with their audit events, so a half-finished setup never exists.
 */
import { practiceDetailsSchema, practiceSchema, type Practice, type PracticeDetailsInput } from '../domain/practice';
import { deviceLabelSchema } from '../domain/device';
import { staffDetailsSchema, staffMemberSchema, type StaffDetailsInput, type StaffMember } from '../domain/staff';
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
  const device = await getDeviceSettings();
  if (device.setupCompletedAt) throw new ValidationFailure('This device is already set up');

  const youId = newId();
  const actor = { staffId: youId, deviceId: device.deviceId };
  const you = staffMemberSchema.parse({ ...newRecordMeta(actor, youId), status: 'active', data: yourDetails });
  const practice = practiceSchema.parse({ ...newRecordMeta(actor), status: 'active', data: practiceDetails });

  const db = getDatabase();
  await guardedWrite(() =>
    db.transaction('rw', [db.practice, db.staff, db.device, db.audit], async () => {
      await db.practice.put(await toRow(practice));
      await db.staff.put(await toRow(you));
      const current = await db.device.get('this-device');
      if (!current) throw new Error('Device settings are missing');
      await db.device.put({
        ...current,
        label,
        practiceId: practice.id,
        currentStaffId: you.id,
        setupCompletedAt: nowIso(),
      });
      await db.audit.bulkPut([
        await auditRow(actor, 'setup', 'practice', practice.id, `Practice ${practiceDetails.name} set up on ${label}`),
        await auditRow(actor, 'create', 'staff', you.id, `Added ${yourDetails.name}`),
      ]);
    }),
  );
  return { practice, you };
}
