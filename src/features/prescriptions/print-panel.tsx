/**
 * Printing: onto FP10SS stationery (the serial of each form goes in the FP10 register) or onto
 * plain paper as a record copy. The repository refuses unless every check passes; then the PDF is
 * made (jsPDF loads only now) with this device's alignment, and downloaded to print and sign.
 */
import { useState } from 'react';
import { printPrescription, PrescriptionRefused, ValidationFailure } from '../../db';
import type { Patient } from '../../domain/patient';
import { formatCalendarDateUk } from '../../domain/prescribing/calendar-date';
import { printReminders, prescriptionValidUntil, type PrescriptionProblem } from '../../domain/prescribing/legal-checks';
import { effectiveSchedule, type Prescription, type PrintMode } from '../../domain/prescribing/prescription';
import { draftItemToItemInput, formsFor, checkContextFor, checkDraftForPrinting, normaliseSerial, type PrescriptionDraft } from '../../domain/prescribing/prescription-record';
import { toLondonIso } from '../../domain/time';
import type { StaffMember } from '../../domain/staff';
import { TextInput } from '../../components/form-fields';
import { downloadBlob } from '../../lib/download';
import { useActor, useSession } from '../../lib/session';
import type { EditorValues } from './editor-values';

const MODE_LABELS: Record<PrintMode, string> = {
  fp10ss: 'FP10SS prescription form, in the printer',
  plain: 'Plain paper: a record copy, not valid for dispensing',
};

export function PrintPanel(props: {
  draft: PrescriptionDraft;
  patient: Patient;
  prescriber: StaffMember;
  values: EditorValues;
  problems: PrescriptionProblem[];
  beforePrint: () => Promise<void>;
  onRefused: () => void;
}) {
  const { draft, patient, prescriber, values } = props;
  const actor = useActor();
  const session = useSession();
  const [mode, setMode] = useState<PrintMode>('fp10ss');
  const [serials, setSerials] = useState<string[]>([]);
  const [serialProblems, setSerialProblems] = useState<PrescriptionProblem[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const forms = formsFor(values.items.length);
  const schedules = values.items.map((item) => effectiveSchedule(draftItemToItemInput(item)));
  const validUntil = prescriptionValidUntil(new Date(), schedules);
  const short = schedules.some((s) => s === '2' || s === '3' || s === '4');

  async function print() {
    setProblem(null);
    setBusy(true);
    try {
      await props.beforePrint();
      // Make the PDF once before anything is recorded, so a prescription the PDF writer cannot
      // lay out (a dose too long for its box) is never recorded as printed.
      const rehearsal = rehearse();
      if (rehearsal) {
        try {
          await pdfFor(rehearsal, mode);
        } catch (error) {
          return setProblem(`Nothing was printed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      let printed: Prescription;
      try {
        printed = await printPrescription(draft.id, { mode, serials: mode === 'fp10ss' ? serials.slice(0, forms) : [] }, actor);
      } catch (error) {
        if (error instanceof PrescriptionRefused) {
          setSerialProblems(error.problems.filter((p) => p.path.startsWith('serials')));
          props.onRefused();
          setProblem('Nothing was printed: fix what is shown beside each field, then print again.');
          return;
        }
        if (error instanceof ValidationFailure) return setProblem(error.message);
        throw error;
      }
      await makePdf(printed, mode);
    } catch (error) {
      setProblem(`The PDF could not be made: ${error instanceof Error ? error.message : String(error)}. The prescription is recorded as printed: download it again from its page.`);
    } finally {
      setBusy(false);
    }
  }

  /** The prescription as it would be printed now, or null while it fails a check (printing will say which, beside each field). */
  function rehearse(): Prescription | null {
    const at = toLondonIso(new Date());
    const check = checkDraftForPrinting({ ...draft.data, ...values }, checkContextFor(patient, prescriber, session.practice, new Date(at)), at);
    if (!check.ok) return null;
    const reading = { details: check.details };
    const used = mode === 'fp10ss' ? serials.slice(0, forms).map(normaliseSerial) : [];
    return { ...draft, status: 'printed', updatedAt: at, data: { ...reading.details, printed: { at, mode, serials: used, byStaffId: actor.staffId } } };
  }

  async function makePdf(printed: Prescription, printMode: PrintMode) {
    const { blob, fileName } = await pdfFor(printed, printMode);
    downloadBlob(fileName, blob);
  }

  async function pdfFor(printed: Prescription, printMode: PrintMode) {
    if (!session.practice) throw new Error('The practice details are missing');
    const pdf = await import('../../pdf/prescription-pdf');
    const blob = await pdf.buildPrescriptionPdf({
      prescription: printed,
      patient,
      practice: session.practice,
      prescriber,
      mode: printMode,
      calibration: { offsetXmm: session.device.fp10OffsetXmm, offsetYmm: session.device.fp10OffsetYmm },
      printedAt: new Date(printed.data.printed?.at ?? printed.updatedAt),
    });
    return { blob, fileName: pdf.prescriptionPdfFileName(printed) };
  }

  const serialError = (index: number) =>
    serialProblems.find((p) => p.path === `serials.${index}`)?.message ?? (index === 0 ? serialProblems.find((p) => p.path === 'serials')?.message : undefined);

  return (
    <section aria-labelledby="print-heading" className="lifeboat-no-print">
      <h2 id="print-heading">Print</h2>
      <p data-testid="validity">
        Valid until <strong>{formatCalendarDateUk(validUntil)}</strong> {short ? '(28 days: it includes a Schedule 2, 3 or 4 controlled drug)' : '(6 months)'}.
      </p>
      <div className="nhsuk-form-group">
        <fieldset className="nhsuk-fieldset">
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Print onto</legend>
          <div className="nhsuk-radios">
            {(['fp10ss', 'plain'] as const).map((m) => (
              <div className="nhsuk-radios__item" key={m}>
                <input className="nhsuk-radios__input" id={`print-mode-${m}`} type="radio" name="print-mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
                <label className="nhsuk-label nhsuk-radios__label" htmlFor={`print-mode-${m}`}>
                  {MODE_LABELS[m]}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
      </div>
      {mode === 'fp10ss'
        ? Array.from({ length: forms }, (_, index) => (
            <TextInput
              key={index}
              id={`serial-${index}`}
              label={forms === 1 ? 'Serial number of the FP10SS form' : `Serial number of form ${index + 1} of ${forms}`}
              hint="Printed on the form; it goes in the FP10 register"
              width={20}
              inputMode="numeric"
              error={serialError(index)}
              value={serials[index] ?? ''}
              onChange={(e) => {
                const next = [...serials];
                next[index] = e.currentTarget.value;
                setSerials(next);
              }}
            />
          ))
        : null}
      <ul className="nhsuk-list nhsuk-list--bullet">
        {printReminders({ items: [] }).concat(schedules.some((s) => s === '2' || s === '3') ? ['Check each controlled drug quantity in words and figures before you sign.'] : []).map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
      {problem ? (
        <p className="nhsuk-error-message" role="alert">
          {problem}
        </p>
      ) : null}
      <button type="button" className="nhsuk-button" disabled={busy} onClick={() => void print()}>
        {busy ? 'Printing…' : 'Print prescription'}
      </button>
    </section>
  );
}
