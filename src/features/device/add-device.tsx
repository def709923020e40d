/**
 * "Add another device to this practice": the user who has unlocked confirms with their
 * passphrase, Lifeboat downloads a join file, and shows the one-time passphrase that opens it.
 * That passphrase lives only in this component's state: leaving the screen forgets it.
 */
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import { makeJoinCode, makeJoinFile, UnlockRefused, ValidationFailure, type JoinCode, type JoinFile } from '../../db';
import { ErrorSummary, TextInput } from '../../components/form-fields';
import { downloadTextFile } from '../../lib/download';
import { JoinCodeShown } from './join-code-shown';
import { WarningCallout } from '../../components/warning-callout';

const addDeviceFormSchema = z.object({ currentPassphrase: z.string().min(1, 'Enter your passphrase to make the file') });
type AddDeviceValues = z.infer<typeof addDeviceFormSchema>;

export function AddDeviceSection() {
  const [made, setMade] = useState<JoinFile | null>(null);
  const [code, setCode] = useState<JoinCode | null>(null);
  const [mode, setMode] = useState<'file' | 'code'>('file');
  const form = useForm<AddDeviceValues>({ resolver: zodResolver(addDeviceFormSchema), defaultValues: { currentPassphrase: '' } });
  const error = form.formState.errors.currentPassphrase?.message;

  async function onSubmit(values: AddDeviceValues) {
    try {
      if (mode === 'code') {
        const shown = await makeJoinCode(values.currentPassphrase);
        form.reset({ currentPassphrase: '' });
        setCode(shown);
        return;
      }
      const file = await makeJoinFile(values.currentPassphrase);
      form.reset({ currentPassphrase: '' });
      setMade(file);
      downloadTextFile(file.fileName, file.text);
    } catch (failure) {
      form.setValue('currentPassphrase', '');
      if (failure instanceof UnlockRefused || failure instanceof ValidationFailure) form.setError('currentPassphrase', { message: failure.message });
      else throw failure;
    }
  }

  return (
    <section aria-labelledby="add-device-heading">
      <h2 id="add-device-heading">Add another device to this practice</h2>
      {code ? (
        <JoinCodeShown code={code} onDone={() => setCode(null)} />
      ) : made ? (
        <JoinFileMade file={made} onDone={() => setMade(null)} />
      ) : (
        <form onSubmit={form.handleSubmit(onSubmit)} noValidate>
          <p>
            Another computer, iPad or phone can join this practice: it gets the practice’s keys and the staff list, and everyone unlocks it with the
            passphrase they use here. Lifeboat makes a file for it, or shows a code for it to scan, with a one-time passphrase that opens it.
          </p>
          <ErrorSummary errors={error ? [{ field: 'join-current-passphrase', message: error }] : []} />
          <input type="text" name="username" autoComplete="username" value="Lifeboat" readOnly hidden tabIndex={-1} aria-hidden="true" />
          <TextInput
            id="join-current-passphrase"
            label="Your passphrase"
            hint="The file holds the practice’s keys, so Lifeboat checks it is you."
            type="password"
            autoComplete="current-password"
            spellCheck={false}
            error={error}
            {...form.register('currentPassphrase')}
          />
          <div className="nhsuk-button-group">
            <button className="nhsuk-button nhsuk-button--secondary" type="submit" disabled={form.formState.isSubmitting} onClick={() => setMode('file')}>
              {form.formState.isSubmitting && mode === 'file' ? 'Making the file…' : 'Make a file for another device'}
            </button>{' '}
            <button className="nhsuk-button nhsuk-button--secondary" type="submit" disabled={form.formState.isSubmitting} onClick={() => setMode('code')}>
              {form.formState.isSubmitting && mode === 'code' ? 'Making the code…' : 'Show a code to scan'}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function JoinFileMade({ file, onDone }: { file: JoinFile; onDone: () => void }) {
  return (
    <>
      <div className="nhsuk-inset-text" role="status">
        <p>
          Lifeboat has saved <span className="lifeboat-mono">{file.fileName}</span> to this device’s downloads ({file.staffCount} staff).
        </p>
      </div>
      <p>The one-time passphrase that opens it:</p>
      <p className="lifeboat-recovery-key__value lifeboat-mono" data-testid="join-passphrase">
        {file.oneTimePassphrase}
      </p>
      <ol className="nhsuk-list nhsuk-list--number">
        <li>Copy the file to the new device: a USB stick, AirDrop, or a shared folder on the practice network.</li>
        <li>On the new device, open Lifeboat and choose “Join a practice that already uses Lifeboat”.</li>
        <li>Choose the file, and type the one-time passphrase shown here.</li>
        <li>Once the new device has joined, delete the file from both devices and anywhere you copied it.</li>
      </ol>
      <WarningCallout label="Keep the file and the passphrase apart" level={3}>
        <p>
          Together they open every record of the practice. Never send them the same way (not in one email or message). Lifeboat does not keep the
          one-time passphrase: when you leave this page it is gone, and you can make a new file.
        </p>
      </WarningCallout>
      <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => downloadTextFile(file.fileName, file.text)}>
        Download the file again
      </button>{' '}
      <button type="button" className="nhsuk-button" onClick={onDone}>
        Done
      </button>
    </>
  );
}
