// Reception's queue as pure rules: what a red flag tells reception to do, who is seen first, how
// long someone has waited (and when that stops), what the waiting-room screen shows instead of a
// name, and the day in numbers.
import { describe, expect, it } from 'vitest';
import {
  activeQueue,
  dayInNumbers,
  formatWait,
  initials,
  minutesWaited,
  mostUrgentAction,
  queueEntrySchema,
  queueOrder,
  RED_FLAG_ACTION_LABELS,
  RED_FLAG_DETAILS,
  RED_FLAGS,
  walkInDetailsSchema,
  type QueueEntry,
  type QueueEntryData,
  type QueueEvent,
  type QueueStatus,
} from '../../../src/domain/reception';
import { formatUkDate } from '../../../src/domain/time';

const STAFF_ID = '22222222-2222-4222-8222-222222222222';
const DEVICE_ID = '33333333-3333-4333-8333-333333333333';
const PATIENT_ID = '11111111-1111-4111-8111-111111111111';

let nextId = 1;
/** A distinct, valid v4 UUID per entry. */
function entryId(): string {
  return `aaaaaaaa-aaaa-4aaa-8aaa-${String(nextId++).padStart(12, '0')}`;
}

interface EntryOptions extends Partial<Omit<QueueEntryData, 'history'>> {
  status?: QueueStatus;
  /** Later history events (the first, 'waiting' or 'booked' at arrival, is added). */
  events?: Array<Pick<QueueEvent, 'status' | 'at'>>;
}

/** A queue entry that passes the schema, arrived at `arrivedAt` (09:00 London by default). */
function entry({ status = 'waiting', events = [], ...data }: EntryOptions = {}): QueueEntry {
  const arrivedAt = data.arrivedAt ?? '2024-07-19T09:00:00+01:00';
  const first = status === 'booked' ? 'booked' : 'waiting';
  return queueEntrySchema.parse({
    id: entryId(),
    createdAt: arrivedAt,
    updatedAt: arrivedAt,
    authorId: STAFF_ID,
    deviceId: DEVICE_ID,
    status,
    data: {
      kind: 'walk-in',
      patientId: PATIENT_ID,
      ticket: 1,
      reason: 'Sore throat',
      ...data,
      arrivedAt,
      history: [{ status: first, at: arrivedAt, staffId: STAFF_ID }, ...events.map((e) => ({ ...e, staffId: STAFF_ID }))],
    },
  });
}

const tickets = (entries: readonly QueueEntry[]) => entries.map((e) => e.data.ticket);

describe('red flags', () => {
  it('gives every red flag a question, an action and an instruction that says what to do', () => {
    expect(Object.keys(RED_FLAG_DETAILS).sort()).toEqual([...RED_FLAGS].sort());
    for (const flag of RED_FLAGS) {
      const details = RED_FLAG_DETAILS[flag];
      expect(details.question.trim(), flag).not.toBe('');
      expect(Object.keys(RED_FLAG_ACTION_LABELS), flag).toContain(details.action);
      // The instruction starts with the action itself, so reception cannot miss it.
      const expectedStart = details.action === 'call-999' ? 'Call 999 now' : 'Get the duty doctor now';
      expect(details.instruction.startsWith(expectedStart), `${flag}: ${details.instruction}`).toBe(true);
    }
  });

  it('asks about each sign the issue names', () => {
    expect([...RED_FLAGS].sort()).toEqual(
      ['breathlessness', 'chest-pain', 'collapse', 'heavy-bleeding', 'stroke-signs', 'suicidal-thoughts', 'very-unwell-child'].sort(),
    );
  });

  it('sends chest pain, stroke signs, heavy bleeding and collapse to 999', () => {
    for (const flag of ['chest-pain', 'stroke-signs', 'heavy-bleeding', 'collapse'] as const) {
      expect(mostUrgentAction([flag]), flag).toBe('call-999');
    }
    for (const flag of ['breathlessness', 'suicidal-thoughts', 'very-unwell-child'] as const) {
      expect(mostUrgentAction([flag]), flag).toBe('duty-doctor-now');
    }
  });

  it('picks 999 over the duty doctor whatever the order the flags were ticked in', () => {
    expect(mostUrgentAction(['breathlessness', 'chest-pain'])).toBe('call-999');
    expect(mostUrgentAction(['chest-pain', 'breathlessness'])).toBe('call-999');
    expect(mostUrgentAction(['suicidal-thoughts', 'very-unwell-child'])).toBe('duty-doctor-now');
  });

  it('has no action when no flag is ticked', () => {
    expect(mostUrgentAction([])).toBeNull();
  });
});

