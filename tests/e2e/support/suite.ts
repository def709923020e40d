// What every browser test file needs around its tests: the app served from a fixed origin (started
// and stopped by the tests to cut the network), browser profiles on disk removed after each test,
// and every browser opened closed afterwards, with a screenshot and the page's errors on failure.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { BUILD_A, type AppBuild } from '../../support/builds';
import { staticServer, type StaticServer } from '../../support/net';
import { newProfile, openBrowser, saveFailureEvidence, waitForOfflineReady, type Profile, type RunningBrowser } from './browser';

export interface BrowserSuite {
  /** The app's server: same port for the whole file, stopped after each test. */
  readonly server: StaticServer;
  /** A new profile folder, removed after the test. */
  newProfile(): Profile;
  /** Real Chromium on `profile`; closed after the test if the test has not closed or crashed it. */
  open(profile: Profile): Promise<RunningBrowser>;
  /** A device's first visit: a new profile (unless given), the server started, the app opened and cached for offline. */
  firstVisit(profile?: Profile): Promise<RunningBrowser>;
  /** A folder for downloads and photos, removed after the test. */
  scratchFolder(): string;
}

export function browserSuite(build: AppBuild = BUILD_A): BrowserSuite {
  let server: StaticServer | null = null;
  let profiles: Profile[] = [];
  let browsers: RunningBrowser[] = [];
  let folders: string[] = [];

  beforeAll(async () => {
    server = await staticServer(build.dir);
  });
  afterAll(async () => {
    await server?.stop();
  });
  afterEach(async (context) => {
    const last = browsers.at(-1);
    if (context.task.result?.state === 'fail' && last) await saveFailureEvidence(last.page, context.task.name);
    for (const browser of browsers) await browser.close().catch(() => undefined);
    for (const profile of profiles) profile.remove();
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
    browsers = [];
    profiles = [];
    folders = [];
    server?.setRoot(build.dir);
    await server?.stop();
  });

  const suite: BrowserSuite = {
    get server() {
      if (!server) throw new Error('browserSuite: the server starts in beforeAll');
      return server;
    },
    newProfile() {
      const profile = newProfile();
      profiles.push(profile);
      return profile;
    },
    async open(profile) {
      const browser = await openBrowser(profile);
      browsers.push(browser);
      return browser;
    },
    async firstVisit(profile) {
      if (!suite.server.running) await suite.server.start();
      const browser = await suite.open(profile ?? suite.newProfile());
      await browser.page.goto(suite.server.url);
      await waitForOfflineReady(browser.page);
      return browser;
    },
    scratchFolder() {
      const folder = mkdtempSync(join(tmpdir(), 'lifeboat-files-'));
      folders.push(folder);
      return folder;
    },
  };
  return suite;
}
