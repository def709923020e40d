/**
 * "Receive from another device": a hand-over made on another device of the practice, read from its
 * QR code (camera, or a photo of the code) or from its file. Nothing is added until the person here
 * has seen who and what it holds and chosen to add it; receiving the same hand-over again adds
 * nothing.
 */
import { useState } from 'react';
import { acceptHandover, previewHandover, ValidationFailure, type HandoverPreview } from '../../db';
import { HANDOVER_MAX_CHARS, HANDOVER_STATE_LABELS } from '../../domain/handover';
import { formatIsoDateUk } from '../../domain/patient';
import { formatNhsNumber } from '../../domain/nhs-number';
import { QUEUE_KIND_LABELS, QUEUE_STATUS_LABELS, RED_FLAG_DETAILS } from '../../domain/reception';
import { formatUkDateTime, formatUkTime } from '../../domain/time';
import { ScanWithCamera } from '../../components/qr-code';
import { ErrorSummary, Field } from '../../components/form-fields';
import { readQrFromImageFile } from '../../lib/qr-image';
import { Link, navigate } from '../../lib/router';
import { useActor } from '../../lib/session';
import { SummaryRow } from '../../components/summary-row';

const PHOTO_ID = 'handover-photo';
const FILE_ID = 'handover-file';

function messageOf(error: unknown): string {
  return error instanceof ValidationFailure || error instanceof Error ? error.message : String(error);
}

export function ReceiveHandoverScreen() {
  const actor = useActor();
  const [read, setRead] = useState<{ text: string; preview: HandoverPreview } | null>(null);
  const [problem, setProblem] = useState<{ field: string; message: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function open(text: string, field: string) {
    setProblem(null);
    try {
      setRead({ text, preview: await previewHandover(text) });
    } catch (error) {
      setRead(null);
      setProblem({ field, message: messageOf(error) });
    }
  }

  async function onPhoto(file: File | undefined) {
    if (!file) return;
    setProblem(null);
    try {
      const text = await readQrFromImageFile(file);
      if (text) await open(text, PHOTO_ID);
      else setProblem({ field: PHOTO_ID, message: 'Lifeboat found no code in this photo: take it again, closer, with the whole code in view' });
    } catch {
      setProblem({ field: PHOTO_ID, message: 'Lifeboat could not read this photo: choose a photo (JPEG or PNG) of the code' });
    }
  }

  async function onFile(file: File | undefined) {
    if (!file) return;
    if (file.size > HANDOVER_MAX_CHARS) {
      setProblem({ field: FILE_ID, message: 'This file is far too large to be a Lifeboat hand-over' });
      return;
    }
    await open(await file.text(), FILE_ID);
  }

  async function add() {
    if (!read) return;
    setBusy(true);
    setProblem(null);
    try {
      await acceptHandover(read.text, actor);
      navigate('/reception');
    } catch (error) {
      setProblem({ field: FILE_ID, message: messageOf(error) });
      setBusy(false);
    }
  }

  if (read) {
    const { preview } = read;
    return (
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <h1>Check what the hand-over adds</h1>
          <p className="nhsuk-lede-text">
            From {preview.fromDevice}, made {formatUkDateTime(new Date(preview.madeAt))}.
          </p>
          <ErrorSummary errors={problem ? [{ field: 'handover-add', message: problem.message }] : []} />
          <ul className="nhsuk-list" data-testid="handover-preview">
            {preview.items.map((item) => (
              <li key={item.entryId} className="nhsuk-card nhsuk-u-margin-bottom-3" data-testid="handover-item">
                <div className="nhsuk-card__content">
                  <h2 className="nhsuk-card__heading nhsuk-heading-s">
                    {item.redFlags.length > 0 ? <span className="lifeboat-tag-urgent">Urgent</span> : null} {item.firstName} {item.lastName.toLocaleUpperCase('en-GB')}
                  </h2>
                  <dl className="nhsuk-summary-list">
                    <SummaryRow label="Born">{formatIsoDateUk(item.dateOfBirth)}</SummaryRow>
                    <SummaryRow label="NHS number">{item.nhsNumber ? formatNhsNumber(item.nhsNumber) : 'Not known'}</SummaryRow>
                    <SummaryRow label="Reason">“{item.reason}”</SummaryRow>
                    <SummaryRow label="Red flags">{item.redFlags.length > 0 ? item.redFlags.map((f) => RED_FLAG_DETAILS[f].question).join('; ') : 'None'}</SummaryRow>
                    <SummaryRow label="In the queue">
                      {QUEUE_KIND_LABELS[item.kind]}, {QUEUE_STATUS_LABELS[item.status].toLowerCase()}, arrived {formatUkTime(new Date(item.arrivedAt), false)}
                    </SummaryRow>
                    <SummaryRow label="Ticket">
                      {item.ticketHere === item.ticketThere ? item.ticketHere : `${item.ticketHere} here (${item.ticketThere} on ${preview.fromDevice}: that number is taken here)`}
                    </SummaryRow>
                    <SummaryRow label="Queue entry">
                      <span data-testid="handover-entry-state">{HANDOVER_STATE_LABELS[item.entry]}</span>
                    </SummaryRow>
                    <SummaryRow label="Patient record">
                      <span data-testid="handover-patient-state">{HANDOVER_STATE_LABELS[item.patient]}</span>
                    </SummaryRow>
                  </dl>
                </div>
              </li>
            ))}
          </ul>
          {preview.changes > 0 ? (
            <button type="button" className="nhsuk-button" disabled={busy} onClick={() => void add()}>
              {busy ? 'Adding…' : 'Add to this device’s queue'}
            </button>
          ) : (
            <div className="nhsuk-inset-text" role="status">
              <p>Everything in this hand-over is already on this device: there is nothing to add.</p>
            </div>
          )}{' '}
          <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => setRead(null)}>
            {preview.changes > 0 ? 'Do not add: choose another' : 'Choose another'}
          </button>
          <p>
            <Link to="/reception">Back to the queue</Link>
          </p>
        </div>
      </div>
    );
  }

  const errors = problem ? [{ field: problem.field, message: problem.message }] : [];
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>Receive from another device</h1>
        <p className="nhsuk-lede-text">
          On the other device, someone chooses “Hand over to another device” beside a person in the queue. Scan the code it shows, or choose the file it
          made.
        </p>
        <ErrorSummary errors={errors} />
        <ScanWithCamera onRead={(text) => void open(text, PHOTO_ID)} onProblem={(message) => setProblem({ field: PHOTO_ID, message })} />
        <Field id={PHOTO_ID} label="Choose a photo of the code" hint="If scanning does not work" error={problem?.field === PHOTO_ID ? problem.message : undefined}>
          {(describedBy) => (
            <input
              id={PHOTO_ID}
              type="file"
              accept="image/*"
              className="nhsuk-file-upload__input"
              aria-describedby={describedBy}
              onChange={(e) => void onPhoto(e.currentTarget.files?.[0])}
            />
          )}
        </Field>
        <Field id={FILE_ID} label="Choose a hand-over file" hint="For a device without a camera: a file named like lifeboat-handover-2024-07-19-0900.json" error={problem?.field === FILE_ID ? problem.message : undefined}>
          {(describedBy) => (
            <input
              id={FILE_ID}
              type="file"
              accept=".json,application/json"
              className="nhsuk-file-upload__input"
              aria-describedby={describedBy}
              onChange={(e) => void onFile(e.currentTarget.files?.[0])}
            />
          )}
        </Field>
        <p>
          <Link to="/reception">Back to the queue</Link>
        </p>
      </div>
    </div>
  );
}
