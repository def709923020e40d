// Patients on the device: added (validated, audited), refused when invalid or a likely duplicate,
// found tolerantly by name, date of birth or NHS number, and corrected (audited). Each behaviour is
// checked on a device with practice keys (encrypted payloads, keyed look-ups) and on one set up
// before encryption (plain payloads, no look-up keys), because the two take different paths.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addPatient,
  findPatientByNhsNumber,
  findPatients,
  getPatient,
  listAuditFor,
  listPatients,
  PossibleDuplicatePatient,
  updatePatient,
  ValidationFailure,
  type LifeboatDatabase,
} from '../../../src/db';
import type { PatientRow } from '../../../src/db/database';
import { setKdfIterationsForTests } from '../../../src/db/key-slots';
import type { PatientDetailsInput } from '../../../src/domain/patient';
import type { Actor } from '../../../src/domain/record';
import { refusalOf, setUpEncryptedDevice } from '../security/builders';
import { seedPlainDevice } from './builders';
import { freshDatabase, frozenClock } from './fresh-database';

/** A patient whose every detail is distinctive enough that finding it in a stored row means it was stored in clear. */
function maisie(overrides: Partial<PatientDetailsInput> = {}): PatientDetailsInput {
  return {
    firstName: 'Maisie',
    lastName: 'Wetherall',
    dateOfBirth: '19/07/1984',
    sex: 'female',
    nhsNumber: '943 476 5919',
    address: '4 Gorsebrook Terrace, Hallowfield',
    postcode: 'hx7 2qd',
    phone: '07700 900417',
    ...overrides,
  };
}

function lukasz(overrides: Partial<PatientDetailsInput> = {}): PatientDetailsInput {
  return { firstName: 'Łukasz', lastName: 'Nguyễn-Kowalczyk', dateOfBirth: '1990-02-28', sex: 'male', nhsNumber: '401 023 2137', ...overrides };
}

function zoe(overrides: Partial<PatientDetailsInput> = {}): PatientDetailsInput {
  return { firstName: 'Zoë', lastName: "O'Brien-Smith", dateOfBirth: '03/11/2001', sex: 'female', ...overrides };
}

/** What must never be found in a stored row of an encrypted device. */
const MAISIE_TEXT = ['Maisie', 'Wetherall', '9434765919', '943 476 5919', '4765919', '1984-07-19', '19/07/1984', 'Gorsebrook', 'Hallowfield', 'HX7 2QD', '900417'];

interface Device {
  db: LifeboatDatabase;
  clock: ReturnType<typeof frozenClock>;
  actor: Actor;
}

const DEVICES: Array<{ name: string; setUp: () => Promise<Device> }> = [
  {
    name: 'a device with practice keys',
    setUp: async () => {
      const clock = frozenClock();
      const db = freshDatabase(clock);
      const { actor } = await setUpEncryptedDevice();
      return { db, clock, actor };
    },
  },
  {
    name: 'a device set up before encryption',
    setUp: async () => {
      const clock = frozenClock();
      const db = freshDatabase(clock);
      const { actor } = await seedPlainDevice(db);
      return { db, clock, actor };
    },
  },
];

beforeEach(() => setKdfIterationsForTests(1_000));
afterEach(() => setKdfIterationsForTests(null));

async function rawRow(db: LifeboatDatabase, id: string): Promise<PatientRow> {
  const row = await db.patients.get(id);
  if (!row) throw new Error(`No stored row for patient ${id}`);
  return row;
}

