// The app builds the browser suites run against. Two builds with different ids, so a test can
// serve one, then the other from the same origin, as a practice sees a real update; one whose
// database is a version newer; and one that keeps its data in memory only, to prove the restart
// tests can fail.
// LIFEBOAT_BUILD_CACHE moves the folders, so two runs in one checkout do not rebuild each other's.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

const CACHE = resolve(process.env.LIFEBOAT_BUILD_CACHE ?? 'node_modules/.cache/lifeboat-browser-tests');

export interface AppBuild {
  readonly dir: string;
  readonly id: string;
  /** A Vite config other than vite.config.ts, for a build made different on purpose. */
  readonly config?: string;
}

export const BUILD_A: AppBuild = { dir: resolve(CACHE, 'build-a'), id: 'browser-test-build-a' };
export const BUILD_B: AppBuild = { dir: resolve(CACHE, 'build-b'), id: 'browser-test-build-b' };
/** BUILD_A's app with IndexedDB swapped for an in-memory one: it forgets everything on restart. */
export const BUILD_MEMORY_ONLY: AppBuild = {
  dir: resolve(CACHE, 'build-memory-only'),
  id: 'browser-test-build-memory-only',
  config: resolve('tests/support/memory-only.vite.config.ts'),
};

/** BUILD_A's app with one more database version: opening it upgrades the database under BUILD_A's tabs. */
export const BUILD_NEXT_SCHEMA: AppBuild = {
  dir: resolve(CACHE, 'build-next-schema'),
  id: 'browser-test-build-next-schema',
  config: resolve('tests/support/next-schema.vite.config.ts'),
};

// Global setups of several vitest projects run in one process: build each folder once per run.
const BUILT = Symbol.for('lifeboat.browser-test-builds');
const built: Set<string> = ((globalThis as { [BUILT]?: Set<string> })[BUILT] ??= new Set<string>());

/** Builds the production app (vite build, service worker included) into each build's folder. */
export function buildApp(builds: readonly AppBuild[] = [BUILD_A, BUILD_B]): void {
  for (const build of builds) {
    if (built.has(build.dir)) continue;
    const config = build.config ? ['--config', build.config] : [];
    execFileSync(process.execPath, [resolve('node_modules/vite/bin/vite.js'), 'build', ...config, '--outDir', build.dir, '--emptyOutDir', '--logLevel', 'warn'], {
      env: { ...process.env, NODE_ENV: 'production', LIFEBOAT_BUILD_ID: build.id },
      stdio: 'inherit',
    });
    built.add(build.dir);
  }
}
