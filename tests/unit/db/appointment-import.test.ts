// Importing the day's appointment list on an encrypted device: patients matched or added, a
// booked queue entry per appointment with the day's ticket numbers, audited; all or nothing;
// importing the same file twice adds nothing.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addPatient, importAppointments, listAuditFor, listPatients, listRecentAudit, ValidationFailure, type LifeboatDatabase } from '../../../src/db';
import { setKdfIterationsForTests } from '../../../src/db/key-slots';
import { fromRows } from '../../../src/db/record-store';
import { previewImport, readAppointmentFile, suggestMapping, type ParsedAppointment } from '../../../src/domain/appointment-csv';
import type { Actor } from '../../../src/domain/record';
import { queueEntrySchema, type QueueEntry } from '../../../src/domain/reception';
import { dumpTables, rejectionOf, setUpEncryptedDevice } from '../security/builders';
import { freshDatabase, frozenClock } from './fresh-database';

const LIST_DATE = '2024-07-19';

function goodRowsOf(name: string): ParsedAppointment[] {
  const table = readAppointmentFile(new Uint8Array(readFileSync(new URL(`../../fixtures/appointments/${name}`, import.meta.url))));
  return previewImport(table, suggestMapping(table.headers), LIST_DATE).good;
}

async function storedQueue(db: LifeboatDatabase): Promise<QueueEntry[]> {
  const entries = await fromRows('queue', await db.queue.toArray(), queueEntrySchema);
  return entries.sort((a, b) => a.data.ticket - b.data.ticket);
}

let db: LifeboatDatabase;
let actor: Actor;

beforeEach(async () => {
  setKdfIterationsForTests(1_000);
  db = freshDatabase(frozenClock());
  ({ actor } = await setUpEncryptedDevice());
});
afterEach(() => {
  setKdfIterationsForTests(null);
});

