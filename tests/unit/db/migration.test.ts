// Opening a device's existing database with the current code. Each shipped schema version is
// seeded BY HAND with the raw IndexedDB API (never with Dexie or our repositories, which only know
// the newest schema), with rows shaped exactly as that version's repositories wrote them; then the
// current LifeboatDatabase opens it and the repositories must read everything back.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import {
  addStaff,
  DATABASE_NAME,
  getDeviceSettings,
  getPractice,
  getPrescription,
  getStaffMember,
  LifeboatDatabase,
  listAttachmentsFor,
  listAuditFor,
  listQuarantined,
  listStaff,
  updatePractice,
  useDatabase,
} from '../../../src/db';
import { frozenClock } from './fresh-database';
import { receptionDetails } from './builders';

/** Dexie stores version n as IndexedDB version n * 10 (so that it can add minor versions). */
const idbVersion = (dexieVersion: number) => dexieVersion * 10;

const IDS = {
  device: '1e0a7c9d-2b3f-4a5e-8c6d-7f8091a2b3c4',
  practice: '2f1b8d0e-3c4a-4b6f-9d7e-8091a2b3c4d5',
  gp: '3a2c9e1f-4d5b-4c70-ae8f-91a2b3c4d5e6',
  nurse: '4b3d0f2a-5e6c-4d81-bf90-a2b3c4d5e6f7',
  setupAudit: '5c4e1a3b-6f7d-4e92-8a01-b3c4d5e6f708',
  removeAudit: '6d5f2b4c-7a8e-4fa3-9b12-c4d5e6f70819',
  patient: '7e6a3c5d-8b9f-4ab4-8c23-d5e6f708192a',
  prescription: '8f7b4d6e-9ca0-4bc5-9d34-e6f708192a3b',
} as const;

const AT = '2024-07-19T09:00:00+01:00';
const LATER = '2024-07-19T09:30:00+01:00';

function recordRow(id: string, status: string, data: unknown, updatedAt = AT) {
  return { id, status, createdAt: AT, updatedAt, authorId: IDS.gp, deviceId: IDS.device, payload: { codec: 'plain', value: data } };
}

function auditRow(id: string, at: string, action: string, entityKind: string, entityId: string, summary: string) {
  return { id, at, actorId: IDS.gp, deviceId: IDS.device, action, entityKind, entityId, payload: { codec: 'plain', value: { summary } } };
}

interface StoreShape {
  keyPath: string;
  indexes: string[];
}

interface ShippedVersion {
  version: number;
  /** The object stores exactly as that version's `stores({...})` made them. */
  stores: Record<string, StoreShape>;
  /** Rows as that version's repositories wrote them, by store. */
  rows: Record<string, unknown[]>;
}

/**
 * Every schema version that has shipped. When a new `version(n)` ships in src/db/database.ts,
 * add its case here (its stores and rows as its code wrote them): the expectations below must
 * hold for a device upgraded from any of them.
 */
const SHIPPED_VERSIONS: ShippedVersion[] = [
  {
    version: 1,
    stores: {
      device: { keyPath: 'key', indexes: [] },
      practice: { keyPath: 'id', indexes: ['status', 'updatedAt'] },
      staff: { keyPath: 'id', indexes: ['status', 'updatedAt'] },
      audit: { keyPath: 'id', indexes: ['at', 'entityId', 'actorId', 'action'] },
      quarantine: { keyPath: 'id', indexes: ['table', 'foundAt'] },
    },
    rows: {
      device: [
        {
          key: 'this-device',
          deviceId: IDS.device,
          label: 'Reception iPad',
          practiceId: IDS.practice,
          currentStaffId: IDS.gp,
          setupCompletedAt: AT,
          persistentStorage: { granted: true, askedAt: AT },
        },
      ],
      practice: [
        recordRow(IDS.practice, 'active', {
          name: 'Riverside Surgery',
          odsCode: 'A81001',
          address: '1 River Street, Leeds',
          postcode: 'LS1 4AP',
          phone: '01632 960 001',
        }),
      ],
      staff: [
        recordRow(IDS.gp, 'active', {
          name: 'Dr Asha Patel',
          role: 'gp',
          canPrescribe: true,
          professionalBody: 'GMC',
          registrationNumber: '1234567',
          prescriberKind: 'Medical practitioner',
        }),
        recordRow(
          IDS.nurse,
          'removed',
          { name: 'Sam Okafor', role: 'nurse', canPrescribe: false, professionalBody: '', registrationNumber: '', prescriberKind: '' },
          LATER,
        ),
      ],
      audit: [
        auditRow(IDS.setupAudit, AT, 'setup', 'practice', IDS.practice, 'Practice Riverside Surgery set up on Reception iPad'),
        auditRow(IDS.removeAudit, LATER, 'update', 'staff', IDS.nurse, 'Removed Sam Okafor (Nurse)'),
      ],
      quarantine: [],
    },
  },
];