describe.each(DEVICES)('patients on $name', ({ setUp }) => {
  let device: Device;
  beforeEach(async () => {
    device = await setUp();
  });

  describe('addPatient', () => {
    it('stores the details as normalised, readable back, and audits the addition', async () => {
      const patient = await addPatient(maisie(), device.actor);

      expect(patient.data).toEqual({
        firstName: 'Maisie',
        lastName: 'Wetherall',
        dateOfBirth: '1984-07-19',
        sex: 'female',
        nhsNumber: '9434765919',
        address: '4 Gorsebrook Terrace, Hallowfield',
        postcode: 'HX7 2QD',
        phone: '07700 900417',
      });
      expect(patient).toMatchObject({ status: 'active', authorId: device.actor.staffId, deviceId: device.actor.deviceId, createdAt: '2024-07-19T09:00:00+01:00' });
      expect(await getPatient(patient.id)).toEqual(patient);
      expect(await listPatients()).toEqual([patient]);

      const audit = await listAuditFor(patient.id);
      expect(audit.map((e) => [e.action, e.entityKind, e.actorId, e.deviceId])).toEqual([['create', 'patient', device.actor.staffId, device.actor.deviceId]]);
      expect(audit[0]?.data.summary).toContain('Maisie Wetherall');
    });

    it('keeps names beyond Latin-1 exactly as typed', async () => {
      const a = await addPatient(lukasz(), device.actor);
      const b = await addPatient(zoe(), device.actor);
      const greek = await addPatient({ firstName: 'Αλέξανδρος', lastName: 'Παπαδόπουλος', dateOfBirth: '1975-01-05', sex: 'male' }, device.actor);
      expect((await getPatient(a.id))?.data).toMatchObject({ firstName: 'Łukasz', lastName: 'Nguyễn-Kowalczyk' });
      expect((await getPatient(b.id))?.data).toMatchObject({ firstName: 'Zoë', lastName: "O'Brien-Smith" });
      expect((await getPatient(greek.id))?.data).toMatchObject({ firstName: 'Αλέξανδρος', lastName: 'Παπαδόπουλος' });
    });

    it.each([
      ['an NHS number whose check digit is wrong', { nhsNumber: '943 476 5918' }, 'nhsNumber', 'This is not a valid NHS number: check the digits'],
      ['an NHS number that is not 10 digits', { nhsNumber: '943 476 591' }, 'nhsNumber', 'Enter a 10-digit NHS number, like 943 476 5919'],
      ['a date of birth that is not a calendar date', { dateOfBirth: '31/02/1984' }, 'dateOfBirth', 'Enter the date of birth as a real date, like 19/07/1984'],
      ['an ISO date of birth that is not a calendar date', { dateOfBirth: '1984-02-31' }, 'dateOfBirth', 'Enter the date of birth as a real date, like 19/07/1984'],
      ['a date of birth in the future', { dateOfBirth: '01/01/2200' }, 'dateOfBirth', 'Date of birth cannot be in the future'],
      ['a date of birth before 1890', { dateOfBirth: '01/01/1850' }, 'dateOfBirth', 'Date of birth must be after 1890: check the year'],
      ['a missing first name', { firstName: '   ' }, 'firstName', 'Enter the first name'],
    ])('refuses %s beside the field, and stores nothing', async (_what, change, field, message) => {
      const refusal = await refusalOf(addPatient(maisie(change), device.actor), ValidationFailure);
      expect(refusal.fieldErrors).toEqual({ [field]: message });
      expect(await device.db.patients.count()).toBe(0);
      expect((await device.db.audit.toArray()).filter((a) => a.entityKind === 'patient')).toEqual([]);
    });

    it('puts every problem beside its own field at once', async () => {
      const refusal = await refusalOf(addPatient(maisie({ nhsNumber: '1234567890', dateOfBirth: '32/01/1984', postcode: 'nowhere' }), device.actor), ValidationFailure);
      expect(Object.keys(refusal.fieldErrors).sort()).toEqual(['dateOfBirth', 'nhsNumber', 'postcode']);
      expect(await device.db.patients.count()).toBe(0);
    });

    it('refuses a second patient with the same NHS number, even when told it is a different person', async () => {
      const first = await addPatient(maisie(), device.actor);
      const other = { firstName: 'Ruth', lastName: 'Ellery', dateOfBirth: '1950-03-03', sex: 'female' as const, nhsNumber: '9434765919' };

      for (const options of [{}, { confirmedNotDuplicate: true }]) {
        const refusal = await refusalOf(addPatient(other, device.actor, options), ValidationFailure);
        expect(refusal.fieldErrors).toEqual({ nhsNumber: 'Maisie Wetherall already has NHS number 943 476 5919' });
      }
      expect((await listPatients()).map((p) => p.id)).toEqual([first.id]);
    });

    it('warns of the same name and date of birth, listing the match, and adds only once confirmed', async () => {
      const first = await addPatient(maisie(), device.actor);
      // Another way of typing the same person: other case, names swapped, ISO date, no NHS number.
      const again = maisie({ firstName: 'WETHERALL', lastName: 'maisie', dateOfBirth: '1984-07-19', nhsNumber: '' });

      const warning = await refusalOf(addPatient(again, device.actor), PossibleDuplicatePatient);
      expect(warning.duplicates).toHaveLength(1);
      expect(warning.duplicates[0]).toMatchObject({ reason: 'name-and-date-of-birth', patient: { id: first.id } });
      expect(warning.message).toBe('Maisie Wetherall, born 19/07/1984, is already on this device');
      expect(await device.db.patients.count()).toBe(1);

      const second = await addPatient(again, device.actor, { confirmedNotDuplicate: true });
      expect(second.id).not.toBe(first.id);
      expect((await listPatients()).map((p) => p.id).sort()).toEqual([first.id, second.id].sort());
      expect((await listAuditFor(second.id)).map((e) => e.action)).toEqual(['create']);
    });

    it('does not call a patient with the same name but another date of birth a duplicate', async () => {
      await addPatient(maisie(), device.actor);
      await addPatient(maisie({ dateOfBirth: '20/07/1984', nhsNumber: '' }), device.actor);
      expect(await device.db.patients.count()).toBe(2);
    });
  });

  describe('findPatients', () => {
    let target: string;
    beforeEach(async () => {
      target = (await addPatient(maisie(), device.actor)).id;
      // Someone who shares a little with Maisie: the same first name, another date of birth.
      await addPatient(maisie({ lastName: 'Thornbury', dateOfBirth: '02/02/1962', nhsNumber: '9876543210' }), device.actor);
      await addPatient(lukasz(), device.actor);
      await addPatient(zoe(), device.actor);
    });

    it.each(['wetherall maisie', '  MAISIE   Wetherall ', 'Wetherall', 'weth', 'wetherall 19/07/1984', '19/07/1984', '1984-07-19', '19.7.1984', '9434765919', '943 476 5919', '943-476-5919', 'maisie 4765919'])(
      'finds only Maisie Wetherall for "%s"',
      async (query) => {
        expect((await findPatients(query)).map((p) => p.id)).toEqual([target]);
      },
    );

    it('finds names beyond Latin-1 typed without their accents, and names with punctuation typed without it', async () => {
      expect((await findPatients('lukasz')).map((p) => p.data.firstName)).toEqual(['Łukasz']);
      expect((await findPatients('NGUYEN')).map((p) => p.data.firstName)).toEqual(['Łukasz']);
      expect((await findPatients('Nguyễn łukasz')).map((p) => p.data.firstName)).toEqual(['Łukasz']);
      expect((await findPatients('zoe obrien')).map((p) => p.data.firstName)).toEqual(['Zoë']);
      expect((await findPatients("o'brien-smith")).map((p) => p.data.firstName)).toEqual(['Zoë']);
    });

    it('finds nobody when any part of the query does not fit', async () => {
      expect(await findPatients('wetherall 20/07/1984')).toEqual([]);
      expect(await findPatients('maisie 9876543211')).toEqual([]);
      expect(await findPatients('wetherall thornbury')).toEqual([]);
    });

    it('matches everyone on an empty query', async () => {
      expect(await findPatients('   ')).toHaveLength(4);
    });
  });

  describe('findPatientByNhsNumber', () => {
    it('finds the patient however the number is typed, and nobody for another number', async () => {
      const patient = await addPatient(maisie(), device.actor);
      await addPatient(lukasz(), device.actor);
      for (const typed of ['9434765919', '943 476 5919', ' 943-476-5919 ']) {
        expect((await findPatientByNhsNumber(typed))?.id, typed).toBe(patient.id);
      }
      expect(await findPatientByNhsNumber('9876543210')).toBeNull();
    });

    it('finds nobody for an empty number, though patients without one are on the device', async () => {
      await addPatient(zoe(), device.actor);
      expect(await findPatientByNhsNumber('')).toBeNull();
      expect(await findPatientByNhsNumber('   ')).toBeNull();
    });
  });

  describe('updatePatient', () => {
    it('corrects the details and audits the change', async () => {
      const patient = await addPatient(maisie(), device.actor);
      device.clock.advance(60_000);
      const updated = await updatePatient(patient.id, maisie({ lastName: 'Wetherall-Hume', phone: '07700 900999' }), device.actor);

      expect(updated.data).toMatchObject({ lastName: 'Wetherall-Hume', phone: '07700 900999', nhsNumber: '9434765919' });
      expect(updated.createdAt).toBe(patient.createdAt);
      expect(updated.updatedAt).toBe('2024-07-19T09:01:00+01:00');
      expect(await getPatient(patient.id)).toEqual(updated);
      expect(await device.db.patients.count()).toBe(1);
      const audit = await listAuditFor(patient.id);
      expect(audit.map((e) => e.action)).toEqual(['create', 'update']);
      expect(audit[1]?.data.summary).toContain('Maisie Wetherall-Hume');
      // The look-ups follow the new details.
      expect((await findPatients('wetherall-hume maisie')).map((p) => p.id)).toEqual([patient.id]);
      expect((await findPatientByNhsNumber('943 476 5919'))?.id).toBe(patient.id);
    });

    it('moves the NHS number look-up to the corrected number', async () => {
      const patient = await addPatient(maisie(), device.actor);
      await updatePatient(patient.id, maisie({ nhsNumber: '987 654 3210' }), device.actor);
      expect((await findPatientByNhsNumber('9876543210'))?.id).toBe(patient.id);
      expect(await findPatientByNhsNumber('9434765919')).toBeNull();
    });

    it('refuses invalid details or another patient’s NHS number, changing nothing', async () => {
      const patient = await addPatient(maisie(), device.actor);
      const other = await addPatient(lukasz(), device.actor);
      const before = await rawRow(device.db, other.id);

      const invalid = await refusalOf(updatePatient(other.id, lukasz({ dateOfBirth: '30/02/1990' }), device.actor), ValidationFailure);
      expect(Object.keys(invalid.fieldErrors)).toEqual(['dateOfBirth']);
      const taken = await refusalOf(updatePatient(other.id, lukasz({ nhsNumber: '9434765919' }), device.actor), ValidationFailure);
      expect(taken.fieldErrors).toEqual({ nhsNumber: 'Maisie Wetherall already has NHS number 943 476 5919' });

      expect(await rawRow(device.db, other.id)).toEqual(before);
      expect((await listAuditFor(other.id)).map((e) => e.action)).toEqual(['create']);
      expect((await findPatientByNhsNumber('9434765919'))?.id).toBe(patient.id);
    });

    it('keeps its own NHS number without calling itself a duplicate', async () => {
      const patient = await addPatient(maisie(), device.actor);
      await expect(updatePatient(patient.id, maisie({ phone: '' }), device.actor)).resolves.toMatchObject({ id: patient.id });
    });

    it('refuses a patient who is not on the device', async () => {
      await refusalOf(updatePatient('0b7c9e2a-4d6f-4a81-9c3e-5f7a9b1d3e5f', maisie(), device.actor), ValidationFailure);
      expect(await device.db.patients.count()).toBe(0);
    });
  });
});

