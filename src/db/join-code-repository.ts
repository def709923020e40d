/**
 * Joining a practice by a code shown on a device already set up (a QR code; the file route is in
 * join-repository.ts). The code carries the practice keys, the practice and the staff as data and,
 * when it fits, the recovery key slot, sealed under a one-time passphrase shown beside it. Unlike
 * the file it carries nobody's key slot: the person joining chooses who they are and sets a
 * passphrase for this device, and colleagues are given one later on the Staff screen.
 *
 * Joining is two steps, because the staff list to choose from is inside the code: open it with
 * the one-time passphrase, then join as one of its staff.
 */
import { JOIN_CODE_MAX_CHARS, JoinCodeError, JoinCodeUnsealFailure, openJoinCode, parseJoinCode, sealJoinCode, type JoinCodeEnvelope } from '../crypto/join-code';
import { generateOneTimePassphrase, normaliseOneTimePassphrase } from '../crypto/one-time-passphrase';
import { importPracticeKeys, type PracticeKeyMaterial } from '../crypto/practice-keys';
import { deviceLabelSchema } from '../domain/device';
import { passphraseSchema } from '../domain/passphrase';
import { practiceSchema, type Practice } from '../domain/practice';
import { staffDisplayName, staffMemberSchema, type StaffMember } from '../domain/staff';
import { getDatabase } from './context';
import type { KeySlotRow, RecordRow } from './database';
import { getDeviceSettings } from './device-repository';
import { joinCodeContentsSchema, type JoinCodeContents } from './join-code-contents';
import { alreadySetUp, writeJoinedPractice } from './join-repository';
import { makeUserSlot, passphraseKdfIterations } from './key-slots';
import { requireUnlocked, setUnlocked } from './keyring';
import { codecForKeys } from './payload-codec';
import { auditRow, nowIso } from './record-store';
import { checkThrottle, openUserSlot, recordFailure } from './security-repository';
import { guardedWrite, ValidationFailure } from './write-guard';

export { JOIN_CODE_MAX_CHARS };

export interface JoinCode {
  /** The text to draw as a QR code (QR alphanumeric mode). */
  text: string;
  /** Shown beside the code, to type on the other device; kept nowhere. */
  oneTimePassphrase: string;
  staffCount: number;
  /** False when the recovery key slot was left out to make the code fit. */
  includesRecovery: boolean;
}

function tooManyStaff(staffCount: number): ValidationFailure {
  return new ValidationFailure(
    `The practice has too many staff (${staffCount}) to fit in one code. Use “Download a join file” instead: it has no size limit.`,
  );
}

/**
 * Makes a join code for another device. As for the file, the user who has unlocked confirms with
 * their passphrase first. Throws a ValidationFailure pointing to the file route if the staff list
 * is too long for one QR code even without the recovery key slot.
 */
