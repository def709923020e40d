// Proof that the smoke suite can fail: the same steps against BUILD_MEMORY_ONLY, an app whose
// IndexedDB lives in memory (tests/support/memory-only.vite.config.ts). Everything up to the
// restart works; the restart must then fail, on every engine, because the data is gone, and for
// that reason only: the app itself still opens from the service worker's cache.
import { afterEach, describe, expect, it } from 'vitest';
import { BUILD_MEMORY_ONLY } from '../support/builds';
import { selectedEngines } from './engines';
import { prepareSmokeRun, runStep, runSteps, smokeStep, stepsBefore, type SmokeRun, type StepTime } from './smoke-scenario';

const RESTART = 'relaunch offline';

describe.each(selectedEngines())('%s', (name) => {
  let run: SmokeRun | null = null;

  afterEach(async () => {
    await run?.dispose();
    run = null;
  });

  it(`fails the '${RESTART}' step when the app keeps its data in memory only`, async ({ task }) => {
    run = await prepareSmokeRun(name, BUILD_MEMORY_ONLY);
    const steps: StepTime[] = [];
    try {
      await runSteps(run, stepsBefore(RESTART), steps);
      await expect(runStep(run, smokeStep(RESTART), steps, false)).rejects.toThrow(
        `[${name}] step '${RESTART}': the app opened on "Set up Lifeboat on this device": the practice and the user saved before are gone`,
      );
    } finally {
      task.meta.engineTimes = { engine: name, run: 'memory-only', steps };
    }
  });
});