describe('importAppointments', () => {
  it('adds the patients and a booked queue entry per appointment, ticketed in time order, and audits each', async () => {
    const result = await importAppointments(goodRowsOf('emis-utf8-bom.csv'), actor);

    expect(result).toMatchObject({ skipped: 0, patientsCreated: 4, patientsMatched: 0 });
    const queue = await storedQueue(db);
    expect(queue.map((e) => [e.status, e.data.kind, e.data.ticket, e.data.appointmentAt, e.data.bookedWith])).toEqual([
      ['booked', 'booked', 1, '2024-07-19T08:30:00+01:00', 'Dr Asha Patel'],
      ['booked', 'booked', 2, '2024-07-19T08:40:00+01:00', 'Dr Asha Patel'],
      ['booked', 'booked', 3, '2024-07-19T08:50:00+01:00', 'Dr Asha Patel'],
      ['booked', 'booked', 4, '2024-07-19T09:00:00+01:00', 'Nurse Sam Okafor'],
    ]);
    const [first] = queue;
    expect(first?.data.arrivedAt).toBe(first?.data.appointmentAt);
    expect(first?.data.history).toEqual([{ status: 'booked', at: '2024-07-19T09:00:00+01:00', staffId: actor.staffId, note: 'Imported from the appointment list (line 2)' }]);

    const patients = await listPatients();
    const zoe = patients.find((p) => p.data.firstName === 'Zoë');
    expect(zoe?.data).toMatchObject({ lastName: "O'BRIEN", dateOfBirth: '1984-07-19', nhsNumber: '9434765005', phone: '07700 900123' });
    expect(first?.data.patientId).toBe(zoe?.id);

    const [audit] = await listAuditFor(first?.id ?? '');
    expect(audit).toMatchObject({ action: 'import', entityKind: 'queue', actorId: actor.staffId });
    expect(audit?.data.summary).toBe("Imported ticket 1: Zoë O'BRIEN, booked 08:30 with Dr Asha Patel");
    expect((await listAuditFor(zoe?.id ?? '')).map((a) => a.data.summary)).toEqual(["Added patient Zoë O'BRIEN from the appointment list"]);
  });

  it('stores nothing identifying in clear', async () => {
    await importAppointments(goodRowsOf('emis-utf8-bom.csv'), actor);
    const dump = await dumpTables(db);
    for (const text of ['Zoë', 'BRIEN', '9434765005', '943 476 5005', '1984-07-19', '900123', 'Asha Patel', 'Okafor']) expect(dump).not.toContain(text);
  });

  it('matches patients already on the device by NHS number, else by name and date of birth', async () => {
    // The same NHS number under a differently written name; the same name and birth date with no number.
    const zoe = await addPatient({ firstName: 'Zoe', lastName: "O'Brien", dateOfBirth: '19/07/1984', sex: 'female', nhsNumber: '943 476 5005' }, actor);
    const jose = await addPatient({ firstName: 'Jose', lastName: 'Muller', dateOfBirth: '02/03/1956', sex: 'male' }, actor);

    const result = await importAppointments(goodRowsOf('systmone-windows-1252.csv'), actor);

    expect(result).toMatchObject({ skipped: 0, patientsCreated: 1, patientsMatched: 2 });
    const queue = await storedQueue(db);
    expect(queue.map((e) => e.data.patientId).slice(0, 2)).toEqual([zoe.id, jose.id]);
    expect(await listPatients()).toHaveLength(3);
  });

  it('does not take someone with another NHS number for the same person, even with the same name and date of birth', async () => {
    await addPatient({ firstName: 'Zoë', lastName: "O'BRIEN", dateOfBirth: '19/07/1984', sex: 'female', nhsNumber: '943 476 5919' }, actor);
    const result = await importAppointments(goodRowsOf('emis-utf8-bom.csv').slice(0, 1), actor);
    expect(result).toMatchObject({ patientsCreated: 1, patientsMatched: 0 });
  });

  it('adds one patient for two appointments of the same person in one list', async () => {
    const [one] = goodRowsOf('emis-utf8-bom.csv');
    if (!one) throw new Error('fixture changed');
    const later = { ...one, rowNumber: 9, appointmentAt: '2024-07-19T15:00:00+01:00' };
    const result = await importAppointments([one, later], actor);
    expect(result).toMatchObject({ patientsCreated: 1, skipped: 0 });
    expect(result.imported.map((e) => e.data.ticket)).toEqual([1, 2]);
    expect(new Set(result.imported.map((e) => e.data.patientId)).size).toBe(1);
  });

  it('imports the same file twice without adding anything the second time, and says how many were already there', async () => {
    const rows = goodRowsOf('semicolon-with-notes.csv');
    await importAppointments(rows, actor);
    const before = await dumpTables(db, ['audit']);

    const again = await importAppointments(rows, actor);

    expect(again).toMatchObject({ imported: [], skipped: 4, patientsCreated: 0, patientsMatched: 4 });
    expect(await dumpTables(db, ['audit'])).toBe(before);
  });

  it('continues the day’s ticket numbers', async () => {
    await importAppointments(goodRowsOf('emis-utf8-bom.csv'), actor);
    const result = await importAppointments(goodRowsOf('trailing-commas.csv'), actor);
    expect(result.imported.map((e) => e.data.ticket)).toEqual([5, 6]);
  });

  it('never gives a ticket twice or adds an appointment twice when lists are imported at the same moment (two tabs, a double click)', async () => {
    const emis = goodRowsOf('emis-utf8-bom.csv');
    const results = await Promise.all([importAppointments(emis, actor), importAppointments(goodRowsOf('trailing-commas.csv'), actor), importAppointments(emis, actor)]);

    const queue = await storedQueue(db);
    expect(queue.map((e) => e.data.ticket)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(results.map((r) => r.imported.length + r.skipped)).toEqual([4, 2, 4]);
    expect(await listPatients()).toHaveLength(6);
  });

  it('writes nothing when a later row fails inside the transaction', async () => {
    const rows = goodRowsOf('semicolon-with-notes.csv');
    const before = await dumpTables(db);
    let queued = 0;
    // The storage refusing the third appointment, after two were put and their patients added.
    db.queue.hook('creating', () => {
      queued += 1;
      if (queued === 3) throw new ValidationFailure('The third row was refused');
    });

    const error = await rejectionOf(importAppointments(rows, actor));

    expect(error).toBeInstanceOf(ValidationFailure);
    expect(queued).toBe(3);
    expect(await dumpTables(db)).toBe(before);
  });

  it('refuses, before writing anything, a row that does not pass the schema', async () => {
    const rows = goodRowsOf('semicolon-with-notes.csv');
    const broken = rows.map((r, i) => (i === 2 ? { ...r, patient: { ...r.patient, nhsNumber: '9434765421' } } : r));
    const before = await dumpTables(db);
    const error = await rejectionOf(importAppointments(broken, actor));
    expect(error).toBeInstanceOf(ValidationFailure);
    expect((error as ValidationFailure).message).toMatch(/not a valid NHS number/);
    expect(await dumpTables(db)).toBe(before);
  });

  it('writes nothing for an empty list', async () => {
    const before = await dumpTables(db);
    expect(await importAppointments([], actor)).toEqual({ imported: [], skipped: 0, patientsCreated: 0, patientsMatched: 0 });
    expect(await dumpTables(db)).toBe(before);
  });

  it('records the import of the list as a whole in the audit trail', async () => {
    await importAppointments(goodRowsOf('trailing-commas.csv'), actor);
    const summaries = (await listRecentAudit()).map((a) => a.data.summary);
    expect(summaries).toContain('Imported 2 booked appointments (0 already on this device)');
  });
});
