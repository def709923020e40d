/** Every prescription on this device, newest first, with a link to the FP10 register. */
import { listPatients, listPrescriptions } from '../../db';
import { PrescriptionList } from '../../components/prescription-list';
import { Link } from '../../lib/router';
import { useSession } from '../../lib/session';
import { useLiveQuery } from '../../lib/use-live-query';

export function PrescriptionsScreen() {
  const session = useSession();
  const prescriptions = useLiveQuery(listPrescriptions, []);
  const patients = useLiveQuery(listPatients, []);
  return (
    <>
      <h1>Prescriptions</h1>
      <p>
        To write one, open the patient or a signed consultation and choose “Prescribe”. <Link to="/prescriptions/register">FP10 register</Link>
      </p>
      <p>
        <Link to="/prescriptions/handwritten">Log a handwritten prescription</Link> written on paper before Lifeboat was opened, with photos of it.
      </p>
      {prescriptions.status === 'failed' ? <p className="nhsuk-error-message">Prescriptions could not be read: {prescriptions.error}</p> : null}
      {prescriptions.status === 'ready' ? (
        <PrescriptionList prescriptions={prescriptions.value} patients={patients.status === 'ready' ? patients.value : []} staff={session.staff} />
      ) : (
        <p role="status">Loading…</p>
      )}
    </>
  );
}
