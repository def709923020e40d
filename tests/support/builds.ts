// The app builds the browser suites run against. Two builds with different ids, so a test can
// serve one, then the other from the same origin, as a practice sees a real update.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

const CACHE = resolve('node_modules/.cache/lifeboat-browser-tests');

export const BUILD_A = { dir: resolve(CACHE, 'build-a'), id: 'browser-test-build-a' };
export const BUILD_B = { dir: resolve(CACHE, 'build-b'), id: 'browser-test-build-b' };

/** Builds the production app (vite build, service worker included) into each build's folder. */
export function buildApp(): void {
  for (const build of [BUILD_A, BUILD_B]) {
    execFileSync(process.execPath, [resolve('node_modules/vite/bin/vite.js'), 'build', '--outDir', build.dir, '--emptyOutDir', '--logLevel', 'warn'], {
      env: { ...process.env, NODE_ENV: 'production', LIFEBOAT_BUILD_ID: build.id },
      stdio: 'inherit',
    });
  }
}
