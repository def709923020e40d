/**
 * Joining a practice by scanning the code shown on a device already set up ("This device" → "Add
 * another device to this practice" → "Show a code to scan"). Step 1: the code (camera, or a photo
 * of it) and the one-time passphrase shown beside it. Step 2: who you are, from the practice's
 * staff inside the code, a new passphrase for this device, and a name for it. Then this device is
 * set up and unlocked as you; colleagues are given a passphrase on the Staff screen.
 */
import { useState, type FormEvent } from 'react';
import { joinPracticeWithCode, openJoinCodeForJoining, recordPersistentStorageAnswer, UnlockRefused, ValidationFailure, type OpenedJoinCode } from '../../db';
import { toLondonIso } from '../../domain/time';
import { requestPersistentStorage } from '../../lib/storage-health';
import { readQrFromImageFile } from '../../lib/qr-image';
import { ScanWithCamera } from '../../components/qr-code';
import { ErrorSummary, Field, Select, TextInput } from '../../components/form-fields';

type Errors = Partial<Record<'code' | 'oneTimePassphrase' | 'staffId' | 'passphrase' | 'confirmPassphrase' | 'deviceLabel', string>>;

const IDS: Record<keyof Errors, string> = {
  code: 'join-code-photo',
  oneTimePassphrase: 'join-code-one-time-passphrase',
  staffId: 'join-code-who',
  passphrase: 'join-code-passphrase',
  confirmPassphrase: 'join-code-confirm-passphrase',
  deviceLabel: 'join-code-device-label',
};

function summary(errors: Errors) {
  return (Object.keys(IDS) as Array<keyof Errors>).flatMap((k) => (errors[k] ? [{ field: IDS[k], message: errors[k] ?? '' }] : []));
}

function fieldErrors(error: unknown): Errors | null {
  if (error instanceof ValidationFailure) {
    const known = Object.entries(error.fieldErrors).filter(([k]) => k in IDS);
    return known.length > 0 ? Object.fromEntries(known) : { code: `Nothing was saved: ${error.message}` };
  }
  return null;
}

export function JoinByCodeScreen({ onCancel }: { onCancel: () => void }) {
  const [opened, setOpened] = useState<OpenedJoinCode | null>(null);
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>Scan a code from a device already set up</h1>
        {opened ? <WhoAreYou opened={opened} /> : <ScanStep onOpened={setOpened} />}
        <p>
          <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={onCancel}>
            Back to setting up
          </button>
        </p>
      </div>
    </div>
  );
}

