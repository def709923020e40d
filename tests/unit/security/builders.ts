// Builders for the encryption-at-rest tests: a practice and people with names distinctive enough
// that finding them in a stored row can only mean it was stored in clear.
import { IDBKeyRange } from 'fake-indexeddb';
import { completeSetup, LifeboatDatabase, prepareNewPracticeKeys, useDatabase } from '../../../src/db';
import type { PracticeKeyMaterial } from '../../../src/crypto/practice-keys';
import { fromBase64, toBase64 } from '../../../src/crypto/bytes';
import type { Clock } from '../../../src/domain/clock';
import type { Practice, PracticeDetailsInput } from '../../../src/domain/practice';
import type { Actor } from '../../../src/domain/record';
import type { StaffDetailsInput, StaffMember } from '../../../src/domain/staff';

export const GP_PASSPHRASE = 'harbour lantern pebble';
export const NURSE_PASSPHRASE = 'meadow copper violin';
export const NEW_PASSPHRASE = 'glacier saffron tandem';

export const PRACTICE: PracticeDetailsInput = {
  name: 'Quillmarsh Lane Surgery',
  odsCode: 'Y90417',
  address: '17 Quillmarsh Lane, Thorncombe',
  postcode: 'TQ9 7ZZ',
  phone: '01632 960 417',
};

export const GP: StaffDetailsInput = {
  name: 'Dr Zephyrine Marrowby',
  role: 'gp',
  canPrescribe: true,
  professionalBody: 'GMC',
  registrationNumber: '7392018',
  prescriberKind: 'Medical practitioner',
};

export const NURSE: StaffDetailsInput = {
  name: 'Tobiah Wrenfield',
  role: 'nurse',
  canPrescribe: true,
  professionalBody: 'NMC',
  registrationNumber: '81Q2745K',
  prescriberKind: 'Nurse independent prescriber',
};

/** Text that must never be found in a stored record row. */
export const IDENTIFYING_TEXT = ['Quillmarsh', 'Y90417', 'Thorncombe', 'TQ9 7ZZ', '960 417', 'Zephyrine', 'Marrowby', '7392018', 'Tobiah', 'Wrenfield', '81Q2745K'];

export interface EncryptedDevice {
  practice: Practice;
  gp: StaffMember;
  actor: Actor;
  material: PracticeKeyMaterial;
  recoveryKey: string;
}

/** Sets up this device as the GP, with practice keys, the GP's passphrase and a recovery key. */
export async function setUpEncryptedDevice(): Promise<EncryptedDevice> {
  const { material, recoveryKey } = prepareNewPracticeKeys();
  const { practice, you } = await completeSetup({
    practice: PRACTICE,
    you: GP,
    deviceLabel: 'Consulting room 2',
    security: { material, recoveryKey, passphrase: GP_PASSPHRASE },
  });
  return { practice, gp: you, actor: { staffId: you.id, deviceId: you.deviceId }, material, recoveryKey };
}

/** Opens (or reopens, as after a reload) the Lifeboat database kept in `factory`. */
export function openDatabaseIn(factory: IDBFactory, clock: Clock): LifeboatDatabase {
  const db = new LifeboatDatabase({ indexedDB: factory, IDBKeyRange });
  useDatabase(db, { clock });
  return db;
}

/** Every row of every table, as stored: what a thief reading the disk would get. */
export async function dumpTables(db: LifeboatDatabase, except: string[] = []): Promise<string> {
  const tables = db.tables.filter((t) => !except.includes(t.name));
  const dumps = await Promise.all(tables.map(async (t) => [t.name, await t.toArray()] as const));
  return JSON.stringify(Object.fromEntries(dumps));
}

/** The same base64 value with one bit of one byte flipped. */
export function flipBit(base64: string, index = 0): string {
  const bytes = fromBase64(base64);
  bytes[index] = (bytes[index] ?? 0) ^ 0x01;
  return toBase64(bytes);
}

/** The error a promise rejects with; fails if it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('Expected a rejection, but it resolved');
    },
    (error: unknown) => error,
  );
}

/** The error a promise rejects with, which must be of `type`. */
export async function refusalOf<E extends Error>(promise: Promise<unknown>, type: new (...args: never[]) => E): Promise<E> {
  const error = await rejectionOf(promise);
  if (!(error instanceof type)) throw new Error(`Expected ${type.name}, got ${String(error)}`);
  return error;
}
