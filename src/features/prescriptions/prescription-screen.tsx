/** One prescription: the patient banner, the editor (a draft), what was printed or discarded, and its history. */
import { getPatient, getPrescription } from '../../db';
import { PatientBanner } from '../../components/patient-banner';
import { Link } from '../../lib/router';
import { useLiveQuery } from '../../lib/use-live-query';
import { RecordHistory } from '../../components/record-history';
import { DiscardedPrescriptionView } from './discarded-prescription';
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
      {!pt ? null : p.status === 'draft' ? (
        <PrescriptionEditor key={p.id} draft={p} patient={pt} />
      ) : p.status === 'discarded' ? (
        <DiscardedPrescriptionView prescription={p} />
      ) : (
        <IssuedPrescriptionView prescription={p} patient={pt} />
      )}
      <RecordHistory entityId={p.id} title="History of this prescription" />
    </>
  );
}
