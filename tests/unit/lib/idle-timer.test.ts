// The auto-lock timer with fake time: fires after the idle time, activity postpones it, a pending
// save holds it back, stop() cancels it.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startIdleTimer, type IdleTimer } from '../../../src/lib/idle-timer';

const MINUTE = 60_000;
const TIMEOUT = 5 * MINUTE;

let fired: number;
let timer: IdleTimer | null;
let saving: boolean;

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2024-07-19T08:00:00Z') });
  fired = 0;
  saving = false;
  timer = null;
});

afterEach(() => {
  timer?.stop();
  vi.useRealTimers();
});

function start(options: { retryMs?: number } = {}): IdleTimer {
  timer = startIdleTimer({
    timeoutMs: TIMEOUT,
    onIdle: () => {
      fired += 1;
    },
    canFire: () => !saving,
    // The injected clock follows the fake time.
    now: () => Date.now(),
    ...options,
  });
  return timer;
}

describe('startIdleTimer', () => {
  it('fires once, exactly when the idle time has passed', () => {
    start();
    vi.advanceTimersByTime(TIMEOUT - 1);
    expect(fired).toBe(0);
    vi.advanceTimersByTime(1);
    expect(fired).toBe(1);
    vi.advanceTimersByTime(60 * MINUTE);
    expect(fired).toBe(1);
  });

  it('is postponed by activity: it fires the full idle time after the last activity', () => {
    const t = start();
    vi.advanceTimersByTime(4 * MINUTE);
    t.activity();
    vi.advanceTimersByTime(4 * MINUTE);
    expect(fired).toBe(0);
    t.activity();
    vi.advanceTimersByTime(TIMEOUT - 1);
    expect(fired).toBe(0);
    vi.advanceTimersByTime(1);
    expect(fired).toBe(1);
  });

  it('keeps being postponed while activity goes on', () => {
    const t = start();
    for (let i = 0; i < 30; i += 1) {
      vi.advanceTimersByTime(MINUTE);
      t.activity();
    }
    expect(fired).toBe(0);
    vi.advanceTimersByTime(TIMEOUT);
    expect(fired).toBe(1);
  });

  it('does not fire while a save is pending, and fires once it has landed', () => {
    saving = true;
    start({ retryMs: 1_000 });
    vi.advanceTimersByTime(TIMEOUT);
    expect(fired).toBe(0);
    vi.advanceTimersByTime(10 * MINUTE);
    expect(fired).toBe(0);

    saving = false;
    vi.advanceTimersByTime(999);
    expect(fired).toBe(0);
    vi.advanceTimersByTime(1);
    expect(fired).toBe(1);
    vi.advanceTimersByTime(10 * MINUTE);
    expect(fired).toBe(1);
  });

  it('waits the full idle time again if there is activity while a save was holding it back', () => {
    saving = true;
    const t = start({ retryMs: 1_000 });
    vi.advanceTimersByTime(TIMEOUT + 30_000);
    t.activity();
    saving = false;
    vi.advanceTimersByTime(TIMEOUT - 1_000);
    expect(fired).toBe(0);
    vi.advanceTimersByTime(1_000);
    expect(fired).toBe(1);
  });

  it('never fires after stop()', () => {
    const t = start();
    vi.advanceTimersByTime(TIMEOUT - 1);
    t.stop();
    vi.advanceTimersByTime(60 * MINUTE);
    expect(fired).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('never fires after stop() while a save was holding it back', () => {
    saving = true;
    const t = start();
    vi.advanceTimersByTime(TIMEOUT + 5_000);
    t.stop();
    saving = false;
    vi.advanceTimersByTime(60 * MINUTE);
    expect(fired).toBe(0);
  });

  it('uses the injected clock: idle time is measured by now(), not by how many timers ran', () => {
    // A laptop asleep: its timers stall while the clock moves on; on waking, the overdue check
    // must see the real idle time.
    let offset = 0;
    timer = startIdleTimer({
      timeoutMs: TIMEOUT,
      onIdle: () => {
        fired += 1;
      },
      now: () => Date.now() + offset,
    });
    vi.advanceTimersByTime(MINUTE);
    timer.activity(); // at 1 minute
    offset = 10 * MINUTE; // slept for 10 minutes without timers running
    vi.advanceTimersByTime(4 * MINUTE); // the check first scheduled for 5 minutes runs
    expect(fired).toBe(1);
  });
});