export async function makeJoinCode(currentPassphrase: string): Promise<JoinCode> {
  const { staffId } = requireUnlocked();
  const material = await openUserSlot(staffId, currentPassphrase);
  const codec = codecForKeys(await importPracticeKeys(material));
  const db = getDatabase();
  const device = await getDeviceSettings();
  const [practiceRows, staffRows, recovery] = await db.transaction('r', [db.practice, db.staff, db.keySlots], () =>
    Promise.all([
      db.practice.where('status').equals('active').toArray(),
      db.staff.where('status').equals('active').toArray(),
      db.keySlots.where('kind').equals('recovery').first(),
    ]),
  );
  const [practiceRow] = practiceRows;
  if (!practiceRow || practiceRows.length !== 1) throw new ValidationFailure('This device does not hold exactly one practice, so it cannot make a join code');
  const open = async <T>(table: string, row: RecordRow, schema: { parse(value: unknown): T }): Promise<T> => {
    const { payload, ...meta } = row;
    return schema.parse({ ...meta, data: await codec.decode(payload, `${table}:${row.id}`) });
  };
  const practice = await open('practice', practiceRow, practiceSchema);
  const staff = await Promise.all(staffRows.map((row) => open('staff', row, staffMemberSchema)));

  const base = {
    x: [nowIso(), staffId, device.deviceId, device.label],
    k: [material.keyId, material.data, material.index],
    p: compact(practice),
    s: staff.map(compact),
  };
  const recoverySlot =
    recovery && recovery.kdf.name === 'HKDF' && recovery.keyId === material.keyId
      ? [recovery.id, recovery.label, recovery.createdAt, recovery.kdf.salt, recovery.sealed.iv, recovery.sealed.ciphertext]
      : null;
  // The joining device checks the same schema: refuse here rather than show a code it would refuse.
  const withRecovery = joinCodeContentsSchema.safeParse({ ...base, r: recoverySlot });
  if (!withRecovery.success) throw new ValidationFailure(`This device’s records cannot be put in a code: ${withRecovery.error.issues.map((i) => i.message).join('; ')}`);

  const oneTimePassphrase = generateOneTimePassphrase();
  let text = await sealJoinCode(withRecovery.data, oneTimePassphrase, passphraseKdfIterations());
  let includesRecovery = recoverySlot !== null;
  if (text.length > JOIN_CODE_MAX_CHARS && includesRecovery) {
    text = await sealJoinCode({ ...withRecovery.data, r: null }, oneTimePassphrase, passphraseKdfIterations());
    includesRecovery = false;
  }
  if (text.length > JOIN_CODE_MAX_CHARS) throw tooManyStaff(staff.length);

  const audit = await auditRow({ staffId, deviceId: device.deviceId }, 'export', 'practice', practice.id, `Showed a code for another device to join the practice (${staff.length} staff)`, codec);
  await guardedWrite(() => db.audit.put(audit));
  return { text, oneTimePassphrase, staffCount: staff.length, includesRecovery };
}

function compact(record: Practice | StaffMember) {
  return [record.id, record.status, record.createdAt, record.updatedAt, record.authorId, record.deviceId, record.data] as const;
}

/** A join code opened with its one-time passphrase: who can join, and what it holds (kept only in memory). */
export interface OpenedJoinCode {
  practiceName: string;
  staff: Array<{ id: string; label: string }>;
  includesRecovery: boolean;
  exportedFrom: string;
  /** @internal what joinPracticeWithCode writes. */
  readonly contents: JoinCodeContents;
}

type JoinCodeField = 'code' | 'oneTimePassphrase' | 'staffId' | 'passphrase' | 'deviceLabel';

function fieldFailure(field: JoinCodeField, message: string): ValidationFailure {
  return new ValidationFailure(message, { [field]: message });
}

async function refuseIfSetUp(): Promise<void> {
  const device = await getDeviceSettings();
  if (device.setupCompletedAt || (await getDatabase().keySlots.count()) > 0) {
    throw alreadySetUp();
  }
}

/**
 * Step 1: opens a scanned code with the one-time passphrase. Refusals name their field (`code`,
 * `oneTimePassphrase`); a wrong one-time passphrase is an UnlockRefused, counted like a wrong unlock.
 */
export async function openJoinCodeForJoining(input: { codeText: string; oneTimePassphrase: string }): Promise<OpenedJoinCode> {
  await refuseIfSetUp();
  let envelope: JoinCodeEnvelope;
  try {
    envelope = parseJoinCode(input.codeText);
  } catch (error) {
    if (error instanceof JoinCodeError) throw fieldFailure('code', error.message);
    throw error;
  }
  const typed = normaliseOneTimePassphrase(input.oneTimePassphrase);
  if (!typed.ok) throw fieldFailure('oneTimePassphrase', typed.message);
  await checkThrottle();
  let opened: unknown;
  try {
    opened = await openJoinCode(envelope, typed.passphrase);
  } catch (error) {
    if (error instanceof JoinCodeUnsealFailure) {
      return recordFailure('That one-time passphrase does not open this code. Check it against the other device’s screen, or show a new code there.');
    }
    if (error instanceof JoinCodeError) throw fieldFailure('code', error.message);
    throw error;
  }
  const parsed = joinCodeContentsSchema.safeParse(opened);
  if (!parsed.success) throw fieldFailure('code', 'This code opened, but what is inside is not what this version of Lifeboat expects: show a new code on the other device');
  const contents = parsed.data;
  const active = contents.s.filter((s) => s[1] === 'active');
  return {
    practiceName: contents.p[6].name,
    staff: active.map((s) => ({ id: s[0], label: staffDisplayName(s[6]) })).sort((a, b) => a.label.localeCompare(b.label, 'en-GB')),
    includesRecovery: contents.r !== null,
    exportedFrom: contents.x[3],
    contents,
  };
}

