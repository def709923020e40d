/**
 * `/prescriptions/handwritten?patient=<id>`: log a prescription that was handwritten before
 * Lifeboat was opened, with photos of the paper, so it joins the backlog. The shape is required
 * (to re-enter it later); what the paper may be missing is shown as warnings, never a refusal,
 * because the paper has already gone to the patient.
 */
import { useEffect, useMemo, useState } from 'react';
import { FormProvider, useFieldArray, useForm } from 'react-hook-form';
import { getPatient, HandwrittenPrescriptionRefused, listPatients, recordHandwrittenPrescription, ValidationFailure } from '../../db';
import type { PhotoInput } from '../../domain/attachment';
import { patientListName } from '../../domain/patient';
import { londonCalendarDate } from '../../domain/prescribing/calendar-date';
import { handwrittenWarnings, readHandwritten } from '../../domain/prescribing/handwritten';
import type { PrescriptionProblem } from '../../domain/prescribing/legal-checks';
import { PRESCRIPTION_KINDS } from '../../domain/prescribing/prescription';
import { checkContextFor, emptyDraftItem, MAX_DRAFT_ITEMS } from '../../domain/prescribing/prescription-record';
import { isPrescriber, staffDisplayName } from '../../domain/staff';
import { ErrorSummary, Select, TextInput } from '../../components/form-fields';
import { PatientBanner } from '../../components/patient-banner';
import { navigate } from '../../lib/router';
import { useActor, useSession } from '../../lib/session';
import { useLiveQuery } from '../../lib/use-live-query';
import type { EditorValues } from './editor-values';
import { ItemFields } from './item-fields';
import { PhotoPicker } from './photo-picker';
import { problemFieldId } from './prescription-editor';
import { WarningCallout } from '../../components/warning-callout';

type HandwrittenValues = EditorValues & { patientId: string; prescriberId: string; writtenOn: string };

const FIELD_IDS: Record<string, string> = { patientId: 'handwritten-patient', prescriberId: 'handwritten-prescriber', writtenOn: 'handwritten-written-on', photos: 'handwritten-photos' };
const fieldId = (path: string) => FIELD_IDS[path] ?? problemFieldId(path);

