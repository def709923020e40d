/**
 * The web app manifest, written by vite-plugin-pwa into manifest.webmanifest at build time.
 * A build test (tests/e2e/build-output.test.ts) checks it, the icons and the precache.
 */
export const webAppManifest = {
  name: 'Lifeboat: GP downtime records',
  short_name: 'Lifeboat',
  description: 'Consultations, prescriptions and the walk-in queue while the clinical system is down. Works offline.',
  lang: 'en-GB',
  start_url: '/',
  scope: '/',
  display: 'standalone' as const,
  orientation: 'any' as const,
  background_color: '#f0f4f5',
  theme_color: '#005eb8',
  icons: [
    { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
    { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
    { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
  ],
};