describe('walk-in details', () => {
  it('refuses an empty or blank reason, and one over 1,000 characters', () => {
    const base = { kind: 'walk-in', arrivedAt: '2024-07-19T09:00:00+01:00' };
    expect(walkInDetailsSchema.safeParse({ ...base, reason: '' }).success).toBe(false);
    expect(walkInDetailsSchema.safeParse({ ...base, reason: '   ' }).success).toBe(false);
    expect(walkInDetailsSchema.safeParse({ ...base, reason: 'x'.repeat(1001) }).success).toBe(false);
    expect(walkInDetailsSchema.parse({ ...base, reason: '  Cough  ' })).toMatchObject({ reason: 'Cough', redFlags: [], callbackNumber: '' });
  });

  it('refuses a red flag that is not on the list and an arrival time without an offset', () => {
    const base = { kind: 'walk-in', reason: 'Cough', arrivedAt: '2024-07-19T09:00:00+01:00' };
    expect(walkInDetailsSchema.safeParse({ ...base, redFlags: ['headache'] }).success).toBe(false);
    expect(walkInDetailsSchema.safeParse({ ...base, arrivedAt: '2024-07-19T09:00' }).success).toBe(false);
    expect(walkInDetailsSchema.safeParse({ ...base, kind: 'booked' }).success).toBe(false);
  });
});

describe('the order of the queue', () => {
  it('puts a 999 flag first, then a duty-doctor flag, then everyone else by arrival', () => {
    const early = entry({ ticket: 1, arrivedAt: '2024-07-19T08:30:00+01:00' });
    const dutyDoctor = entry({ ticket: 2, arrivedAt: '2024-07-19T08:45:00+01:00', redFlags: ['breathlessness'] });
    const middle = entry({ ticket: 3, arrivedAt: '2024-07-19T08:50:00+01:00' });
    const call999 = entry({ ticket: 4, arrivedAt: '2024-07-19T09:10:00+01:00', redFlags: ['chest-pain'] });
    const late = entry({ ticket: 5, arrivedAt: '2024-07-19T09:20:00+01:00' });
    expect(tickets(activeQueue([late, early, middle, call999, dutyDoctor]))).toEqual([4, 2, 1, 3, 5]);
  });

  it('ranks a person by their most urgent flag', () => {
    const both = entry({ ticket: 1, arrivedAt: '2024-07-19T09:30:00+01:00', redFlags: ['breathlessness', 'collapse'] });
    const dutyDoctor = entry({ ticket: 2, arrivedAt: '2024-07-19T08:00:00+01:00', redFlags: ['very-unwell-child'] });
    expect(tickets(activeQueue([dutyDoctor, both]))).toEqual([1, 2]);
  });

  it('orders two red flags of the same urgency by arrival', () => {
    const later = entry({ ticket: 1, arrivedAt: '2024-07-19T09:30:00+01:00', redFlags: ['stroke-signs'] });
    const earlier = entry({ ticket: 2, arrivedAt: '2024-07-19T09:05:00+01:00', redFlags: ['heavy-bleeding'] });
    expect(tickets(activeQueue([later, earlier]))).toEqual([2, 1]);
  });

  it('breaks a tie in arrival time by ticket (the order they were logged in)', () => {
    const at = '2024-07-19T09:00:00+01:00';
    const third = entry({ ticket: 3, arrivedAt: at });
    const first = entry({ ticket: 1, arrivedAt: at });
    const second = entry({ ticket: 2, arrivedAt: at });
    expect(tickets(activeQueue([third, first, second]))).toEqual([1, 2, 3]);
    expect(queueOrder(first, third)).toBeLessThan(0);
    expect(queueOrder(third, first)).toBeGreaterThan(0);
  });

  it('compares instants, not text: 09:00 BST comes before 08:30 GMT', () => {
    const bst = entry({ ticket: 2, arrivedAt: '2024-07-19T09:00:00+01:00' }); // 08:00 UTC
    const utc = entry({ ticket: 1, arrivedAt: '2024-07-19T08:30:00Z' });
    expect(tickets(activeQueue([utc, bst]))).toEqual([2, 1]);
  });

  it('orders booked appointments by appointment time, not by when they were imported', () => {
    const imported = '2024-07-19T07:00:00+01:00';
    const at1030 = entry({ status: 'booked', kind: 'booked', ticket: 1, arrivedAt: imported, appointmentAt: '2024-07-19T10:30:00+01:00' });
    const at0910 = entry({ status: 'booked', kind: 'booked', ticket: 2, arrivedAt: imported, appointmentAt: '2024-07-19T09:10:00+01:00' });
    const at0950 = entry({ status: 'booked', kind: 'booked', ticket: 3, arrivedAt: imported, appointmentAt: '2024-07-19T09:50:00+01:00' });
    expect(tickets([at1030, at0910, at0950].sort(queueOrder))).toEqual([2, 3, 1]);
  });

  it('places a booked patient who has arrived by their appointment time among the walk-ins', () => {
    const walkIn0900 = entry({ ticket: 1, arrivedAt: '2024-07-19T09:00:00+01:00' });
    const booked0915 = entry({ kind: 'booked', ticket: 2, arrivedAt: '2024-07-19T07:00:00+01:00', appointmentAt: '2024-07-19T09:15:00+01:00' });
    const walkIn0930 = entry({ ticket: 3, arrivedAt: '2024-07-19T09:30:00+01:00' });
    expect(tickets(activeQueue([walkIn0930, booked0915, walkIn0900]))).toEqual([1, 2, 3]);
  });

  it('shows only people still waiting, called or with a clinician', () => {
    const statuses: QueueStatus[] = ['booked', 'waiting', 'called', 'with-clinician', 'seen', 'redirected', 'left'];
    const entries = statuses.map((status, i) => entry({ status, ticket: i + 1, arrivedAt: `2024-07-19T09:0${i}:00+01:00` }));
    expect(activeQueue(entries).map((e) => e.status)).toEqual(['waiting', 'called', 'with-clinician']);
  });

  it('leaves out someone who has left even with a red flag', () => {
    const left = entry({ status: 'left', ticket: 1, redFlags: ['chest-pain'] });
    const waiting = entry({ ticket: 2 });
    expect(tickets(activeQueue([left, waiting]))).toEqual([2]);
  });

  it('does not reorder the list it was given', () => {
    const a = entry({ ticket: 2, arrivedAt: '2024-07-19T09:30:00+01:00' });
    const b = entry({ ticket: 1, arrivedAt: '2024-07-19T09:00:00+01:00' });
    const given = [a, b];
    activeQueue(given);
    expect(tickets(given)).toEqual([2, 1]);
  });
});

