// The benchmarks on their own: `npx vitest run --config tests/bench/vitest.config.ts` (npm run bench).
// The same settings as the 'bench' project of vitest.config.ts.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    name: 'bench',
    environment: 'node',
    include: ['tests/bench/**/*.bench.test.ts'],
    globalSetup: ['tests/bench/global-setup.ts'],
    // One browser, and nothing else of ours beside it: timings on two cores are noisy enough.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
