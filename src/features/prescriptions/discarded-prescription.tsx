/** A prescription draft that was discarded: kept as it was typed, with who discarded it, when and why. */
import { SummaryRow } from '../../components/summary-row';
import { PrescriptionStatusTag } from '../../components/prescription-list';
import type { DiscardedPrescription } from '../../domain/prescribing/prescription-record';
import { staffDisplayName } from '../../domain/staff';
import { formatUkDateTime } from '../../domain/time';
import { useSession } from '../../lib/session';
import { WarningCallout } from '../../components/warning-callout';

export function DiscardedPrescriptionView({ prescription }: { prescription: DiscardedPrescription }) {
  const session = useSession();
  const who = (id: string) => {
    const member = session.staff.find((s) => s.id === id);
    return member ? staffDisplayName(member.data) : 'A former user';
  };
  const d = prescription.data;
  const medicines = d.items.map((i) => [i.medicineName, i.strength, i.form].filter((part) => part.trim() !== '').join(' ')).filter((text) => text !== '');
  return (
    <article data-testid="discarded-prescription">
      <h1>
        Prescription <PrescriptionStatusTag status={prescription.status} />
      </h1>
      <WarningCallout label="Discarded: this prescription was never printed">
        <p>
          Discarded by {who(d.discard.staffId)} on {formatUkDateTime(new Date(d.discard.at))}. Reason: {d.discard.reason}
        </p>
      </WarningCallout>
      <dl className="nhsuk-summary-list">
        <SummaryRow label="Started">{formatUkDateTime(new Date(prescription.createdAt))}</SummaryRow>
        <SummaryRow label="Prescriber">{who(d.prescriberId)}</SummaryRow>
        <SummaryRow label="Medicines as typed">{medicines.length > 0 ? medicines.join('; ') : 'None typed'}</SummaryRow>
      </dl>
    </article>
  );
}
