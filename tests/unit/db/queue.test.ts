// Reception's queue in storage, on a device with practice keys (as in use): logging a walk-in or a
// phone request finds or adds the patient and writes the entry and its audit in one go, or writes
// nothing; tickets run per London day; every status change is timed, attributed and audited;
// a clinician takes a patient into a pre-filled consultation; call-backs keep their outcome; and
// nothing typed at the desk is stored in clear.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  changeQueueStatus,
  getConsultation,
  getQueueEntry,
  listAuditFor,
  listConsultationsForPatient,
  listPatients,
  listQueue,
  logWalkIn,
  takePatient,
  ValidationFailure,
  type LifeboatDatabase,
  type LogWalkInInput,
} from '../../../src/db';
import { setKdfIterationsForTests } from '../../../src/db/key-slots';
import type { PatientDetailsInput } from '../../../src/domain/patient';
import type { Actor } from '../../../src/domain/record';
import type { WalkInDetails } from '../../../src/domain/reception';
import { dumpTables, refusalOf, setUpEncryptedDevice } from '../security/builders';
import { freshDatabase, frozenClock } from './fresh-database';

const MINUTE = 60_000;
/** 19 July 2024, 09:00 London (BST). */
const NINE = '2024-07-19T09:00:00+01:00';

function maisie(overrides: Partial<PatientDetailsInput> = {}): PatientDetailsInput {
  return { firstName: 'Maisie', lastName: 'Wetherall', dateOfBirth: '19/07/1984', sex: 'female', nhsNumber: '943 476 5919', phone: '07700 900417', ...overrides };
}

function lukasz(overrides: Partial<PatientDetailsInput> = {}): PatientDetailsInput {
  return { firstName: 'Łukasz', lastName: 'Nguyễn-Kowalczyk', dateOfBirth: '1990-02-28', sex: 'male', ...overrides };
}

function details(overrides: Partial<WalkInDetails> = {}): WalkInDetails {
  return { kind: 'walk-in', reason: 'Wheezy since the bonfire on Tuesday', arrivedAt: NINE, redFlags: [], callbackNumber: '', ...overrides };
}

function walkIn(patient: LogWalkInInput['patient'] = maisie(), overrides: Partial<WalkInDetails> = {}): LogWalkInInput {
  return { patient, details: details(overrides) };
}

let db: LifeboatDatabase;
let clock: ReturnType<typeof frozenClock>;
let actor: Actor;

beforeEach(async () => {
  setKdfIterationsForTests(1_000);
  clock = frozenClock();
  db = freshDatabase(clock);
  ({ actor } = await setUpEncryptedDevice());
});
afterEach(() => setKdfIterationsForTests(null));

async function counts() {
  return { patients: await db.patients.count(), queue: await db.queue.count(), audit: await db.audit.count() };
}

