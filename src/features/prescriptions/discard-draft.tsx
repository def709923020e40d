/**
 * "Discard draft" for a prescription that will not be printed (started for the wrong patient, not
 * needed after all). It needs a reason; the draft is kept, marked discarded, and its history says
 * who discarded it, when and why. Nothing is ever deleted.
 */
import { useState } from 'react';
import { discardPrescriptionDraft, ValidationFailure } from '../../db';
import { TextInput } from '../../components/form-fields';
import { useActor } from '../../lib/session';

export function DiscardPrescriptionDraft({ draftId, beforeDiscard }: { draftId: string; beforeDiscard: () => Promise<void> }) {
  const actor = useActor();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();

  async function discard() {
    setError(undefined);
    await beforeDiscard();
    try {
      await discardPrescriptionDraft(draftId, reason, actor);
    } catch (failure) {
      setError(failure instanceof ValidationFailure ? (failure.fieldErrors.discardReason ?? failure.message) : String(failure));
    }
  }

  if (!open) {
    return (
      <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => setOpen(true)}>
        Discard draft
      </button>
    );
  }
  return (
    <div className="nhsuk-inset-text">
      <TextInput
        id="prescription-discard-reason"
        label="Why is this prescription being discarded?"
        hint="For example, started for the wrong patient, or not needed after all. It is kept, marked discarded, and never printed."
        value={reason}
        onChange={(event) => setReason(event.currentTarget.value)}
        error={error}
      />
      <button type="button" className="nhsuk-button nhsuk-button--warning" onClick={() => void discard()}>
        Discard this prescription
      </button>
    </div>
  );
}
