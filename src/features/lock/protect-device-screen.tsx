/**
 * A device set up before Lifeboat encrypted records: the person using it chooses a passphrase,
 * keeps the recovery key, and every record already stored is encrypted in place.
 */
import { useState } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import { prepareNewPracticeKeys, protectExistingRecords } from '../../db';
import { newPassphraseSchema } from '../../domain/passphrase';
import { ErrorSummary, summariseErrors } from '../../components/form-fields';
import { NewPassphraseFields, emptyNewPassphrase } from '../../components/passphrase-fields';
import { RecoveryKeyPanel } from '../../components/recovery-key-panel';

const protectFormSchema = z.object({ security: newPassphraseSchema });
type ProtectInput = z.input<typeof protectFormSchema>;
type ProtectOutput = z.output<typeof protectFormSchema>;

const FIELD_IDS = { 'security.passphrase': 'protect-passphrase', 'security.confirmPassphrase': 'protect-confirm-passphrase' };

type Pending = { passphrase: string } & ReturnType<typeof prepareNewPracticeKeys>;

export function ProtectDeviceScreen({ practiceName, userName }: { practiceName: string; userName: string }) {
  const [pending, setPending] = useState<Pending | null>(null);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<ProtectInput, unknown, ProtectOutput>({ resolver: zodResolver(protectFormSchema), defaultValues: { security: emptyNewPassphrase } });

  async function save(p: Pending) {
    setSaving(true);
    try {
      await protectExistingRecords({ material: p.material, recoveryKey: p.recoveryKey, passphrase: p.passphrase });
    } catch (error) {
      setPending(null);
      setFailure(`Nothing was changed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setSaving(false);
    }
  }

  if (pending) return <RecoveryKeyPanel recoveryKey={pending.recoveryKey} practiceName={practiceName} busy={saving} onConfirmed={() => void save(pending)} />;

  const summary = summariseErrors(form.formState.errors, FIELD_IDS);
  if (failure) summary.push({ field: 'protect-passphrase', message: failure });

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>Protect the records on this device</h1>
        <p>
          Lifeboat now encrypts every record, so a lost or stolen device reveals nothing. {userName}, choose your passphrase; colleagues set theirs
          on the Staff screen. The records already here are encrypted when you continue; nothing is lost.
        </p>
        <ErrorSummary errors={summary} />
        <FormProvider {...form}>
          <form onSubmit={form.handleSubmit((v) => setPending({ passphrase: v.security.passphrase, ...prepareNewPracticeKeys() }))} noValidate>
            <NewPassphraseFields idPrefix="protect" />
            <button className="nhsuk-button" type="submit">
              Continue
            </button>
          </form>
        </FormProvider>
      </div>
    </div>
  );
}
