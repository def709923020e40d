// A device set up before encryption: its version 1 database (seeded by hand with the raw
// IndexedDB API, rows as the version 1 repositories wrote them) is opened by the current code,
// read in clear, then encrypted in place by protectExistingRecords, losing nothing.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addPatient,
  addStaff,
  DATABASE_NAME,
  findPatientByNhsNumber,
  getDeviceSettings,
  getKeyringState,
  getPatient,
  getPractice,
  initialiseKeyring,
  LifeboatDatabase,
  listAuditFor,
  listQuarantined,
  listStaff,
  lock,
  prepareNewPracticeKeys,
  protectExistingRecords,
  resetPassphraseWithRecoveryKey,
  setPassphraseFor,
  unlock,
  UnlockRefused,
  useDatabase,
  ValidationFailure,
} from '../../../src/db';
import type { PracticeKeyMaterial } from '../../../src/crypto/practice-keys';
import { setKdfIterationsForTests } from '../../../src/db/key-slots';
import { frozenClock } from '../db/fresh-database';
import { dumpTables, GP_PASSPHRASE, NEW_PASSPHRASE, NURSE_PASSPHRASE, refusalOf } from './builders';

/** Dexie keeps version n as IndexedDB version n * 10. */
const V1 = 10;

const IDS = {
  device: '9d1f3a57-0c2e-4b6d-8f1a-3c5e7a9b1d2f',
  practice: 'a0e2b468-1d3f-4c7e-9a2b-4d6f8a0c2e3a',
  gp: 'b1f3c579-2e4a-4d8f-ab3c-5e7a9b1d3f4b',
  nurse: 'c2a4d68a-3f5b-4e9a-bc4d-6f8a0c2e4a5c',
  receptionist: 'd3b5e79b-4a6c-4fab-8d5e-7a9b1d3f5b6d',
  setupAudit: 'e4c6f8ac-5b7d-4abc-9e6f-8b0c2e4a6c7e',
  nurseAudit: 'f5d7a9bd-6c8e-4bcd-af7a-9c1d3f5b7d8f',
  receptionAudit: '06e8bace-7d9f-4cde-b08b-ad2e4a6c8e9a',
  removeAudit: '17f9cbdf-8eaa-4def-819c-be3f5b7d9fab',
} as const;

const AT = '2024-07-18T14:05:00+01:00';
const LATER = '2024-07-18T16:40:00+01:00';

const PRACTICE_DATA = { name: 'Brackenholt Surgery', odsCode: 'Q81234', address: '3 Vellum Row, Brackenholt', postcode: 'BH4 9QX', phone: '01632 960 812' };
const GP_DATA = { name: 'Dr Ottoline Vasquez-Harrow', role: 'gp', canPrescribe: true, professionalBody: 'GMC', registrationNumber: '6610482', prescriberKind: 'Medical practitioner' };
const NURSE_DATA = { name: 'Peregrine Ashdown', role: 'nurse', canPrescribe: false, professionalBody: '', registrationNumber: '', prescriberKind: '' };
const RECEPTION_DATA = { name: 'Marisol Fennimore', role: 'reception', canPrescribe: false, professionalBody: '', registrationNumber: '', prescriberKind: '' };

const OLD_TEXT = ['Brackenholt', 'Q81234', 'Vellum', 'BH4 9QX', '960 812', 'Ottoline', 'Vasquez', '6610482', 'Peregrine', 'Ashdown', 'Marisol', 'Fennimore'];

function recordRow(id: string, status: string, data: unknown, updatedAt = AT) {
  return { id, status, createdAt: AT, updatedAt, authorId: IDS.gp, deviceId: IDS.device, payload: { codec: 'plain', value: data } };
}

function auditRow(id: string, at: string, action: string, entityKind: string, entityId: string, summary: string) {
  return { id, at, actorId: IDS.gp, deviceId: IDS.device, action, entityKind, entityId, payload: { codec: 'plain', value: { summary } } };
}

/** Version 1's stores: primary key, then indexes, exactly as its `stores({...})` declared them. */
const V1_STORES: Record<string, { keyPath: string; indexes: string[] }> = {
  device: { keyPath: 'key', indexes: [] },
  practice: { keyPath: 'id', indexes: ['status', 'updatedAt'] },
  staff: { keyPath: 'id', indexes: ['status', 'updatedAt'] },
  audit: { keyPath: 'id', indexes: ['at', 'entityId', 'actorId', 'action'] },
  quarantine: { keyPath: 'id', indexes: ['table', 'foundAt'] },
};

