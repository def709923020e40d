import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { webAppManifest } from './src/app/web-app-manifest.ts';

/**
 * The service worker is our own (src/service-worker/sw.ts, injectManifest) so that it can keep
 * the previous build's hashed files for tabs still running that build; see the comment there.
 * Registration is ours too (src/app/service-worker-registration.ts, workbox-window, prompt mode).
 */
/**
 * Content Security Policy for the built app: scripts only from our own origin, never inline, and
 * no network destination but our own origin. Not in dev, where Vite injects inline scripts.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'lifeboat-content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' }],
  };
}

/**
 * The repositories (src/db/*-repository.ts) only declare functions, so importing one has no side
 * effect. Saying so lets the bundler leave a repository out of the first load when only a lazily
 * loaded screen uses it, although the app shell imports the same src/db barrel (about 16 kB gzip:
 * prescriptions, hand-over, joining, CSV import). A repository that ever needs code to run on
 * import must not match this.
 */
function isRepository(id: string): boolean {
  return /[\\/]src[\\/]db[\\/][a-z-]+-repository\.ts$/.test(id);
}

export default defineConfig({
  plugins: [
    react(),
    contentSecurityPolicy(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/service-worker',
      filename: 'sw.ts',
      injectRegister: false,
      registerType: 'prompt',
      manifest: webAppManifest,
      injectManifest: {
        // Everything the app may need offline, lazily loaded screens and fonts included.
        globPatterns: ['**/*.{js,css,html,svg,png,ico,woff,woff2,webmanifest,json,mjs}'],
        // Workbox silently leaves out files over this size; keep it far above our largest chunk
        // and let the build test prove every emitted file is precached.
        maximumFileSizeToCacheInBytes: 20 * 1024 * 1024,
      },
      devOptions: { enabled: false },
    }),
  ],
  define: {
    __BUILD_ID__: JSON.stringify(process.env.LIFEBOAT_BUILD_ID ?? new Date().toISOString()),
  },
  build: {
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 600,
    rolldownOptions: { treeshake: { moduleSideEffects: (id: string) => !isRepository(id) } },
  },
  preview: { port: 4173, strictPort: true },
});
