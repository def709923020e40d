/** Correct a patient's details (an address for a prescription, a new phone number); audited. */
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { updatePatient, ValidationFailure, getPatient } from '../../db';
import { formatIsoDateUk, patientDetailsSchema, type Patient, type PatientDetails, type PatientDetailsInput } from '../../domain/patient';
import { formatNhsNumber } from '../../domain/nhs-number';
import { ErrorSummary, summariseErrors } from '../../components/form-fields';
import { PatientBanner } from '../../components/patient-banner';
import { navigate } from '../../lib/router';
import { useActor } from '../../lib/session';
import { useLiveQuery } from '../../lib/use-live-query';
import { PATIENT_FIELD_IDS, PatientFields } from './patient-fields';

export function EditPatientScreen({ patientId }: { patientId: string }) {
  const patient = useLiveQuery(() => getPatient(patientId), [patientId]);
  if (patient.status === 'loading') return <p role="status">Loading…</p>;
  if (patient.status === 'failed') return <p className="nhsuk-error-message">This patient could not be read: {patient.error}</p>;
  if (!patient.value) return <h1>This patient is not on this device</h1>;
  // Keyed by the record's version: a change saved elsewhere starts the form afresh.
  return <EditPatientForm key={patient.value.updatedAt} patient={patient.value} />;
}

function EditPatientForm({ patient }: { patient: Patient }) {
  const actor = useActor();
  const d = patient.data;
  const form = useForm<PatientDetailsInput, unknown, PatientDetails>({
    resolver: zodResolver(patientDetailsSchema),
    defaultValues: { ...d, dateOfBirth: formatIsoDateUk(d.dateOfBirth), nhsNumber: d.nhsNumber ? formatNhsNumber(d.nhsNumber) : '' },
  });

  async function onSubmit(values: PatientDetails) {
    try {
      await updatePatient(patient.id, values, actor);
      navigate(`/patients/${patient.id}`);
    } catch (error) {
      if (error instanceof ValidationFailure) {
        for (const [field, message] of Object.entries(error.fieldErrors)) form.setError(field as keyof PatientDetailsInput, { message });
      } else throw error;
    }
  }

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <PatientBanner patient={patient} />
        <h1>Change the patient’s details</h1>
        <ErrorSummary errors={summariseErrors(form.formState.errors, PATIENT_FIELD_IDS)} />
        <form onSubmit={form.handleSubmit(onSubmit)} noValidate>
          <PatientFields form={form} />
          <button className="nhsuk-button" type="submit" disabled={form.formState.isSubmitting}>
            Save the patient’s details
          </button>
        </form>
      </div>
    </div>
  );
}