/** The device row as version 1 wrote it: no auto-lock or throttle fields. */
function v1DeviceRow(currentStaffId: string | null) {
  return {
    key: 'this-device',
    deviceId: IDS.device,
    label: 'Treatment room laptop',
    practiceId: IDS.practice,
    currentStaffId,
    setupCompletedAt: AT,
    persistentStorage: { granted: true, askedAt: AT },
  };
}

function v1Rows(currentStaffId: string | null): Record<string, unknown[]> {
  return {
    device: [v1DeviceRow(currentStaffId)],
    practice: [recordRow(IDS.practice, 'active', PRACTICE_DATA)],
    staff: [
      recordRow(IDS.gp, 'active', GP_DATA),
      recordRow(IDS.nurse, 'active', NURSE_DATA),
      recordRow(IDS.receptionist, 'removed', RECEPTION_DATA, LATER),
    ],
    audit: [
      auditRow(IDS.setupAudit, AT, 'setup', 'practice', IDS.practice, 'Practice Brackenholt Surgery set up on Treatment room laptop'),
      auditRow(IDS.nurseAudit, AT, 'create', 'staff', IDS.nurse, 'Added Peregrine Ashdown'),
      auditRow(IDS.receptionAudit, AT, 'create', 'staff', IDS.receptionist, 'Added Marisol Fennimore'),
      auditRow(IDS.removeAudit, LATER, 'update', 'staff', IDS.receptionist, 'Removed Marisol Fennimore (Reception)'),
    ],
    quarantine: [],
  };
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** Creates the version 1 database with the raw IndexedDB API (never Dexie), and closes it. */
async function seedVersion1(factory: IDBFactory, rows: Record<string, unknown[]>): Promise<void> {
  const open = factory.open(DATABASE_NAME, V1);
  open.onupgradeneeded = () => {
    const raw = open.result;
    for (const [name, shape] of Object.entries(V1_STORES)) {
      const store = raw.createObjectStore(name, { keyPath: shape.keyPath });
      for (const index of shape.indexes) store.createIndex(index, index);
      for (const row of rows[name] ?? []) store.add(row);
    }
  };
  const raw = await request(open);
  expect(raw.version).toBe(V1);
  expect([...raw.objectStoreNames]).not.toContain('keySlots');
  raw.close();
}

let factory: IDBFactory;
let db: LifeboatDatabase;
let keys: { material: PracticeKeyMaterial; recoveryKey: string };

async function openOldDevice(currentStaffId: string | null = IDS.gp): Promise<void> {
  factory = new IDBFactory();
  await seedVersion1(factory, v1Rows(currentStaffId));
  db = new LifeboatDatabase({ indexedDB: factory, IDBKeyRange });
  useDatabase(db, { clock: frozenClock('2024-07-19T08:00:00Z') });
  await initialiseKeyring();
  keys = prepareNewPracticeKeys();
}

beforeEach(() => {
  setKdfIterationsForTests(1_000);
});

afterEach(() => {
  setKdfIterationsForTests(null);
});

describe('a device with records from before encryption', () => {
  beforeEach(() => openOldDevice());

  it('opens with no keys and reads its plain records', async () => {
    expect(getKeyringState()).toEqual({ kind: 'no-keys' });
    expect(db.verno).toBeGreaterThanOrEqual(2); // opened at the current version, key slots included
    expect(db.tables.map((t) => t.name)).toContain('keySlots');
    expect(await db.keySlots.count()).toBe(0);
    expect((await getPractice())?.data).toEqual(PRACTICE_DATA);
    expect((await listStaff({ includeRemoved: true })).map((s) => s.data.name)).toEqual([GP_DATA.name, NURSE_DATA.name, RECEPTION_DATA.name]);
    expect(await listQuarantined()).toEqual([]);
  });

  it('gets the version 2 device settings by the upgrade', async () => {
    expect(await db.device.get('this-device')).toEqual({ ...v1DeviceRow(IDS.gp), autoLockMinutes: 5, unlockFailures: 0, unlockBlockedUntil: null });
  });

  it('encrypts every record in place, keeps every id and every value, and adds the key slots', async () => {
    const practiceBefore = await getPractice();
    const staffBefore = await listStaff({ includeRemoved: true });
    const auditBefore = await Promise.all([IDS.practice, IDS.nurse, IDS.receptionist].map((id) => listAuditFor(id)));

    await protectExistingRecords({ ...keys, passphrase: GP_PASSPHRASE });

    // On disk: every payload AES-GCM under the new key, the same ids, no name or code in clear.
    const practiceRows = await db.practice.toArray();
    const staffRows = await db.staff.toArray();
    const auditRows = await db.audit.toArray();
    expect(practiceRows.map((r) => r.id)).toEqual([IDS.practice]);
    expect(staffRows.map((r) => r.id).sort()).toEqual([IDS.gp, IDS.nurse, IDS.receptionist].sort());
    expect(auditRows.map((r) => r.id)).toEqual(expect.arrayContaining([IDS.setupAudit, IDS.nurseAudit, IDS.receptionAudit, IDS.removeAudit]));
    expect(auditRows).toHaveLength(5); // the four old events, and "turned on encryption"
    for (const row of [...practiceRows, ...staffRows, ...auditRows]) {
      expect(row.payload).toMatchObject({ codec: 'aes-gcm', keyId: keys.material.keyId });
    }
    const everythingButSlots = await dumpTables(db, ['keySlots']);
    for (const text of OLD_TEXT) expect(everythingButSlots, text).not.toContain(text);
    // The clear fields are as they were.
    expect(staffRows.find((r) => r.id === IDS.receptionist)).toMatchObject({ status: 'removed', createdAt: AT, updatedAt: LATER, authorId: IDS.gp, deviceId: IDS.device });

    // Read back through the repositories: identical records.
    expect(await getPractice()).toEqual(practiceBefore);
    expect(await listStaff({ includeRemoved: true })).toEqual(staffBefore);
    for (const [i, id] of [IDS.practice, IDS.nurse, IDS.receptionist].entries()) {
      expect(await listAuditFor(id)).toEqual(auditBefore[i]);
    }
    expect((await listAuditFor(IDS.gp)).map((e) => e.data.summary)).toEqual(['Dr Ottoline Vasquez-Harrow (GP) turned on encryption; 8 records encrypted']);

    // Key slots: the current user's, and the recovery key's; the device is unlocked as them.
    const slots = await db.keySlots.toArray();
    expect(slots.map((s) => [s.kind, s.staffId]).sort()).toEqual([
      ['recovery', null],
      ['user', IDS.gp],
    ]);
    expect(getKeyringState()).toMatchObject({ kind: 'unlocked', staffId: IDS.gp });

    // The device row keeps its identity and has the version 2 defaults (later settings may add more).
    expect(await getDeviceSettings()).toMatchObject({
      deviceId: IDS.device,
      label: 'Treatment room laptop',
      practiceId: IDS.practice,
      currentStaffId: IDS.gp,
      setupCompletedAt: AT,
      persistentStorage: { granted: true, askedAt: AT },
      autoLockMinutes: 5,
      unlockFailures: 0,
      unlockBlockedUntil: null,
    });
    expect(await listQuarantined()).toEqual([]);
  });

  it('reads everything after locking and unlocking again', async () => {
    const staffBefore = await listStaff({ includeRemoved: true });
    await protectExistingRecords({ ...keys, passphrase: GP_PASSPHRASE });

    lock();
    await expect(listStaff()).rejects.toThrow(/locked/);
    await unlock(IDS.gp, GP_PASSPHRASE);
    expect(await listStaff({ includeRemoved: true })).toEqual(staffBefore);
    expect((await getPractice())?.data).toEqual(PRACTICE_DATA);

    // Opened again from disk, as after closing the browser (the keyring's start-up state is
    // covered in key-slots.test.ts).
    db = new LifeboatDatabase({ indexedDB: factory, IDBKeyRange });
    useDatabase(db, { clock: frozenClock('2024-07-19T09:00:00Z') });
    await initialiseKeyring();
    await unlock(IDS.gp, GP_PASSPHRASE);
    expect(await listStaff({ includeRemoved: true })).toEqual(staffBefore);
    expect(await db.keySlots.count()).toBe(2);
  });

  it('makes a recovery key that works', async () => {
    await protectExistingRecords({ ...keys, passphrase: GP_PASSPHRASE });
    lock();
    await resetPassphraseWithRecoveryKey(keys.recoveryKey, IDS.gp, NEW_PASSPHRASE);
    lock();
    await unlock(IDS.gp, NEW_PASSPHRASE);
    expect((await getPractice())?.data).toEqual(PRACTICE_DATA);
  });

  it('leaves other staff without a passphrase until one is set for them, then they unlock', async () => {
    await protectExistingRecords({ ...keys, passphrase: GP_PASSPHRASE });
    lock();
    expect((await refusalOf(unlock(IDS.nurse, NURSE_PASSPHRASE), UnlockRefused)).message).toMatch(/has no passphrase on this device yet/);

    await unlock(IDS.gp, GP_PASSPHRASE);
    await setPassphraseFor(IDS.nurse, NURSE_PASSPHRASE);
    lock();
    await unlock(IDS.nurse, NURSE_PASSPHRASE);
    expect(getKeyringState()).toMatchObject({ kind: 'unlocked', staffId: IDS.nurse });
    expect((await getDeviceSettings()).currentStaffId).toBe(IDS.nurse);
  });

  it('writes nothing in clear afterwards: a new user needs a passphrase and is stored encrypted', async () => {
    await protectExistingRecords({ ...keys, passphrase: GP_PASSPHRASE });
    const actor = { staffId: IDS.gp, deviceId: IDS.device };
    await expect(addStaff({ name: 'Cosima Threlkeld', role: 'reception' }, actor)).rejects.toBeInstanceOf(ValidationFailure);
    const added = await addStaff({ name: 'Cosima Threlkeld', role: 'reception' }, actor, 'another long passphrase');
    expect((await db.staff.get(added.id))?.payload.codec).toBe('aes-gcm');
    expect(await dumpTables(db, ['keySlots'])).not.toContain('Threlkeld');
  });

  it('also encrypts patients added on this device before protection, and gives them look-up keys', async () => {
    const actor = { staffId: IDS.gp, deviceId: IDS.device };
    const patient = await addPatient({ firstName: 'Hildegard', lastName: 'Sponsonby', dateOfBirth: '1950-02-03', sex: 'female', nhsNumber: '943 476 5919' }, actor);
    expect((await db.patients.get(patient.id))?.payload.codec).toBe('plain'); // no keys yet

    await protectExistingRecords({ ...keys, passphrase: GP_PASSPHRASE });

    expect((await db.patients.get(patient.id))?.payload).toMatchObject({ codec: 'aes-gcm', keyId: keys.material.keyId });
    const everythingButSlots = await dumpTables(db, ['keySlots']);
    for (const text of ['Hildegard', 'Sponsonby', '9434765919']) expect(everythingButSlots, text).not.toContain(text);
    expect(await getPatient(patient.id)).toEqual(patient);
    expect((await findPatientByNhsNumber('9434765919'))?.id).toBe(patient.id);
  });

  it('refuses to run twice', async () => {
    await protectExistingRecords({ ...keys, passphrase: GP_PASSPHRASE });
    const before = await dumpTables(db);
    const error = await refusalOf(protectExistingRecords({ ...prepareNewPracticeKeys(), passphrase: 'a different passphrase' }), ValidationFailure);
    expect(error.message).toBe('This device already protects its records');
    expect(await dumpTables(db)).toBe(before);
  });

  it('refuses a short passphrase and changes nothing', async () => {
    const before = await dumpTables(db);
    await expect(protectExistingRecords({ ...keys, passphrase: 'short' })).rejects.toBeInstanceOf(ValidationFailure);
    expect(await dumpTables(db)).toBe(before);
    expect(getKeyringState()).toEqual({ kind: 'no-keys' });
  });
});

describe('a device from before encryption with nobody chosen as its user', () => {
  it('refuses to protect the records until someone is using it, and changes nothing', async () => {
    await openOldDevice(null);
    const before = await dumpTables(db);
    const error = await refusalOf(protectExistingRecords({ ...keys, passphrase: GP_PASSPHRASE }), ValidationFailure);
    expect(error.message).toBe('Choose who is using this device first');
    expect(await dumpTables(db)).toBe(before);
    expect(getKeyringState()).toEqual({ kind: 'no-keys' });
  });
});
