/**
 * Print a consultation, or save it as a PDF (real text, A4). jsPDF loads only when asked for, so
 * it is not part of the first load. Both are recorded in the record's history.
 */
import { useState } from 'react';
import { getPractice, recordConsultationAccess } from '../../db';
import type { Consultation } from '../../domain/consultation';
import type { Patient } from '../../domain/patient';
import { useActor, useSession } from '../../lib/session';

export function RecordActions({ consultation, patient }: { consultation: Consultation; patient: Patient }) {
  const actor = useActor();
  const session = useSession();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function downloadPdf() {
    setProblem(null);
    setBusy(true);
    try {
      const practice = await getPractice();
      if (!practice) throw new Error('The practice details are missing');
      const { buildConsultationPdf, consultationPdfFileName } = await import('../../pdf/consultation-pdf');
      const staffById = Object.fromEntries(session.staff.map((s) => [s.id, s]));
      const blob = await buildConsultationPdf({
        consultation,
        patient,
        practice,
        author: staffById[consultation.authorId] ?? null,
        signer: consultation.data.signature ? (staffById[consultation.data.signature.staffId] ?? null) : null,
        addendumAuthors: staffById,
        deviceLabel: session.device.label,
        printedAt: new Date(),
      });
      await recordConsultationAccess(consultation.id, 'print', actor);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = consultationPdfFileName(consultation);
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (error) {
      setProblem(`The PDF could not be made: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setBusy(false);
    }
  }

  async function print() {
    await recordConsultationAccess(consultation.id, 'print', actor);
    window.print();
  }

  return (
    <div className="nhsuk-button-group lifeboat-no-print">
      <button type="button" className="nhsuk-button nhsuk-button--secondary" disabled={busy} onClick={() => void downloadPdf()}>
        {busy ? 'Making the PDF…' : 'Download PDF'}
      </button>{' '}
      <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => void print()}>
        Print
      </button>
      {problem ? <p className="nhsuk-error-message">{problem}</p> : null}
    </div>
  );
}
