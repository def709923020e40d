/**
 * A printed or cancelled prescription: exactly what was printed, never editable. It can be
 * cancelled with a reason (its FP10 forms with it), and a cancelled one replaced by a new draft
 * linked to it. A plain-paper copy can be downloaded again at any time; it is audited.
 */
import { useState } from 'react';
import { cancelPrescription, listFp10FormsFor, listPrescriptionsForPatient, recordPrescriptionCopy, replacePrescription, ValidationFailure } from '../../db';
import type { Patient } from '../../domain/patient';
import { formatCalendarDateUk, londonCalendarDate } from '../../domain/prescribing/calendar-date';
import { prescriptionValidUntil } from '../../domain/prescribing/legal-checks';
import { quantityInFigures, quantityInWordsAndFigures } from '../../domain/prescribing/number-words';
import { effectiveSchedule, needsControlledDrugWriting, type PrescriptionItem } from '../../domain/prescribing/prescription';
import { FP10_STATUS_LABELS, type IssuedPrescription } from '../../domain/prescribing/prescription-record';
import { staffDisplayName } from '../../domain/staff';
import { formatUkDateTime } from '../../domain/time';
import { TextInput } from '../../components/form-fields';
import { PrescriptionStatusTag } from '../../components/prescription-list';
import { downloadBlob } from '../../lib/download';
import { Link, navigate } from '../../lib/router';
import { useActor, useSession } from '../../lib/session';
import { isHandwritten } from '../../domain/prescribing/handwritten';
import { HandwrittenRecord } from './handwritten-photos';
import { useLiveQuery } from '../../lib/use-live-query';
import { SummaryRow } from '../../components/summary-row';
import { WarningCallout } from '../../components/warning-callout';

function quantityText(item: PrescriptionItem): string {
  if (needsControlledDrugWriting(effectiveSchedule(item))) {
    const text = quantityInWordsAndFigures(item.quantity, item.quantityUnit, item.quantityInWords);
    if (text.ok) return text.text;
  }
  return quantityInFigures(item.quantity, item.quantityUnit);
}

