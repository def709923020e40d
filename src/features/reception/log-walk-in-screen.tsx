/**
 * Log a walk-in or a phone request in one short form: the person (found on the device, or typed),
 * the reason in their words, the arrival time (now, editable) and the red-flag questions. A red
 * flag shows what to do at once, before anything is saved, and puts them at the top of the queue.
 */
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import { listPatients, logWalkIn, ValidationFailure } from '../../db';
import { patientSummaryLine, searchPatients, SEX_LABELS, SEXES } from '../../domain/patient';
import { RED_FLAG_DETAILS, RED_FLAGS, type RedFlag } from '../../domain/reception';
import { fromLondonLocal, toLondonIso, toLondonLocal } from '../../domain/time';
import { Checkbox, ErrorSummary, Select, TextArea, TextInput, summariseErrors } from '../../components/form-fields';
import { navigate } from '../../lib/router';
import { useActor } from '../../lib/session';
import { useLiveQuery } from '../../lib/use-live-query';
import { RedFlagAlert } from './red-flag-alert';

const walkInFormSchema = z.object({
  kind: z.enum(['walk-in', 'phone']),
  // Checked by the repository against patientDetailsSchema when typed (not when chosen from the list).
  patient: z.object({
    firstName: z.string(),
    lastName: z.string(),
    dateOfBirth: z.string(),
    nhsNumber: z.string(),
    phone: z.string(),
    sex: z.enum(SEXES),
  }),
  reason: z.string().trim().min(1, 'Enter the reason, in the patient’s words').max(1000),
  arrivedAtLocal: z.string().refine((v) => fromLondonLocal(v) !== null, 'Enter the arrival date and time'),
  redFlags: z.partialRecord(z.enum(RED_FLAGS), z.boolean()),
});
type WalkInInput = z.input<typeof walkInFormSchema>;
type WalkInOutput = z.output<typeof walkInFormSchema>;

const FIELD_IDS = {
  'patient.firstName': 'walk-in-first-name',
  'patient.lastName': 'walk-in-last-name',
  'patient.dateOfBirth': 'walk-in-date-of-birth',
  'patient.nhsNumber': 'walk-in-nhs-number',
  'patient.phone': 'walk-in-phone',
  reason: 'walk-in-reason',
  arrivedAtLocal: 'walk-in-arrived-at',
};

