/**
 * The FP10 register: every prescription form used on this device, by serial, as controlled
 * stationery requires: when, by whom, for whom, and whether printed, spoiled or cancelled.
 */
import { useState } from 'react';
import { listFp10Register, listPatients, markFp10FormSpoiled, ValidationFailure } from '../../db';
import { patientListName } from '../../domain/patient';
import { FP10_STATUS_LABELS, type Fp10Entry } from '../../domain/prescribing/prescription-record';
import { staffDisplayName } from '../../domain/staff';
import { formatUkDateTime } from '../../domain/time';
import { TextInput } from '../../components/form-fields';
import { Link } from '../../lib/router';
import { useActor, useSession } from '../../lib/session';
import { useLiveQuery } from '../../lib/use-live-query';
import { ResponsiveCell, ResponsiveRow, ResponsiveTable } from '../../components/responsive-table';

const TAG = { printed: 'nhsuk-tag--green', spoiled: 'nhsuk-tag--grey', cancelled: 'nhsuk-tag--red' } as const;

export function RegisterScreen() {
  const session = useSession();
  const register = useLiveQuery(listFp10Register, []);
  const patients = useLiveQuery(listPatients, []);
  const [spoiling, setSpoiling] = useState<string | null>(null);
  const patientName = (id: string | null) => {
    const p = patients.status === 'ready' ? patients.value.find((x) => x.id === id) : undefined;
    return p ? patientListName(p.data) : id ? 'Patient not on this device' : 'None';
  };
  const who = (id: string) => {
    const m = session.staff.find((s) => s.id === id);
    return m ? staffDisplayName(m.data) : 'A former user';
  };
  const entries = register.status === 'ready' ? register.value : [];

  return (
    <>
      <h1>FP10 register</h1>
      <p>Every FP10SS form printed on this device. A form torn, jammed or misprinted is marked spoiled with the reason; keep the spoiled form for the practice’s records.</p>
      <p>
        <Link to="/prescriptions">All prescriptions</Link>
      </p>
      {register.status === 'failed' ? <p className="nhsuk-error-message">The register could not be read: {register.error}</p> : null}
      {entries.length === 0 ? (
        <p>No forms used yet.</p>
      ) : (
        <ResponsiveTable data-testid="fp10-register" headings={['Serial', 'Date', 'Prescriber', 'Patient', 'Status', 'Action']}>
          {entries.map((e) => (
            <ResponsiveRow key={e.id}>
              <ResponsiveCell heading="Serial" className="lifeboat-mono">
                {e.data.prescriptionId ? <Link to={`/prescriptions/${e.data.prescriptionId}`}>{e.data.serial}</Link> : e.data.serial}
              </ResponsiveCell>
              <ResponsiveCell heading="Date">{formatUkDateTime(new Date(e.data.usedAt))}</ResponsiveCell>
              <ResponsiveCell heading="Prescriber">{who(e.data.prescriberId)}</ResponsiveCell>
              <ResponsiveCell heading="Patient">{patientName(e.data.patientId)}</ResponsiveCell>
              <ResponsiveCell heading="Status">
                <strong className={`nhsuk-tag ${TAG[e.status]}`}>{FP10_STATUS_LABELS[e.status]}</strong>
                {e.data.spoiledReason ? <span className="nhsuk-body-s"> {e.data.spoiledReason}</span> : null}
                {e.data.cancelledReason ? <span className="nhsuk-body-s"> {e.data.cancelledReason}</span> : null}
              </ResponsiveCell>
              <ResponsiveCell heading="Action">
                {e.status === 'printed' ? (
                  spoiling === e.id ? (
                    <SpoilForm entry={e} onDone={() => setSpoiling(null)} />
                  ) : (
                    <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" onClick={() => setSpoiling(e.id)}>
                      Mark form {e.data.serial} spoiled
                    </button>
                  )
                ) : null}
              </ResponsiveCell>
            </ResponsiveRow>
          ))}
        </ResponsiveTable>
      )}
    </>
  );
}

function SpoilForm({ entry, onDone }: { entry: Fp10Entry; onDone: () => void }) {
  const actor = useActor();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  async function spoil() {
    try {
      await markFp10FormSpoiled(entry.id, reason, actor);
      onDone();
    } catch (e) {
      setError(e instanceof ValidationFailure ? (e.fieldErrors.reason ?? e.message) : String(e));
    }
  }
  return (
    <div>
      <TextInput id={`spoil-reason-${entry.id}`} label={`Why is form ${entry.data.serial} spoiled?`} hint="For example, jammed in the printer" error={error} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
      <button type="button" className="nhsuk-button nhsuk-button--warning nhsuk-button--small" onClick={() => void spoil()}>
        Mark spoiled
      </button>
    </div>
  );
}