export interface JoinWithCodeInput {
  staffId: string;
  passphrase: string;
  deviceLabel: string;
}

/**
 * Step 2: joins as one of the code's staff, with a new passphrase for this device. Writes the
 * practice and staff (same ids and meta, encrypted afresh under the practice key), one key slot
 * for the person joining, the recovery slot if the code had it, and an audit event, in one
 * transaction. The device is then unlocked as that person.
 */
export async function joinPracticeWithCode(opened: OpenedJoinCode, input: JoinWithCodeInput): Promise<{ practiceId: string; staffCount: number }> {
  const { contents } = opened;
  const label = deviceLabelSchema.safeParse(input.deviceLabel);
  if (!label.success) throw fieldFailure('deviceLabel', label.error.issues[0]?.message ?? 'Enter a name for this device');
  const you = contents.s.find((s) => s[0] === input.staffId && s[1] === 'active');
  if (!you) throw fieldFailure('staffId', 'Choose who you are from the practice’s staff');
  const passphrase = passphraseSchema.safeParse(input.passphrase);
  if (!passphrase.success) throw fieldFailure('passphrase', passphrase.error.issues[0]?.message ?? 'Choose a passphrase');
  await refuseIfSetUp();

  const [keyId, data, index] = contents.k;
  const material: PracticeKeyMaterial = { keyId, data, index };
  let keys;
  try {
    keys = await importPracticeKeys(material);
  } catch {
    throw fieldFailure('code', 'The keys in this code cannot be used: show a new code on the other device');
  }
  const codec = codecForKeys(keys);
  const row = async (table: string, [id, status, createdAt, updatedAt, authorId, deviceId, value]: JoinCodeContents['s'][number] | JoinCodeContents['p']): Promise<RecordRow> => ({
    id,
    status,
    createdAt,
    updatedAt,
    authorId,
    deviceId,
    payload: await codec.encode(value, `${table}:${id}`),
  });
  const practiceRow = await row('practice', contents.p);
  const staffRows = await Promise.all(contents.s.map((s) => row('staff', s)));
  const yourName = staffDisplayName(you[6]);
  const slots: KeySlotRow[] = [await makeUserSlot(material, you[0], yourName, passphrase.data)];
  if (contents.r) {
    const [id, slotLabel, createdAt, salt, iv, ciphertext] = contents.r;
    slots.push({ id, kind: 'recovery', staffId: null, label: slotLabel, keyId, kdf: { name: 'HKDF', hash: 'SHA-256', salt }, sealed: { iv, ciphertext }, createdAt });
  }
  const device = await getDeviceSettings();
  const audit = await auditRow(
    { staffId: you[0], deviceId: device.deviceId },
    'import',
    'practice',
    contents.p[0],
    `${label.data} joined ${contents.p[6].name} with ${contents.s.length} staff, from a code shown on ${contents.x[3]}; ${yourName} set a passphrase here`,
    codec,
  );

  await writeJoinedPractice(
    { practice: practiceRow, staff: staffRows, keySlots: slots, audit },
    { label: label.data, practiceId: contents.p[0], currentStaffId: you[0] },
  );
  setUnlocked(keys, material, you[0]);
  return { practiceId: contents.p[0], staffCount: contents.s.length };
}

