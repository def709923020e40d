/** One prescription: the patient banner, the editor (a draft) or what was printed, and its history. */
import { getPatient, getPrescription, listAuditFor } from '../../db';
import { AUDIT_ACTION_LABELS } from '../../domain/audit';
import { staffDisplayName } from '../../domain/staff';
import { formatUkDateTime } from '../../domain/time';
import { PatientBanner } from '../../components/patient-banner';
import { Link } from '../../lib/router';
import { useSession } from '../../lib/session';
import { useLiveQuery } from '../../lib/use-live-query';
import { IssuedPrescriptionView } from './issued-prescription';
import { PrescriptionEditor } from './prescription-editor';

export function PrescriptionScreen({ prescriptionId }: { prescriptionId: string }) {
  const prescription = useLiveQuery(() => getPrescription(prescriptionId), [prescriptionId]);
  const patientId = prescription.status === 'ready' ? prescription.value?.data.patientId : undefined;
  const patient = useLiveQuery(async () => (patientId ? getPatient(patientId) : null), [patientId]);

  if (prescription.status === 'loading') return <p role="status">Loading…</p>;
  if (prescription.status === 'failed') return <p className="nhsuk-error-message">This prescription could not be read: {prescription.error}</p>;
  const p = prescription.value;
  if (!p) return <h1>This prescription is not on this device</h1>;
  const pt = patient.status === 'ready' ? patient.value : null;

  return (
    <>
      {pt ? <PatientBanner patient={pt} /> : null}
      <p>
        {pt ? <Link to={`/patients/${pt.id}`}>This patient’s record</Link> : null}
        {p.data.consultationId ? (
          <>
            {' · '}
            <Link to={`/consultations/${p.data.consultationId}`}>The consultation</Link>
          </>
        ) : null}
        {p.data.replacesId ? (
          <>
            {' · '}
            <Link to={`/prescriptions/${p.data.replacesId}`}>The cancelled prescription this replaces</Link>
          </>
        ) : null}
      </p>
      {!pt ? null : p.status === 'draft' ? <PrescriptionEditor key={p.id} draft={p} patient={pt} /> : <IssuedPrescriptionView prescription={p} patient={pt} />}
      <RecordHistory entityId={p.id} />
    </>
  );
}

function RecordHistory({ entityId }: { entityId: string }) {
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
        <span className="nhsuk-details__summary-text">History of this prescription</span>
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
