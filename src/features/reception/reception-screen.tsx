/**
 * The queue: everyone waiting, urgent first, then by arrival, with the time waited ticking. Each
 * status change is timed and attributed. A clinician takes the next patient (or a chosen one) and
 * their consultation opens with the patient and the reason filled in.
 */
import { useEffect, useState } from 'react';
import { changeQueueStatus, isTodayInLondon, listPatients, listQueue, takePatient, ValidationFailure } from '../../db';
import { patientListName, type Patient } from '../../domain/patient';
import {
  activeQueue,
  dayInNumbers,
  formatWait,
  minutesWaited,
  QUEUE_KIND_LABELS,
  QUEUE_STATUS_LABELS,
  REDIRECTION_LABELS,
  REDIRECTIONS,
  type QueueEntry,
  type Redirection,
} from '../../domain/reception';
import { CLINICAL_ROLES, staffDisplayName } from '../../domain/staff';
import { formatUkTime } from '../../domain/time';
import { Link, navigate } from '../../lib/router';
import { useActor, useSession } from '../../lib/session';
import { useLiveQuery } from '../../lib/use-live-query';
import { RedFlagAlert } from './red-flag-alert';

async function readQueue(): Promise<{ entries: QueueEntry[]; patients: Map<string, Patient> }> {
  const [entries, patients] = await Promise.all([listQueue(), listPatients()]);
  return { entries, patients: new Map(patients.map((p) => [p.id, p])) };
}

/** Re-renders every 30 seconds so waiting times tick. */
function useNow(intervalMs = 30_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const handle = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(handle);
  }, [intervalMs]);
  return now;
}

