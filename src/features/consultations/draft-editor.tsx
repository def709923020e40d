/**
 * Writing a consultation. There is no Save button: every change is saved within a fraction of a
 * second and when the page is hidden or closed. "Sign and lock" checks what signing requires and
 * puts every problem beside its field; once signed, the record is read-only.
 */
import { useEffect, useState } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import { discardConsultation, saveDraft, signConsultationRecord, ConsultationRefused, ValidationFailure } from '../../db';
import {
  CONSULTATION_TEXT_HEADINGS,
  CONSULTATION_TYPE_LABELS,
  CONSULTATION_TYPES,
  SECTIONS_AFTER_MEDICINES,
  SECTIONS_BEFORE_OBSERVATIONS,
  type Consultation,
  type ConsultationDraftInput,
} from '../../domain/consultation';
import { fromLondonLocal, toLondonLocal } from '../../domain/time';
import { Checkbox, ErrorSummary, Select, TextArea, TextInput } from '../../components/form-fields';
import { useActor, useSession } from '../../lib/session';
import { ObservationFields } from './observation-fields';
import { useAutosave } from '../../lib/use-autosave';
import { SaveIndicator } from '../../components/save-indicator';

type EditorValues = Omit<ConsultationDraftInput, 'patientId' | 'recordedAt' | 'happenedAt'> & { happenedAtLocal: string };

function toEditorValues(c: Consultation): EditorValues {
  const { patientId: _p, recordedAt: _r, happenedAt, signature: _s, addenda: _a, discard: _d, ...rest } = c.data;
  return { ...rest, happenedAtLocal: toLondonLocal(happenedAt) };
}

function toDraft(values: EditorValues): Partial<ConsultationDraftInput> {
  const { happenedAtLocal, ...rest } = values;
  const happenedAt = fromLondonLocal(happenedAtLocal);
  return happenedAt ? { ...rest, happenedAt } : rest;
}

export function DraftEditor({ consultation }: { consultation: Consultation }) {
  const actor = useActor();
  const session = useSession();
  const form = useForm<EditorValues>({ defaultValues: toEditorValues(consultation) });
  const autosave = useAutosave((values: EditorValues) => saveDraft(consultation.id, toDraft(values), actor));
  const [signingErrors, setSigningErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [discarding, setDiscarding] = useState(false);
  const [discardReason, setDiscardReason] = useState('');

  const { schedule } = autosave;
  useEffect(() => form.subscribe({ formState: { values: true }, callback: ({ values }) => schedule(values) }), [form, schedule]);

  async function sign() {
    setProblem(null);
    await autosave.flush();
    const role = session.currentUser?.data.role;
    if (!role) return setProblem('Choose who is using this device before signing');
    try {
      await signConsultationRecord(consultation.id, { ...actor, role });
      setSigningErrors({});
    } catch (error) {
      if (error instanceof ConsultationRefused) {
        setSigningErrors(Object.fromEntries(error.errors.map((e) => [e.field, e.message])));
      } else setProblem(error instanceof Error ? error.message : String(error));
    }
  }

  async function discard() {
    await autosave.flush();
    try {
      await discardConsultation(consultation.id, discardReason, actor);
    } catch (error) {
      setProblem(error instanceof ConsultationRefused || error instanceof ValidationFailure ? error.message : String(error));
    }
  }

  const summary = Object.entries(signingErrors).map(([field, message]) => ({ field: fieldId(field), message }));
  const err = (field: string) => signingErrors[field];

  return (
    <FormProvider {...form}>
      <form noValidate onSubmit={(e) => e.preventDefault()}>
        <h1>Consultation</h1>
        <SaveIndicator state={autosave.state} />
        <ErrorSummary errors={summary} title="Before this can be signed" />
        {problem ? <p className="nhsuk-error-message">{problem}</p> : null}
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-one-half">
            <TextInput
              id="consultation-happened-at"
              type="datetime-local"
              label="When the care happened"
              hint="Change it for notes first made on paper"
              error={err('happenedAt')}
              {...form.register('happenedAtLocal')}
            />
          </div>
          <div className="nhsuk-grid-column-one-half">
            <Select
              id="consultation-type"
              label="Type"
              options={CONSULTATION_TYPES.map((t) => ({ value: t, label: CONSULTATION_TYPE_LABELS[t] }))}
              {...form.register('type')}
            />
          </div>
        </div>
        {SECTIONS_BEFORE_OBSERVATIONS.map((field) => (
          <TextArea key={field} id={fieldId(field)} label={CONSULTATION_TEXT_HEADINGS[field]} rows={field === 'history' ? 6 : 3} error={err(field)} {...form.register(field)} />
        ))}
        <ObservationFields signingErrors={signingErrors} />
        <TextArea id={fieldId('allergies')} label="Allergies, as stated by the patient" hint='Write "No known allergies" if there are none' rows={2} error={err('allergies')} {...form.register('allergies')} />
        <Checkbox id="allergies-not-known" label="Allergies not known (could not be checked)" {...form.register('allergiesNotKnown')} />
        <TextArea id={fieldId('currentMedicines')} label="Current medicines, as stated by the patient" rows={3} error={err('currentMedicines')} {...form.register('currentMedicines')} />
        <Checkbox id="medicines-not-known" label="Current medicines not known" {...form.register('currentMedicinesNotKnown')} />
        {SECTIONS_AFTER_MEDICINES.map((field) => (
          <TextArea key={field} id={fieldId(field)} label={CONSULTATION_TEXT_HEADINGS[field]} rows={3} error={err(field)} {...form.register(field)} />
        ))}
        <div className="nhsuk-button-group">
          <button type="button" className="nhsuk-button" onClick={() => void sign()}>
            Sign and lock
          </button>{' '}
          <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => setDiscarding(true)}>
            Discard draft
          </button>
        </div>
        {discarding ? (
          <div className="nhsuk-inset-text">
            <TextInput id="discard-reason" label="Why is this draft being discarded?" hint="For example, started for the wrong patient. The draft is kept in the audit trail." value={discardReason} onChange={(e) => setDiscardReason(e.currentTarget.value)} />
            <button type="button" className="nhsuk-button nhsuk-button--warning" onClick={() => void discard()}>
              Discard this draft
            </button>
          </div>
        ) : null}
      </form>
    </FormProvider>
  );
}

/** The element id for a field path, as the error summary links to it. */
function fieldId(field: string): string {
  if (field.startsWith('observations.')) return `obs-${field.slice('observations.'.length)}`;
  if (field === 'happenedAt') return 'consultation-happened-at';
  return `consultation-${field}`;
}
