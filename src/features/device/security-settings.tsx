/** Auto-lock time for this device, and changing your own passphrase. */
import { useState } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import { changePassphrase, updateDeviceSettings, UnlockRefused, ValidationFailure } from '../../db';
import { AUTO_LOCK_CHOICES } from '../../domain/device';
import { newPassphraseSchema } from '../../domain/passphrase';
import { ErrorSummary, Select, TextInput, summariseErrors } from '../../components/form-fields';
import { NewPassphraseFields, emptyNewPassphrase } from '../../components/passphrase-fields';

export function AutoLockSetting({ minutes }: { minutes: number }) {
  const [saved, setSaved] = useState<string | null>(null);
  return (
    <>
      <Select
        id="auto-lock-minutes"
        label="Lock this device after it has not been used for"
        hint="It never locks while a change is still being saved."
        value={String(minutes)}
        options={AUTO_LOCK_CHOICES.map((m) => ({ value: String(m), label: `${m} minute${m === 1 ? '' : 's'}` }))}
        onChange={(e) => {
          const next = Number(e.currentTarget.value);
          void updateDeviceSettings({ autoLockMinutes: next }).then(() => setSaved(`Saved: locks after ${next} minute${next === 1 ? '' : 's'}`));
        }}
      />
      {saved ? (
        <p className="nhsuk-body-s" role="status">
          {saved}
        </p>
      ) : null}
    </>
  );
}

const changeFormSchema = z.object({ currentPassphrase: z.string().min(1, 'Enter your current passphrase'), security: newPassphraseSchema });
type ChangeInput = z.input<typeof changeFormSchema>;
type ChangeOutput = z.output<typeof changeFormSchema>;
const FIELD_IDS = { currentPassphrase: 'current-passphrase', 'security.passphrase': 'change-passphrase', 'security.confirmPassphrase': 'change-confirm-passphrase' };

export function ChangePassphraseForm() {
  const [notice, setNotice] = useState<string | null>(null);
  const form = useForm<ChangeInput, unknown, ChangeOutput>({
    resolver: zodResolver(changeFormSchema),
    defaultValues: { currentPassphrase: '', security: emptyNewPassphrase },
  });

  async function onSubmit(values: ChangeOutput) {
    setNotice(null);
    try {
      await changePassphrase(values.currentPassphrase, values.security.passphrase);
      form.reset({ currentPassphrase: '', security: emptyNewPassphrase });
      setNotice('Your passphrase has been changed. Use the new one from now on.');
    } catch (error) {
      if (error instanceof UnlockRefused) form.setError('currentPassphrase', { message: error.message });
      else if (error instanceof ValidationFailure) form.setError('security.passphrase', { message: error.message });
      else throw error;
    }
  }

  return (
    <FormProvider {...form}>
      <form onSubmit={form.handleSubmit(onSubmit)} noValidate>
        <h3>Change your passphrase</h3>
        {notice ? (
          <div className="nhsuk-inset-text" role="status">
            <p>{notice}</p>
          </div>
        ) : null}
        <ErrorSummary errors={summariseErrors(form.formState.errors, FIELD_IDS)} />
        <TextInput
          id="current-passphrase"
          label="Current passphrase"
          type="password"
          autoComplete="current-password"
          error={form.formState.errors.currentPassphrase?.message}
          {...form.register('currentPassphrase')}
        />
        <NewPassphraseFields idPrefix="change" whose="New" />
        <button className="nhsuk-button nhsuk-button--secondary" type="submit" disabled={form.formState.isSubmitting}>
          Change passphrase
        </button>
      </form>
    </FormProvider>
  );
}
