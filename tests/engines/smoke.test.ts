// Issue 7: the app proven offline, durable and crash-safe in Chromium, Firefox and WebKit, from
// one scenario (smoke-scenario.ts) through thin per-engine adapters. A failure names the engine
// and the step, e.g. "[webkit] step 'relaunch offline': ...".
import { afterEach, describe, it } from 'vitest';
import { BUILD_A } from '../support/builds';
import { selectedEngines } from './engines';
import { prepareSmokeRun, runSteps, SMOKE_STEPS, type SmokeRun, type StepTime } from './smoke-scenario';

describe.each(selectedEngines())('%s', (name) => {
  let run: SmokeRun | null = null;

  afterEach(async () => {
    await run?.dispose();
    run = null;
  });

  it('sets up, opens offline with its data after a restart, and keeps a record through a SIGKILL', async ({ task }) => {
    run = await prepareSmokeRun(name, BUILD_A);
    const steps: StepTime[] = [];
    try {
      await runSteps(run, SMOKE_STEPS, steps);
    } finally {
      task.meta.engineTimes = { engine: name, run: 'smoke', steps };
    }
  });
});