export function HandwrittenPrescriptionScreen({ query }: { query: string }) {
  const actor = useActor();
  const session = useSession();
  const fixedPatientId = new URLSearchParams(query).get('patient') ?? '';
  const prescribers = session.staff.filter((s) => s.status === 'active' && isPrescriber(s.data));
  const today = londonCalendarDate(new Date());
  const form = useForm<HandwrittenValues>({
    defaultValues: {
      patientId: fixedPatientId,
      prescriberId: prescribers.some((p) => p.id === actor.staffId) ? actor.staffId : '',
      writtenOn: today,
      kind: 'acute',
      items: [emptyDraftItem()],
      allergiesStatus: 'not-known',
      allergies: '',
      currentMedicinesStatus: 'not-known',
      currentMedicines: '',
    },
  });
  const items = useFieldArray({ control: form.control, name: 'items' });
  const [values, setValues] = useState<HandwrittenValues>(() => form.getValues());
  useEffect(() => form.subscribe({ formState: { values: true }, callback: ({ values: next }) => setValues(next) }), [form]);
  const [photos, setPhotos] = useState<PhotoInput[]>([]);
  const [errors, setErrors] = useState<PrescriptionProblem[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const patients = useLiveQuery(listPatients, []);
  const patient = useLiveQuery(async () => (values.patientId ? getPatient(values.patientId) : null), [values.patientId]);

  const input = useMemo(
    () => ({
      ...values,
      allergiesStatus: 'not-known' as const,
      currentMedicinesStatus: 'not-known' as const,
    }),
    [values],
  );
  const warnings = useMemo(() => {
    const pt = patient.status === 'ready' ? patient.value : null;
    const prescriber = session.staff.find((s) => s.id === values.prescriberId);
    const reading = readHandwritten(input, today);
    if (!pt || !prescriber || !reading.ok) return [];
    return handwrittenWarnings(reading.details, checkContextFor(pt, prescriber, session.practice, new Date(reading.details.issuedAt)));
  }, [input, patient, session.staff, session.practice, values.prescriberId, today]);
  const errorAt = (path: string) => errors.find((p) => p.path === path)?.message;

  async function save() {
    setFailure(null);
    setSaving(true);
    try {
      const saved = await recordHandwrittenPrescription(input, photos, actor);
      navigate(`/prescriptions/${saved.id}`, { replace: true });
    } catch (error) {
      if (error instanceof HandwrittenPrescriptionRefused) setErrors(error.problems);
      else if (error instanceof ValidationFailure) setFailure(error.message);
      else setFailure(`It could not be saved: ${error instanceof Error ? error.message : String(error)}`);
      document.querySelector<HTMLElement>('.nhsuk-error-summary')?.focus();
    } finally {
      setSaving(false);
    }
  }

  const pt = patient.status === 'ready' ? patient.value : null;
  const itemProblems = [...errors, ...warnings].filter((p) => p.path.startsWith('items.'));
  const otherWarnings = warnings.filter((p) => !p.path.startsWith('items.'));

  return (
    <FormProvider {...form}>
      {fixedPatientId && pt ? <PatientBanner patient={pt} /> : null}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <h1>Log a handwritten prescription</h1>
        <p className="nhsuk-inset-text">For a prescription written by hand before Lifeboat was opened. Enter it exactly as written and add photos of the paper, so it can be re-entered when the clinical system is back.</p>
        <ErrorSummary errors={errors.map((p) => ({ field: fieldId(p.path), message: p.message }))} title="Before this can be saved" />
        {failure ? (
          <p className="nhsuk-error-message" role="alert">
            {failure}
          </p>
        ) : null}
        {fixedPatientId ? null : (
          <Select
            id="handwritten-patient"
            label="Patient"
            error={errorAt('patientId')}
            options={[{ value: '', label: 'Choose the patient' }, ...(patients.status === 'ready' ? patients.value : []).map((p) => ({ value: p.id, label: patientListName(p.data) }))]}
            {...form.register('patientId')}
          />
        )}
        <Select
          id="handwritten-prescriber"
          label="Prescriber who wrote and signed it"
          error={errorAt('prescriberId')}
          options={[{ value: '', label: 'Choose the prescriber' }, ...prescribers.map((s) => ({ value: s.id, label: staffDisplayName(s.data) }))]}
          {...form.register('prescriberId')}
        />
        <TextInput id="handwritten-written-on" type="date" label="Date written on the prescription" max={today} error={errorAt('writtenOn')} {...form.register('writtenOn')} />
        <Select id="prescription-kind" label="Acute or repeat" options={PRESCRIPTION_KINDS.map((k) => ({ value: k, label: k === 'acute' ? 'Acute (a one-off course)' : 'Repeat' }))} {...form.register('kind')} />
        {items.fields.map((field, index) => (
          <ItemFields key={field.id} index={index} problems={itemProblems} onRemove={items.fields.length > 1 ? () => items.remove(index) : null} />
        ))}
        {items.fields.length < MAX_DRAFT_ITEMS ? (
          <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => items.append(emptyDraftItem())}>
            Add another medicine
          </button>
        ) : null}
        <PhotoPicker id="handwritten-photos" photos={photos} onChange={setPhotos} error={errorAt('photos')} />
        {otherWarnings.length > 0 ? (
          <WarningCallout label="The paper may be missing" testId="handwritten-warnings">
            <p>It has already been given out, so it is logged anyway. A pharmacy may turn it away: check with the patient or the pharmacy.</p>
            <ul>
              {otherWarnings.map((w) => (
                <li key={w.path + w.message}>{w.message}</li>
              ))}
            </ul>
          </WarningCallout>
        ) : null}
        <button type="submit" className="nhsuk-button" disabled={saving}>
          Save the handwritten prescription
        </button>
      </form>
    </FormProvider>
  );
}
