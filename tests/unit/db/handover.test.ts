// Handing a queue entry and its patient between two devices of one practice that share no database
// (issue 6, requirement 6): device A sets up the practice, device B joins it from A's join file, so
// both hold the same practice key. What travels is the rows as stored (encrypted), merged on B by
// record id. Real Web Crypto, real (fake-indexeddb) IndexedDB, each device its own.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  acceptHandover,
  changeQueueStatus,
  getPatient,
  getQueueEntry,
  joinPractice,
  LifeboatDatabase,
  listAuditFor,
  listPatients,
  listQueue,
  lock,
  LockedError,
  logWalkIn,
  makeHandover,
  previewHandover,
  unlock,
  useDatabase,
  ValidationFailure,
  type LogWalkInInput,
} from '../../../src/db';
import { setKdfIterationsForTests } from '../../../src/db/key-slots';
import { getDeviceSettings } from '../../../src/db/device-repository';
import type { PatientDetailsInput } from '../../../src/domain/patient';
import type { Actor } from '../../../src/domain/record';
import { flipBit } from '../security/builders';
import { practiceOnDeviceA, refusalOf, twoDevices, type Devices, type PracticeOnA } from '../security/join-support';
import { PASSPHRASE, setUpDevice } from './builders';

const NINE = '2024-07-19T09:00:00+01:00';

function maisie(overrides: Partial<PatientDetailsInput> = {}): PatientDetailsInput {
  return { firstName: 'Maisie', lastName: 'Wetherall', dateOfBirth: '19/07/1984', sex: 'female', nhsNumber: '943 476 5919', phone: '07700 900417', ...overrides };
}

function walkIn(patient: LogWalkInInput['patient'] = maisie(), reason = 'Wheezy since the bonfire on Tuesday'): LogWalkInInput {
  return { patient, details: { kind: 'walk-in', reason, arrivedAt: NINE, redFlags: ['breathlessness'], callbackNumber: '' } };
}

let devices: Devices;
let a: PracticeOnA;

/** Makes A or B this device, unlocked by the GP; returns the GP on it as the actor. */
async function on(which: 'A' | 'B'): Promise<{ db: LifeboatDatabase; actor: Actor }> {
  const db = devices.use(which);
  await unlock(a.gp.id, PASSPHRASE);
  return { db, actor: { staffId: a.gp.id, deviceId: (await getDeviceSettings()).deviceId } };
}

/** Every row of the tables a hand-over may write, as stored. */
async function stored(db: LifeboatDatabase) {
  return JSON.stringify({ queue: await db.queue.toArray(), patients: await db.patients.toArray(), audit: await db.audit.toArray() });
}

beforeEach(async () => {
  devices = twoDevices();
  a = await practiceOnDeviceA(devices);
  devices.use('B');
  await joinPractice({ fileText: a.file.text, oneTimePassphrase: a.file.oneTimePassphrase, deviceLabel: 'Room 4 PC' });
});
afterEach(() => setKdfIterationsForTests(null));

