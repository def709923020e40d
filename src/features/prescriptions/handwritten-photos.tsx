/**
 * On a logged handwritten prescription's page: when it was written and who logged it, what the
 * paper may be missing, and the photos of the paper (decrypted on demand, shown through object
 * URLs revoked when the page closes). A wrong photo is marked superseded with a reason, never deleted.
 */
import { useMemo, useState } from 'react';
import { addHandwrittenPrescriptionPhotos, listAttachmentsFor, supersedeAttachment, ValidationFailure } from '../../db';
import type { Attachment, PhotoInput } from '../../domain/attachment';
import type { Patient } from '../../domain/patient';
import { formatCalendarDateUk, londonCalendarDate } from '../../domain/prescribing/calendar-date';
import { handwrittenWarnings } from '../../domain/prescribing/handwritten';
import { checkContextFor, type IssuedPrescription } from '../../domain/prescribing/prescription-record';
import { staffDisplayName } from '../../domain/staff';
import { formatUkDateTime } from '../../domain/time';
import { TextInput } from '../../components/form-fields';
import { useActor, useSession } from '../../lib/session';
import { useLiveQuery } from '../../lib/use-live-query';
import { PhotoPicker, PhotoThumbnail } from './photo-picker';
import { WarningCallout } from '../../components/warning-callout';

export function HandwrittenRecord({ prescription, patient }: { prescription: IssuedPrescription; patient: Patient }) {
  const session = useSession();
  const actor = useActor();
  const photos = useLiveQuery(() => listAttachmentsFor(prescription.id), [prescription.id]);
  const [adding, setAdding] = useState<PhotoInput[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const who = (id: string | undefined) => {
    const m = session.staff.find((s) => s.id === id);
    return m ? staffDisplayName(m.data) : 'A former user';
  };
  const prescriber = session.staff.find((s) => s.id === prescription.data.prescriberId);
  const warnings = useMemo(
    () => (prescriber ? handwrittenWarnings(prescription.data, checkContextFor(patient, prescriber, session.practice, new Date(prescription.data.issuedAt))) : []),
    [prescription.data, patient, prescriber, session.practice],
  );
  const current = photos.status === 'ready' ? photos.value.filter((p) => p.status === 'current') : [];

  async function addPhotos() {
    setProblem(null);
    try {
      await addHandwrittenPrescriptionPhotos(prescription.id, adding, actor);
      setAdding([]);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  }

  return (
    <section aria-labelledby="handwritten-heading" data-testid="handwritten-record">
      <h2 id="handwritten-heading">Handwritten on {formatCalendarDateUk(londonCalendarDate(prescription.data.issuedAt))}, logged by {who(prescription.authorId)}</h2>
      <p>
        Logged on {formatUkDateTime(new Date(prescription.createdAt))}. Written and signed on paper by {who(prescription.data.prescriberId)}; the paper has been given out.
      </p>
      {warnings.length > 0 ? (
        <WarningCallout label="The paper may be missing" level={3} testId="handwritten-warnings">
          <p>A pharmacy may turn it away: check with the patient or the pharmacy.</p>
          <ul>
            {warnings.map((w) => (
              <li key={w.path + w.message}>{w.message}</li>
            ))}
          </ul>
        </WarningCallout>
      ) : null}
      <h3>Photos of the paper</h3>
      {photos.status === 'failed' ? <p className="nhsuk-error-message">The photos could not be read: {photos.error}</p> : null}
      {photos.status === 'ready' && current.length === 0 ? (
        <p className="nhsuk-error-message" role="alert">
          No readable photo of the paper is kept: add one, so it can be re-entered.
        </p>
      ) : null}
      {photos.status === 'ready' ? (
        <ul className="nhsuk-list" data-testid="handwritten-photos">
          {photos.value.map((photo, index) => (
            <StoredPhoto key={photo.id} photo={photo} number={index + 1} who={who} />
          ))}
        </ul>
      ) : (
        <p role="status">Loading the photos…</p>
      )}
      <details className="nhsuk-details lifeboat-no-print">
        <summary className="nhsuk-details__summary">
          <span className="nhsuk-details__summary-text">Add a photo (a clearer one, another page)</span>
        </summary>
        <div className="nhsuk-details__text">
          <PhotoPicker id="handwritten-add-photos" photos={adding} onChange={setAdding} error={problem ?? undefined} firstNumber={(photos.status === 'ready' ? photos.value.length : 0) + 1} />
          {adding.length > 0 ? (
            <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => void addPhotos()}>
              Keep {adding.length === 1 ? 'this photo' : 'these photos'}
            </button>
          ) : null}
        </div>
      </details>
    </section>
  );
}

function StoredPhoto({ photo, number, who }: { photo: Attachment; number: number; who: (id: string | undefined) => string }) {
  const actor = useActor();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const superseded = photo.status === 'superseded';

  async function supersede() {
    try {
      await supersedeAttachment(photo.id, reason, actor);
      setError(undefined);
    } catch (failure) {
      setError(failure instanceof ValidationFailure ? (failure.fieldErrors.reason ?? failure.message) : String(failure));
    }
  }

  return (
    <li style={{ maxWidth: '40rem' }}>
      {superseded ? (
        <p>
          <strong className="nhsuk-tag nhsuk-tag--grey">Superseded</strong> by {who(photo.data.supersededById)} on {photo.data.supersededAt ? formatUkDateTime(new Date(photo.data.supersededAt)) : 'an unknown date'}: {photo.data.supersededReason}
        </p>
      ) : null}
      <PhotoThumbnail photo={photo.data} alt={`Photo ${number} of the paper prescription${superseded ? ' (superseded)' : ''}`} testId="handwritten-photo" />
      {superseded ? null : (
        <details className="nhsuk-details lifeboat-no-print">
          <summary className="nhsuk-details__summary">
            <span className="nhsuk-details__summary-text">Photo {number} is wrong</span>
          </summary>
          <div className="nhsuk-details__text">
            <p>It stays on record, marked superseded.</p>
            <TextInput id={`supersede-${photo.id}`} label="Why is it wrong?" hint="For example, the wrong patient’s paper" error={error} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
            <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => void supersede()}>
              Mark photo {number} superseded
            </button>
          </div>
        </details>
      )}
    </li>
  );
}