export function IssuedPrescriptionView({ prescription, patient }: { prescription: IssuedPrescription; patient: Patient }) {
  const actor = useActor();
  const session = useSession();
  const d = prescription.data;
  const forms = useLiveQuery(() => listFp10FormsFor(prescription.id), [prescription.id]);
  const others = useLiveQuery(() => listPrescriptionsForPatient(d.patientId), [d.patientId]);
  const replacement = others.status === 'ready' ? others.value.find((p) => p.data.replacesId === prescription.id) : undefined;
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [problem, setProblem] = useState<string | null>(null);
  const who = (id: string | undefined) => {
    const m = session.staff.find((s) => s.id === id);
    return m ? staffDisplayName(m.data) : 'A former user';
  };
  const prescriber = session.staff.find((s) => s.id === d.prescriberId);
  const handwritten = isHandwritten(prescription);

  async function cancel() {
    setProblem(null);
    try {
      await cancelPrescription(prescription.id, reason, actor);
      setReasonError(undefined);
    } catch (error) {
      if (error instanceof ValidationFailure) setReasonError(error.fieldErrors.reason ?? error.message);
      else setProblem(String(error));
    }
  }

  async function replace() {
    setProblem(null);
    try {
      const draft = await replacePrescription(prescription.id, actor);
      navigate(`/prescriptions/${draft.id}`);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  }

  async function copy() {
    setProblem(null);
    try {
      if (!session.practice || !prescriber) throw new Error('The practice or prescriber details are missing');
      const pdf = await import('../../pdf/prescription-pdf');
      const blob = await pdf.buildPrescriptionPdf({
        prescription,
        patient,
        practice: session.practice,
        prescriber,
        mode: 'plain',
        calibration: { offsetXmm: 0, offsetYmm: 0 },
        printedAt: new Date(),
      });
      await recordPrescriptionCopy(prescription.id, 'plain', actor);
      downloadBlob(pdf.prescriptionPdfFileName(prescription), blob);
    } catch (error) {
      setProblem(`The PDF could not be made: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  return (
    <article data-testid="issued-prescription">
      <h1>
        Prescription <PrescriptionStatusTag status={prescription.status} />
      </h1>
      {prescription.status === 'cancelled' ? (
        <WarningCallout label="Cancelled: do not dispense" testId="cancelled-callout">
          <p>
            Cancelled by {who(d.cancelledById)} on {d.cancelledAt ? formatUkDateTime(new Date(d.cancelledAt)) : 'an unknown date'}. Reason: {d.cancellationReason}
          </p>
          <p>If the paper form has left the surgery, tell the patient’s pharmacy it is cancelled.</p>
          {replacement ? <Link to={`/prescriptions/${replacement.id}`}>The replacement prescription</Link> : null}
        </WarningCallout>
      ) : (
        <p className="nhsuk-inset-text">Printed: this prescription cannot be changed. To correct it, cancel it with the reason and write a replacement.</p>
      )}
      <dl className="nhsuk-summary-list">
        <SummaryRow label="Date">{handwritten ? formatCalendarDateUk(londonCalendarDate(d.issuedAt)) : formatUkDateTime(new Date(d.issuedAt))}</SummaryRow>
        <SummaryRow label="Prescriber">{who(d.prescriberId)}</SummaryRow>
        <SummaryRow label="Acute or repeat">{d.kind === 'acute' ? 'Acute' : 'Repeat'}</SummaryRow>
        <SummaryRow label="Valid until">{formatCalendarDateUk(prescriptionValidUntil(d.issuedAt, d.items.map(effectiveSchedule)))}</SummaryRow>
        <SummaryRow label="Printed">
          {handwritten ? 'Handwritten on paper before Lifeboat was opened (logged afterwards)' : d.printed ? `${formatUkDateTime(new Date(d.printed.at))} ${d.printed.mode === 'fp10ss' ? `onto FP10SS (${d.printed.serials.join(', ')})`  : 'on plain paper (record copy)'}` : 'Not recorded'}
        </SummaryRow>
        <SummaryRow label="Allergies">{d.allergiesStatus === 'not-known' ? 'Not known' : d.allergies}</SummaryRow>
        <SummaryRow label="Current medicines">{d.currentMedicinesStatus === 'not-known' ? 'Not known' : d.currentMedicines}</SummaryRow>
      </dl>
      <h2>Medicines</h2>
      <ol className="nhsuk-list nhsuk-list--number" data-testid="issued-items">
        {d.items.map((item, index) => {
          const schedule = effectiveSchedule(item);
          return (
            <li key={index}>
              <strong>{[item.medicineName, item.strength, item.form].filter(Boolean).join(' ')}</strong>
              {schedule !== 'none' ? ` (Schedule ${schedule} controlled drug)` : ''}
              <br />
              {item.dose}
              <br />
              Quantity: {quantityText(item)} · {item.daysTreatment} days’ treatment
            </li>
          );
        })}
      </ol>
      {forms.status === 'ready' && forms.value.length > 0 ? (
        <>
          <h2>FP10 forms</h2>
          <ul className="nhsuk-list">
            {forms.value.map((f) => (
              <li key={f.id}>
                {f.data.serial}: {FP10_STATUS_LABELS[f.status]}
                {f.data.spoiledReason ? ` (${f.data.spoiledReason})` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {problem ? (
        <p className="nhsuk-error-message" role="alert">
          {problem}
        </p>
      ) : null}
      {handwritten ? <HandwrittenRecord prescription={prescription} patient={patient} /> : null}
      {prescription.status === 'printed' && !handwritten ? (
        <div className="nhsuk-button-group lifeboat-no-print">
          <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => void copy()}>
            Download a plain-paper copy
          </button>
        </div>
      ) : null}
      {prescription.status === 'printed' ? (
        <section aria-labelledby="cancel-heading" className="lifeboat-no-print">
          <h2 id="cancel-heading">Cancel this prescription</h2>
          <p>The prescription stays on record, marked cancelled; its FP10 forms are marked cancelled in the register.</p>
          <TextInput id="cancel-reason" label="Why is it cancelled?" hint="For example, wrong dose" error={reasonError} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
          <button type="button" className="nhsuk-button nhsuk-button--warning" onClick={() => void cancel()}>
            Cancel prescription
          </button>
        </section>
      ) : !replacement ? (
        <button type="button" className="nhsuk-button lifeboat-no-print" onClick={() => void replace()}>
          Write a replacement
        </button>
      ) : null}
    </article>
  );
}
