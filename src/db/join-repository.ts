/**
 * Joining a practice. A device already set up makes a join file: the practice keys, the practice
 * row, the active staff and their key slots as stored, sealed under a new one-time passphrase
 * that is shown once and never stored. A fresh device opens the file with that passphrase,
 * checks that every row opens with the keys inside, and writes it all in one transaction. It is
 * then locked: each colleague unlocks with the passphrase they already use on the other device.
 */
import { JOIN_FILE_MAX_BYTES, JoinFileError, openJoinEnvelope, parseJoinEnvelope, sealJoinEnvelope, type JoinEnvelope } from '../crypto/join-envelope';
import { newPassphraseKdf, UnsealFailure } from '../crypto/key-wrapping';
import { generateOneTimePassphrase, normaliseOneTimePassphrase } from '../crypto/one-time-passphrase';
import { importPracticeKeys } from '../crypto/practice-keys';
import { deviceLabelSchema } from '../domain/device';
import { practiceSchema } from '../domain/practice';
import { staffMemberSchema } from '../domain/staff';
import { getDatabase } from './context';
import type { AuditRow, KeySlotRow, RecordRow } from './database';
import { getDeviceSettings } from './device-repository';
import { joinContentsSchema, type JoinContents } from './join-contents';
import { passphraseKdfIterations } from './key-slots';
import { requireUnlocked, setKeysStoredLocked } from './keyring';
import { codecForKeys } from './payload-codec';
import { auditRow, nowIso } from './record-store';
import { checkThrottle, openUserSlot, recordFailure } from './security-repository';
import { guardedWrite, ValidationFailure } from './write-guard';

export { JOIN_FILE_MAX_BYTES };

export interface JoinFile {
  /** Names nobody: `lifeboat-join-2024-07-19.json`. */
  fileName: string;
  text: string;
  /** Shown to the user to read out or type on the other device; kept nowhere. */
  oneTimePassphrase: string;
  staffCount: number;
}

/**
 * Makes a join file for another device. The user who has unlocked confirms with their passphrase
 * first: a device left unlocked must not hand a copy of the practice keys to whoever walks by.
 */
export async function makeJoinFile(currentPassphrase: string): Promise<JoinFile> {
  const { staffId } = requireUnlocked();
  const keys = await openUserSlot(staffId, currentPassphrase);
  const db = getDatabase();
  const device = await getDeviceSettings();
  const [practiceRows, staff, slots] = await db.transaction('r', [db.practice, db.staff, db.keySlots], () =>
    Promise.all([db.practice.where('status').equals('active').toArray(), db.staff.where('status').equals('active').toArray(), db.keySlots.toArray()]),
  );
  const [practice] = practiceRows;
  if (!practice || practiceRows.length !== 1) throw new ValidationFailure('This device does not hold exactly one practice, so it cannot make a join file');
  const staffIds = new Set(staff.map((s) => s.id));
  const contents = {
    practiceId: practice.id,
    exportedAt: nowIso(),
    exportedBy: { staffId, deviceId: device.deviceId, deviceLabel: device.label },
    keys,
    practice,
    staff,
    keySlots: slots.filter((s) => s.kind === 'recovery' || (s.staffId !== null && staffIds.has(s.staffId))),
  };
  // The importer checks the same schema: refuse here rather than hand over a file it would refuse.
  const checked = joinContentsSchema.safeParse(contents);
  if (!checked.success) throw new ValidationFailure(`This device’s records cannot be copied: ${checked.error.issues.map((i) => i.message).join('; ')}`);

  const oneTimePassphrase = generateOneTimePassphrase();
  const envelope = await sealJoinEnvelope(checked.data, oneTimePassphrase, newPassphraseKdf(passphraseKdfIterations()));
  const audit = await auditRow({ staffId, deviceId: device.deviceId }, 'export', 'practice', practice.id, `Made a file for another device to join the practice (${staff.length} staff)`);
  await guardedWrite(() => db.audit.put(audit));
  return { fileName: `lifeboat-join-${contents.exportedAt.slice(0, 10)}.json`, text: JSON.stringify(envelope), oneTimePassphrase, staffCount: staff.length };
}

export interface JoinInput {
  /** The text of the chosen file. */
  fileText: string;
  oneTimePassphrase: string;
  deviceLabel: string;
}

export interface JoinResult {
  practiceId: string;
  staffCount: number;
}

/**
 * Joins this fresh device to the practice in a join file. Every refusal is a ValidationFailure
 * naming its field (`file`, `oneTimePassphrase`, `deviceLabel`), or an UnlockRefused for a wrong
 * one-time passphrase (counted, like a wrong unlock). Nothing is written unless all of it is.
 */
