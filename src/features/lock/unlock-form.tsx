/**
 * Who are you, and your passphrase. Used to unlock the device and to switch user (unlocking as
 * someone else). Wrong passphrases are slowed down by the repository; the wait is shown here.
 */
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import { unlock, UnlockRefused } from '../../db';
import { ErrorSummary, Select, TextInput } from '../../components/form-fields';

const unlockFormSchema = z.object({
  staffId: z.string().min(1, 'Choose who you are'),
  passphrase: z.string().min(1, 'Enter your passphrase'),
});
type UnlockFormValues = z.infer<typeof unlockFormSchema>;

export function UnlockForm({ users, initialStaffId, submitLabel, onUnlocked }: {
  users: Array<{ staffId: string; label: string }>;
  initialStaffId?: string | undefined;
  submitLabel: string;
  onUnlocked?: () => void;
}) {
  const [refusal, setRefusal] = useState<string | null>(null);
  const form = useForm<UnlockFormValues>({
    resolver: zodResolver(unlockFormSchema),
    defaultValues: { staffId: initialStaffId ?? (users.length === 1 ? (users[0]?.staffId ?? '') : ''), passphrase: '' },
  });
  const errors = form.formState.errors;

  async function onSubmit(values: UnlockFormValues) {
    setRefusal(null);
    try {
      await unlock(values.staffId, values.passphrase);
      onUnlocked?.();
    } catch (error) {
      form.setValue('passphrase', '');
      if (error instanceof UnlockRefused) setRefusal(error.message);
      else setRefusal(error instanceof Error ? error.message : String(error));
    }
  }

  const summary = [
    ...(errors.staffId?.message ? [{ field: 'unlock-user', message: errors.staffId.message }] : []),
    ...(errors.passphrase?.message ? [{ field: 'unlock-passphrase', message: errors.passphrase.message }] : []),
    ...(refusal ? [{ field: 'unlock-passphrase', message: refusal }] : []),
  ];

  return (
    <form onSubmit={form.handleSubmit(onSubmit)} noValidate>
      <ErrorSummary errors={summary} />
      <Select
        id="unlock-user"
        label="Who are you?"
        options={[{ value: '', label: 'Choose your name' }, ...users.map((u) => ({ value: u.staffId, label: u.label }))]}
        error={errors.staffId?.message}
        {...form.register('staffId')}
      />
      <TextInput
        id="unlock-passphrase"
        label="Passphrase"
        type="password"
        autoComplete="current-password"
        spellCheck={false}
        error={errors.passphrase?.message ?? refusal ?? undefined}
        {...form.register('passphrase')}
      />
      <button className="nhsuk-button" type="submit" disabled={form.formState.isSubmitting}>
        {form.formState.isSubmitting ? 'Checking…' : submitLabel}
      </button>
    </form>
  );
}
