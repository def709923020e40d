/**
 * Slowing down repeated wrong passphrases: three free tries (typos happen), then a wait that
 * doubles with each failure, up to five minutes. The count survives a reload (it is stored), so
 * guessing cannot be sped up by refreshing the page.
 */
export const FREE_ATTEMPTS = 3;
export const MAX_DELAY_MS = 5 * 60 * 1000;

/** How long to wait after `failures` consecutive wrong passphrases. */
export function unlockDelayMs(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(MAX_DELAY_MS, 1000 * 2 ** (failures - FREE_ATTEMPTS + 1));
}

/** Milliseconds left before another try is allowed, or 0. */
export function unlockWaitRemaining(blockedUntil: string | null, now: Date): number {
  if (!blockedUntil) return 0;
  return Math.max(0, new Date(blockedUntil).getTime() - now.getTime());
}
