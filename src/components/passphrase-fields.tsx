/**
 * A new passphrase typed twice, for forms whose schema has `security: newPassphraseSchema`.
 * Shown as password fields with a "Show" toggle: a passphrase mistyped unseen locks its owner out.
 */
import { useState } from 'react';
import { useFormContext, type FieldErrors } from 'react-hook-form';
import type { NewPassphraseInput } from '../domain/passphrase';
import { PASSPHRASE_MIN_LENGTH } from '../domain/passphrase';
import { Checkbox, TextInput } from './form-fields';

type WithSecurity = { security: NewPassphraseInput };

export const emptyNewPassphrase: NewPassphraseInput = { passphrase: '', confirmPassphrase: '' };

export function NewPassphraseFields({ idPrefix, whose = 'Your' }: { idPrefix: string; whose?: string }) {
  const { register, formState } = useFormContext<WithSecurity>();
  const errors = (formState.errors.security ?? {}) as FieldErrors<NewPassphraseInput>;
  const [show, setShow] = useState(false);
  const type = show ? 'text' : 'password';
  return (
    <>
      {/* A browser that offers to save the passphrase takes the text field before it as the
          user name (a name, a registration number) and keeps it in clear in its own files.
          This non-identifying field is the one it takes instead. */}
      <input type="text" name="username" autoComplete="username" value="Lifeboat" readOnly hidden tabIndex={-1} aria-hidden="true" />
      <TextInput
        id={`${idPrefix}-passphrase`}
        label={`${whose} passphrase`}
        hint={`At least ${PASSPHRASE_MIN_LENGTH} characters. Three random words work well. It unlocks Lifeboat on this device; nobody else needs to know it.`}
        type={type}
        autoComplete="new-password"
        spellCheck={false}
        error={errors.passphrase?.message}
        {...register('security.passphrase')}
      />
      <TextInput
        id={`${idPrefix}-confirm-passphrase`}
        label="Type the passphrase again"
        type={type}
        autoComplete="new-password"
        spellCheck={false}
        error={errors.confirmPassphrase?.message}
        {...register('security.confirmPassphrase')}
      />
      <Checkbox id={`${idPrefix}-show-passphrase`} label="Show the passphrase" checked={show} onChange={(e) => setShow(e.currentTarget.checked)} />
    </>
  );
}
