// Where the benchmark page is built, and the build itself (vite build with tests/bench/vite.config.ts),
// made once per run like the app builds of tests/support/builds.ts, beside them in the cache.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

export const BENCH_PAGE_DIR = resolve(process.env.LIFEBOAT_BUILD_CACHE ?? 'node_modules/.cache/lifeboat-browser-tests', 'bench-page');

export function buildBenchPage(): void {
  execFileSync(
    process.execPath,
    [resolve('node_modules/vite/bin/vite.js'), 'build', '--config', resolve('tests/bench/vite.config.ts'), '--outDir', BENCH_PAGE_DIR, '--logLevel', 'warn'],
    { env: { ...process.env, NODE_ENV: 'production' }, stdio: 'inherit' },
  );
}
