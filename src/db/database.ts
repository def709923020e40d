/**
 * The one Dexie database of Lifeboat. This is the only module family (src/db) that imports Dexie.
 *
 * Version history is append-only: never edit a `version(n)` that has shipped; add `version(n + 1)`
 * with its upgrade function, and a migration test that seeds the old version by hand
 * (tests/unit/db/migration.test.ts). Renaming a table or an index without a migration wipes data.
 *
 * Rows keep non-identifying index fields in clear beside one `payload` (see payload-codec.ts).
 */
import Dexie, { type EntityTable } from 'dexie';
import type { KdfParams, Sealed } from '../crypto/key-wrapping';
import type { StoredPayload } from './payload-codec';

export const DATABASE_NAME = 'lifeboat';

/** The fields every record row has in clear. Nothing here may identify a patient. */
export interface RecordRow {
  id: string;
  status: string;
  createdAt: string;
  updatedAt: string;
  authorId: string;
  deviceId: string;
  payload: StoredPayload;
}

export interface DeviceRow {
  key: 'this-device';
  deviceId: string;
  label: string;
  practiceId: string | null;
  currentStaffId: string | null;
  setupCompletedAt: string | null;
  persistentStorage: { granted: boolean; askedAt: string } | null;
  /** Added in version 2; read with defaults (domain/device.ts) when missing. */
  autoLockMinutes?: number;
  unlockFailures?: number;
  unlockBlockedUntil?: string | null;
  /** FP10SS print alignment in mm; added after version 4 (not indexed), read with defaults. */
  fp10OffsetXmm?: number;
  fp10OffsetYmm?: number;
}

/**
 * A key slot: the practice keys sealed under one user's passphrase, or under the recovery key.
 * Holds no patient data; `label` (the user's name as they pick it on the lock screen) is the only
 * text in clear.
 */
export interface KeySlotRow {
  id: string;
  kind: 'user' | 'recovery';
  staffId: string | null;
  label: string;
  keyId: string;
  kdf: KdfParams;
  sealed: Sealed;
  createdAt: string;
}

export interface AuditRow {
  id: string;
  at: string;
  /** Order of writing within this device (times are to the second); absent on early rows. */
  seq?: number;
  actorId: string;
  deviceId: string;
  action: string;
  entityKind: string;
  entityId: string;
  payload: StoredPayload;
}

/** A patient row: `lookup` holds keyed hashes (HMAC under the practice index key) of the NHS number and of name with date of birth, never the values. */
export interface PatientRow extends RecordRow {
  lookup: string[];
}

/** A consultation row: the patient's id (a UUID, not identifying) in clear, to list a patient's records. */
export interface ConsultationRow extends RecordRow {
  patientId: string;
}

/** A prescription row: the patient and consultation ids (UUIDs) in clear, to list them. */
export interface PrescriptionRow extends RecordRow {
  patientId: string;
  consultationId: string | null;
}

/** One FP10 form used or spoiled: the serial and what it was used for are in the payload. */
export type Fp10RegisterRow = RecordRow & { prescriptionId: string | null };

/** A photo kept with a record (version 5): the owner's id (a UUID) in clear; the image is in the payload. */
export type AttachmentRow = RecordRow & { ownerId: string };

/** A walk-in or phone request in the reception queue; `arrivedAt` in clear to order the queue. */
export interface QueueEntryRow extends RecordRow {
  arrivedAt: string;
  patientId: string | null;
  /** The day's ticket number and its London day (DD/MM/YYYY), in clear to keep tickets unique. */
  ticket?: number;
  ticketDay?: string;
}

/** A stored row that failed its schema on read: reported and kept aside, never dropped. */
export interface QuarantineRow {
  id: string;
  table: string;
  recordId: string;
  foundAt: string;
  problem: string;
}

export class LifeboatDatabase extends Dexie {
  /** This device's settings (one row, key "this-device"): its id, label, who is using it. */
  device!: EntityTable<DeviceRow, 'key'>;
  /** The practice this device belongs to (one row in practice). */
  practice!: EntityTable<RecordRow, 'id'>;
  /** Staff who use this device; removed staff are kept with status "removed". */
  staff!: EntityTable<RecordRow, 'id'>;
  /** Append-only audit trail of every write; never updated or deleted. */
  audit!: EntityTable<AuditRow, 'id'>;
  /** Rows that failed their schema on read, with the problem; the row itself stays where it was. */
  quarantine!: EntityTable<QuarantineRow, 'id'>;
  /** The practice keys sealed once per user and once under the recovery key (version 2). */
  keySlots!: EntityTable<KeySlotRow, 'id'>;
  /** Patients seen during the outage (version 3); found by keyed-hash lookup or in memory after unlock. */
  patients!: EntityTable<PatientRow, 'id'>;
  /** Consultations: drafts autosaved as typed, then signed, with addenda; never deleted (version 3). */
  consultations!: EntityTable<ConsultationRow, 'id'>;
  /** Prescriptions: printed ones are never changed, only cancelled with a reason (version 4). */
  prescriptions!: EntityTable<PrescriptionRow, 'id'>;
  /** The FP10 stationery register: every form printed on or spoiled, by serial (version 4). */
  fp10Register!: EntityTable<Fp10RegisterRow, 'id'>;
  /** Reception's queue: walk-ins and phone requests, with every status change timed (version 4). */
  queue!: EntityTable<QueueEntryRow, 'id'>;
  /** Photos of handwritten prescriptions; never deleted, a wrong one is superseded (version 5). */
  attachments!: EntityTable<AttachmentRow, 'id'>;

  constructor(options: { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange } = {}) {
    super(DATABASE_NAME, {
      ...options,
      // Ask for a flush to disk on commit: a laptop whose battery dies loses what the operating
      // system had not yet written (Chromium's default since v121 is "relaxed").
      chromeTransactionDurability: 'strict',
    });
    this.version(1).stores({
      device: 'key',
      practice: 'id, status, updatedAt',
      staff: 'id, status, updatedAt',
      audit: 'id, at, entityId, actorId, action',
      quarantine: 'id, table, foundAt',
    });
    // Version 2: encryption at rest. Key slots; device settings for auto-lock and unlock throttling.
    // Records written before it stay readable (plain payloads) until the first passphrase is set,
    // which encrypts them all (security-repository.ts, protectExistingRecords).
    this.version(2)
      .stores({ keySlots: 'id, kind, staffId' })
      .upgrade((tx) =>
        tx
          .table<DeviceRow, string>('device')
          .toCollection()
          .modify((row) => {
            row.autoLockMinutes ??= 5;
            row.unlockFailures ??= 0;
            row.unlockBlockedUntil ??= null;
          }),
      );
    // Version 3: patients and consultations.
    this.version(3).stores({
      patients: 'id, status, updatedAt, *lookup',
      consultations: 'id, status, patientId, authorId, updatedAt',
    });
    // Version 4: prescriptions with the FP10 register, and the reception queue.
    this.version(4).stores({
      prescriptions: 'id, status, patientId, consultationId, authorId, updatedAt',
      fp10Register: 'id, status, prescriptionId, updatedAt',
      queue: 'id, status, arrivedAt, patientId, updatedAt',
    });
    // Version 5: photos kept with records (handwritten prescriptions), encrypted like every payload.
    this.version(5).stores({
      attachments: 'id, ownerId, status, updatedAt',
    });
  }
}
