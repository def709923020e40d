/**
 * What happens when another tab changes the database under us. A newer Lifeboat in another tab
 * that upgrades the database asks this tab to let go of it (versionchange). Dexie's default is to
 * close at once, which would strand whatever an editor here has not saved yet. Instead this tab
 * saves what its editors hold, waits for every write to reach the disk, and only then closes and
 * says it must be reloaded (the other tab's upgrade waits meanwhile, and says so). Our own upgrade
 * held up by an older tab is reported as a storage problem. Neither is ever silent.
 */
import { getDatabase } from './context';
import { saveEditorsNow } from './keyring';
import { blockedUpgradeProblem } from './storage-errors';
import { getStorageStatus, subscribeToStorageStatus, updateStorageStatus } from './storage-status';
import type { LifeboatDatabase } from './database';

export function watchDatabaseConnection(): void {
  const db = getDatabase();
  db.on('versionchange', (event) => {
    // The database deleted (newVersion null) or not upgraded: Dexie's default close is right.
    if (event.newVersion === null || event.newVersion <= event.oldVersion) return;
    void closeOnceSaved(db);
    return false; // keep the connection until this tab's work is on disk
  });
  db.on('blocked', () => updateStorageStatus({ problem: blockedUpgradeProblem() }));
  // Open at last: the older tab let go, so its hold-up is no longer a problem.
  db.on('ready', () => updateStorageStatus(getStorageStatus().problem?.kind === 'blocked' ? { reloadNeeded: false, problem: null } : { reloadNeeded: false }));
}

async function closeOnceSaved(db: LifeboatDatabase): Promise<void> {
  await saveEditorsNow();
  await noPendingWrites();
  db.close();
  updateStorageStatus({ reloadNeeded: true });
}

function noPendingWrites(): Promise<void> {
  return new Promise((resolve) => {
    let stop = (): void => undefined;
    const check = () => {
      if (getStorageStatus().pendingWrites > 0) return;
      stop();
      resolve();
    };
    stop = subscribeToStorageStatus(check);
    check();
  });
}
