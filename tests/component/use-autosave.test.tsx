// The autosave hook behind the consultation editor, on fake timers: one save shortly after the
// last change, with the latest value; one save at a time, in order; at once on flush, when the page
// is hidden or closed, or the editor goes away; and a failing save said plainly.
import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useAutosave } from '../../src/lib/use-autosave';

interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/**
 * A store that the hook saves into: `calls` are the saves started, `stored` the value that has
 * landed; each save lands only when the test settles it (or at once when `instant`).
 */
function slowStore({ instant = false } = {}) {
  const calls: string[] = [];
  const pending: Deferred[] = [];
  let stored: string | null = null;
  let inFlight = 0;
  let maxInFlight = 0;
  const save = async (value: string) => {
    calls.push(value);
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      if (!instant) {
        const d = deferred();
        pending.push(d);
        await d.promise;
      }
      stored = value;
    } finally {
      inFlight -= 1;
    }
  };
  return {
    save,
    calls,
    get stored() {
      return stored;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    /** Lets the oldest unsettled save land (or fail with `error`). */
    settle(error?: Error) {
      const next = pending.shift();
      if (!next) throw new Error('No save is waiting');
      if (error) next.reject(error);
      else next.resolve();
    },
  };
}

const SAVED_AT = new Date('2024-07-19T09:42:13Z');

async function advance(ms: number): Promise<void> {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

/** Lets settled promises run their continuations (and React apply the state they set). */
async function settleMicrotasks(): Promise<void> {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(0);
  });
}

function setVisibility(state: DocumentVisibilityState): void {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  document.dispatchEvent(new Event('visibilitychange'));
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(SAVED_AT);
});

afterEach(() => {
  vi.useRealTimers();
  // Back to jsdom's own answer.
  delete (document as { visibilityState?: unknown }).visibilityState;
});

