/**
 * "Hand over to another device": a queue entry and its patient as a QR code (when it fits one) and
 * as a small file, for a device of the practice that shares no database with this one. Both carry
 * the records as stored, encrypted under the practice key: a photo of the screen, or the file left
 * in a downloads folder, shows nothing to anyone outside the practice.
 */
import { useEffect, useRef, useState } from 'react';
import { getPatient, getQueueEntry, makeHandover, ValidationFailure, type MadeHandover } from '../../db';
import { patientFullName } from '../../domain/patient';
import { QrCodeImage } from '../../components/qr-code';
import { downloadTextFile } from '../../lib/download';
import { Link } from '../../lib/router';

type State = { kind: 'making' } | { kind: 'made'; made: MadeHandover; who: string; ticket: number } | { kind: 'failed'; message: string };

export function HandoverScreen({ entryId }: { entryId: string }) {
  const [state, setState] = useState<State>({ kind: 'making' });
  // Made once per visit (each making is audited), even when React runs effects twice in development.
  const started = useRef<string | null>(null);
  useEffect(() => {
    if (started.current === entryId) return;
    started.current = entryId;
    (async () => {
      const entry = await getQueueEntry(entryId);
      if (!entry) throw new ValidationFailure('That person is not in the queue on this device');
      const patient = await getPatient(entry.data.patientId);
      const made = await makeHandover([entryId]);
      setState({ kind: 'made', made, who: patient ? patientFullName(patient.data) : 'Unknown patient', ticket: entry.data.ticket });
    })().catch((error: unknown) => setState({ kind: 'failed', message: error instanceof Error ? error.message : String(error) }));
  }, [entryId]);

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>Hand over to another device</h1>
        {state.kind === 'making' ? <p role="status">Making the hand-over…</p> : null}
        {state.kind === 'failed' ? <p className="nhsuk-error-message">{state.message}</p> : null}
        {state.kind === 'made' ? (
          <>
            <p className="nhsuk-lede-text">
              Ticket {state.ticket}: <strong>{state.who}</strong>, with their details.
            </p>
            <p>
              On the other device (it must have joined this practice), go to Reception, choose “Receive from another device”, and scan this code or
              choose the file.
            </p>
            {state.made.code ? (
              <QrCodeImage text={state.made.code} label={`Hand-over code for ticket ${state.ticket}`} testId="handover-code" />
            ) : (
              <div className="nhsuk-inset-text" data-testid="handover-too-large">
                <p>This hand-over is too large for one code: download it as a file and open that on the other device.</p>
              </div>
            )}
            <p className="nhsuk-u-margin-top-4">
              <button type="button" className="nhsuk-button" onClick={() => downloadTextFile(state.made.fileName, state.made.text)}>
                Download as a file
              </button>
            </p>
            <p className="nhsuk-body-s">
              The code and the file are encrypted under the practice key: only devices of this practice can open them, and the file name names
              nobody. Delete the file once the other device has it.
            </p>
          </>
        ) : null}
        <p>
          <Link to="/reception">Back to the queue</Link>
        </p>
      </div>
    </div>
  );
}
