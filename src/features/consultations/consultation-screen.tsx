/** One consultation: the patient banner, then the editor (a draft) or the record (signed). */
import { getConsultation, getPatient, listAuditFor } from '../../db';
import { AUDIT_ACTION_LABELS } from '../../domain/audit';
import { staffDisplayName } from '../../domain/staff';
import { formatUkDateTime } from '../../domain/time';
import { PatientBanner } from '../../components/patient-banner';
import { Link } from '../../lib/router';
import { useSession } from '../../lib/session';
import { useLiveQuery } from '../../lib/use-live-query';
import { DraftEditor } from './draft-editor';
import { RecordActions } from './record-actions';
import { SignedRecord } from './signed-record';

export function ConsultationScreen({ consultationId }: { consultationId: string }) {
  const consultation = useLiveQuery(() => getConsultation(consultationId), [consultationId]);
  const patientId = consultation.status === 'ready' ? consultation.value?.data.patientId : undefined;
  const patient = useLiveQuery(async () => (patientId ? getPatient(patientId) : null), [patientId]);

  if (consultation.status === 'loading') return <p role="status">Loading…</p>;
  if (consultation.status === 'failed') return <p className="nhsuk-error-message">This consultation could not be read: {consultation.error}</p>;
  const c = consultation.value;
  if (!c) return <h1>This consultation is not on this device</h1>;
  const p = patient.status === 'ready' ? patient.value : null;

  return (
    <>
      {p ? <PatientBanner patient={p} /> : null}
      {p ? (
        <p>
          <Link to={`/patients/${p.id}`}>All of this patient’s consultations</Link>
        </p>
      ) : null}
      {c.status === 'draft' ? (
        // Keyed by id: a different draft starts a fresh form; a save of this one does not reset it.
        <DraftEditor key={c.id} consultation={c} />
      ) : (
        <SignedRecord consultation={c} actions={p ? <RecordActions consultation={c} patient={p} /> : null} />
      )}
      <RecordHistory consultationId={c.id} />
    </>
  );
}

function RecordHistory({ consultationId }: { consultationId: string }) {
  const session = useSession();
  const events = useLiveQuery(() => listAuditFor(consultationId), [consultationId]);
  if (events.status !== 'ready' || events.value.length === 0) return null;
  const who = (id: string) => {
    const member = session.staff.find((s) => s.id === id);
    return member ? staffDisplayName(member.data) : 'A former user';
  };
  return (
    <details className="nhsuk-details">
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">History of this record</span>
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