describe('logging a walk-in', () => {
  it('adds the patient and the waiting entry, with its history and audit', async () => {
    const { entry, patient, reusedPatient } = await logWalkIn(walkIn(), actor);

    expect(reusedPatient).toBe(false);
    expect(patient.data).toMatchObject({ firstName: 'Maisie', lastName: 'Wetherall', dateOfBirth: '1984-07-19', nhsNumber: '9434765919' });
    expect(await listPatients()).toHaveLength(1);

    const stored = await getQueueEntry(entry.id);
    expect(stored).toEqual(entry);
    expect(stored).toMatchObject({
      status: 'waiting',
      authorId: actor.staffId,
      deviceId: actor.deviceId,
      data: { kind: 'walk-in', patientId: patient.id, ticket: 1, reason: 'Wheezy since the bonfire on Tuesday', arrivedAt: NINE, redFlags: [], clinicianId: null, consultationId: null },
    });
    expect(stored?.data.history).toEqual([{ status: 'waiting', at: NINE, staffId: actor.staffId, note: '' }]);

    const audit = await listAuditFor(entry.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'create', entityKind: 'queue', actorId: actor.staffId, at: NINE, data: { summary: 'Logged a walk-in for Maisie Wetherall' } });
    // The patient's own creation is audited too.
    expect(await listAuditFor(patient.id)).toHaveLength(1);
  });

  it('notes a red flag in the history and the audit', async () => {
    const { entry } = await logWalkIn(walkIn(maisie(), { redFlags: ['chest-pain', 'breathlessness'] }), actor);
    expect(entry.data.redFlags).toEqual(['chest-pain', 'breathlessness']);
    expect(entry.data.history[0]?.note).toBe('Red flag: chest-pain, breathlessness');
    const [audit] = await listAuditFor(entry.id);
    expect(audit?.data.summary).toBe('Logged a walk-in for Maisie Wetherall with a red flag');
  });

  it('reuses the patient when the same NHS number is typed again, however it is spaced', async () => {
    const first = await logWalkIn(walkIn(), actor);
    const second = await logWalkIn(walkIn(maisie({ nhsNumber: '9434765919', firstName: 'Maisy' }), { reason: 'Back again' }), actor);
    expect(second.reusedPatient).toBe(true);
    expect(second.patient.id).toBe(first.patient.id);
    expect(second.entry.data.patientId).toBe(first.patient.id);
    expect(await listPatients()).toHaveLength(1);
    expect(await listQueue()).toHaveLength(2);
  });

  it('reuses the patient when the same name and date of birth are typed differently', async () => {
    const first = await logWalkIn(walkIn(lukasz()), actor);
    const again = await logWalkIn(walkIn(lukasz({ firstName: '  LUKASZ ', lastName: 'nguyen kowalczyk', dateOfBirth: '28/02/1990' })), actor);
    expect(again.reusedPatient).toBe(true);
    expect(again.patient.id).toBe(first.patient.id);
    expect(await listPatients()).toHaveLength(1);
  });

  it('adds a second patient when only the name is the same', async () => {
    await logWalkIn(walkIn(lukasz()), actor);
    const other = await logWalkIn(walkIn(lukasz({ dateOfBirth: '1991-02-28' })), actor);
    expect(other.reusedPatient).toBe(false);
    expect(await listPatients()).toHaveLength(2);
  });

  it('does not merge two people whose NHS numbers differ, even with the same name and date of birth', async () => {
    // Two different NHS numbers are two different people: silently reusing the first would put
    // the second person's visit (and consultation) on the wrong record.
    const first = await logWalkIn(walkIn(lukasz({ nhsNumber: '401 023 2137' })), actor);
    const other = await logWalkIn(walkIn(lukasz({ nhsNumber: '943 476 5919' })), actor);
    expect(other.patient.id).not.toBe(first.patient.id);
    expect(other.patient.data.nhsNumber).toBe('9434765919');
  });

  it('takes a patient chosen from the device by id, and refuses an unknown id', async () => {
    const { patient } = await logWalkIn(walkIn(), actor);
    const chosen = await logWalkIn(walkIn({ id: patient.id }), actor);
    expect(chosen).toMatchObject({ reusedPatient: true, patient: { id: patient.id } });

    const before = await counts();
    await refusalOf(logWalkIn(walkIn({ id: crypto.randomUUID() }), actor), ValidationFailure);
    expect(await counts()).toEqual(before);
  });

  it.each([
    ['an invalid NHS number', walkIn(maisie({ nhsNumber: '943 476 5918' })), 'nhsNumber'],
    ['an impossible date of birth', walkIn(maisie({ dateOfBirth: '31/02/1984' })), 'dateOfBirth'],
    ['a date of birth in the future', walkIn(maisie({ dateOfBirth: '01/01/2999' })), 'dateOfBirth'],
    ['no last name', walkIn(maisie({ lastName: '   ' })), 'lastName'],
    ['an empty reason', walkIn(maisie(), { reason: '' }), 'reason'],
    ['a blank reason', walkIn(maisie(), { reason: '   ' }), 'reason'],
    ['an arrival time without an offset', walkIn(maisie(), { arrivedAt: '2024-07-19T09:00' }), 'arrivedAt'],
  ])('refuses %s, naming the field, and writes nothing', async (_what, input, field) => {
    const before = await counts();
    const refusal = await refusalOf(logWalkIn(input, actor), ValidationFailure);
    expect(Object.keys(refusal.fieldErrors)).toContain(field);
    expect(refusal.fieldErrors[field]).toMatch(/\w/);
    expect(await counts()).toEqual(before);
    expect(before).toMatchObject({ patients: 0, queue: 0 });
  });
});

