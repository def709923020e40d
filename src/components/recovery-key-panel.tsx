/**
 * The recovery key, shown once: it opens every record on the device if all passphrases are
 * forgotten. The user prints it or writes it down before anything is saved, so a key nobody
 * kept is never the only way back in.
 */
import { useState } from 'react';
import { Checkbox } from './form-fields';

export function RecoveryKeyPanel({ recoveryKey, practiceName, onConfirmed, busy }: { recoveryKey: string; practiceName: string; onConfirmed: () => void; busy: boolean }) {
  const [kept, setKept] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="lifeboat-recovery-key">
      <h1>Keep the recovery key safe</h1>
      <p>
        If everyone forgets their passphrase, this key is the only way to open the records on this device. Print this page or write the key down
        now, and keep it locked away with the practice’s other keys. Lifeboat will not show it again.
      </p>
      <p className="lifeboat-print-only">Lifeboat recovery key for {practiceName}</p>
      <p className="lifeboat-recovery-key__value lifeboat-mono" data-testid="recovery-key">
        {recoveryKey}
      </p>
      <button type="button" className="nhsuk-button nhsuk-button--secondary lifeboat-no-print" onClick={() => window.print()}>
        Print the recovery key
      </button>
      <div className="lifeboat-no-print">
        <Checkbox
          id="recovery-key-kept"
          label="I have printed or written down the recovery key and will keep it somewhere safe"
          checked={kept}
          error={error ?? undefined}
          onChange={(e) => {
            setKept(e.currentTarget.checked);
            setError(null);
          }}
        />
        <button
          type="button"
          className="nhsuk-button"
          disabled={busy}
          onClick={() => (kept ? onConfirmed() : setError('Confirm that the recovery key is kept safe before you continue'))}
        >
          Continue
        </button>
      </div>
    </div>
  );
}
