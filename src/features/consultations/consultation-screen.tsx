/** One consultation: the patient banner, then the editor (a draft) or the record (signed). */
import { getConsultation, getPatient } from '../../db';
import { PatientBanner } from '../../components/patient-banner';
import { Link } from '../../lib/router';
import { useLiveQuery } from '../../lib/use-live-query';
import { RecordHistory } from '../../components/record-history';
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
      <RecordHistory entityId={c.id} title="History of this record" />
    </>
  );
}
