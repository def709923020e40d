/** A forgotten passphrase: the practice's recovery key, then a new passphrase for this user. */
import { useState } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import { resetPassphraseWithRecoveryKey, UnlockRefused, ValidationFailure } from '../../db';
import { newPassphraseSchema } from '../../domain/passphrase';
import { ErrorSummary, Select, TextInput, summariseErrors } from '../../components/form-fields';
import { NewPassphraseFields, emptyNewPassphrase } from '../../components/passphrase-fields';

const recoveryFormSchema = z.object({
  staffId: z.string().min(1, 'Choose who you are'),
  recoveryKey: z.string().trim().min(1, 'Enter the recovery key'),
  security: newPassphraseSchema,
});
type RecoveryFormInput = z.input<typeof recoveryFormSchema>;
type RecoveryFormOutput = z.output<typeof recoveryFormSchema>;

const FIELD_IDS = {
  staffId: 'recovery-user',
  recoveryKey: 'recovery-key-input',
  'security.passphrase': 'recovery-passphrase',
  'security.confirmPassphrase': 'recovery-confirm-passphrase',
};

export function RecoveryForm({ users }: { users: Array<{ staffId: string; label: string }> }) {
  const [refusal, setRefusal] = useState<string | null>(null);
  const form = useForm<RecoveryFormInput, unknown, RecoveryFormOutput>({
    resolver: zodResolver(recoveryFormSchema),
    defaultValues: { staffId: '', recoveryKey: '', security: emptyNewPassphrase },
  });
  const errors = form.formState.errors;

  async function onSubmit(values: RecoveryFormOutput) {
    setRefusal(null);
    try {
      await resetPassphraseWithRecoveryKey(values.recoveryKey, values.staffId, values.security.passphrase);
    } catch (error) {
      if (error instanceof ValidationFailure && error.fieldErrors.recoveryKey) form.setError('recoveryKey', { message: error.fieldErrors.recoveryKey });
      else if (error instanceof UnlockRefused || error instanceof ValidationFailure) setRefusal(error.message);
      else setRefusal(error instanceof Error ? error.message : String(error));
    }
  }

  const summary = summariseErrors(errors, FIELD_IDS);
  if (refusal) summary.push({ field: 'recovery-key-input', message: refusal });

  return (
    <FormProvider {...form}>
      <form onSubmit={form.handleSubmit(onSubmit)} noValidate>
        <h2>Set a new passphrase with the recovery key</h2>
        <p>The recovery key was printed or written down when Lifeboat was set up. The practice manager keeps it.</p>
        <ErrorSummary errors={summary} />
        <Select
          id="recovery-user"
          label="Who are you?"
          options={[{ value: '', label: 'Choose your name' }, ...users.map((u) => ({ value: u.staffId, label: u.label }))]}
          error={errors.staffId?.message}
          {...form.register('staffId')}
        />
        <TextInput
          id="recovery-key-input"
          label="Recovery key"
          hint="9 groups of 4 letters and numbers, like 7K3M-…"
          autoComplete="off"
          spellCheck={false}
          className="lifeboat-mono"
          error={errors.recoveryKey?.message}
          {...form.register('recoveryKey')}
        />
        <NewPassphraseFields idPrefix="recovery" whose="Your new" />
        <button className="nhsuk-button" type="submit" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? 'Checking…' : 'Set new passphrase and unlock'}
        </button>
      </form>
    </FormProvider>
  );
}
