/**
 * A list of prescriptions (date, patient, medicines, prescriber, status), shared by the patient
 * screen and the list of all prescriptions. A cancelled one stays in the list, marked cancelled,
 * and so does a discarded draft.
 */
import { patientListName, type Patient } from '../domain/patient';
import { isHandwritten } from '../domain/prescribing/handwritten';
import { isIssued, type StoredPrescription } from '../domain/prescribing/prescription-record';
import { staffDisplayName, type StaffMember } from '../domain/staff';
import { formatUkDateTime } from '../domain/time';
import { Link } from '../lib/router';
import { ResponsiveCell, ResponsiveRow, ResponsiveTable } from './responsive-table';

export const PRESCRIPTION_STATUS_LABELS = { draft: 'Draft: not printed', printed: 'Printed', cancelled: 'Cancelled', discarded: 'Discarded: never printed' } as const;
const TAG = { draft: 'nhsuk-tag--yellow', printed: 'nhsuk-tag--green', cancelled: 'nhsuk-tag--red', discarded: 'nhsuk-tag--grey' } as const;

export function PrescriptionStatusTag({ status }: { status: StoredPrescription['status'] }) {
  return <strong className={`nhsuk-tag ${TAG[status]}`}>{PRESCRIPTION_STATUS_LABELS[status]}</strong>;
}

export function PrescriptionList({ prescriptions, patients, staff }: { prescriptions: StoredPrescription[]; patients?: Patient[]; staff: StaffMember[] }) {
  if (prescriptions.length === 0) return <p>None yet.</p>;
  const patientName = (id: string) => {
    const p = patients?.find((x) => x.id === id);
    return p ? patientListName(p.data) : 'Patient not on this device';
  };
  const who = (id: string) => {
    const m = staff.find((s) => s.id === id);
    return m ? staffDisplayName(m.data) : 'A former user';
  };
  return (
    <ResponsiveTable data-testid="prescription-list" headings={patients ? ['Date', 'Patient', 'Medicines', 'Prescriber', 'Status'] : ['Date', 'Medicines', 'Prescriber', 'Status']}>
      {prescriptions.map((p) => (
        <ResponsiveRow key={p.id}>
          <ResponsiveCell heading="Date">
            <Link to={`/prescriptions/${p.id}`}>{formatUkDateTime(new Date(isIssued(p) ? p.data.issuedAt : p.createdAt))}</Link>
          </ResponsiveCell>
          {patients ? <ResponsiveCell heading="Patient">{patientName(p.data.patientId)}</ResponsiveCell> : null}
          <ResponsiveCell heading="Medicines">{p.data.items.map((i) => [i.medicineName, i.strength].filter(Boolean).join(' ')).filter(Boolean).join('; ') || 'No medicine yet'}</ResponsiveCell>
          <ResponsiveCell heading="Prescriber">{who(p.data.prescriberId)}</ResponsiveCell>
          <ResponsiveCell heading="Status">
            <PrescriptionStatusTag status={p.status} />
            {isHandwritten(p) ? <> <strong className="nhsuk-tag nhsuk-tag--blue">Handwritten</strong></> : null}
          </ResponsiveCell>
        </ResponsiveRow>
      ))}
    </ResponsiveTable>
  );
}