const V1 = SHIPPED_VERSIONS[0];
if (!V1) throw new Error('version 1 is missing');
/** A prescription printed on plain paper, as version 4's prescription-repository wrote it. */
const V4_PRESCRIPTION = {
  ...recordRow(IDS.prescription, 'printed', {
    patientId: IDS.patient,
    prescriberId: IDS.gp,
    kind: 'acute',
    issuedAt: AT,
    items: [{ medicineName: 'Amoxicillin', strength: '500 mg', form: 'capsules', dose: 'One three times a day', quantity: 21, quantityUnit: 'capsule', daysTreatment: 7, controlledDrugSchedule: 'none', scheduleSetByPrescriber: false, quantityInWords: '' }],
    allergiesStatus: 'not-known',
    allergies: '',
    currentMedicinesStatus: 'not-known',
    currentMedicines: '',
    cancellationReason: '',
    printed: { at: AT, mode: 'plain', serials: [], byStaffId: IDS.gp },
  }),
  patientId: IDS.patient,
  consultationId: null,
};
SHIPPED_VERSIONS.push({
  version: 4,
  stores: {
    ...V1.stores,
    keySlots: { keyPath: 'id', indexes: ['kind', 'staffId'] },
    patients: { keyPath: 'id', indexes: ['status', 'updatedAt', '*lookup'] },
    consultations: { keyPath: 'id', indexes: ['status', 'patientId', 'authorId', 'updatedAt'] },
    prescriptions: { keyPath: 'id', indexes: ['status', 'patientId', 'consultationId', 'authorId', 'updatedAt'] },
    fp10Register: { keyPath: 'id', indexes: ['status', 'prescriptionId', 'updatedAt'] },
    queue: { keyPath: 'id', indexes: ['status', 'arrivedAt', 'patientId', 'updatedAt'] },
  },
  rows: {
    ...V1.rows,
    device: (V1.rows.device ?? []).map((row) => ({ ...(row as object), autoLockMinutes: 5, unlockFailures: 0, unlockBlockedUntil: null })),
    keySlots: [],
    patients: [],
    consultations: [],
    prescriptions: [V4_PRESCRIPTION],
    fp10Register: [],
    queue: [],
  },
});

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** Creates the database as `shipped` left it, with the raw IndexedDB API, and closes it. */
async function seedByHand(factory: IDBFactory, shipped: ShippedVersion): Promise<void> {
  const open = factory.open(DATABASE_NAME, idbVersion(shipped.version));
  open.onupgradeneeded = () => {
    const raw = open.result;
    for (const [name, shape] of Object.entries(shipped.stores)) {
      const store = raw.createObjectStore(name, { keyPath: shape.keyPath });
      for (const index of shape.indexes) {
        const name = index.replace(/^\*/, '');
        store.createIndex(name, name, { multiEntry: index.startsWith('*') });
      }
      for (const row of shipped.rows[name] ?? []) store.add(row);
    }
  };
  const raw = await request(open);
  expect(raw.version).toBe(idbVersion(shipped.version));
  raw.close();
}

