/** The audit trail: every write on this device, who did it, when, on which device. */
import { listRecentAudit } from '../../db';
import { AUDIT_ACTION_LABELS, type AuditEvent } from '../../domain/audit';
import { formatUkDateTime } from '../../domain/time';
import { staffDisplayName } from '../../domain/staff';
import { useSession } from '../../lib/session';
import { useLiveQuery } from '../../lib/use-live-query';
import { ResponsiveCell, ResponsiveRow, ResponsiveTable } from '../../components/responsive-table';

export function HistoryScreen() {
  const session = useSession();
  const result = useLiveQuery(() => listRecentAudit(500), []);
  const events: AuditEvent[] | null = result.status === 'ready' ? result.value : null;

  function who(actorId: string): string {
    const member = session.staff.find((s) => s.id === actorId);
    return member ? staffDisplayName(member.data) : 'A user no longer on this device';
  }

  return (
    <>
      <h1>Audit trail</h1>
      <p>Every change made on this device, newest first. Entries are never changed or deleted.</p>
      {result.status === 'failed' ? (
        <p className="nhsuk-error-message">The audit trail could not be read: {result.error}</p>
      ) : events === null ? (
        <p>Loading…</p>
      ) : (
        <ResponsiveTable data-testid="audit-table" headings={['When', 'Who', 'What', 'Device']}>
          {events.map((e) => (
            <ResponsiveRow key={e.id}>
              <ResponsiveCell heading="When">{formatUkDateTime(new Date(e.at))}</ResponsiveCell>
              <ResponsiveCell heading="Who">{who(e.actorId)}</ResponsiveCell>
              <ResponsiveCell heading="What">
                <strong className="nhsuk-tag nhsuk-tag--grey">{AUDIT_ACTION_LABELS[e.action]}</strong> {e.data.summary}
              </ResponsiveCell>
              <ResponsiveCell heading="Device">{e.deviceId === session.device.deviceId ? session.device.label : `Another device (${e.deviceId.slice(0, 8)})`}</ResponsiveCell>
            </ResponsiveRow>
          ))}
        </ResponsiveTable>
      )}
    </>
  );
}
