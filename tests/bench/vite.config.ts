// Builds the benchmark page (tests/bench/page) with the app's real storage and crypto modules, in
// production mode as the app ships (minified, es2022), without React, the service worker or the
// PWA plugin: none of them is on the paths measured. tests/bench/build.ts runs it.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('./page', import.meta.url)),
  base: './',
  // The app's modules are not all free of it; the page never shows it.
  define: { __BUILD_ID__: JSON.stringify('bench') },
  build: { target: 'es2022', sourcemap: false, emptyOutDir: true },
});