describe('ticket numbers', () => {
  it('run 1, 2, 3 within a London day and start again at 1 the next day', async () => {
    const t1 = await logWalkIn(walkIn(maisie()), actor);
    clock.advance(5 * MINUTE);
    const t2 = await logWalkIn(walkIn(lukasz(), { arrivedAt: '2024-07-19T09:05:00+01:00' }), actor);
    clock.advance(5 * MINUTE);
    const t3 = await logWalkIn(walkIn({ id: t1.patient.id }, { arrivedAt: '2024-07-19T09:10:00+01:00' }), actor);
    expect([t1, t2, t3].map((r) => r.entry.data.ticket)).toEqual([1, 2, 3]);

    clock.set('2024-07-20T08:00:00Z');
    const tomorrow1 = await logWalkIn(walkIn(maisie(), { arrivedAt: '2024-07-20T09:00:00+01:00' }), actor);
    clock.advance(MINUTE);
    const tomorrow2 = await logWalkIn(walkIn(lukasz(), { arrivedAt: '2024-07-20T09:01:00+01:00' }), actor);
    expect([tomorrow1, tomorrow2].map((r) => r.entry.data.ticket)).toEqual([1, 2]);
  });

  it('follow the London date of arrival, not the UTC date', async () => {
    // 23:30 UTC on the 19th is 00:30 on the 20th in London: the 20th's first ticket.
    await logWalkIn(walkIn(maisie(), { arrivedAt: '2024-07-19T22:30:00Z' }), actor); // 23:30 BST, the 19th
    clock.set('2024-07-19T23:30:00Z');
    const afterMidnight = await logWalkIn(walkIn(lukasz(), { arrivedAt: '2024-07-19T23:30:00Z' }), actor);
    expect(afterMidnight.entry.data.ticket).toBe(1);
  });

  it('continue the day of an arrival time typed for earlier that day', async () => {
    await logWalkIn(walkIn(maisie(), { arrivedAt: NINE }), actor);
    clock.advance(30 * MINUTE);
    const typedEarlier = await logWalkIn(walkIn(lukasz(), { arrivedAt: '2024-07-19T08:45:00+01:00' }), actor);
    expect(typedEarlier.entry.data.ticket).toBe(2);
  });

  it('are never given twice on one day, even when people are logged at the same moment (two tabs, a double submit)', async () => {
    const { patient } = await logWalkIn(walkIn(maisie()), actor);
    clock.advance(MINUTE);
    const logged = await Promise.allSettled([1, 2, 3].map((n) => logWalkIn(walkIn({ id: patient.id }, { reason: `Visit ${n}` }), actor)));
    // Refusing one (to be retried) would do; two people with one number would not.
    const stored = (await listQueue()).map((e) => e.data.ticket).sort();
    expect(new Set(stored).size, `tickets ${stored.join(', ')}`).toBe(stored.length);
    expect(stored.length).toBe(1 + logged.filter((r) => r.status === 'fulfilled').length);
  });
});

describe('changing status', () => {
  it('appends each change with who and when, and audits it by ticket', async () => {
    const { entry } = await logWalkIn(walkIn(), actor);

    clock.advance(10 * MINUTE);
    const called = await changeQueueStatus(entry.id, 'called', actor);
    expect(called.status).toBe('called');
    expect(called.updatedAt).toBe('2024-07-19T09:10:00+01:00');

    clock.advance(20 * MINUTE);
    await changeQueueStatus(entry.id, 'redirected', actor, { redirectedTo: 'pharmacy', outcome: 'Pharmacist to review inhaler technique' });

    const stored = await getQueueEntry(entry.id);
    expect(stored?.status).toBe('redirected');
    expect(stored?.data.redirectedTo).toBe('pharmacy');
    expect(stored?.data.outcome).toBe('Pharmacist to review inhaler technique');
    expect(stored?.data.history).toEqual([
      { status: 'waiting', at: NINE, staffId: actor.staffId, note: '' },
      { status: 'called', at: '2024-07-19T09:10:00+01:00', staffId: actor.staffId, note: '' },
      { status: 'redirected', at: '2024-07-19T09:30:00+01:00', staffId: actor.staffId, note: 'to Pharmacy: Pharmacist to review inhaler technique' },
    ]);

    const audit = await listAuditFor(entry.id);
    expect(audit.map((a) => [a.action, a.at, a.actorId, a.data.summary])).toEqual([
      ['create', NINE, actor.staffId, 'Logged a walk-in for Maisie Wetherall'],
      ['update', '2024-07-19T09:10:00+01:00', actor.staffId, 'Ticket 1: Called'],
      ['update', '2024-07-19T09:30:00+01:00', actor.staffId, 'Ticket 1: Redirected (to Pharmacy: Pharmacist to review inhaler technique)'],
    ]);
  });

  it('records a person leaving without being seen', async () => {
    const { entry } = await logWalkIn(walkIn(), actor);
    clock.advance(45 * MINUTE);
    await changeQueueStatus(entry.id, 'left', actor, { outcome: 'Said they would try the pharmacy' });
    const [, left] = await listAuditFor(entry.id);
    expect(left?.data.summary).toBe('Ticket 1: Left without being seen (Said they would try the pharmacy)');
  });

  it('refuses a redirection without a destination, and changes nothing', async () => {
    const { entry } = await logWalkIn(walkIn(), actor);
    clock.advance(MINUTE);
    const before = await counts();
    await refusalOf(changeQueueStatus(entry.id, 'redirected', actor), ValidationFailure);
    expect(await getQueueEntry(entry.id)).toEqual(entry);
    expect(await counts()).toEqual(before);
  });

  it('refuses an entry that is not on the device', async () => {
    await refusalOf(changeQueueStatus(crypto.randomUUID(), 'called', actor), ValidationFailure);
  });

  /** Every change that was accepted is in the history and the audit: none overwrote another. */
  async function expectNoLostUpdate(id: string, results: PromiseSettledResult<unknown>[]) {
    const accepted = results.filter((r) => r.status === 'fulfilled').length;
    for (const r of results) {
      if (r.status === 'rejected') {
        expect(r.reason).toBeInstanceOf(ValidationFailure);
        expect(String(r.reason)).toMatch(/changed this entry meanwhile/);
      }
    }
    const stored = await getQueueEntry(id);
    expect(stored?.data.history, 'history after the concurrent changes').toHaveLength(1 + accepted);
    expect(await listAuditFor(id), 'audit after the concurrent changes').toHaveLength(1 + accepted);
  }

  it('refuses a stale update: the entry changed between reading it and writing', async () => {
    const { entry } = await logWalkIn(walkIn(), actor);
    clock.advance(MINUTE);
    // Both read the entry as it was at 09:00; the first to write wins, the second must look again.
    const results = await Promise.allSettled([changeQueueStatus(entry.id, 'called', actor), changeQueueStatus(entry.id, 'left', actor, { outcome: 'Gone home' })]);
    await expectNoLostUpdate(entry.id, results);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
  });

  it('refuses a stale update even when it comes within the same second as the last write', async () => {
    // updatedAt is stored to the second, so it cannot tell two writes in one second apart: a
    // double click, or two tabs, just after logging the walk-in.
    const { entry } = await logWalkIn(walkIn(), actor);
    const results = await Promise.allSettled([changeQueueStatus(entry.id, 'called', actor), changeQueueStatus(entry.id, 'left', actor, { outcome: 'Gone home' })]);
    await expectNoLostUpdate(entry.id, results);
  });
});

