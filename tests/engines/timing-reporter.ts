// Prints how long each engine took, after vitest's own summary: the smoke run step by step, and
// the memory-only proof. The tests put their step times in the test's meta (engineTimes).
import type { Reporter, TestModule } from 'vitest/node';
import type { StepTime } from './smoke-scenario';

export interface EngineTimes {
  engine: string;
  /** 'smoke': the whole scenario on the real app; 'memory-only': the proof that it can fail. */
  run: 'smoke' | 'memory-only';
  steps: StepTime[];
}

declare module 'vitest' {
  interface TaskMeta {
    engineTimes?: EngineTimes;
  }
}

function seconds(value: number): string {
  return `${value.toFixed(1)}s`;
}

export default class EngineTimingReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const runs: EngineTimes[] = [];
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const times = test.meta().engineTimes;
        if (times) runs.push(times);
      }
    }
    if (runs.length === 0) return;
    runs.sort((a, b) => (a.run === b.run ? 0 : a.run === 'smoke' ? -1 : 1));
    const lines = runs.map(({ engine, run, steps }) => {
      const total = steps.reduce((sum, step) => sum + step.seconds, 0);
      const detail = steps.map((step) => `${step.step} ${seconds(step.seconds)}`).join(', ');
      return `  ${engine.padEnd(8)} ${run.padEnd(11)} ${seconds(total).padStart(6)}  (${detail})`;
    });
    console.log(`\nEngine times, one browser at a time:\n${lines.join('\n')}\n`);
  }
}
