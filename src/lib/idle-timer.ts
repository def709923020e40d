/**
 * Fires `onIdle` after `timeoutMs` without activity. If `canFire` says no (a save is still
 * pending), it checks again shortly rather than firing: locking must never strand unsaved work.
 * Timers are injectable so tests run it with fake time.
 */
export interface IdleTimerOptions {
  timeoutMs: number;
  onIdle: () => void;
  canFire?: () => boolean;
  retryMs?: number;
  now?: () => number;
}

export interface IdleTimer {
  /** Call on any user activity. */
  activity(): void;
  stop(): void;
}

export function startIdleTimer({ timeoutMs, onIdle, canFire = () => true, retryMs = 1000, now = () => Date.now() }: IdleTimerOptions): IdleTimer {
  let lastActivity = now();
  let handle: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;

  function schedule(delay: number): void {
    if (handle !== null) clearTimeout(handle);
    handle = setTimeout(check, delay);
  }

  function check(): void {
    if (stopped) return;
    const idleFor = now() - lastActivity;
    if (idleFor < timeoutMs) return schedule(timeoutMs - idleFor);
    if (!canFire()) return schedule(retryMs);
    stopped = true;
    onIdle();
  }

  schedule(timeoutMs);
  return {
    activity() {
      // Cheap: only remembers the time; the pending check re-arms itself from it.
      lastActivity = now();
    },
    stop() {
      stopped = true;
      if (handle !== null) clearTimeout(handle);
    },
  };
}
