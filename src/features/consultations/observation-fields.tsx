/**
 * Observations as typed, with impossible values named beside the field, abnormal ones flagged,
 * and NEWS2 shown as soon as its inputs are there. The draft keeps whatever was typed; signing
 * refuses impossible values.
 */
import { useFormContext, useWatch } from 'react-hook-form';
import type { ConsultationDraftInput } from '../../domain/consultation';
import { calculateNews2, NEWS2_BAND_LABELS } from '../../domain/news2';
import { assessObservations, CONSCIOUSNESS_LABELS, CONSCIOUSNESS_LEVELS, OBSERVATION_LIMITS, observationsSchema, type NumericObservation } from '../../domain/observations';
import { Checkbox, Select, TextInput } from '../../components/form-fields';

const NUMERIC_FIELDS: NumericObservation[] = ['systolic', 'diastolic', 'pulse', 'temperature', 'spo2', 'respiratoryRate', 'weight', 'height', 'peakFlow', 'bloodGlucose'];

export function ObservationFields({ signingErrors }: { signingErrors: Record<string, string> }) {
  const { register, control } = useFormContext<ConsultationDraftInput>();
  const typed = useWatch({ control, name: 'observations' }) ?? {};
  const parsed = observationsSchema.safeParse(typed);
  const problems: Record<string, string> = {};
  if (!parsed.success) for (const issue of parsed.error.issues) problems[String(issue.path[0])] ??= issue.message;
  const flags = parsed.success ? assessObservations(parsed.data) : [];
  const news2 = parsed.success ? calculateNews2(parsed.data) : null;

  return (
    <fieldset className="nhsuk-fieldset">
      <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">Observations</legend>
      <div className="lifeboat-observations">
        {NUMERIC_FIELDS.map((field) => {
          const { label, unit } = OBSERVATION_LIMITS[field];
          return (
            <TextInput
              key={field}
              id={`obs-${field}`}
              label={`${label} (${unit})`}
              width={5}
              inputMode="decimal"
              error={signingErrors[`observations.${field}`] ?? problems[field]}
              {...register(`observations.${field}`)}
            />
          );
        })}
        <Select
          id="obs-spo2Scale"
          label="SpO2 scale"
          hint="Scale 2 only for a prescribed target of 88–92%"
          options={[
            { value: '', label: 'Scale 1' },
            { value: '2', label: 'Scale 2 (target 88–92%)' },
          ]}
          error={problems.spo2Scale}
          {...register('observations.spo2Scale')}
        />
        <Select
          id="obs-consciousness"
          label="Consciousness (ACVPU)"
          options={[{ value: '', label: 'Not recorded' }, ...CONSCIOUSNESS_LEVELS.map((l) => ({ value: l, label: CONSCIOUSNESS_LABELS[l] }))]}
          error={problems.consciousness}
          {...register('observations.consciousness')}
        />
      </div>
      <Checkbox id="obs-onOxygen" label="On supplemental oxygen" {...register('observations.onOxygen')} />
      {flags.length > 0 ? (
        <ul className="nhsuk-list" aria-label="Abnormal observations">
          {flags.map((flag) => (
            <li key={flag.field + flag.message} className="lifeboat-flag">
              {flag.message}
            </li>
          ))}
        </ul>
      ) : null}
      {news2 ? (
        <div className="nhsuk-inset-text" data-testid="news2">
          <p>
            <strong>
              NEWS2 {news2.total}: {NEWS2_BAND_LABELS[news2.band]}
              {news2.redScore ? ' (a single parameter scores 3)' : ''}
            </strong>
          </p>
          <p>Monitoring: {news2.monitoring}.</p>
        </div>
      ) : null}
    </fieldset>
  );
}
