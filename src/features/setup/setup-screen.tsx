/**
 * First run on a device: the practice, your own details, your passphrase and a label for this
 * device, in under a minute. Then the recovery key is shown; only once the user has kept it is
 * anything saved. Then Lifeboat asks the browser for persistent storage and records the answer.
 */
import { useState } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { completeSetup, prepareNewPracticeKeys, recordPersistentStorageAnswer, ValidationFailure } from '../../db';
import { toLondonIso } from '../../domain/time';
import { ErrorSummary, TextInput, summariseErrors } from '../../components/form-fields';
import { StaffFields, emptyStaffDetails } from '../../components/staff-fields';
import { NewPassphraseFields, emptyNewPassphrase } from '../../components/passphrase-fields';
import { RecoveryKeyPanel } from '../../components/recovery-key-panel';
import { requestPersistentStorage } from '../../lib/storage-health';
import { setupFormSchema, type SetupFormInput, type SetupFormOutput } from './setup-form';
import { JoinPracticeScreen } from './join-screen';
import { JoinByCodeScreen } from './join-code-screen';

const FIELD_IDS: Record<string, string> = {
  'practice.name': 'practice-name',
  'practice.odsCode': 'practice-ods',
  'practice.address': 'practice-address',
  'practice.postcode': 'practice-postcode',
  'practice.phone': 'practice-phone',
  'staff.name': 'you-name',
  'staff.role': 'you-role',
  'staff.canPrescribe': 'you-can-prescribe',
  'staff.professionalBody': 'you-body',
  'staff.registrationNumber': 'you-registration',
  'staff.prescriberKind': 'you-prescriber-kind',
  deviceLabel: 'device-label',
  'security.passphrase': 'you-passphrase',
  'security.confirmPassphrase': 'you-confirm-passphrase',
};

type Pending = { values: SetupFormOutput } & ReturnType<typeof prepareNewPracticeKeys>;

export function SetupScreen() {
  const [failure, setFailure] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [saving, setSaving] = useState(false);
  const [joining, setJoining] = useState<boolean | 'code'>(false);
  const form = useForm<SetupFormInput, unknown, SetupFormOutput>({
    resolver: zodResolver(setupFormSchema),
    defaultValues: {
      practice: { name: '', odsCode: '', address: '', postcode: '', phone: '' },
      staff: emptyStaffDetails,
      deviceLabel: '',
      security: emptyNewPassphrase,
    },
  });
  const { register, handleSubmit, formState, setError } = form;
  const errors = formState.errors;

  function onSubmit(values: SetupFormOutput) {
    setFailure(null);
    setPending({ values, ...prepareNewPracticeKeys() });
  }

  async function save({ values, material, recoveryKey }: Pending) {
    setSaving(true);
    try {
      await completeSetup({
        practice: values.practice,
        you: values.staff,
        deviceLabel: values.deviceLabel,
        security: { material, recoveryKey, passphrase: values.security.passphrase },
      });
      const granted = await requestPersistentStorage();
      await recordPersistentStorageAnswer(granted === true, toLondonIso(new Date()));
    } catch (error) {
      setPending(null);
      if (error instanceof ValidationFailure) {
        for (const [field, message] of Object.entries(error.fieldErrors)) {
          const path = field === 'name' || field === 'registrationNumber' ? `staff.${field}` : field;
          setError(path as keyof SetupFormInput, { message });
        }
        setFailure(error.message);
      } else {
        setFailure(error instanceof Error ? error.message : String(error));
      }
    } finally {
      setSaving(false);
    }
  }

  const summary = summariseErrors(errors, FIELD_IDS);
  if (failure && summary.length === 0) summary.push({ field: 'practice-name', message: failure });

  if (pending) {
    return <RecoveryKeyPanel recoveryKey={pending.recoveryKey} practiceName={pending.values.practice.name} busy={saving} onConfirmed={() => void save(pending)} />;
  }

  if (joining === 'code') return <JoinByCodeScreen onCancel={() => setJoining(false)} />;
  if (joining) return <JoinPracticeScreen onCancel={() => setJoining(false)} />;

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>Set up Lifeboat on this device</h1>
        <p className="nhsuk-lede-text">
          Three things to start: your practice’s name, your own details with a passphrase, and a name for this device. You can add the rest of the team
          and the practice address later.
        </p>
        <div className="nhsuk-inset-text">
          <p>Does your practice already use Lifeboat on another device? Then join it instead: this device gets the same staff and records, and everyone keeps their passphrase.</p>
          <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0" onClick={() => setJoining(true)}>
            Join a practice that already uses Lifeboat instead
          </button>{' '}
          <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0" onClick={() => setJoining('code')}>
            Scan a code from a device already set up
          </button>
        </div>
        <ErrorSummary errors={summary} />
        <FormProvider {...form}>
          <form onSubmit={handleSubmit(onSubmit)} noValidate>
            <fieldset className="nhsuk-fieldset">
              <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">Your practice</legend>
              <TextInput id="practice-name" label="Practice name" error={errors.practice?.name?.message} {...register('practice.name')} />
              <TextInput
                id="practice-ods"
                label="ODS code (optional)"
                hint="One letter and five numbers, like A81001"
                width={10}
                spellCheck={false}
                error={errors.practice?.odsCode?.message}
                {...register('practice.odsCode')}
              />
            </fieldset>
            <fieldset className="nhsuk-fieldset">
              <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">You</legend>
              <StaffFields idPrefix="you" nameLabel="Your full name" />
              <NewPassphraseFields idPrefix="you" />
            </fieldset>
            <fieldset className="nhsuk-fieldset">
              <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">This device</legend>
              <TextInput
                id="device-label"
                label="Name for this device"
                hint="So records say where they were made, like Reception iPad or Room 3 laptop"
                error={errors.deviceLabel?.message}
                {...register('deviceLabel')}
              />
            </fieldset>
            <button className="nhsuk-button" type="submit" disabled={formState.isSubmitting}>
              Start using Lifeboat
            </button>
          </form>
        </FormProvider>
      </div>
    </div>
  );
}
