/** The practice's details, completed after the day-one setup: address and phone go on prescriptions. */
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { updatePractice } from '../../db';
import { practiceDetailsSchema, type PracticeDetails, type PracticeDetailsInput } from '../../domain/practice';
import { ErrorSummary, TextArea, TextInput, summariseErrors } from '../../components/form-fields';
import { useActor, useSession } from '../../lib/session';

const FIELD_IDS = { name: 'practice-name', odsCode: 'practice-ods', address: 'practice-address', postcode: 'practice-postcode', phone: 'practice-phone' };

export function PracticeScreen() {
  const session = useSession();
  const actor = useActor();
  const [saved, setSaved] = useState(false);
  const form = useForm<PracticeDetailsInput, unknown, PracticeDetails>({
    resolver: zodResolver(practiceDetailsSchema),
    defaultValues: session.practice?.data ?? { name: '', odsCode: '', address: '', postcode: '', phone: '' },
  });
  const { register, formState } = form;
  const errors = formState.errors;

  async function onSubmit(values: PracticeDetails) {
    await updatePractice(values, actor);
    setSaved(true);
  }

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>Practice details</h1>
        <p>The address and phone number are printed on prescriptions and records.</p>
        {saved ? (
          <div className="nhsuk-inset-text" role="status">
            <p>Practice details saved</p>
          </div>
        ) : null}
        <ErrorSummary errors={summariseErrors(errors, FIELD_IDS)} />
        <form onSubmit={form.handleSubmit(onSubmit)} noValidate onChange={() => setSaved(false)}>
          <TextInput id="practice-name" label="Practice name" error={errors.name?.message} {...register('name')} />
          <TextInput id="practice-ods" label="ODS code" hint="One letter and five numbers, like A81001" width={10} error={errors.odsCode?.message} {...register('odsCode')} />
          <TextArea id="practice-address" label="Address" error={errors.address?.message} {...register('address')} />
          <TextInput id="practice-postcode" label="Postcode" width={10} error={errors.postcode?.message} {...register('postcode')} />
          <TextInput id="practice-phone" label="Phone" type="tel" width={20} error={errors.phone?.message} {...register('phone')} />
          <button className="nhsuk-button" type="submit" disabled={formState.isSubmitting}>
            Save practice details
          </button>
        </form>
      </div>
    </div>
  );
}