describe('patients on a device with practice keys, as stored', () => {
  let db: LifeboatDatabase;
  let actor: Actor;
  beforeEach(async () => {
    db = freshDatabase(frozenClock());
    ({ actor } = await setUpEncryptedDevice());
  });

  it('keeps every detail in an AES-GCM payload, with nothing identifying in clear', async () => {
    const patient = await addPatient(maisie(), actor);
    const row = await rawRow(db, patient.id);
    expect(row.payload.codec).toBe('aes-gcm');
    const stored = JSON.stringify(row);
    for (const text of MAISIE_TEXT) expect(stored, `"${text}" in the stored row`).not.toContain(text);
    // The audit summary names the patient: it is encrypted too.
    const audit = JSON.stringify(await db.audit.toArray());
    for (const text of MAISIE_TEXT) expect(audit, `"${text}" in the audit table`).not.toContain(text);
  });

  it('indexes the NHS number and the name with date of birth as keyed hashes only', async () => {
    const patient = await addPatient(maisie(), actor);
    const { lookup } = await rawRow(db, patient.id);

    expect(lookup).toHaveLength(2);
    expect(lookup).toEqual(expect.arrayContaining([expect.stringMatching(/^nhs:[0-9a-f]{64}$/), expect.stringMatching(/^ndob:[0-9a-f]{64}$/)]));
    const joined = lookup.join(' ');
    // Six digits and up: a 4-digit run turns up in 128 random hex characters about once in 500 runs.
    for (const text of ['9434765919', '943476', '4765919', 'maisie', 'wetherall']) expect(joined).not.toContain(text);
    // Keyed: not a plain hash of the number, which anyone could compute for every NHS number.
    const unkeyed = [...new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode('nhs\u00009434765919')))]
      .map((b) => b.toString(16).padStart(2, '0'))
      .join('');
    expect(joined).not.toContain(unkeyed);
  });

  it('gives a patient without an NHS number a name and date of birth look-up only', async () => {
    const patient = await addPatient(zoe(), actor);
    const { lookup } = await rawRow(db, patient.id);
    expect(lookup).toEqual([expect.stringMatching(/^ndob:[0-9a-f]{64}$/)]);
  });

  it('finds a patient by NHS number through the keyed look-up, not by reading every patient', async () => {
    const patient = await addPatient(maisie(), actor);
    expect((await findPatientByNhsNumber('943 476 5919'))?.id).toBe(patient.id);

    // Without its look-up keys the row is still there and still found by a search in memory,
    // but the NHS number look-up goes through the index, so it no longer finds it.
    await db.patients.update(patient.id, { lookup: [] });
    expect((await findPatients('9434765919')).map((p) => p.id)).toEqual([patient.id]);
    expect(await findPatientByNhsNumber('943 476 5919')).toBeNull();
  });
});

describe('patients on a device set up before encryption, as stored', () => {
  it('keeps plain payloads with no look-up keys, and still finds by NHS number', async () => {
    const db = freshDatabase(frozenClock());
    const { actor } = await seedPlainDevice(db);
    const patient = await addPatient(maisie(), actor);
    const row = await rawRow(db, patient.id);
    expect(row.payload).toEqual({ codec: 'plain', value: patient.data });
    expect(row.lookup).toEqual([]);
    expect((await findPatientByNhsNumber('943 476 5919'))?.id).toBe(patient.id);
  });
});