describe('time waited', () => {
  const arrivedAt = '2024-07-19T09:00:00+01:00';

  it('counts whole minutes since arrival while the person waits or has been called', () => {
    expect(minutesWaited(entry({ arrivedAt }), new Date('2024-07-19T09:00:59+01:00'))).toBe(0);
    expect(minutesWaited(entry({ arrivedAt }), new Date('2024-07-19T09:01:00+01:00'))).toBe(1);
    expect(minutesWaited(entry({ arrivedAt }), new Date('2024-07-19T10:05:30+01:00'))).toBe(65);
    const called = entry({ arrivedAt, status: 'called', events: [{ status: 'called', at: '2024-07-19T09:20:00+01:00' }] });
    expect(minutesWaited(called, new Date('2024-07-19T09:40:00+01:00'))).toBe(40);
  });

  it('never goes below zero when the arrival time was typed a little ahead', () => {
    expect(minutesWaited(entry({ arrivedAt: '2024-07-19T09:10:00+01:00' }), new Date('2024-07-19T09:00:00+01:00'))).toBe(0);
  });

  it.each(['with-clinician', 'seen', 'redirected', 'left'] as const)('stops counting once the person is %s', (status) => {
    const stopped = entry({
      arrivedAt,
      status,
      redirectedTo: status === 'redirected' ? 'pharmacy' : null,
      events: [
        { status: 'called', at: '2024-07-19T09:10:00+01:00' },
        { status, at: '2024-07-19T09:25:00+01:00' },
      ],
    });
    expect(minutesWaited(stopped, new Date('2024-07-19T09:30:00+01:00'))).toBe(25);
    expect(minutesWaited(stopped, new Date('2024-07-19T13:00:00+01:00'))).toBe(25);
  });

  it('counts to when the clinician took them, not to when they were marked seen', () => {
    const seen = entry({
      arrivedAt,
      status: 'seen',
      events: [
        { status: 'with-clinician', at: '2024-07-19T09:12:00+01:00' },
        { status: 'seen', at: '2024-07-19T09:40:00+01:00' },
      ],
    });
    expect(minutesWaited(seen, new Date('2024-07-19T12:00:00+01:00'))).toBe(12);
  });
});

describe('formatWait', () => {
  it.each([
    [0, '0 min'],
    [1, '1 min'],
    [12, '12 min'],
    [59, '59 min'],
    [60, '1 h 00 min'],
    [65, '1 h 05 min'],
    [119, '1 h 59 min'],
    [125, '2 h 05 min'],
    [600, '10 h 00 min'],
  ])('%i minutes → %s', (minutes, text) => {
    expect(formatWait(minutes)).toBe(text);
  });
});