describe('useAutosave', () => {
  it('saves once, after the delay, the last of several quick changes', async () => {
    const store = slowStore({ instant: true });
    const { result } = renderHook(() => useAutosave(store.save, 200));
    expect(result.current.state).toEqual({ kind: 'idle' });

    act(() => result.current.schedule('H'));
    await advance(120);
    act(() => result.current.schedule('He'));
    await advance(120);
    act(() => result.current.schedule('Hel'));
    await advance(199);
    expect(store.calls).toEqual([]);

    await advance(1);
    expect(store.calls).toEqual(['Hel']);
    expect(store.stored).toBe('Hel');
    expect(result.current.state).toEqual({ kind: 'saved', at: new Date(SAVED_AT.getTime() + 440) });

    await advance(5_000);
    expect(store.calls).toEqual(['Hel']);
  });

  it('saves within 300 ms of the last change by default', async () => {
    const store = slowStore({ instant: true });
    const { result } = renderHook(() => useAutosave(store.save));
    act(() => result.current.schedule('typed'));
    await advance(300);
    expect(store.calls).toEqual(['typed']);
  });

  it('says it is saving while a save is on its way', async () => {
    const store = slowStore();
    const { result } = renderHook(() => useAutosave(store.save, 200));
    act(() => result.current.schedule('a'));
    await advance(200);
    expect(result.current.state).toEqual({ kind: 'saving' });
    store.settle();
    await settleMicrotasks();
    expect(result.current.state.kind).toBe('saved');
  });

  it('saves one at a time: a change during a slow save is saved after it lands, and the latest value wins', async () => {
    const store = slowStore();
    const { result } = renderHook(() => useAutosave(store.save, 200));

    act(() => result.current.schedule('a'));
    await advance(200);
    expect(store.calls).toEqual(['a']);

    // More typing while 'a' is still being written: the timer fires, but waits its turn.
    act(() => result.current.schedule('ab'));
    await advance(200);
    act(() => result.current.schedule('abc'));
    await advance(200);
    expect(store.calls).toEqual(['a']);

    store.settle();
    await settleMicrotasks();
    // Only the latest is saved next; the intermediate 'ab' is not written after it.
    expect(store.calls).toEqual(['a', 'abc']);
    expect(store.stored).toBe('a');

    store.settle();
    await settleMicrotasks();
    expect(store.stored).toBe('abc');
    expect(store.maxInFlight).toBe(1);
    expect(result.current.state.kind).toBe('saved');

    await advance(5_000);
    expect(store.calls).toEqual(['a', 'abc']);
  });

  it('saves at once on flush, which settles only when the save has landed', async () => {
    const store = slowStore();
    const { result } = renderHook(() => useAutosave(store.save, 200));
    act(() => result.current.schedule('signed soon'));

    let flushed = false;
    act(() => {
      void result.current.flush().then(() => {
        flushed = true;
      });
    });
    await settleMicrotasks();
    expect(store.calls).toEqual(['signed soon']);
    expect(flushed).toBe(false);

    store.settle();
    await settleMicrotasks();
    expect(flushed).toBe(true);
    expect(store.stored).toBe('signed soon');

    // The timer it replaced does not save again.
    await advance(1_000);
    expect(store.calls).toEqual(['signed soon']);
  });

  it('saves nothing on flush when nothing has changed', async () => {
    const store = slowStore({ instant: true });
    const { result } = renderHook(() => useAutosave(store.save, 200));
    await act(() => result.current.flush());
    expect(store.calls).toEqual([]);
    expect(result.current.state).toEqual({ kind: 'idle' });
  });

  it('says plainly that saving failed, with the reason, and saves the next change', async () => {
    const store = slowStore();
    const { result } = renderHook(() => useAutosave(store.save, 200));
    act(() => result.current.schedule('lost?'));
    await advance(200);
    store.settle(new Error('The disk is full'));
    await settleMicrotasks();
    expect(result.current.state).toEqual({ kind: 'failed', message: 'The disk is full' });

    act(() => result.current.schedule('lost? no'));
    await advance(200);
    store.settle();
    await settleMicrotasks();
    expect(result.current.state.kind).toBe('saved');
    expect(store.stored).toBe('lost? no');
  });

  it('says what was thrown when it is a DOMException or not an Error at all', async () => {
    const { result } = renderHook(() => useAutosave(() => Promise.reject(new DOMException('Quota exceeded', 'QuotaExceededError')), 200));
    act(() => result.current.schedule('x'));
    await advance(200);
    expect(result.current.state).toEqual({ kind: 'failed', message: expect.stringContaining('Quota exceeded') });

    const plain = renderHook(() => useAutosave(() => Promise.reject('storage unavailable'), 200));
    act(() => plain.result.current.schedule('x'));
    await advance(200);
    expect(plain.result.current.state).toEqual({ kind: 'failed', message: 'storage unavailable' });
  });

  it('saves at once when the page is hidden, not when it becomes visible', async () => {
    const store = slowStore({ instant: true });
    const { result } = renderHook(() => useAutosave(store.save, 200));

    act(() => result.current.schedule('before switching tabs'));
    act(() => setVisibility('visible'));
    await settleMicrotasks();
    expect(store.calls).toEqual([]);

    act(() => setVisibility('hidden'));
    await settleMicrotasks();
    expect(store.calls).toEqual(['before switching tabs']);
    expect(store.stored).toBe('before switching tabs');

    await advance(1_000);
    expect(store.calls).toEqual(['before switching tabs']);
  });

  it('saves at once when the page is closed', async () => {
    const store = slowStore({ instant: true });
    const { result } = renderHook(() => useAutosave(store.save, 200));
    act(() => result.current.schedule('before closing'));
    act(() => {
      window.dispatchEvent(new Event('pagehide'));
    });
    await settleMicrotasks();
    expect(store.calls).toEqual(['before closing']);
  });

  it('saves at once when the editor goes away, and stops listening to the page', async () => {
    const store = slowStore({ instant: true });
    const { result, unmount } = renderHook(() => useAutosave(store.save, 200));
    act(() => result.current.schedule('last words'));
    unmount();
    await settleMicrotasks();
    expect(store.calls).toEqual(['last words']);

    setVisibility('hidden');
    window.dispatchEvent(new Event('pagehide'));
    await advance(1_000);
    expect(store.calls).toEqual(['last words']);
  });

  it('saves with the save function of the latest render', async () => {
    const first = slowStore({ instant: true });
    const second = slowStore({ instant: true });
    const { result, rerender } = renderHook(({ save }) => useAutosave(save, 200), { initialProps: { save: first.save } });
    act(() => result.current.schedule('value'));
    rerender({ save: second.save });
    await advance(200);
    expect(first.calls).toEqual([]);
    expect(second.calls).toEqual(['value']);
  });
});
