/**
 * What happens when another tab changes the database under us. Dexie closes this tab's
 * connection when another tab upgrades (versionchange) and reports our own upgrade as blocked
 * while an older tab is open; both become storage status the UI shows, never silent.
 */
import { getDatabase } from './context';
import { blockedUpgradeProblem } from './storage-errors';
import { updateStorageStatus } from './storage-status';

export function watchDatabaseConnection(): void {
  const db = getDatabase();
  db.on('versionchange', (event) => {
    if (event.newVersion !== null && event.newVersion > event.oldVersion) updateStorageStatus({ reloadNeeded: true });
  });
  db.on('blocked', () => updateStorageStatus({ problem: blockedUpgradeProblem() }));
  db.on('ready', () => updateStorageStatus({ reloadNeeded: false }));
}
