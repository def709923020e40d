/** The staff who use this device: add someone, remove someone (kept for attribution). */
import { useState, type FormEvent } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import { addStaff, listUnlockableUsers, removeStaff, setPassphraseFor, ValidationFailure } from '../../db';
import { newPassphraseSchema } from '../../domain/passphrase';
import { NewPassphraseFields, emptyNewPassphrase } from '../../components/passphrase-fields';
import { useLiveQuery } from '../../lib/use-live-query';
import { isPrescriber, staffDetailsSchema, staffDisplayName } from '../../domain/staff';
import { ErrorSummary, summariseErrors, TextInput } from '../../components/form-fields';
import { StaffFields, emptyStaffDetails } from '../../components/staff-fields';
import { useActor, useSession } from '../../lib/session';
import { ResponsiveCell, ResponsiveRow, ResponsiveTable } from '../../components/responsive-table';

const addStaffFormSchema = z.object({ staff: staffDetailsSchema, security: newPassphraseSchema });
type AddStaffInput = z.input<typeof addStaffFormSchema>;
type AddStaffOutput = z.output<typeof addStaffFormSchema>;

const FIELD_IDS = {
  'staff.name': 'new-name',
  'staff.role': 'new-role',
  'staff.canPrescribe': 'new-can-prescribe',
  'staff.professionalBody': 'new-body',
  'staff.registrationNumber': 'new-registration',
  'staff.prescriberKind': 'new-prescriber-kind',
  'security.passphrase': 'new-passphrase',
  'security.confirmPassphrase': 'new-confirm-passphrase',
};

export function StaffScreen() {
  const session = useSession();
  const actor = useActor();
  const [notice, setNotice] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<AddStaffInput, unknown, AddStaffOutput>({
    resolver: zodResolver(addStaffFormSchema),
    defaultValues: { staff: emptyStaffDetails, security: emptyNewPassphrase },
  });
  const unlockable = useLiveQuery(listUnlockableUsers, []);
  const hasPassphrase = new Set(unlockable.status === 'ready' ? unlockable.value.map((u) => u.staffId) : []);

  async function onSubmit(values: AddStaffOutput) {
    setNotice(null);
    try {
      const member = await addStaff(values.staff, actor, values.security.passphrase);
      form.reset({ staff: emptyStaffDetails, security: emptyNewPassphrase });
      setNotice(`${staffDisplayName(member.data)} added`);
    } catch (error) {
      if (error instanceof ValidationFailure) {
        for (const [field, message] of Object.entries(error.fieldErrors)) {
          if (field === '_') form.setError('security.passphrase', { message });
          else form.setError(`staff.${field}` as 'staff.name', { message });
        }
      } else throw error;
    }
  }

  async function onRemove(id: string) {
    setProblem(null);
    try {
      await removeStaff(id, actor);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  }

  return (
    <>
      <h1>Staff on this device</h1>
      {problem ? <ErrorSummary errors={[{ field: 'staff-list', message: problem }]} /> : null}
      <ResponsiveTable
        id="staff-list"
        caption="Everyone who can use Lifeboat here"
        headings={['Name', 'Prescriber', 'Can unlock', <span className="nhsuk-u-visually-hidden">Actions</span>]}
      >
        {session.staff.map((member) => (
          <ResponsiveRow key={member.id}>
            <ResponsiveCell heading="Name">{staffDisplayName(member.data)}</ResponsiveCell>
            <ResponsiveCell heading="Prescriber">
              {isPrescriber(member.data) ? `${member.data.prescriberKind}, ${member.data.professionalBody} ${member.data.registrationNumber}` : 'No'}
            </ResponsiveCell>
            <ResponsiveCell heading="Can unlock">
              {hasPassphrase.has(member.id) ? (
                'Yes'
              ) : (
                <>
                  No passphrase yet
                  {unlockable.status === 'ready' ? <SetTheirPassphrase staffId={member.id} name={staffDisplayName(member.data)} /> : null}
                </>
              )}
            </ResponsiveCell>
            <ResponsiveCell>
              {member.id === actor.staffId ? (
                'Using this device now'
              ) : (
                <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0" onClick={() => void onRemove(member.id)}>
                  Remove <span className="nhsuk-u-visually-hidden">{member.data.name}</span>
                </button>
              )}
            </ResponsiveCell>
          </ResponsiveRow>
        ))}
      </ResponsiveTable>

      <h2>Add someone</h2>
      {notice ? (
        <div className="nhsuk-inset-text" role="status">
          <p>{notice}</p>
        </div>
      ) : null}
      <ErrorSummary errors={summariseErrors(form.formState.errors, FIELD_IDS)} />
      <FormProvider {...form}>
        <form onSubmit={form.handleSubmit(onSubmit)} noValidate className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-two-thirds">
            <StaffFields idPrefix="new" />
            <p className="nhsuk-body">Ask the new user to type their own passphrase. They unlock Lifeboat with it and nobody else needs to know it.</p>
            <NewPassphraseFields idPrefix="new" whose="Their" />
            <button className="nhsuk-button" type="submit" disabled={form.formState.isSubmitting}>
              Add to this device
            </button>
          </div>
        </form>
      </FormProvider>
    </>
  );
}

/**
 * A colleague with no passphrase on this device (joined by a code, which carries nobody's key
 * slot): they type their own, and the keys of whoever has unlocked seal it.
 */
function SetTheirPassphrase({ staffId, name }: { staffId: string; name: string }) {
  const [open, setOpen] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = `set-passphrase-${staffId}`;
  if (!open) {
    return (
      <p className="nhsuk-u-margin-bottom-0">
        <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0" onClick={() => setOpen(true)}>
          Set their passphrase <span className="nhsuk-u-visually-hidden">for {name}</span>
        </button>
      </p>
    );
  }
  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (passphrase !== confirm) {
      setError('The two passphrases are different: type the same passphrase twice');
      return;
    }
    setBusy(true);
    try {
      await setPassphraseFor(staffId, passphrase);
    } catch (failure) {
      setBusy(false);
      if (failure instanceof ValidationFailure) setError(failure.message);
      else throw failure;
    }
  }
  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate>
      <input type="text" name="username" autoComplete="username" value="Lifeboat" readOnly hidden tabIndex={-1} aria-hidden="true" />
      <TextInput
        id={id}
        label={`${name}’s passphrase`}
        hint="They type it themselves: at least 12 characters"
        type="password"
        autoComplete="new-password"
        spellCheck={false}
        error={error ?? undefined}
        value={passphrase}
        onChange={(e) => setPassphrase(e.currentTarget.value)}
      />
      <TextInput
        id={`${id}-again`}
        label="Type it again"
        type="password"
        autoComplete="new-password"
        spellCheck={false}
        value={confirm}
        onChange={(e) => setConfirm(e.currentTarget.value)}
      />
      <button className="nhsuk-button nhsuk-u-margin-bottom-0" type="submit" disabled={busy}>
        {busy ? 'Saving…' : 'Save their passphrase'}
      </button>
    </form>
  );
}