describe('initials for the waiting-room screen', () => {
  it('takes the first letter of each name, in capitals', () => {
    expect(initials('Maisie', 'Wetherall')).toBe('MW');
    expect(initials('maisie', 'wetherall')).toBe('MW');
  });

  it('keeps accents and letters of other scripts', () => {
    expect(initials('Élodie', 'Ångström')).toBe('ÉÅ');
    expect(initials('łukasz', 'žukauskas')).toBe('ŁŽ');
    expect(initials('αλέξανδρος', 'παπαδόπουλος')).toBe('ΑΠ');
  });

  it('ignores spaces around the names', () => {
    expect(initials('  zoë ', "   o'brien-smith")).toBe('ZO');
    expect(initials('\tAnn', ' Lee\n')).toBe('AL');
  });

  it('is never the whole name', () => {
    expect(initials('Maisie', 'Wetherall')).toHaveLength(2);
  });
});

describe('the day in numbers', () => {
  const now = new Date('2024-07-19T11:00:00+01:00');
  const isToday = (iso: string) => formatUkDate(new Date(iso)) === formatUkDate(now);

  it('counts only entries that arrived today (London date), waiting and called as waiting now', () => {
    const entries = [
      entry({ ticket: 1, status: 'waiting', arrivedAt: '2024-07-19T10:30:00+01:00' }), // waits 30
      entry({ ticket: 2, status: 'called', arrivedAt: '2024-07-19T09:15:00+01:00', events: [{ status: 'called', at: '2024-07-19T10:50:00+01:00' }] }), // waits 105
      entry({ ticket: 3, status: 'with-clinician', arrivedAt: '2024-07-19T08:00:00+01:00', events: [{ status: 'with-clinician', at: '2024-07-19T08:30:00+01:00' }] }),
      entry({ ticket: 4, status: 'seen', arrivedAt: '2024-07-19T08:10:00+01:00', redFlags: ['breathlessness'], events: [{ status: 'seen', at: '2024-07-19T08:20:00+01:00' }] }),
      entry({ ticket: 5, status: 'seen', arrivedAt: '2024-07-19T08:20:00+01:00', events: [{ status: 'seen', at: '2024-07-19T08:40:00+01:00' }] }),
      entry({ ticket: 6, status: 'left', arrivedAt: '2024-07-19T08:30:00+01:00', redFlags: ['chest-pain'], events: [{ status: 'left', at: '2024-07-19T08:35:00+01:00' }] }),
      entry({ ticket: 7, status: 'redirected', redirectedTo: 'pharmacy', arrivedAt: '2024-07-19T08:40:00+01:00', events: [{ status: 'redirected', at: '2024-07-19T08:45:00+01:00' }] }),
      // Just after midnight in London (still the 18th in UTC): today.
      entry({ ticket: 8, status: 'seen', arrivedAt: '2024-07-18T23:30:00Z', redFlags: ['collapse'], events: [{ status: 'seen', at: '2024-07-19T00:50:00+01:00' }] }),
      // Yesterday: none of these count, however long they seem to have waited.
      entry({ ticket: 1, status: 'waiting', arrivedAt: '2024-07-18T16:00:00+01:00', redFlags: ['stroke-signs'] }),
      entry({ ticket: 2, status: 'seen', arrivedAt: '2024-07-18T15:00:00+01:00', events: [{ status: 'seen', at: '2024-07-18T15:30:00+01:00' }] }),
      // 22:30 UTC on the 18th is 23:30 on the 18th in London: yesterday.
      entry({ ticket: 3, status: 'called', arrivedAt: '2024-07-18T22:30:00Z', redFlags: ['heavy-bleeding'] }),
    ];
    expect(dayInNumbers(entries, now, isToday)).toEqual({ waitingNow: 2, seenToday: 3, longestWaitMinutes: 105, redFlagsToday: 3 });
  });

  it('does not take the longest wait from someone already with a clinician', () => {
    const entries = [
      entry({ ticket: 1, status: 'waiting', arrivedAt: '2024-07-19T10:50:00+01:00' }),
      entry({ ticket: 2, status: 'with-clinician', arrivedAt: '2024-07-19T07:00:00+01:00', events: [{ status: 'with-clinician', at: '2024-07-19T10:00:00+01:00' }] }),
    ];
    expect(dayInNumbers(entries, now, isToday).longestWaitMinutes).toBe(10);
  });

  it('is all zeros on an empty day', () => {
    expect(dayInNumbers([], now, isToday)).toEqual({ waitingNow: 0, seenToday: 0, longestWaitMinutes: 0, redFlagsToday: 0 });
  });
});
