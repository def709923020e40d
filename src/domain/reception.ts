import { z } from 'zod';
import { isoDateTimeSchema, recordIdSchema, recordSchema } from './record';

/**
 * Reception: walk-ins, phone requests and the day's booked appointments, in one queue. A red flag
 * tells reception what to do now and puts the person at the top. Every status change is kept with
 * who made it and when, so the queue's history is the day's record of who waited and how long.
 */

/** Red-flag questions asked of every walk-in and caller, with what reception must do at once. */
export const RED_FLAGS = ['chest-pain', 'breathlessness', 'stroke-signs', 'heavy-bleeding', 'collapse', 'suicidal-thoughts', 'very-unwell-child'] as const;
export type RedFlag = (typeof RED_FLAGS)[number];

export const RED_FLAG_DETAILS: Record<RedFlag, { question: string; action: 'call-999' | 'duty-doctor-now'; instruction: string }> = {
  'chest-pain': {
    question: 'Chest pain',
    action: 'call-999',
    instruction: 'Call 999 now. Sit the person down and stay with them; tell the duty doctor.',
  },
  breathlessness: {
    question: 'Breathlessness: struggling to breathe or to finish a sentence',
    action: 'duty-doctor-now',
    instruction: 'Get the duty doctor now. Call 999 if they are getting worse, turning blue or grey, or cannot speak.',
  },
  'stroke-signs': {
    question: 'Signs of a stroke: face drooping, arm weakness, slurred speech',
    action: 'call-999',
    instruction: 'Call 999 now: time matters in a stroke. Note the time the signs started.',
  },
  'heavy-bleeding': {
    question: 'Heavy bleeding',
    action: 'call-999',
    instruction: 'Call 999 now. Press firmly on the wound and get the duty doctor.',
  },
  collapse: {
    question: 'Collapse or fainting, or is now unresponsive',
    action: 'call-999',
    instruction: 'Call 999 now and get the duty doctor. If they are not breathing normally, start CPR.',
  },
  'suicidal-thoughts': {
    question: 'Thoughts of suicide or self-harm',
    action: 'duty-doctor-now',
    instruction: 'Get the duty doctor now. Do not leave the person alone; keep them somewhere quiet and safe.',
  },
  'very-unwell-child': {
    question: 'A very unwell child: floppy, drowsy, a rash that does not fade under a glass, or breathing fast',
    action: 'duty-doctor-now',
    instruction: 'Get the duty doctor now. Call 999 if the child is unresponsive, fitting or struggling to breathe.',
  },
};

export const RED_FLAG_ACTION_LABELS = { 'call-999': 'Call 999 now', 'duty-doctor-now': 'Get the duty doctor now' } as const;

/** The most urgent action among the flags ticked: 999 before the duty doctor. */
export function mostUrgentAction(flags: readonly RedFlag[]): 'call-999' | 'duty-doctor-now' | null {
  if (flags.some((f) => RED_FLAG_DETAILS[f].action === 'call-999')) return 'call-999';
  return flags.length > 0 ? 'duty-doctor-now' : null;
}

export const QUEUE_KINDS = ['walk-in', 'phone', 'booked'] as const;
export type QueueKind = (typeof QUEUE_KINDS)[number];
export const QUEUE_KIND_LABELS: Record<QueueKind, string> = { 'walk-in': 'Walk-in', phone: 'Phone request', booked: 'Booked before the outage' };

/** 'booked': on the imported list, not arrived yet; it becomes 'waiting' when they arrive. */
export const QUEUE_STATUSES = ['booked', 'waiting', 'called', 'with-clinician', 'seen', 'redirected', 'left'] as const;
export type QueueStatus = (typeof QUEUE_STATUSES)[number];
export const QUEUE_STATUS_LABELS: Record<QueueStatus, string> = {
  booked: 'Booked, not arrived',
  waiting: 'Waiting',
  called: 'Called',
  'with-clinician': 'With clinician',
  seen: 'Seen',
  redirected: 'Redirected',
  left: 'Left without being seen',
};
/** Still the practice's to deal with. */
export const ACTIVE_STATUSES: readonly QueueStatus[] = ['waiting', 'called', 'with-clinician'];

export const REDIRECTIONS = ['pharmacy', 'nhs-111', 'a-and-e', 'another-day'] as const;
export type Redirection = (typeof REDIRECTIONS)[number];
export const REDIRECTION_LABELS: Record<Redirection, string> = { pharmacy: 'Pharmacy', 'nhs-111': 'NHS 111', 'a-and-e': 'A&E', 'another-day': 'Another day' };

export const queueEventSchema = z.object({
  status: z.enum(QUEUE_STATUSES),
  at: isoDateTimeSchema,
  staffId: recordIdSchema,
  note: z.string().max(500).default(''),
});
export type QueueEvent = z.infer<typeof queueEventSchema>;

