/**
 * `/prescriptions/new?consultation=<id>` or `?patient=<id>`: starts a draft for the signed-in
 * prescriber and opens it. The address then changes to the draft, so going back never starts
 * a second one.
 */
import { useEffect, useRef, useState } from 'react';
import { startPrescription } from '../../db';
import { Link, navigate } from '../../lib/router';
import { useActor } from '../../lib/session';

export function NewPrescriptionScreen({ query }: { query: string }) {
  const actor = useActor();
  const started = useRef(false);
  const [failure, setFailure] = useState<string | null>(null);
  const params = new URLSearchParams(query);
  const consultationId = params.get('consultation');
  const patientId = params.get('patient');
  const problem = consultationId || patientId ? failure : 'Open a patient or a signed consultation, then choose “Prescribe”.';

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const start = consultationId ? { consultationId } : patientId ? { patientId } : null;
    if (!start) return;
    startPrescription(start, actor).then(
      (draft) => navigate(`/prescriptions/${draft.id}`, { replace: true }),
      (error: unknown) => setFailure(error instanceof Error ? error.message : String(error)),
    );
  }, [actor, consultationId, patientId]);

  return (
    <>
      <h1>New prescription</h1>
      {problem ? (
        <div className="nhsuk-error-summary" role="alert" tabIndex={-1}>
          <h2 className="nhsuk-error-summary__title">The prescription could not be started</h2>
          <div className="nhsuk-error-summary__body">
            <p>{problem}</p>
            <p>
              <Link to={patientId ? `/patients/${patientId}` : '/patients'}>Back to the patient</Link>
            </p>
          </div>
        </div>
      ) : (
        <p role="status">Starting the prescription…</p>
      )}
    </>
  );
}
