// Deterministic builders for repository tests: the same practice, people and device every time.
import { completeSetup, prepareNewPracticeKeys, type LifeboatDatabase, type SetupInput, type SetupResult } from '../../../src/db';
import type { RecordRow } from '../../../src/db/database';
import { setKdfIterationsForTests } from '../../../src/db/key-slots';
import type { Actor } from '../../../src/domain/record';
import { gpDetails, nurseDetails, practiceDetails, receptionDetails } from '../people';

export { gpDetails, nurseDetails, practiceDetails, receptionDetails };

/** A version 4 UUID, as `crypto.randomUUID()` makes them. */
export const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Every user's passphrase in these tests (long enough for domain/passphrase.ts). */
export const PASSPHRASE = 'kettle orbit tulip';

export function setupInput(overrides: Partial<SetupInput> = {}): SetupInput {
  // A cheap passphrase KDF: these tests are about storage, not key stretching.
  setKdfIterationsForTests(1_000);
  return {
    practice: practiceDetails(),
    you: gpDetails(),
    deviceLabel: 'Reception iPad',
    security: { ...prepareNewPracticeKeys(), passphrase: PASSPHRASE },
    ...overrides,
  };
}

/** Sets the device up with the default practice and GP; returns them and the GP as actor. */
export async function setUpDevice(overrides: Partial<SetupInput> = {}): Promise<SetupResult & { actor: Actor }> {
  const result = await completeSetup(setupInput(overrides));
  return { ...result, actor: { staffId: result.you.id, deviceId: result.you.deviceId } };
}

/** Fixed ids for the rows of a device set up before encryption (see seedPlainDevice). */
export const PLAIN_DEVICE = {
  deviceId: '5f0c2a8e-1d2b-4c3d-8e4f-0a1b2c3d4e5f',
  practiceId: '6a1d3b9f-2e3c-4d4e-9f50-1b2c3d4e5f60',
  gpId: '7b2e4c0a-3f4d-4e5f-a061-2c3d4e5f6071',
  nurseId: '8c3f5d1b-4a5e-4f60-b172-3d4e5f607182',
} as const;

function plainRow(id: string, data: unknown): RecordRow {
  return {
    id,
    status: 'active',
    createdAt: '2024-07-19T09:00:00+01:00',
    updatedAt: '2024-07-19T09:00:00+01:00',
    authorId: PLAIN_DEVICE.gpId,
    deviceId: PLAIN_DEVICE.deviceId,
    payload: { codec: 'plain', value: data },
  };
}

/**
 * A device set up before encryption existed (no key slots, plain payloads), with a GP using it and
 * a nurse: rows exactly as the version 1 repositories wrote them. Switching user without a
 * passphrase is only possible on such a device.
 */
export async function seedPlainDevice(db: LifeboatDatabase): Promise<{ actor: Actor }> {
  const { deviceId, practiceId, gpId, nurseId } = PLAIN_DEVICE;
  await db.transaction('rw', [db.device, db.practice, db.staff], async () => {
    await db.device.put({
      key: 'this-device',
      deviceId,
      label: 'Reception iPad',
      practiceId,
      currentStaffId: gpId,
      setupCompletedAt: '2024-07-19T09:00:00+01:00',
      persistentStorage: null,
    });
    await db.practice.put(plainRow(practiceId, { name: 'Riverside Surgery', odsCode: 'A81001', address: '', postcode: '', phone: '' }));
    await db.staff.bulkPut([
      plainRow(gpId, { ...gpDetails(), canPrescribe: false }),
      plainRow(nurseId, { ...nurseDetails(), canPrescribe: false, professionalBody: '', registrationNumber: '', prescriberKind: '' }),
    ]);
  });
  return { actor: { staffId: gpId, deviceId } };
}