export function ReceptionScreen() {
  const actor = useActor();
  const session = useSession();
  const now = useNow();
  const data = useLiveQuery(readQueue, []);
  const [problem, setProblem] = useState<string | null>(null);
  const isClinician = session.currentUser ? CLINICAL_ROLES.includes(session.currentUser.data.role) : false;

  if (data.status === 'loading') return <p role="status">Loading the queue…</p>;
  if (data.status === 'failed') return <p className="nhsuk-error-message">The queue could not be read: {data.error}</p>;
  const { entries, patients } = data.value;
  const queue = activeQueue(entries);
  const booked = entries.filter((e) => e.status === 'booked' && isTodayInLondon(e.data.appointmentAt ?? e.data.arrivedAt)).sort((a, b) => (a.data.appointmentAt ?? '').localeCompare(b.data.appointmentAt ?? ''));
  const done = entries.filter((e) => !queue.includes(e) && e.status !== 'booked' && isTodayInLondon(e.data.arrivedAt)).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  const numbers = dayInNumbers(entries, now, isTodayInLondon);
  const name = (e: QueueEntry) => {
    const p = patients.get(e.data.patientId);
    return p ? patientListName(p.data) : 'Unknown patient';
  };
  const who = (id: string | null) => {
    const member = id ? session.staff.find((s) => s.id === id) : undefined;
    return member ? staffDisplayName(member.data) : '';
  };

  async function act(run: () => Promise<unknown>) {
    setProblem(null);
    try {
      await run();
    } catch (error) {
      setProblem(error instanceof ValidationFailure ? error.message : error instanceof Error ? error.message : String(error));
    }
  }

  async function take(entry: QueueEntry) {
    await act(async () => {
      const { consultationId } = await takePatient(entry.id, actor);
      navigate(`/consultations/${consultationId}`);
    });
  }

  const next = queue.find((e) => e.status === 'waiting' || e.status === 'called');

  return (
    <>
      <h1>Reception queue</h1>
      <div className="lifeboat-numbers" aria-label="The day in numbers" data-testid="day-numbers">
        <div>
          Waiting now<strong>{numbers.waitingNow}</strong>
        </div>
        <div>
          Seen today<strong>{numbers.seenToday}</strong>
        </div>
        <div>
          Longest wait<strong>{formatWait(numbers.longestWaitMinutes)}</strong>
        </div>
        <div>
          Red flags today<strong>{numbers.redFlagsToday}</strong>
        </div>
      </div>
      <div className="nhsuk-button-group">
        <Link className="nhsuk-button" to="/reception/new">
          Log a walk-in or phone request
        </Link>{' '}
        {isClinician && next ? (
          <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => void take(next)}>
            Take the next patient
          </button>
        ) : null}{' '}
        <Link className="nhsuk-button nhsuk-button--secondary" to="/reception/display">
          Waiting-room screen
        </Link>{' '}
        <Link className="nhsuk-button nhsuk-button--secondary" to="/reception/import">
          Import today’s appointments
        </Link>{' '}
        <Link className="nhsuk-button nhsuk-button--secondary" to="/reception/receive">
          Receive from another device
        </Link>
      </div>
      {problem ? <p className="nhsuk-error-message">{problem}</p> : null}
      <h2>Waiting</h2>
      {queue.length === 0 ? <p>Nobody is waiting.</p> : null}
      <ol className="nhsuk-list" data-testid="queue">
        {queue.map((e) => (
          <li key={e.id} className="nhsuk-card nhsuk-u-margin-bottom-3" data-testid="queue-entry">
            <div className="nhsuk-card__content">
              <h3 className="nhsuk-card__heading nhsuk-heading-s">
                {e.data.redFlags.length > 0 ? <span className="lifeboat-tag-urgent">Urgent</span> : null} {e.data.ticket}. {name(e)}
              </h3>
              <RedFlagAlert flags={e.data.redFlags} />
              <p className="nhsuk-card__description">
                {QUEUE_KIND_LABELS[e.data.kind]} · “{e.data.reason}” · arrived {formatUkTime(new Date(e.data.arrivedAt), false)} · waited{' '}
                <strong data-testid="waited">{formatWait(minutesWaited(e, now))}</strong> · <strong>{QUEUE_STATUS_LABELS[e.status]}</strong>
                {e.data.clinicianId ? ` with ${who(e.data.clinicianId)}` : ''}
                {e.data.kind === 'phone' && e.data.callbackNumber ? ` · call back on ${e.data.callbackNumber}` : ''}
              </p>
              <EntryActions entry={e} isClinician={isClinician} onTake={() => void take(e)} onAct={act} />
            </div>
          </li>
        ))}
      </ol>
      {booked.length > 0 ? (
        <>
          <h2>Booked today, not arrived</h2>
          <ul className="nhsuk-list">
            {booked.map((e) => (
              <li key={e.id}>
                {e.data.appointmentAt ? formatUkTime(new Date(e.data.appointmentAt), false) : ''} · {name(e)}
                {e.data.bookedWith ? ` · ${e.data.bookedWith}` : ''}{' '}
                <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-0" onClick={() => void act(() => changeQueueStatus(e.id, 'waiting', actor, { outcome: 'Arrived' }))}>
                  Arrived
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {done.length > 0 ? (
        <>
          <h2>Done today</h2>
          <ul className="nhsuk-list">
            {done.map((e) => (
              <li key={e.id}>
                {e.data.ticket}. {name(e)} · {QUEUE_STATUS_LABELS[e.status]}
                {e.data.redirectedTo ? ` to ${REDIRECTION_LABELS[e.data.redirectedTo]}` : ''}
                {e.data.outcome ? ` · ${e.data.outcome}` : ''} · waited {formatWait(minutesWaited(e, now))}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

function EntryActions({ entry, isClinician, onTake, onAct }: { entry: QueueEntry; isClinician: boolean; onTake: () => void; onAct: (run: () => Promise<unknown>) => Promise<void> }) {
  const actor = useActor();
  const [redirect, setRedirect] = useState<Redirection | ''>('');
  const [outcome, setOutcome] = useState('');
  const id = entry.id;
  const label = `${entry.data.ticket}`;
  return (
    <div className="nhsuk-button-group">
      {isClinician && entry.status !== 'with-clinician' ? (
        <button type="button" className="nhsuk-button nhsuk-button--small nhsuk-u-margin-bottom-2" onClick={onTake}>
          Take <span className="nhsuk-u-visually-hidden">ticket {label}</span>
        </button>
      ) : null}{' '}
      {entry.status === 'waiting' ? (
        <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-2" onClick={() => void onAct(() => changeQueueStatus(id, 'called', actor))}>
          Call <span className="nhsuk-u-visually-hidden">ticket {label}</span>
        </button>
      ) : null}{' '}
      <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-2" onClick={() => void onAct(() => changeQueueStatus(id, 'seen', actor, outcome ? { outcome } : {}))}>
        {entry.data.kind === 'phone' ? 'Called back' : 'Seen'} <span className="nhsuk-u-visually-hidden">ticket {label}</span>
      </button>{' '}
      <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-2" onClick={() => void onAct(() => changeQueueStatus(id, 'left', actor, outcome ? { outcome } : {}))}>
        Left <span className="nhsuk-u-visually-hidden">ticket {label}</span>
      </button>{' '}
      <Link className="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-2" to={`/reception/handover/${id}`}>
        Hand over to another device <span className="nhsuk-u-visually-hidden">(ticket {label})</span>
      </Link>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-one-half">
          <label className="nhsuk-label" htmlFor={`redirect-${id}`}>
            Redirect ticket {label} to
          </label>
          <select className="nhsuk-select" id={`redirect-${id}`} value={redirect} onChange={(e) => setRedirect(e.currentTarget.value as Redirection | '')}>
            <option value="">Choose</option>
            {REDIRECTIONS.map((r) => (
              <option key={r} value={r}>
                {REDIRECTION_LABELS[r]}
              </option>
            ))}
          </select>{' '}
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-2"
            disabled={!redirect}
            onClick={() => redirect && void onAct(() => changeQueueStatus(id, 'redirected', actor, { redirectedTo: redirect }))}
          >
            Redirect
          </button>
        </div>
        <div className="nhsuk-grid-column-one-half">
          <label className="nhsuk-label" htmlFor={`outcome-${id}`}>
            {entry.data.kind === 'phone' ? 'Call-back outcome' : 'Note'} for ticket {label}
          </label>
          <input className="nhsuk-input" id={`outcome-${id}`} autoComplete="off" value={outcome} onChange={(e) => setOutcome(e.currentTarget.value)} />
        </div>
      </div>
    </div>
  );
}