function ScanStep({ onOpened }: { onOpened: (opened: OpenedJoinCode) => void }) {
  const [codeText, setCodeText] = useState<string | null>(null);
  const [oneTimePassphrase, setOneTimePassphrase] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  async function onPhoto(file: File | undefined) {
    setErrors({});
    if (!file) return;
    try {
      const text = await readQrFromImageFile(file);
      if (text) setCodeText(text);
      else setErrors({ code: 'Lifeboat found no code in this photo: take it again, closer, with the whole code in view' });
    } catch {
      setErrors({ code: 'Lifeboat could not read this photo: choose a photo (JPEG or PNG) of the code' });
    }
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const next: Errors = {};
    if (!codeText) next.code = 'Scan the code on the other device, or choose a photo of it';
    if (!oneTimePassphrase.trim()) next.oneTimePassphrase = 'Enter the one-time passphrase shown on the other device';
    setErrors(next);
    if (Object.keys(next).length > 0 || !codeText) return;
    setBusy(true);
    try {
      onOpened(await openJoinCodeForJoining({ codeText, oneTimePassphrase }));
    } catch (error) {
      if (error instanceof UnlockRefused) setErrors({ oneTimePassphrase: error.message });
      else {
        const known = fieldErrors(error);
        if (!known) throw error;
        setErrors(known);
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <p className="nhsuk-lede-text">
        On a device where Lifeboat is already set up, someone goes to “This device”, chooses “Add another device to this practice”, then “Show a code to
        scan”. Scan that code here, and type the one-time passphrase shown under it.
      </p>
      <ErrorSummary errors={summary(errors)} />
      <form onSubmit={(e) => void onSubmit(e)} noValidate>
        {codeText ? (
          <div className="nhsuk-inset-text" role="status">
            <p>Lifeboat has read the code.</p>
          </div>
        ) : null}
        <ScanWithCamera
          onRead={(text) => {
            setErrors({});
            setCodeText(text);
          }}
          onProblem={(problem) => setErrors({ code: problem })}
        />
        <Field id={IDS.code} label="Choose a photo of the code" hint="For a device without a camera, or if scanning does not work" error={errors.code}>
          {(describedBy) => (
            <input
              id={IDS.code}
              name="code-photo"
              type="file"
              accept="image/*"
              className="nhsuk-file-upload__input"
              aria-describedby={describedBy}
              aria-invalid={errors.code ? true : undefined}
              onChange={(e) => void onPhoto(e.currentTarget.files?.[0])}
            />
          )}
        </Field>
        <TextInput
          id={IDS.oneTimePassphrase}
          label="One-time passphrase"
          hint="Shown under the code on the other device: 4 groups of 4 letters and numbers"
          spellCheck={false}
          autoCapitalize="characters"
          autoComplete="off"
          className="lifeboat-mono"
          width={20}
          error={errors.oneTimePassphrase}
          value={oneTimePassphrase}
          onChange={(e) => setOneTimePassphrase(e.currentTarget.value)}
        />
        <button className="nhsuk-button" type="submit" disabled={busy}>
          {busy ? 'Opening the code…' : 'Open the code'}
        </button>
      </form>
    </>
  );
}

function WhoAreYou({ opened }: { opened: OpenedJoinCode }) {
  const [staffId, setStaffId] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [deviceLabel, setDeviceLabel] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const next: Errors = {};
    if (!staffId) next.staffId = 'Choose who you are from the practice’s staff';
    if (passphrase !== confirm) next.confirmPassphrase = 'The two passphrases are different: type the same passphrase twice';
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    setBusy(true);
    try {
      await joinPracticeWithCode(opened, { staffId, passphrase, deviceLabel });
    } catch (error) {
      const known = fieldErrors(error);
      if (!known) throw error;
      setErrors(known);
      setBusy(false);
      return;
    }
    // Joined and unlocked: the app shows the practice from here. As at setup, ask the browser to keep the data.
    const granted = await requestPersistentStorage();
    await recordPersistentStorageAnswer(granted === true, toLondonIso(new Date()));
  }

  return (
    <>
      <div className="nhsuk-inset-text" role="status">
        <p>
          The code opened: {opened.practiceName}, {opened.staff.length} staff, shown on {opened.exportedFrom}.
        </p>
      </div>
      {opened.includesRecovery ? null : (
        <p>The practice’s recovery key did not fit in this code, so it will not open this device: a colleague who can unlock it resets a forgotten passphrase.</p>
      )}
      <ErrorSummary errors={summary(errors)} />
      <form onSubmit={(e) => void onSubmit(e)} noValidate>
        <Select
          id={IDS.staffId}
          label="Who are you?"
          hint="Colleagues can be given their own passphrase for this device later, on the Staff screen"
          options={[{ value: '', label: 'Choose your name' }, ...opened.staff.map((s) => ({ value: s.id, label: s.label }))]}
          error={errors.staffId}
          value={staffId}
          onChange={(e) => setStaffId(e.currentTarget.value)}
        />
        <input type="text" name="username" autoComplete="username" value="Lifeboat" readOnly hidden tabIndex={-1} aria-hidden="true" />
        <TextInput
          id={IDS.passphrase}
          label="Your passphrase for this device"
          hint="At least 12 characters. Three random words work well. You unlock Lifeboat on this device with it."
          type="password"
          autoComplete="new-password"
          spellCheck={false}
          error={errors.passphrase}
          value={passphrase}
          onChange={(e) => setPassphrase(e.currentTarget.value)}
        />
        <TextInput
          id={IDS.confirmPassphrase}
          label="Type the passphrase again"
          type="password"
          autoComplete="new-password"
          spellCheck={false}
          error={errors.confirmPassphrase}
          value={confirm}
          onChange={(e) => setConfirm(e.currentTarget.value)}
        />
        <TextInput
          id={IDS.deviceLabel}
          label="Name for this device"
          hint="So records say where they were made, like Reception iPad or Room 3 laptop"
          error={errors.deviceLabel}
          value={deviceLabel}
          onChange={(e) => setDeviceLabel(e.currentTarget.value)}
        />
        <button className="nhsuk-button" type="submit" disabled={busy}>
          {busy ? 'Joining…' : 'Join the practice'}
        </button>
      </form>
    </>
  );
}