describe('a clinician taking a patient', () => {
  it('opens a consultation for the patient with the reason as the presenting complaint, and shows who has them', async () => {
    const { entry, patient } = await logWalkIn(walkIn(), actor);
    clock.advance(12 * MINUTE);

    const { consultationId } = await takePatient(entry.id, actor);

    const consultation = await getConsultation(consultationId);
    expect(consultation).toMatchObject({ status: 'draft', authorId: actor.staffId, data: { patientId: patient.id, presentingComplaint: 'Wheezy since the bonfire on Tuesday' } });

    const stored = await getQueueEntry(entry.id);
    expect(stored).toMatchObject({ status: 'with-clinician', data: { clinicianId: actor.staffId, consultationId } });
    expect(stored?.data.history.at(-1)).toEqual({ status: 'with-clinician', at: '2024-07-19T09:12:00+01:00', staffId: actor.staffId, note: '' });
    expect((await listAuditFor(entry.id)).map((a) => a.data.summary)).toEqual(['Logged a walk-in for Maisie Wetherall', 'Ticket 1: With clinician']);
  });

  it('takes someone who has been called', async () => {
    const { entry } = await logWalkIn(walkIn(), actor);
    clock.advance(MINUTE);
    await changeQueueStatus(entry.id, 'called', actor);
    clock.advance(MINUTE);
    await takePatient(entry.id, actor);
    expect((await getQueueEntry(entry.id))?.status).toBe('with-clinician');
  });

  it('refuses a second take, and opens no second consultation', async () => {
    const { entry, patient } = await logWalkIn(walkIn(), actor);
    clock.advance(MINUTE);
    await takePatient(entry.id, actor);
    clock.advance(MINUTE);
    const refusal = await refusalOf(takePatient(entry.id, actor), ValidationFailure);
    expect(refusal.message).toMatch(/already seeing/);
    expect(await listConsultationsForPatient(patient.id)).toHaveLength(1);
  });

  it.each(['seen', 'left'] as const)('refuses to take someone already %s', async (status) => {
    const { entry, patient } = await logWalkIn(walkIn(), actor);
    clock.advance(MINUTE);
    await changeQueueStatus(entry.id, status, actor);
    clock.advance(MINUTE);
    await refusalOf(takePatient(entry.id, actor), ValidationFailure);
    expect(await listConsultationsForPatient(patient.id)).toHaveLength(0);
  });

  it('leaves no orphan consultation when two clinicians take the same patient at once', async () => {
    const { entry, patient } = await logWalkIn(walkIn(), actor);
    clock.advance(MINUTE);
    // A double click on Take, or two clinicians' tabs: one takes the patient, the other is refused.
    const results = await Promise.allSettled([takePatient(entry.id, actor), takePatient(entry.id, actor)]);
    const taken = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.consultationId] : []));
    expect(taken, 'takes accepted').toHaveLength(1);
    const stored = await getQueueEntry(entry.id);
    expect(stored?.data.consultationId).toBe(taken[0]);
    expect(stored?.data.history.filter((h) => h.status === 'with-clinician')).toHaveLength(1);
    // The refused clinician's draft must not be left behind, unattached to any queue entry.
    expect(await listConsultationsForPatient(patient.id)).toHaveLength(1);
  });
});

