/**
 * The locked device: no patient or clinical text, only the names of those who can unlock it.
 */
import { useState } from 'react';
import { listUnlockableUsers } from '../../db';
import { useLiveQuery } from '../../lib/use-live-query';
import { RecoveryForm } from './recovery-form';
import { UnlockForm } from './unlock-form';

export function LockScreen({ lastStaffId }: { lastStaffId: string | null }) {
  const users = useLiveQuery(listUnlockableUsers, []);
  const [recovering, setRecovering] = useState(false);

  if (users.status === 'loading') return <p role="status">Opening Lifeboat…</p>;
  if (users.status === 'failed') return <p className="nhsuk-error-message">Lifeboat could not read who can unlock this device: {users.error}</p>;

  return (
    <div className="lifeboat-lock">
      <h1>Lifeboat is locked</h1>
      {recovering ? (
        <>
          <RecoveryForm users={users.value} />
          <p>
            <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => setRecovering(false)}>
              Back to unlock with a passphrase
            </button>
          </p>
        </>
      ) : (
        <>
          {lastStaffId === null ? (
            // Nobody has used this device yet: it has just joined the practice from another device.
            <p>This device has joined the practice. Unlock with the passphrase you use on the practice’s other devices.</p>
          ) : (
            <p>Records on this device are encrypted. Unlock with your passphrase to carry on.</p>
          )}
          <UnlockForm users={users.value} initialStaffId={users.value.some((u) => u.staffId === lastStaffId) ? (lastStaffId ?? undefined) : undefined} submitLabel="Unlock" />
          <details className="nhsuk-details">
            <summary className="nhsuk-details__summary">
              <span className="nhsuk-details__summary-text">Forgotten your passphrase?</span>
            </summary>
            <div className="nhsuk-details__text">
              <p>Another user can unlock and carry on. To set a new passphrase yourself you need the practice’s recovery key.</p>
              <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => setRecovering(true)}>
                Use the recovery key
              </button>
            </div>
          </details>
        </>
      )}
    </div>
  );
}
