/** A record's history from the audit trail: who did what, when. Shown under every record. */
import { listAuditFor } from '../db';
import { AUDIT_ACTION_LABELS } from '../domain/audit';
import { staffDisplayName } from '../domain/staff';
import { formatUkDateTime } from '../domain/time';
import { useSession } from '../lib/session';
import { useLiveQuery } from '../lib/use-live-query';

export function RecordHistory({ entityId, title }: { entityId: string; title: string }) {
  const session = useSession();
  const events = useLiveQuery(() => listAuditFor(entityId), [entityId]);
  if (events.status !== 'ready' || events.value.length === 0) return null;
  const who = (id: string) => {
    const member = session.staff.find((s) => s.id === id);
    return member ? staffDisplayName(member.data) : 'A former user';
  };
  return (
    <details className="nhsuk-details">
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">{title}</span>
      </summary>
      <div className="nhsuk-details__text">
        <ul className="nhsuk-list" data-testid="record-history">
          {events.value.map((e) => (
            <li key={e.id}>
              {formatUkDateTime(new Date(e.at))} · {who(e.actorId)} · {AUDIT_ACTION_LABELS[e.action]}: {e.data.summary}
            </li>
          ))}
        </ul>
      </div>
    </details>
  );
}