describe('handing over a walk-in', () => {
  it('carries nothing readable, and names nobody in the file name', async () => {
    const { actor } = await on('A');
    const { entry } = await logWalkIn(walkIn(), actor);
    const made = await makeHandover([entry.id]);

    expect(made.fileName).toBe('lifeboat-handover-2024-07-19-0900.json');
    expect(made.count).toBe(1);
    expect(made.code).toMatch(/^LIFEBOAT-HANDOVER:1:[0-9A-Z $%*+\-./:]+$/);
    expect(made.code?.length).toBeLessThan(made.text.length);
    const parsed = JSON.parse(made.text) as Record<string, unknown>;
    expect(Object.keys(parsed).sort()).toEqual(['id', 'items', 'keyId', 'seal', 'type', 'version']);
    expect(parsed).toMatchObject({ type: 'lifeboat-handover', version: 1 });
    for (const text of ['Maisie', 'Wetherall', '1984', '9434765919', '943 476 5919', '07700', 'Wheezy', 'bonfire', 'breathlessness', 'Reception iPad', 'Riverside']) {
      expect(made.text).not.toContain(text);
    }
    const [audit] = (await listAuditFor(entry.id)).filter((e) => e.action === 'export');
    expect(audit?.data.summary).toBe('Made a hand-over of ticket 1 for another device');
  });

  it('shows the receiving device who and what it will add, then adds the entry and its patient, which decrypt there', async () => {
    const { actor: onA } = await on('A');
    const { entry, patient } = await logWalkIn(walkIn(), onA);
    const { text } = await makeHandover([entry.id]);

    const { db: dbB, actor: onB } = await on('B');
    const before = await stored(dbB);
    const preview = await previewHandover(text);
    expect(await stored(dbB)).toBe(before);
    expect(preview).toMatchObject({ fromDevice: 'Reception iPad', madeAt: NINE, changes: 2 });
    expect(preview.items).toEqual([
      expect.objectContaining({
        entryId: entry.id,
        firstName: 'Maisie',
        lastName: 'Wetherall',
        dateOfBirth: '1984-07-19',
        nhsNumber: '9434765919',
        reason: 'Wheezy since the bonfire on Tuesday',
        redFlags: ['breathlessness'],
        status: 'waiting',
        ticketThere: 1,
        ticketHere: 1,
        entry: 'new',
        patient: 'new',
      }),
    ]);

    expect(await acceptHandover(text, onB)).toEqual({ addedEntries: 1, updatedEntries: 0, addedPatients: 1, updatedPatients: 0 });
    const [onQueue] = await listQueue();
    expect(onQueue).toEqual(entry);
    expect(await getPatient(patient.id)).toEqual(patient);
    // The patient is found by its keyed hashes on B too (made here, not taken from the hand-over).
    expect((await dbB.patients.get(patient.id))?.lookup).toHaveLength(2);
    const audit = (await listAuditFor(entry.id)).map((e) => ({ action: e.action, actorId: e.actorId, summary: e.data.summary }));
    expect(audit).toEqual([{ action: 'import', actorId: a.gp.id, summary: 'Received ticket 1 from Reception iPad' }]);
    expect((await listAuditFor(patient.id)).map((e) => e.data.summary)).toEqual(['Received patient Maisie Wetherall from Reception iPad']);
  });

  it('adds nothing when received twice', async () => {
    const { actor: onA } = await on('A');
    const { entry } = await logWalkIn(walkIn(), onA);
    const { text } = await makeHandover([entry.id]);

    const { db: dbB, actor: onB } = await on('B');
    await acceptHandover(text, onB);
    const once = await stored(dbB);
    const preview = await previewHandover(text);
    expect(preview.changes).toBe(0);
    expect(preview.items[0]).toMatchObject({ entry: 'same', patient: 'same' });
    expect(await acceptHandover(text, onB)).toEqual({ addedEntries: 0, updatedEntries: 0, addedPatients: 0, updatedPatients: 0 });
    expect(await stored(dbB)).toBe(once);
  });

  it('takes a later status change handed over again, and keeps a later change made here over an older hand-over', async () => {
    const { actor: onA } = await on('A');
    const { entry } = await logWalkIn(walkIn(), onA);
    const first = (await makeHandover([entry.id])).text;
    await on('B').then(({ actor }) => acceptHandover(first, actor));

    const { actor: onA2 } = await on('A');
    devices.clock.advance(5 * 60_000);
    await changeQueueStatus(entry.id, 'called', onA2);
    const second = (await makeHandover([entry.id])).text;

    const { actor: onB } = await on('B');
    expect((await previewHandover(second)).items[0]).toMatchObject({ entry: 'newer', patient: 'same' });
    expect(await acceptHandover(second, onB)).toEqual({ addedEntries: 0, updatedEntries: 1, addedPatients: 0, updatedPatients: 0 });
    expect((await getQueueEntry(entry.id))?.data.history.map((h) => h.status)).toEqual(['waiting', 'called']);
    expect((await listAuditFor(entry.id)).map((e) => e.data.summary)).toContain('Received a change to ticket 1 from Reception iPad: Called');

    // B takes it further; the first (older) hand-over arriving late changes nothing.
    devices.clock.advance(60_000);
    await changeQueueStatus(entry.id, 'seen', onB);
    expect((await previewHandover(first)).items[0]).toMatchObject({ entry: 'older' });
    await acceptHandover(first, onB);
    await acceptHandover(second, onB);
    expect((await getQueueEntry(entry.id))?.status).toBe('seen');
  });

  it('reads the same hand-over from its QR code text as from its file', async () => {
    const { actor: onA } = await on('A');
    const { entry } = await logWalkIn(walkIn(), onA);
    const made = await makeHandover([entry.id]);
    const code = made.code ?? '';

    const { db: dbB, actor: onB } = await on('B');
    expect(await previewHandover(code)).toEqual(await previewHandover(made.text));
    expect(await acceptHandover(code, onB)).toMatchObject({ addedEntries: 1, addedPatients: 1 });
    const once = await stored(dbB);
    expect(await acceptHandover(made.text, onB)).toMatchObject({ addedEntries: 0, addedPatients: 0 });
    expect(await stored(dbB)).toBe(once);
    // A code read in part, or changed, is refused.
    expect((await refusalOf(previewHandover(code.slice(0, -30)), ValidationFailure)).message).toMatch(/not read whole|changed or damaged/);
    expect((await refusalOf(previewHandover(`${code.slice(0, 40)}a${code.slice(41)}`), ValidationFailure)).message).toMatch(/not read whole|changed or damaged/);
  });

  it('gives a new entry the day’s next ticket here when its number is taken, and keeps it on the next hand-over', async () => {
    const { actor: onB0 } = await on('B');
    const { entry: ownEntry } = await logWalkIn(walkIn({ firstName: 'Otto', lastName: 'Brandvold', dateOfBirth: '02/03/1951', sex: 'male' }, 'Dizzy'), onB0);
    expect(ownEntry.data.ticket).toBe(1);

    const { actor: onA } = await on('A');
    const { entry } = await logWalkIn(walkIn(), onA);
    const first = (await makeHandover([entry.id])).text;

    const { db: dbB, actor: onB } = await on('B');
    expect((await previewHandover(first)).items[0]).toMatchObject({ ticketThere: 1, ticketHere: 2, entry: 'new' });
    await acceptHandover(first, onB);
    const received = await getQueueEntry(entry.id);
    expect(received?.data.ticket).toBe(2);
    expect((await dbB.queue.get(entry.id))?.ticket).toBe(2);
    expect((await listAuditFor(entry.id)).map((e) => e.data.summary)).toEqual(['Received ticket 2 (ticket 1 there: that number is taken here) from Reception iPad']);
    const once = await stored(dbB);
    await acceptHandover(first, onB);
    expect(await stored(dbB)).toBe(once);

    const { actor: onA2 } = await on('A');
    devices.clock.advance(60_000);
    await changeQueueStatus(entry.id, 'called', onA2);
    const second = (await makeHandover([entry.id])).text;
    const { actor: onB2 } = await on('B');
    await acceptHandover(second, onB2);
    expect(await getQueueEntry(entry.id)).toMatchObject({ status: 'called', data: { ticket: 2 } });
  });

  it('links the entry to the same person already on this device instead of adding them twice', async () => {
    const { actor: onB0 } = await on('B');
    const { patient: maisieOnB } = await logWalkIn(walkIn(maisie(), 'Rash'), onB0);
    const { actor: onA } = await on('A');
    const { entry, patient: maisieOnA } = await logWalkIn(walkIn(), onA);
    const { text } = await makeHandover([entry.id]);

    const { actor: onB } = await on('B');
    expect((await previewHandover(text)).items[0]).toMatchObject({ patient: 'matched', entry: 'new', ticketHere: 2 });
    expect(await acceptHandover(text, onB)).toMatchObject({ addedEntries: 1, addedPatients: 0 });
    expect((await listPatients()).map((p) => p.id)).toEqual([maisieOnB.id]);
    expect((await getQueueEntry(entry.id))?.data.patientId).toBe(maisieOnB.id);
    expect(maisieOnA.id).not.toBe(maisieOnB.id);
    expect((await previewHandover(text)).changes).toBe(0);
  });
});

