/// <reference lib="webworker" />
/**
 * Lifeboat's service worker: precaches the whole app shell (every file of the build, lazily
 * loaded screens and fonts included) so the app opens with no server at all.
 *
 * Updates wait for the user: this worker never calls skipWaiting on its own; the page posts
 * SKIP_WAITING when the user presses "Update now".
 *
 * Old tabs keep working: when a new worker activates, workbox deletes precached files that the new
 * build no longer lists. A tab still running the old build may yet need one of them (a screen it
 * has not opened). So before activation we copy the old build's hashed files into an archive cache,
 * and requests that the new precache cannot answer are served from there. Hashed file names never
 * change content, so keeping them is safe; the archive keeps the last few builds only.
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst } from 'workbox-strategies';
import { cacheNames, clientsClaim } from 'workbox-core';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<{ url: string; revision: string | null }> };

const ARCHIVE_CACHE = 'lifeboat-previous-builds';
const ARCHIVE_BUILDS_KEPT = 3;
const ARCHIVE_INDEX = '/__lifeboat-archive-index__';

async function archiveCurrentBuild(): Promise<void> {
  const precache = await caches.open(cacheNames.precache);
  const archive = await caches.open(ARCHIVE_CACHE);
  const requests = await precache.keys();
  const assetRequests = requests.filter((request) => new URL(request.url).pathname.startsWith('/assets/'));
  for (const request of assetRequests) {
    const response = await precache.match(request);
    if (response) await archive.put(new URL(request.url).pathname, response);
  }
  // Remember which files each build had, so only the last few builds are kept.
  const indexResponse = await archive.match(ARCHIVE_INDEX);
  const builds: string[][] = indexResponse ? await indexResponse.json() : [];
  builds.push(assetRequests.map((r) => new URL(r.url).pathname));
  const kept = builds.slice(-ARCHIVE_BUILDS_KEPT);
  const keptPaths = new Set(kept.flat());
  for (const path of new Set(builds.slice(0, -ARCHIVE_BUILDS_KEPT).flat())) {
    if (!keptPaths.has(path)) await archive.delete(path);
  }
  await archive.put(ARCHIVE_INDEX, new Response(JSON.stringify(kept), { headers: { 'content-type': 'application/json' } }));
}

// Registered before workbox's own listeners so it runs while the old files are still there.
self.addEventListener('install', (event) => {
  event.waitUntil(archiveCurrentBuild());
});

cleanupOutdatedCaches();
precacheAndRoute(self.__WB_MANIFEST);
// The first visit's tab is served from the cache as soon as the worker is active, so a screen
// opened after the network drops still loads. (Updates only activate when the user says so.)
clientsClaim();

// Any navigation (a deep link, a reload on /device) is answered by the precached app shell.
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html')));

// Files of an earlier build that a still-open old tab asks for (from the network if it is up).
registerRoute(
  ({ url }) => url.origin === self.location.origin && url.pathname.startsWith('/assets/'),
  new CacheFirst({ cacheName: ARCHIVE_CACHE, matchOptions: { ignoreSearch: true } }),
);

self.addEventListener('message', (event) => {
  if (event.data && (event.data as { type?: string }).type === 'SKIP_WAITING') void self.skipWaiting();
});
