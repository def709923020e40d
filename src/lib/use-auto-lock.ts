/**
 * Locks the device after the configured idle minutes, never while a save is pending. Activity is
 * any key, pointer or touch in this tab. Locking here locks every tab (keyring.ts).
 */
import { useEffect } from 'react';
import { hasPendingWrites, lock } from '../db';
import { startIdleTimer } from './idle-timer';

const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'touchstart', 'wheel', 'focusin'] as const;

export function useAutoLock(minutes: number, enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const timer = startIdleTimer({ timeoutMs: minutes * 60_000, onIdle: () => void lock(), canFire: () => !hasPendingWrites() });
    const onActivity = () => timer.activity();
    for (const type of ACTIVITY_EVENTS) window.addEventListener(type, onActivity, { passive: true, capture: true });
    return () => {
      timer.stop();
      for (const type of ACTIVITY_EVENTS) window.removeEventListener(type, onActivity, { capture: true });
    };
  }, [minutes, enabled]);
}
