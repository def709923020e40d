/** One patient: their details, their consultations on this device, and a new consultation. */
import { useState } from 'react';
import { getPatient, listConsultationsForPatient, listPrescriptionsForPatient, startConsultation } from '../../db';
import { CONSULTATION_TYPE_LABELS } from '../../domain/consultation';
import { formatUkDateTime } from '../../domain/time';
import { PatientBanner } from '../../components/patient-banner';
import { PrescriptionList } from '../../components/prescription-list';
import { Link, navigate } from '../../lib/router';
import { useActor, useSession } from '../../lib/session';
import { useLiveQuery } from '../../lib/use-live-query';
import { staffDisplayName } from '../../domain/staff';

const STATUS_LABELS = { draft: 'Draft: not signed', signed: 'Signed', discarded: 'Discarded' } as const;

export function PatientScreen({ patientId }: { patientId: string }) {
  const actor = useActor();
  const session = useSession();
  const patient = useLiveQuery(() => getPatient(patientId), [patientId]);
  const consultations = useLiveQuery(() => listConsultationsForPatient(patientId), [patientId]);
  const prescriptions = useLiveQuery(() => listPrescriptionsForPatient(patientId), [patientId]);
  const [problem, setProblem] = useState<string | null>(null);

  if (patient.status === 'loading') return <p role="status">Loading…</p>;
  if (patient.status === 'failed') return <p className="nhsuk-error-message">This patient could not be read: {patient.error}</p>;
  if (!patient.value) return <h1>This patient is not on this device</h1>;

  async function start() {
    setProblem(null);
    try {
      const consultation = await startConsultation(patientId, actor);
      navigate(`/consultations/${consultation.id}`);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  }

  const list = consultations.status === 'ready' ? [...consultations.value].filter((c) => c.status !== 'discarded').sort((a, b) => b.data.happenedAt.localeCompare(a.data.happenedAt)) : [];
  const who = (id: string) => {
    const member = session.staff.find((s) => s.id === id);
    return member ? staffDisplayName(member.data) : 'A former user';
  };

  return (
    <>
      <PatientBanner patient={patient.value} />
      <h1 className="nhsuk-u-visually-hidden">Patient record</h1>
      {problem ? <p className="nhsuk-error-message">{problem}</p> : null}
      <button type="button" className="nhsuk-button" onClick={() => void start()}>
        Start a consultation
      </button>{' '}
      <Link className="nhsuk-button nhsuk-button--secondary" to={`/prescriptions/new?patient=${patientId}`}>
        Prescribe
      </Link>{' '}
      <Link className="nhsuk-button nhsuk-button--secondary" to={`/patients/${patientId}/edit`}>
        Change details
      </Link>{' '}
      <Link className="nhsuk-button nhsuk-button--secondary" to={`/prescriptions/handwritten?patient=${patientId}`}>
        Log a handwritten prescription
      </Link>
      <h2>Consultations on this device</h2>
      {list.length === 0 ? (
        <p>None yet.</p>
      ) : (
        <ul className="nhsuk-list nhsuk-list--border">
          {list.map((c) => (
            <li key={c.id}>
              <Link to={`/consultations/${c.id}`}>
                {formatUkDateTime(new Date(c.data.happenedAt))} · {CONSULTATION_TYPE_LABELS[c.data.type]}
              </Link>{' '}
              · {who(c.authorId)} · <strong>{STATUS_LABELS[c.status]}</strong>
            </li>
          ))}
        </ul>
      )}
      <h2>Prescriptions on this device</h2>
      <PrescriptionList prescriptions={prescriptions.status === 'ready' ? prescriptions.value : []} staff={session.staff} />
    </>
  );
}
