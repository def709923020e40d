// Real headless Chromium (Debian's /usr/bin/chromium) with a profile folder on disk, so a test
// can close or kill the browser and open the same profile again, as a user would after a crash.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from '../../support/chromium';
import { killProfileProcesses } from '../../support/processes';


export interface Profile {
  readonly dir: string;
  /** Remove the profile folder (after the browser has gone). */
  remove(): void;
}

export function newProfile(): Profile {
  const dir = mkdtempSync(join(tmpdir(), 'lifeboat-profile-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface RunningBrowser {
  context: BrowserContext;
  page: Page;
  /** Close normally, as a user closing the window. */
  close(): Promise<void>;
  /** SIGKILL the browser and every helper process: a crash, a dead battery, a forced restart. */
  crash(): Promise<void>;
}

export async function openBrowser(profile: Profile): Promise<RunningBrowser> {
  const context = await chromium.launchPersistentContext(profile.dir, {
    executablePath: CHROMIUM_EXECUTABLE,
    headless: true,
    args: [...CHROMIUM_ARGS],
    viewport: { width: 1100, height: 900 },
    locale: 'en-GB',
    timezoneId: 'Europe/London',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  context.on('page', (opened) => collectErrors(opened));
  collectErrors(page);
  return {
    context,
    page,
    close: () => context.close(),
    async crash() {
      await killProfileProcesses(profile.dir);
      // Playwright notices the pipe closing; let it settle so the next launch starts clean.
      await context.close().catch(() => undefined);
    },
  };
}

/** Resolves once a service worker controls the page, i.e. the app is cached for offline use. */
export async function waitForOfflineReady(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (navigator.serviceWorker.controller) return;
    await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
  });
}

const pageErrors = new WeakMap<Page, string[]>();

function collectErrors(page: Page): void {
  const errors: string[] = [];
  pageErrors.set(page, errors);
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') errors.push(`console ${message.type()}: ${message.text()}`);
  });
}

/** On failure: a screenshot in test-results/ and the page text in the log, to see what the user saw. */
export async function saveFailureEvidence(page: Page, testName: string): Promise<void> {
  try {
    const dir = resolve('test-results');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${testName.replace(/[^a-z0-9]+/gi, '-').slice(0, 80)}.png`);
    await page.screenshot({ path: file, fullPage: true, timeout: 5000 });
    console.error(`Errors in the page:\n${(pageErrors.get(page) ?? []).join('\n')}`);
    console.error(`Screenshot: ${file}\nPage text at failure:\n${(await page.locator('body').innerText({ timeout: 5000 })).slice(0, 3000)}`);
  } catch (error) {
    console.error('Could not capture the page at failure:', error);
  }
}
