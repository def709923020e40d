/**
 * Writing a prescription. Like a consultation, there is no Save button: every change is kept as
 * it is typed. "Print" runs the legal checks; each problem sits beside its field, and from then on
 * the checks follow the typing, so the prescriber sees each one clear as it is fixed.
 */
import { useEffect, useMemo, useState } from 'react';
import { FormProvider, useFieldArray, useForm } from 'react-hook-form';
import { listRecentMedicines, savePrescriptionDraft } from '../../db';
import type { Patient } from '../../domain/patient';
import { checkContextFor, checkDraftForPrinting, emptyDraftItem, MAX_DRAFT_ITEMS, type PrescriptionDraft } from '../../domain/prescribing/prescription-record';
import type { PrescriptionProblem } from '../../domain/prescribing/legal-checks';
import { PRESCRIPTION_KINDS } from '../../domain/prescribing/prescription';
import { toLondonIso } from '../../domain/time';
import { ErrorSummary, Select, TextArea } from '../../components/form-fields';
import { useActor, useSession } from '../../lib/session';
import { useAutosave } from '../../lib/use-autosave';
import { useLiveQuery } from '../../lib/use-live-query';
import { toEditorValues, type EditorValues } from './editor-values';
import { itemFieldId, ItemFields, RECENT_MEDICINES_LIST } from './item-fields';
import { DiscardPrescriptionDraft } from './discard-draft';
import { PrintPanel } from './print-panel';
import { SaveIndicator } from '../../components/save-indicator';

const KIND_LABELS = { acute: 'Acute (a one-off course)', repeat: 'Repeat' } as const;
const CONFIRMATION_OPTIONS = [
  { value: '', label: 'Choose one' },
  { value: 'confirmed', label: 'Confirmed with the patient' },
  { value: 'not-known', label: 'Not known (could not be checked)' },
];

/** The element id for a problem's path, as the error summary links to it. */
export function problemFieldId(path: string): string {
  const item = /^items\.(\d+)\.(\w+)$/.exec(path);
  if (item) return itemFieldId(Number(item[1]), item[2] ?? 'medicineName');
  const serial = /^serials(?:\.(\d+))?$/.exec(path);
  if (serial) return `serial-${serial[1] ?? '0'}`;
  const fields: Record<string, string> = {
    allergiesStatus: 'prescription-allergies-status',
    allergies: 'prescription-allergies',
    currentMedicinesStatus: 'prescription-medicines-status',
    currentMedicines: 'prescription-medicines',
    kind: 'prescription-kind',
    items: 'item-0-medicineName',
  };
  return fields[path] ?? 'prescription-checks';
}

/** Where to fix a problem that is not on this form (the practice, the prescriber, the patient). */
function elsewhere(path: string): string | null {
  if (path.startsWith('practice.')) return 'Practice details';
  if (path.startsWith('prescriber.')) return 'Staff';
  if (path.startsWith('patient.')) return 'the patient’s record';
  return null;
}

export function PrescriptionEditor({ draft, patient }: { draft: PrescriptionDraft; patient: Patient }) {
  const actor = useActor();
  const session = useSession();
  const form = useForm<EditorValues>({ defaultValues: toEditorValues(draft) });
  const items = useFieldArray({ control: form.control, name: 'items' });
  const autosave = useAutosave((values: EditorValues) => savePrescriptionDraft(draft.id, values, actor));
  const [values, setValues] = useState<EditorValues>(() => toEditorValues(draft));
  const [checked, setChecked] = useState(false);
  const recent = useLiveQuery(() => listRecentMedicines(), []);

  const { schedule } = autosave;
  useEffect(
    () =>
      form.subscribe({
        formState: { values: true },
        callback: ({ values: next }) => {
          schedule(next);
          setValues(next);
        },
      }),
    [form, schedule],
  );

  const prescriber = session.staff.find((s) => s.id === draft.data.prescriberId) ?? null;
  const live = useMemo(() => {
    if (!prescriber) return [];
    const context = checkContextFor(patient, prescriber, session.practice, new Date());
    return checkDraftForPrinting({ ...draft.data, ...values }, context, toLondonIso(new Date())).problems;
  }, [draft.data, values, patient, prescriber, session.practice]);
  const problems = checked ? live : [];
  const errors = problems.filter((p) => p.severity === 'error');
  const errorAt = (path: string) => errors.find((p) => p.path === path)?.message;
  const summary = errors.map((p) => {
    const where = elsewhere(p.path);
    return { field: problemFieldId(p.path), message: where ? `${p.message} (not on this form: change it in ${where})` : itemMessage(p) };
  });

  if (!prescriber) return <p className="nhsuk-error-message">The prescriber of this draft is not on this device.</p>;
  const mine = prescriber.id === actor.staffId;

  return (
    <FormProvider {...form}>
      <form noValidate onSubmit={(e) => e.preventDefault()}>
        <h1>Prescription</h1>
        <SaveIndicator state={autosave.state} />
        {!mine ? <p className="nhsuk-inset-text">This draft is {prescriber.data.name}’s: only they can print it.</p> : null}
        <ErrorSummary errors={summary} title="Before this can be printed" />
        <span id="prescription-checks" tabIndex={-1} />
        <Select id="prescription-kind" label="Acute or repeat" options={PRESCRIPTION_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))} {...form.register('kind')} />
        <datalist id={RECENT_MEDICINES_LIST}>
          {(recent.status === 'ready' ? recent.value : []).map((m) => (
            <option key={m.medicineName} value={m.medicineName}>
              {[m.strength, m.form].filter(Boolean).join(' ')}
            </option>
          ))}
        </datalist>
        {items.fields.map((field, index) => (
          <ItemFields key={field.id} index={index} problems={problems} onRemove={items.fields.length > 1 ? () => items.remove(index) : null} />
        ))}
        {items.fields.length < MAX_DRAFT_ITEMS ? (
          <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => items.append(emptyDraftItem())}>
            Add another medicine
          </button>
        ) : null}
        <h2>Prescribing without the full record</h2>
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-one-half">
            <Select id="prescription-allergies-status" label="Allergies" options={CONFIRMATION_OPTIONS} error={errorAt('allergiesStatus')} {...form.register('allergiesStatus')} />
            <TextArea id="prescription-allergies" label="Allergies the patient confirmed" hint="Like “No known drug allergies”" rows={2} error={errorAt('allergies')} {...form.register('allergies')} />
          </div>
          <div className="nhsuk-grid-column-one-half">
            <Select id="prescription-medicines-status" label="Current medicines" options={CONFIRMATION_OPTIONS} error={errorAt('currentMedicinesStatus')} {...form.register('currentMedicinesStatus')} />
            <TextArea id="prescription-medicines" label="Current medicines the patient confirmed" hint="Like “None”" rows={2} error={errorAt('currentMedicines')} {...form.register('currentMedicines')} />
          </div>
        </div>
        {mine ? (
          <PrintPanel
            draft={draft}
            patient={patient}
            prescriber={prescriber}
            values={values}
            problems={problems}
            beforePrint={async () => {
              await autosave.flush();
              setChecked(true);
            }}
            onRefused={() => {
              setChecked(true);
              document.querySelector<HTMLElement>('.nhsuk-error-summary')?.focus();
            }}
          />
        ) : null}
        <DiscardPrescriptionDraft draftId={draft.id} beforeDiscard={autosave.flush} />
      </form>
    </FormProvider>
  );
}

function itemMessage(problem: PrescriptionProblem): string {
  const item = /^items\.(\d+)\./.exec(problem.path);
  return item ? `Medicine ${Number(item[1]) + 1}: ${problem.message}` : problem.message;
}
