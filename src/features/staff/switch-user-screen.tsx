/** Who is using this device now. Everything written from here on is attributed to them. */
import { useState } from 'react';
import { switchUser } from '../../db';
import { staffDisplayName } from '../../domain/staff';
import { navigate } from '../../lib/router';
import { useSession } from '../../lib/session';

export function SwitchUserScreen() {
  const session = useSession();
  const [busy, setBusy] = useState(false);

  async function choose(staffId: string) {
    setBusy(true);
    try {
      await switchUser(staffId, session.device.deviceId);
      navigate('/');
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <h1>Who is using this device?</h1>
      <p>Records you write are signed in your name and this device’s ({session.device.label}).</p>
      <ul className="nhsuk-list lifeboat-user-list">
        {session.staff.map((member) => (
          <li key={member.id}>
            <button
              type="button"
              className={`nhsuk-button ${member.id === session.currentUser?.id ? '' : 'nhsuk-button--secondary'}`}
              disabled={busy}
              aria-current={member.id === session.currentUser?.id ? 'true' : undefined}
              onClick={() => void choose(member.id)}
            >
              {staffDisplayName(member.data)}
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}
