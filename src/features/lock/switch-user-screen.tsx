/** Switch user: the next person unlocks with their own passphrase; from then on records are theirs. */
import { listUnlockableUsers } from '../../db';
import { navigate } from '../../lib/router';
import { useSession } from '../../lib/session';
import { useLiveQuery } from '../../lib/use-live-query';
import { UnlockForm } from './unlock-form';

export function SwitchUserScreen() {
  const session = useSession();
  const users = useLiveQuery(listUnlockableUsers, []);
  const others = users.status === 'ready' ? users.value.filter((u) => u.staffId !== session.currentUser?.id) : [];
  return (
    <>
      <h1>Switch user</h1>
      <p>The next person types their own passphrase. Records written from then on are signed in their name and this device’s ({session.device.label}).</p>
      {users.status === 'ready' && others.length === 0 ? (
        <p>Nobody else can unlock this device yet. Add colleagues on the Staff screen, each with their own passphrase.</p>
      ) : (
        <UnlockForm users={others} submitLabel="Switch user" onUnlocked={() => navigate('/')} />
      )}
    </>
  );
}
