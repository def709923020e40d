/**
 * Every prescription on this device, newest first, with a link to the FP10 register; or, with
 * `?view=unprinted`, only those started and not yet printed (the patient has nothing yet).
 */
import { listPatients, listPrescriptions } from '../../db';
import { PrescriptionList } from '../../components/prescription-list';
import { Link } from '../../lib/router';
import { useSession } from '../../lib/session';
import { useLiveQuery } from '../../lib/use-live-query';

export function PrescriptionsScreen({ query }: { query: string }) {
  const session = useSession();
  const prescriptions = useLiveQuery(listPrescriptions, []);
  const patients = useLiveQuery(listPatients, []);
  const unprintedOnly = new URLSearchParams(query).get('view') === 'unprinted';
  const shown = prescriptions.status === 'ready' && unprintedOnly ? prescriptions.value.filter((p) => p.status === 'draft') : prescriptions.status === 'ready' ? prescriptions.value : [];
  return (
    <>
      <h1>{unprintedOnly ? 'Prescriptions not printed yet' : 'Prescriptions'}</h1>
      {unprintedOnly ? (
        <p>
          Started but not printed: the patient has no prescription yet. Open one to finish and print it, or cancel it if it is not needed.{' '}
          <Link to="/prescriptions">All prescriptions</Link>
        </p>
      ) : null}
      <p>
        To write one, open the patient or a signed consultation and choose “Prescribe”. <Link to="/prescriptions/register">FP10 register</Link>
      </p>
      <p>
        <Link to="/prescriptions/handwritten">Log a handwritten prescription</Link> written on paper before Lifeboat was opened, with photos of it.
      </p>
      {prescriptions.status === 'failed' ? <p className="nhsuk-error-message">Prescriptions could not be read: {prescriptions.error}</p> : null}
      {prescriptions.status === 'ready' ? (
        shown.length > 0 || !unprintedOnly ? (
          <PrescriptionList prescriptions={shown} patients={patients.status === 'ready' ? patients.value : []} staff={session.staff} />
        ) : (
          <p>Every prescription started on this device has been printed.</p>
        )
      ) : (
        <p role="status">Loading…</p>
      )}
    </>
  );
}
