/** The patient's details as a form: shared by adding a patient and correcting one. */
import type { UseFormReturn } from 'react-hook-form';
import { SEX_LABELS, SEXES, type PatientDetails, type PatientDetailsInput } from '../../domain/patient';
import { Select, TextArea, TextInput } from '../../components/form-fields';

export const PATIENT_FIELD_IDS = {
  firstName: 'patient-first-name',
  lastName: 'patient-last-name',
  dateOfBirth: 'patient-date-of-birth',
  sex: 'patient-sex',
  nhsNumber: 'patient-nhs-number',
  address: 'patient-address',
  postcode: 'patient-postcode',
  phone: 'patient-phone',
};

export function PatientFields({ form }: { form: UseFormReturn<PatientDetailsInput, unknown, PatientDetails> }) {
  return (
    <>
      <TextInput id="patient-first-name" label="First name" error={form.formState.errors.firstName?.message} {...form.register('firstName')} />
      <TextInput id="patient-last-name" label="Last name" error={form.formState.errors.lastName?.message} {...form.register('lastName')} />
      <TextInput id="patient-date-of-birth" label="Date of birth" hint="For example, 19/07/1984" width={10} inputMode="numeric" error={form.formState.errors.dateOfBirth?.message} {...form.register('dateOfBirth')} />
      <Select
        id="patient-sex"
        label="Sex"
        options={[{ value: '', label: 'Choose' }, ...SEXES.map((s) => ({ value: s, label: SEX_LABELS[s] }))]}
        error={form.formState.errors.sex?.message}
        {...form.register('sex')}
      />
      <TextInput id="patient-nhs-number" label="NHS number (optional)" hint="10 digits, like 943 476 5919" width={10} inputMode="numeric" spellCheck={false} error={form.formState.errors.nhsNumber?.message} {...form.register('nhsNumber')} />
      <TextArea id="patient-address" label="Address (optional)" rows={3} error={form.formState.errors.address?.message} {...form.register('address')} />
      <TextInput id="patient-postcode" label="Postcode (optional)" width={10} error={form.formState.errors.postcode?.message} {...form.register('postcode')} />
      <TextInput id="patient-phone" label="Phone (optional)" type="tel" width={20} error={form.formState.errors.phone?.message} {...form.register('phone')} />
    </>
  );
}
