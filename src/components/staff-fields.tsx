/**
 * The fields for one staff member (name, role, and for prescribers the professional body,
 * registration number and kind of prescriber). Used by first-run setup and by the Staff screen;
 * both forms keep these values under `staff`.
 */
import { useEffect, useMemo } from 'react';
import { useFormContext, useWatch, type FieldErrors } from 'react-hook-form';
import {
  BODY_FOR_ROLE,
  CLINICAL_ROLES,
  PROFESSIONAL_BODIES,
  ROLE_LABELS,
  STAFF_ROLES,
  prescriberKindsForRole,
  type StaffDetailsInput,
} from '../domain/staff';
import { Checkbox, Select, TextInput } from './form-fields';

type WithStaff = { staff: StaffDetailsInput };

export function StaffFields({ idPrefix, nameLabel = 'Full name' }: { idPrefix: string; nameLabel?: string }) {
  const { register, control, setValue, formState } = useFormContext<WithStaff>();
  const errors = (formState.errors.staff ?? {}) as FieldErrors<StaffDetailsInput>;
  const role = useWatch({ control, name: 'staff.role' });
  const canPrescribe = useWatch({ control, name: 'staff.canPrescribe' });
  const clinical = role !== undefined && CLINICAL_ROLES.includes(role);
  const prescribes = role === 'gp' || (clinical && canPrescribe === true);
  const kinds = useMemo(() => (role ? prescriberKindsForRole(role) : []), [role]);

  // The body follows from the role; a single kind of prescriber is chosen for the user.
  useEffect(() => {
    if (!role) return;
    setValue('staff.professionalBody', prescribes ? (BODY_FOR_ROLE[role] ?? '') : '');
    if (!prescribes) setValue('staff.prescriberKind', '');
    else if (kinds.length === 1) setValue('staff.prescriberKind', kinds[0] ?? '');
  }, [role, prescribes, kinds, setValue]);

  return (
    <>
      <TextInput
        id={`${idPrefix}-name`}
        label={nameLabel}
        hint="As it should appear on records and prescriptions, like Dr Asha Patel"
        error={errors.name?.message}
        {...register('staff.name')}
      />
      <Select
        id={`${idPrefix}-role`}
        label="Role"
        error={errors.role?.message}
        options={[{ value: '', label: 'Choose a role' }, ...STAFF_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))]}
        {...register('staff.role')}
      />
      {clinical && role !== 'gp' ? (
        <Checkbox id={`${idPrefix}-can-prescribe`} label="Prescribes medicines" error={errors.canPrescribe?.message} {...register('staff.canPrescribe')} />
      ) : null}
      {prescribes ? (
        <>
          <Select
            id={`${idPrefix}-body`}
            label="Professional body"
            error={errors.professionalBody?.message}
            options={[{ value: '', label: 'Choose' }, ...PROFESSIONAL_BODIES.map((b) => ({ value: b, label: b }))]}
            {...register('staff.professionalBody')}
          />
          <TextInput
            id={`${idPrefix}-registration`}
            label="Professional registration number"
            hint="Printed on every prescription"
            width={10}
            autoComplete="off"
            spellCheck={false}
            error={errors.registrationNumber?.message}
            {...register('staff.registrationNumber')}
          />
          <Select
            id={`${idPrefix}-prescriber-kind`}
            label="Kind of prescriber"
            hint="As it must appear on a prescription"
            error={errors.prescriberKind?.message}
            options={[{ value: '', label: 'Choose' }, ...kinds.map((k) => ({ value: k, label: k }))]}
            {...register('staff.prescriberKind')}
          />
        </>
      ) : null}
    </>
  );
}

/** Empty values for a new staff member's fields. */
export const emptyStaffDetails: StaffDetailsInput = {
  name: '',
  // The empty choice of the role list; the schema rejects it with "Choose a role".
  role: '' as StaffDetailsInput['role'],
  canPrescribe: false,
  professionalBody: '',
  registrationNumber: '',
  prescriberKind: '',
};
