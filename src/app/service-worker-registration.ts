/**
 * Registers Lifeboat's service worker with workbox-window in "prompt" mode. When a new build has
 * installed, the banner offers "Update now"; only then is the waiting worker told to take over,
 * and only this tab reloads, after every pending write has reached the disk.
 */
import { Workbox } from 'workbox-window';
import { hasPendingWrites } from '../db';
import { setUpdateState } from './update-state';

const UPDATE_CHECK_INTERVAL_MS = 30 * 60 * 1000;

async function waitForPendingWrites(): Promise<void> {
  while (hasPendingWrites()) await new Promise((resolve) => setTimeout(resolve, 100));
}

export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  const wb = new Workbox('/sw.js', { scope: '/' });
  let acceptedHere = false;

  wb.addEventListener('waiting', () => {
    setUpdateState({
      kind: 'ready',
      accept: () => {
        acceptedHere = true;
        setUpdateState({ kind: 'updating' });
        void waitForPendingWrites().then(() => wb.messageSkipWaiting());
      },
    });
  });

  wb.addEventListener('controlling', (event) => {
    if (acceptedHere) window.location.reload();
    else if (event.isUpdate) setUpdateState({ kind: 'activated-elsewhere' });
  });

  void wb.register().catch(() => {
    // Registration fails in private windows of some browsers; the app still works while open.
  });

  // Look for a new build now and then, and when the tab comes back to the front.
  setInterval(() => void wb.update().catch(() => undefined), UPDATE_CHECK_INTERVAL_MS);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void wb.update().catch(() => undefined);
  });
}