export async function joinPractice(input: JoinInput): Promise<JoinResult> {
  const device = await getDeviceSettings();
  if (device.setupCompletedAt || (await getDatabase().keySlots.count()) > 0) throw alreadySetUp();
  const label = deviceLabelSchema.safeParse(input.deviceLabel);
  if (!label.success) throw fieldFailure('deviceLabel', label.error.issues[0]?.message ?? 'Enter a name for this device');
  const typed = normaliseOneTimePassphrase(input.oneTimePassphrase);
  if (!typed.ok) throw fieldFailure('oneTimePassphrase', typed.message);
  const envelope = readEnvelope(input.fileText);

  await checkThrottle();
  let opened: unknown;
  try {
    opened = await openJoinEnvelope(envelope, typed.passphrase);
  } catch (error) {
    if (error instanceof UnsealFailure) {
      return recordFailure('That one-time passphrase does not open this file. Check it against the other device’s screen, or make a new file there.');
    }
    throw error;
  }
  const contents = await checkContents(opened);
  const keys = await importPracticeKeys(contents.keys);
  const codec = codecForKeys(keys);
  const practiceName = await openRows(contents, codec);
  const audit = await auditRow(
    { staffId: contents.exportedBy.staffId, deviceId: device.deviceId },
    'import',
    'practice',
    contents.practiceId,
    `${label.data} joined ${practiceName} with ${contents.staff.length} staff, from a file made on ${contents.exportedBy.deviceLabel}`,
    codec,
  );

  await writeJoinedPractice(
    { practice: contents.practice, staff: contents.staff, keySlots: contents.keySlots, audit },
    { label: label.data, practiceId: contents.practiceId, currentStaffId: null },
  );
  setKeysStoredLocked();
  return { practiceId: contents.practiceId, staffCount: contents.staff.length };
}

function fieldFailure(field: 'file' | 'oneTimePassphrase' | 'deviceLabel', message: string): ValidationFailure {
  return new ValidationFailure(message, { [field]: message });
}

/**
 * The one write of joining, by file or by code: the practice, its staff, their key slots, this
 * device's settings and the audit entry together, refused if this device already has a practice
 * (checked again inside the transaction: another tab may have set it up meanwhile).
 */
export async function writeJoinedPractice(
  rows: { practice: RecordRow; staff: RecordRow[]; keySlots: KeySlotRow[]; audit: AuditRow },
  device: { label: string; practiceId: string; currentStaffId: string | null },
): Promise<void> {
  const db = getDatabase();
  await guardedWrite(() =>
    db.transaction('rw', [db.practice, db.staff, db.keySlots, db.device, db.audit], async () => {
      const current = await db.device.get('this-device');
      if (!current) throw new Error('Device settings are missing');
      if (current.setupCompletedAt || (await db.keySlots.count()) > 0 || (await db.practice.count()) > 0) throw alreadySetUp();
      await db.practice.put(rows.practice);
      await db.staff.bulkPut(rows.staff);
      await db.keySlots.bulkPut(rows.keySlots);
      await db.device.put({ ...current, ...device, setupCompletedAt: nowIso(), unlockFailures: 0, unlockBlockedUntil: null });
      await db.audit.put(rows.audit);
    }),
  );
}

export function alreadySetUp(): ValidationFailure {
  return new ValidationFailure('This device is already set up for a practice: a device joins a practice only before it is set up');
}

function readEnvelope(text: string): JoinEnvelope {
  try {
    return parseJoinEnvelope(text);
  } catch (error) {
    if (error instanceof JoinFileError) throw fieldFailure('file', error.message);
    throw error;
  }
}

/** The file opened, so it is the one the other device made; a failure here is a version mismatch or a bug there. */
async function checkContents(opened: unknown): Promise<JoinContents> {
  const parsed = joinContentsSchema.safeParse(opened);
  if (parsed.success) return parsed.data;
  throw fieldFailure('file', 'This file opened, but what is inside is not what this version of Lifeboat expects: make a new file on the other device');
}

/** Decrypts the practice and staff rows with the keys in the file: keys and rows that do not belong together are refused. Returns the practice name. */
async function openRows(contents: JoinContents, codec: ReturnType<typeof codecForKeys>): Promise<string> {
  const open = async <T>(table: string, row: JoinContents['practice'], schema: { parse(value: unknown): T }): Promise<T> => {
    const { payload, ...meta } = row;
    return schema.parse({ ...meta, data: await codec.decode(payload, `${table}:${row.id}`) });
  };
  try {
    const practice = await open('practice', contents.practice, practiceSchema);
    await Promise.all(contents.staff.map((row) => open('staff', row, staffMemberSchema)));
    return practice.data.name;
  } catch {
    throw fieldFailure('file', 'The records in this file do not open with the keys in it: make a new file on the other device');
  }
}