describe('refusing a hand-over', () => {
  async function madeOnA(): Promise<{ text: string; entryId: string }> {
    const { actor } = await on('A');
    const { entry } = await logWalkIn(walkIn(), actor);
    return { text: (await makeHandover([entry.id])).text, entryId: entry.id };
  }

  it('from a device of another practice, saying so and adding nothing', async () => {
    const { text } = await madeOnA();
    const other = new LifeboatDatabase({ indexedDB: new IDBFactory(), IDBKeyRange });
    useDatabase(other, { clock: devices.clock });
    const { actor } = await setUpDevice({ deviceLabel: 'Elsewhere laptop' });
    const before = await stored(other);
    const refusal = await refusalOf(acceptHandover(text, actor), ValidationFailure);
    expect(refusal.message).toMatch(/^This hand-over comes from a device of another practice/);
    await refusalOf(previewHandover(text), ValidationFailure);
    expect(await stored(other)).toBe(before);
  });

  it('that was changed after it was made: a flipped bit, a changed clear field, a moved ciphertext, a forged seal', async () => {
    const { text } = await madeOnA();
    const { db: dbB, actor } = await on('B');
    const before = await stored(dbB);
    type Mutable = { items: Array<{ entry: Record<string, unknown> & { payload: { ciphertext: string } }; patient: { payload: { ciphertext: string } } }>; seal: { ciphertext: string } };
    const tampered = (change: (h: Mutable) => void) => {
      const h = JSON.parse(text) as Mutable;
      change(h);
      return JSON.stringify(h);
    };
    const variants = [
      tampered((h) => {
        const item = h.items[0];
        if (item) item.entry.payload.ciphertext = flipBit(item.entry.payload.ciphertext, 3);
      }),
      tampered((h) => {
        const item = h.items[0];
        if (item) item.entry.status = 'seen';
      }),
      tampered((h) => {
        const item = h.items[0];
        if (item) item.entry.updatedAt = '2024-07-19T23:59:00+01:00';
      }),
      tampered((h) => {
        const item = h.items[0];
        if (item) item.entry.payload = item.patient.payload;
      }),
      tampered((h) => {
        h.seal.ciphertext = flipBit(h.seal.ciphertext, 0);
      }),
      tampered((h) => {
        h.items = [];
      }),
    ];
    for (const variant of variants) {
      const refusal = await refusalOf(acceptHandover(variant, actor), ValidationFailure);
      expect(refusal.message).toMatch(/changed or damaged|holds nobody/);
      await refusalOf(previewHandover(variant), ValidationFailure);
    }
    expect((await refusalOf(acceptHandover('{"type":"lifeboat-join"}', actor), ValidationFailure)).message).toMatch(/^This is not a Lifeboat hand-over/);
    expect((await refusalOf(acceptHandover('not json at all', actor), ValidationFailure)).message).toMatch(/^This is not a Lifeboat hand-over/);
    expect((await refusalOf(acceptHandover(text.replace('"version":1', '"version":2'), actor), ValidationFailure)).message).toMatch(/newer version of Lifeboat/);
    expect(await stored(dbB)).toBe(before);
  });

  it('on a locked device, or one that has not joined a practice', async () => {
    const { text } = await madeOnA();
    await on('B');
    lock();
    await expect(previewHandover(text)).rejects.toBeInstanceOf(LockedError);

    useDatabase(new LifeboatDatabase({ indexedDB: new IDBFactory(), IDBKeyRange }), { clock: devices.clock });
    const refusal = await refusalOf(previewHandover(text), ValidationFailure);
    expect(refusal.message).toMatch(/no practice key yet/);
  });

  it('to make for someone not in the queue, or for nobody', async () => {
    await on('A');
    await expect(makeHandover(['0b7f6a52-8f1e-4d0c-9a43-6f2d1c7e5b90'])).rejects.toThrow('That person is not in the queue on this device');
    await expect(makeHandover([])).rejects.toThrow('Choose who to hand over');
  });
});
