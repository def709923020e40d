/**
 * Joining a practice that already uses Lifeboat: the file made on one of its devices, the
 * one-time passphrase shown there, and a name for this device. Nothing is saved unless all of it
 * checks out; then the device is locked, and each colleague unlocks it with the passphrase they
 * already use on the practice's other devices. Then, as at setup, Lifeboat asks the browser for
 * persistent storage and records the answer.
 */
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { JOIN_FILE_MAX_BYTES, joinPractice, recordPersistentStorageAnswer, UnlockRefused, ValidationFailure } from '../../db';
import { toLondonIso } from '../../domain/time';
import { requestPersistentStorage } from '../../lib/storage-health';
import { ErrorSummary, Field, TextInput, summariseErrors } from '../../components/form-fields';
import { joinFormSchema, type JoinFormInput, type JoinFormOutput } from './join-form';

const FIELD_IDS: Record<keyof JoinFormInput, string> = {
  file: 'join-file',
  oneTimePassphrase: 'join-one-time-passphrase',
  deviceLabel: 'join-device-label',
};

function isField(name: string): name is keyof JoinFormInput {
  return name in FIELD_IDS;
}

export function JoinPracticeScreen({ onCancel }: { onCancel: () => void }) {
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<JoinFormInput, unknown, JoinFormOutput>({
    resolver: zodResolver(joinFormSchema),
    defaultValues: { oneTimePassphrase: '', deviceLabel: '' },
  });
  const { errors, isSubmitting, isSubmitted } = form.formState;

  async function onSubmit(values: JoinFormOutput) {
    setFailure(null);
    if (values.file.size > JOIN_FILE_MAX_BYTES) {
      form.setError('file', { message: 'This file is far too big to be a Lifeboat setup file: choose the lifeboat-join file made on the other device' });
      return;
    }
    try {
      await joinPractice({ fileText: await values.file.text(), oneTimePassphrase: values.oneTimePassphrase, deviceLabel: values.deviceLabel });
    } catch (error) {
      if (error instanceof UnlockRefused) form.setError('oneTimePassphrase', { message: error.message });
      else if (error instanceof ValidationFailure && Object.keys(error.fieldErrors).some(isField)) {
        for (const [field, message] of Object.entries(error.fieldErrors)) if (isField(field)) form.setError(field, { message });
      } else setFailure(`Nothing was saved: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    // Joined: the app shows the lock screen from here. As at setup, ask the browser to keep the data.
    const granted = await requestPersistentStorage();
    await recordPersistentStorageAnswer(granted === true, toLondonIso(new Date()));
  }

  const summary = summariseErrors(errors, FIELD_IDS);
  if (failure) summary.push({ field: FIELD_IDS.file, message: failure });

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>Join a practice that already uses Lifeboat</h1>
        <p className="nhsuk-lede-text">
          On a device where Lifeboat is already set up, someone goes to “This device” and chooses “Add another device to this practice”. That
          makes a file and shows a one-time passphrase. Bring the file to this device.
        </p>
        <ErrorSummary errors={summary} />
        <form onSubmit={form.handleSubmit(onSubmit)} noValidate>
          <Field id={FIELD_IDS.file} label="The file from the other device" hint="Its name starts with lifeboat-join" error={errors.file?.message}>
            {(describedBy) => (
              <input
                id={FIELD_IDS.file}
                name="file"
                type="file"
                accept=".json,application/json"
                className="nhsuk-file-upload__input"
                aria-describedby={describedBy}
                aria-invalid={errors.file ? true : undefined}
                onChange={(e) => {
                  const chosen = e.currentTarget.files?.[0];
                  if (chosen) form.setValue('file', chosen, { shouldValidate: isSubmitted });
                  else form.resetField('file');
                }}
              />
            )}
          </Field>
          <TextInput
            id={FIELD_IDS.oneTimePassphrase}
            label="One-time passphrase"
            hint="Shown on the other device: 4 groups of 4 letters and numbers"
            spellCheck={false}
            autoCapitalize="characters"
            className="lifeboat-mono"
            width={20}
            error={errors.oneTimePassphrase?.message}
            {...form.register('oneTimePassphrase')}
          />
          <TextInput
            id={FIELD_IDS.deviceLabel}
            label="Name for this device"
            hint="So records say where they were made, like Reception iPad or Room 3 laptop"
            error={errors.deviceLabel?.message}
            {...form.register('deviceLabel')}
          />
          <button className="nhsuk-button" type="submit" disabled={isSubmitting}>
            {isSubmitting ? 'Checking the file…' : 'Join the practice'}
          </button>
        </form>
        <p>
          <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={onCancel}>
            Set up a new practice instead
          </button>
        </p>
      </div>
    </div>
  );
}