export const queueEntryDataSchema = z.object({
  kind: z.enum(QUEUE_KINDS),
  patientId: recordIdSchema,
  /** The day's ticket number, shown on the waiting-room screen instead of a name. */
  ticket: z.number().int().min(1),
  reason: z.string().trim().max(1000, 'Keep the reason under 1,000 characters').default(''),
  arrivedAt: isoDateTimeSchema,
  redFlags: z.array(z.enum(RED_FLAGS)).default([]),
  /** Booked appointments: the time and the clinician named on the imported list. */
  appointmentAt: isoDateTimeSchema.nullable().default(null),
  bookedWith: z.string().max(200).default(''),
  /** Phone requests: the number to call back. */
  callbackNumber: z.string().max(40).default(''),
  /** Who has the patient now, and the consultation opened for them. */
  clinicianId: recordIdSchema.nullable().default(null),
  consultationId: recordIdSchema.nullable().default(null),
  redirectedTo: z.enum(REDIRECTIONS).nullable().default(null),
  /** What happened: a call-back's outcome, a note on leaving. */
  outcome: z.string().max(2000).default(''),
  history: z.array(queueEventSchema).min(1),
});
export type QueueEntryData = z.infer<typeof queueEntryDataSchema>;

export const queueEntrySchema = recordSchema(z.enum(QUEUE_STATUSES), queueEntryDataSchema);
export type QueueEntry = z.infer<typeof queueEntrySchema>;

/** The reason and red flags as reception logs them (the patient's details go to the patient record). */
export const walkInDetailsSchema = z.object({
  kind: z.enum(['walk-in', 'phone']),
  reason: z.string().trim().min(1, 'Enter the reason, in the patient’s words').max(1000, 'Keep the reason under 1,000 characters'),
  arrivedAt: isoDateTimeSchema,
  redFlags: z.array(z.enum(RED_FLAGS)).default([]),
  callbackNumber: z.string().trim().max(40).default(''),
});
export type WalkInDetails = z.infer<typeof walkInDetailsSchema>;

/** Urgent first (a red flag, 999 before duty doctor), then by arrival (or appointment time, for booked). */
export function queueOrder(a: QueueEntry, b: QueueEntry): number {
  const urgency = (e: QueueEntry) => {
    const action = mostUrgentAction(e.data.redFlags);
    return action === 'call-999' ? 0 : action === 'duty-doctor-now' ? 1 : 2;
  };
  const byUrgency = urgency(a) - urgency(b);
  if (byUrgency !== 0) return byUrgency;
  const when = (e: QueueEntry) => e.data.appointmentAt ?? e.data.arrivedAt;
  // Arrival is typed to the minute: within a minute, the order they were logged in (ticket).
  return Date.parse(when(a)) - Date.parse(when(b)) || a.data.ticket - b.data.ticket;
}

/** The active queue, in the order people should be seen. */
export function activeQueue(entries: readonly QueueEntry[]): QueueEntry[] {
  return entries.filter((e) => ACTIVE_STATUSES.includes(e.status)).sort(queueOrder);
}

/** Whole minutes waited so far (until now, or until the entry stopped waiting). */
export function minutesWaited(entry: QueueEntry, now: Date): number {
  const stoppedWaiting = entry.data.history.find((h) => h.status === 'with-clinician' || h.status === 'seen' || h.status === 'redirected' || h.status === 'left');
  const end = stoppedWaiting ? Date.parse(stoppedWaiting.at) : now.getTime();
  return Math.max(0, Math.floor((end - Date.parse(entry.data.arrivedAt)) / 60_000));
}

/** "1 h 05 min", "12 min". */
export function formatWait(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** Initials for the waiting-room screen: never a name. */
export function initials(firstName: string, lastName: string): string {
  return `${firstName.trim().charAt(0)}${lastName.trim().charAt(0)}`.toLocaleUpperCase('en-GB');
}

export interface DayInNumbers {
  waitingNow: number;
  seenToday: number;
  longestWaitMinutes: number;
  redFlagsToday: number;
}

/** The day in numbers, for entries that arrived on `today` (London date, YYYY-MM-DD). */
export function dayInNumbers(entries: readonly QueueEntry[], now: Date, isToday: (iso: string) => boolean): DayInNumbers {
  const todays = entries.filter((e) => isToday(e.data.arrivedAt));
  const waiting = todays.filter((e) => e.status === 'waiting' || e.status === 'called');
  return {
    waitingNow: waiting.length,
    seenToday: todays.filter((e) => e.status === 'seen').length,
    longestWaitMinutes: waiting.reduce((max, e) => Math.max(max, minutesWaited(e, now)), 0),
    redFlagsToday: todays.filter((e) => e.data.redFlags.length > 0).length,
  };
}