export function LogWalkInScreen() {
  const actor = useActor();
  const [chosenId, setChosenId] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const patients = useLiveQuery(listPatients, []);
  const form = useForm<WalkInInput, unknown, WalkInOutput>({
    resolver: zodResolver(walkInFormSchema),
    defaultValues: {
      kind: 'walk-in',
      patient: { firstName: '', lastName: '', dateOfBirth: '', nhsNumber: '', phone: '', sex: 'unknown' },
      reason: '',
      arrivedAtLocal: toLondonLocal(toLondonIso(new Date())),
      redFlags: {},
    },
  });
  const errors = form.formState.errors;
  const flagsTicked = useWatch({ control: form.control, name: 'redFlags' }) ?? {};
  const kind = useWatch({ control: form.control, name: 'kind' });
  const flags = RED_FLAGS.filter((f) => flagsTicked[f]);
  const all = patients.status === 'ready' ? patients.value : [];
  const found = search.trim().length >= 2 ? searchPatients(all, search).slice(0, 5) : [];
  const chosen = chosenId ? all.find((p) => p.id === chosenId) : undefined;

  async function onSubmit(values: WalkInOutput) {
    const arrivedAt = fromLondonLocal(values.arrivedAtLocal);
    if (!arrivedAt) return;
    const redFlags: RedFlag[] = RED_FLAGS.filter((f) => values.redFlags[f]);
    try {
      await logWalkIn(
        {
          patient: chosen ? { id: chosen.id } : values.patient,
          details: { kind: values.kind, reason: values.reason, arrivedAt, redFlags, callbackNumber: values.kind === 'phone' ? (values.patient.phone ?? '') : '' },
        },
        actor,
      );
      navigate('/reception');
    } catch (error) {
      if (error instanceof ValidationFailure) {
        // The repository names patient fields by their schema keys, the walk-in's by theirs.
        for (const [field, message] of Object.entries(error.fieldErrors)) {
          const path = field === 'reason' || field === '_' ? 'reason' : `patient.${field}`;
          form.setError(path as 'reason', { message });
        }
      } else throw error;
    }
  }

  const submit = form.handleSubmit(onSubmit);

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>Log a walk-in or phone request</h1>
        <RedFlagAlert flags={flags} live />
        <ErrorSummary errors={summariseErrors(errors, FIELD_IDS)} />
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Select
            id="walk-in-kind"
            label="Who is this?"
            options={[
              { value: 'walk-in', label: 'Walk-in at the desk' },
              { value: 'phone', label: 'Phone request (needs a call back)' },
            ]}
            {...form.register('kind')}
          />
          <fieldset className="nhsuk-fieldset">
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">Red flags: ask every time</legend>
            {RED_FLAGS.map((flag) => (
              <Checkbox key={flag} id={`red-flag-${flag}`} label={RED_FLAG_DETAILS[flag].question} {...form.register(`redFlags.${flag}`)} />
            ))}
          </fieldset>
          <fieldset className="nhsuk-fieldset">
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">The patient</legend>
            {chosen ? (
              <div className="nhsuk-inset-text">
                <p>
                  <strong>{patientSummaryLine(chosen.data)}</strong>
                </p>
                <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0" onClick={() => setChosenId(null)}>
                  Choose someone else
                </button>
              </div>
            ) : (
              <>
                <div className="nhsuk-form-group">
                  <label className="nhsuk-label" htmlFor="walk-in-find">
                    Already on this device? Find them
                  </label>
                  <input className="nhsuk-input" id="walk-in-find" type="search" autoComplete="off" value={search} onChange={(e) => setSearch(e.currentTarget.value)} />
                </div>
                {found.length > 0 ? (
                  <ul className="nhsuk-list" aria-label="Patients found">
                    {found.map((p) => (
                      <li key={p.id}>
                        <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-2" onClick={() => setChosenId(p.id)}>
                          Use {patientSummaryLine(p.data)}
                        </button>
                      </li>
                    ))}
                  </ul>
                ) : null}
                <TextInput id="walk-in-first-name" label="First name" error={errors.patient?.firstName?.message} {...form.register('patient.firstName')} />
                <TextInput id="walk-in-last-name" label="Last name" error={errors.patient?.lastName?.message} {...form.register('patient.lastName')} />
                <TextInput id="walk-in-date-of-birth" label="Date of birth" hint="For example, 19/07/1984" width={10} inputMode="numeric" error={errors.patient?.dateOfBirth?.message} {...form.register('patient.dateOfBirth')} />
                <TextInput id="walk-in-nhs-number" label="NHS number (optional)" width={10} inputMode="numeric" error={errors.patient?.nhsNumber?.message} {...form.register('patient.nhsNumber')} />
                <Select id="walk-in-sex" label="Sex" options={SEXES.map((s) => ({ value: s, label: SEX_LABELS[s] }))} {...form.register('patient.sex')} />
              </>
            )}
            {!chosen || kind === 'phone' ? (
              <TextInput id="walk-in-phone" label={kind === 'phone' ? 'Number to call back' : 'Phone (optional)'} type="tel" width={20} error={errors.patient?.phone?.message} {...form.register('patient.phone')} />
            ) : null}
          </fieldset>
          <TextArea id="walk-in-reason" label="Reason, in the patient’s words" rows={2} error={errors.reason?.message} {...form.register('reason')} />
          <TextInput id="walk-in-arrived-at" type="datetime-local" label={kind === 'phone' ? 'When they called' : 'Arrived'} error={errors.arrivedAtLocal?.message} {...form.register('arrivedAtLocal')} />
          <button className="nhsuk-button" type="submit" disabled={form.formState.isSubmitting}>
            Add to the queue
          </button>
        </form>
      </div>
    </div>
  );
}
