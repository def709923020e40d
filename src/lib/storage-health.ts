/**
 * What this browser promises about keeping Lifeboat's data: persistent storage, usage and quota,
 * and the engine's known habits, in plain words for the "This device" screen.
 */

export interface StorageHealth {
  /** True when the browser has agreed not to evict Lifeboat's data; null when it cannot say. */
  persisted: boolean | null;
  usageBytes: number | null;
  quotaBytes: number | null;
}

/** Asks the browser to keep Lifeboat's data even when space runs low. Null: no such API. */
export async function requestPersistentStorage(): Promise<boolean | null> {
  if (!navigator.storage?.persist) return null;
  try {
    return await navigator.storage.persist();
  } catch {
    return false;
  }
}

export async function readStorageHealth(): Promise<StorageHealth> {
  const persisted = navigator.storage?.persisted ? await navigator.storage.persisted().catch(() => null) : null;
  const estimate = navigator.storage?.estimate ? await navigator.storage.estimate().catch(() => null) : null;
  return { persisted, usageBytes: estimate?.usage ?? null, quotaBytes: estimate?.quota ?? null };
}

export type BrowserEngine = 'chromium' | 'firefox' | 'webkit' | 'unknown';

export function detectEngine(userAgent: string): BrowserEngine {
  if (/Firefox\//.test(userAgent)) return 'firefox';
  if (/Chrome\/|Chromium\/|CriOS\//.test(userAgent)) return 'chromium';
  if (/AppleWebKit\//.test(userAgent)) return 'webkit';
  return 'unknown';
}

export function isInstalledApp(): boolean {
  const standalone = (navigator as Navigator & { standalone?: boolean }).standalone === true;
  return standalone || window.matchMedia?.('(display-mode: standalone)').matches === true;
}

/** What the current browser does and does not guarantee, one plain sentence each. */
export function describeBrowserGuarantees(engine: BrowserEngine, persisted: boolean | null, installed: boolean): string[] {
  const lines: string[] = [];
  if (persisted === true) {
    lines.push('This browser has agreed to keep Lifeboat’s data even if the device runs low on space.');
  } else {
    lines.push(
      'This browser may delete Lifeboat’s data if the device runs low on space: install the app (Add to Home Screen or Install) and keep it open.',
    );
  }
  if (engine === 'webkit') {
    lines.push(
      installed
        ? 'Safari keeps the data of an app added to the Home Screen; it is not deleted after a week without use.'
        : 'Safari deletes the data of websites not opened for seven days. Add Lifeboat to the Home Screen so that it is kept.',
    );
    lines.push('Safari may close Lifeboat’s storage while the tab is in the background; Lifeboat reconnects and saves again when you come back.');
  }
  if (engine === 'firefox') {
    lines.push('In a private window Firefox keeps nothing after the window closes: use an ordinary window.');
  }
  if (engine === 'chromium') {
    lines.push('In an Incognito window nothing is kept after the window closes: use an ordinary window or the installed app.');
  }
  lines.push('Clearing the browser’s history or site data deletes Lifeboat’s records on this device. Export a reconciliation bundle first.');
  return lines;
}

export function formatBytes(bytes: number | null): string {
  if (bytes === null) return 'unknown';
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${(bytes / (1024 * 1024 * 1024)).toFixed(1)} GB`;
}