describe('call-backs', () => {
  it('keeps the number to call and the outcome of the call, timed and attributed', async () => {
    const { entry } = await logWalkIn(walkIn(maisie(), { kind: 'phone', reason: 'Needs her inhaler reviewed', callbackNumber: '07700 900417' }), actor);
    expect(entry.data).toMatchObject({ kind: 'phone', callbackNumber: '07700 900417' });
    expect((await listAuditFor(entry.id))[0]?.data.summary).toBe('Logged a phone request for Maisie Wetherall');

    clock.advance(40 * MINUTE);
    // "Called back": the entry is seen, with what was agreed on the phone.
    await changeQueueStatus(entry.id, 'seen', actor, { outcome: 'Spoke to patient: salbutamol technique reviewed, call 111 if worse' });

    const stored = await getQueueEntry(entry.id);
    expect(stored).toMatchObject({
      status: 'seen',
      data: { kind: 'phone', callbackNumber: '07700 900417', outcome: 'Spoke to patient: salbutamol technique reviewed, call 111 if worse' },
    });
    expect(stored?.data.history).toEqual([
      { status: 'waiting', at: NINE, staffId: actor.staffId, note: '' },
      { status: 'seen', at: '2024-07-19T09:40:00+01:00', staffId: actor.staffId, note: 'Spoke to patient: salbutamol technique reviewed, call 111 if worse' },
    ]);
    expect((await listAuditFor(entry.id)).at(-1)?.data.summary).toBe('Ticket 1: Seen (Spoke to patient: salbutamol technique reviewed, call 111 if worse)');
  });

  it('keeps the outcome of an earlier call when a later change gives none', async () => {
    const { entry } = await logWalkIn(walkIn(maisie(), { kind: 'phone', callbackNumber: '07700 900417' }), actor);
    clock.advance(MINUTE);
    await changeQueueStatus(entry.id, 'called', actor, { outcome: 'No answer, left a voicemail' });
    clock.advance(30 * MINUTE);
    await changeQueueStatus(entry.id, 'seen', actor);
    const stored = await getQueueEntry(entry.id);
    expect(stored?.data.outcome).toBe('No answer, left a voicemail');
    expect(stored?.data.history.map((h) => [h.status, h.note])).toEqual([
      ['waiting', ''],
      ['called', 'No answer, left a voicemail'],
      ['seen', ''],
    ]);
  });
});

describe('encryption at rest', () => {
  it('stores no name, reason, call-back number or outcome in clear, in the queue or anywhere else', async () => {
    const { entry } = await logWalkIn(
      walkIn(maisie(), { kind: 'phone', reason: 'Wheezy since the bonfire on Tuesday', redFlags: ['breathlessness'], callbackNumber: '07700 900417' }),
      actor,
    );
    clock.advance(MINUTE);
    await changeQueueStatus(entry.id, 'called', actor, { outcome: 'Quizzical voicemail left' });
    clock.advance(MINUTE);
    await takePatient(entry.id, actor);

    const queueRows = JSON.stringify(await db.queue.toArray());
    const everything = await dumpTables(db);
    for (const text of ['Maisie', 'Wetherall', 'Wheezy', 'bonfire', '900417', 'Quizzical', 'breathlessness', '9434765919']) {
      expect(queueRows, text).not.toContain(text);
      expect(everything, text).not.toContain(text);
    }
    // The row is there, with only what ordering needs in clear.
    const [row] = await db.queue.toArray();
    expect(row).toMatchObject({ id: entry.id, status: 'with-clinician', arrivedAt: NINE, patientId: entry.data.patientId });
    expect(JSON.stringify(row?.payload)).not.toContain('ticket');
  });
});
