/**
 * Add a patient. A likely duplicate (same name and date of birth) is shown before a second record
 * is made, so the existing one is used instead; the same NHS number is refused outright.
 */
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { addPatient, PossibleDuplicatePatient, ValidationFailure } from '../../db';
import { patientDetailsSchema, patientSummaryLine, type Patient, type PatientDetails, type PatientDetailsInput } from '../../domain/patient';
import { ErrorSummary, summariseErrors } from '../../components/form-fields';
import { Link, navigate } from '../../lib/router';
import { PATIENT_FIELD_IDS, PatientFields } from './patient-fields';
import { useActor } from '../../lib/session';
import { WarningCallout } from '../../components/warning-callout';


export function AddPatientScreen() {
  const actor = useActor();
  const [duplicates, setDuplicates] = useState<{ values: PatientDetails; matches: Patient[] } | null>(null);
  const form = useForm<PatientDetailsInput, unknown, PatientDetails>({
    resolver: zodResolver(patientDetailsSchema),
    defaultValues: { firstName: '', lastName: '', dateOfBirth: '', nhsNumber: '', address: '', postcode: '', phone: '' },
  });
  const errors = form.formState.errors;

  async function save(values: PatientDetails, confirmedNotDuplicate: boolean) {
    try {
      const patient = await addPatient(values, actor, { confirmedNotDuplicate });
      navigate(`/patients/${patient.id}`);
    } catch (error) {
      if (error instanceof PossibleDuplicatePatient) setDuplicates({ values, matches: error.duplicates.map((d) => d.patient) });
      else if (error instanceof ValidationFailure) {
        for (const [field, message] of Object.entries(error.fieldErrors)) form.setError(field as keyof PatientDetailsInput, { message });
      } else throw error;
    }
  }

  if (duplicates) {
    return (
      <>
        <h1>This patient may already be on this device</h1>
        <WarningCallout label="Same name and date of birth">
          <p>Use the existing record if it is the same person. Two records for one patient split their notes.</p>
        </WarningCallout>
        <ul className="nhsuk-list">
          {duplicates.matches.map((p) => (
            <li key={p.id}>
              <Link to={`/patients/${p.id}`}>Use {patientSummaryLine(p.data)}</Link>
            </li>
          ))}
        </ul>
        <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => void save(duplicates.values, true)}>
          It is a different person: add a new patient
        </button>{' '}
        <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => setDuplicates(null)}>
          Go back to the details
        </button>
      </>
    );
  }

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>Add a patient</h1>
        <ErrorSummary errors={summariseErrors(errors, PATIENT_FIELD_IDS)} />
        <form onSubmit={form.handleSubmit((v) => save(v, false))} noValidate>
          <PatientFields form={form} />
          <button className="nhsuk-button" type="submit" disabled={form.formState.isSubmitting}>
            Add patient
          </button>
        </form>
      </div>
    </div>
  );
}