describe.each(SHIPPED_VERSIONS)('a device whose database is at version $version', (shipped) => {
  async function openWithCurrentCode(): Promise<LifeboatDatabase> {
    const factory = new IDBFactory();
    await seedByHand(factory, shipped);
    const db = new LifeboatDatabase({ indexedDB: factory, IDBKeyRange });
    useDatabase(db, { clock: frozenClock('2024-07-20T08:00:00Z') });
    await db.open();
    return db;
  }

  it('opens at the current version', async () => {
    const db = await openWithCurrentCode();
    expect(db.verno).toBeGreaterThanOrEqual(shipped.version);
    expect((db.backendDB() as IDBDatabase).version).toBe(idbVersion(db.verno));
    expect(db.tables.map((t) => t.name)).toEqual(expect.arrayContaining(Object.keys(shipped.stores)));
  });

  it('keeps the device identity, its label and who is using it', async () => {
    await openWithCurrentCode();
    expect(await getDeviceSettings()).toMatchObject({
      deviceId: IDS.device,
      label: 'Reception iPad',
      practiceId: IDS.practice,
      currentStaffId: IDS.gp,
      setupCompletedAt: AT,
      persistentStorage: { granted: true, askedAt: AT },
    });
  });

  it('reads the practice and the staff, removed staff included', async () => {
    await openWithCurrentCode();

    expect(await getPractice()).toEqual({
      id: IDS.practice,
      status: 'active',
      createdAt: AT,
      updatedAt: AT,
      authorId: IDS.gp,
      deviceId: IDS.device,
      data: { name: 'Riverside Surgery', odsCode: 'A81001', address: '1 River Street, Leeds', postcode: 'LS1 4AP', phone: '01632 960 001' },
    });
    expect((await listStaff()).map((s) => s.id)).toEqual([IDS.gp]);
    expect((await listStaff({ includeRemoved: true })).map((s) => [s.data.name, s.status])).toEqual([
      ['Dr Asha Patel', 'active'],
      ['Sam Okafor', 'removed'],
    ]);
    expect((await getStaffMember(IDS.gp))?.data).toMatchObject({ role: 'gp', registrationNumber: '1234567' });
    expect(await listQuarantined()).toEqual([]);
  });

  it('reads the audit trail', async () => {
    await openWithCurrentCode();
    expect(await listAuditFor(IDS.practice)).toEqual([
      {
        id: IDS.setupAudit,
        at: AT,
        actorId: IDS.gp,
        deviceId: IDS.device,
        action: 'setup',
        entityKind: 'practice',
        entityId: IDS.practice,
        data: { summary: 'Practice Riverside Surgery set up on Reception iPad' },
      },
    ]);
    expect((await listAuditFor(IDS.nurse)).map((e) => e.data.summary)).toEqual(['Removed Sam Okafor (Nurse)']);
  });

  it('reads the prescriptions it had, and starts with no photos (version 5)', async () => {
    const db = await openWithCurrentCode();
    const shippedPrescriptions = (shipped.rows.prescriptions ?? []) as { id: string }[];
    for (const row of shippedPrescriptions) expect(await getPrescription(row.id)).toMatchObject({ status: 'printed', data: { printed: { mode: 'plain' } } });
    expect(await db.attachments.count()).toBe(0);
    expect(await listAttachmentsFor(IDS.prescription)).toEqual([]);
    expect(await listQuarantined()).toEqual([]);
  });

  it('takes new writes beside the old records', async () => {
    await openWithCurrentCode();
    const actor = { staffId: IDS.gp, deviceId: IDS.device };

    const receptionist = await addStaff(receptionDetails(), actor);
    await updatePractice({ name: 'Riverside Surgery', odsCode: 'A81001', phone: '01632 960 999' }, actor);

    expect((await listStaff()).map((s) => s.id).sort()).toEqual([IDS.gp, receptionist.id].sort());
    expect((await getPractice())?.data.phone).toBe('01632 960 999');
    expect((await listAuditFor(IDS.practice)).map((e) => e.action)).toEqual(['setup', 'update']);
  });
});
