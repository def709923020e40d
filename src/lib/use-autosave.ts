/**
 * Saves a draft as it is typed: at most `delayMs` after the last change, one save at a time (the
 * latest content wins), and at once when the page is hidden or closed. The state says plainly
 * when the last save landed, or that saving is failing (the write guard keeps retrying).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { saveBeforeLock } from '../db';

export type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: Date } | { kind: 'failed'; message: string };

export function useAutosave<T>(save: (value: T) => Promise<unknown>, delayMs = 200) {
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const latest = useRef<{ value: T } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const chain = useRef<Promise<void>>(Promise.resolve());
  const saveRef = useRef(save);
  useEffect(() => {
    saveRef.current = save;
  }, [save]);

  // Saves run one after another on this chain, so an older content never lands after a newer one.
  const flush = useCallback((): Promise<void> => {
    if (timer.current !== null) {
      clearTimeout(timer.current);
      timer.current = null;
    }
    chain.current = chain.current.then(async () => {
      while (latest.current) {
        const next = latest.current;
        latest.current = null;
        setState({ kind: 'saving' });
        try {
          await saveRef.current(next.value);
          setState({ kind: 'saved', at: new Date() });
        } catch (error) {
          // Keep it for the next try unless newer content has come in meanwhile.
          latest.current ??= next;
          setState({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
          break;
        }
      }
    });
    return chain.current;
  }, []);

  const schedule = useCallback(
    (value: T) => {
      latest.current = { value };
      if (timer.current !== null) clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), delayMs);
    },
    [delayMs, flush],
  );

  // Locking (by hand, when idle, or from another tab) saves what is typed first.
  useEffect(() => saveBeforeLock(flush), [flush]);

  // Hidden or closing: save now, do not wait for the timer.
  useEffect(() => {
    const now = () => void flush();
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') now();
    };
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', now);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', now);
      now();
    };
  }, [flush]);

  return { state, schedule, flush };
}
