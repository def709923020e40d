// Firefox: Debian's firefox-esr driven by puppeteer-core over WebDriver BiDi. Playwright needs its
// own patched Firefox build and cannot drive a stock one; BiDi is built into stock Firefox.
// Puppeteer writes its automation prefs into the profile's user.js (backing up any previous one)
// and leaves the rest of the profile, including storage/, alone, so the profile can be reopened.
// When the browser exits, even killed, puppeteer puts the backed-up user.js and prefs.js back.
import { existsSync } from 'node:fs';
import { once } from 'node:events';
import { join, resolve } from 'node:path';
import { launch, type Browser, type Page } from 'puppeteer-core';
import { createEngine, type Engine } from './engine';
import { killProfileProcesses } from '../support/processes';

const EXECUTABLE = process.env.LIFEBOAT_FIREFOX ?? '/usr/bin/firefox-esr';

// Service workers are on by default in Firefox ESR, but said explicitly here so a future default
// (or an enterprise policy) cannot silently turn the offline tests into no-ops. We deliberately do
// NOT set dom.serviceWorkers.testing.enabled (which allows SWs on insecure origins): the app must
// work because http://127.0.0.1 and http://localhost are secure contexts, as they are for users.
const PREFS = {
  'dom.serviceWorkers.enabled': true,
  'browser.shell.checkDefaultBrowser': false,
};

/**
 * Waits for puppeteer's clean-up after the browser process exited: it renames user.js.puppeteer
 * and prefs.js.puppeteer back over user.js and prefs.js. A relaunch that starts before this is
 * done backs up user.js while it is being replaced, and fails with ENOENT.
 */
async function waitForPrefsRestored(profileDir: string): Promise<void> {
  const backups = ['user.js.puppeteer', 'prefs.js.puppeteer'].map((file) => join(profileDir, file));
  const deadline = Date.now() + 10_000;
  while (backups.some((file) => existsSync(file))) {
    if (Date.now() > deadline) throw new Error(`[firefox] puppeteer left ${backups.filter((file) => existsSync(file)).join(', ')} after the browser exited`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

export function firefoxEngine(): Engine {
  let browser: Browser | null = null;
  let page: Page | null = null;
  let profile = '';

  function current(): Page {
    if (!page) throw new Error('[firefox] not launched');
    return page;
  }

  return createEngine('firefox', {
    async launch(profileDir) {
      profile = resolve(profileDir);
      // Downloads (the app's PDFs) go into the profile, deleted with it, without asking.
      const downloads = { 'browser.download.folderList': 2, 'browser.download.dir': join(profile, 'downloads'), 'browser.download.useDownloadDir': true };
      browser = await launch({ browser: 'firefox', executablePath: EXECUTABLE, userDataDir: profile, headless: true, extraPrefsFirefox: { ...PREFS, ...downloads } });
      page = (await browser.pages())[0] ?? (await browser.newPage());
    },
    async goto(url) {
      await current().goto(url, { waitUntil: 'load' });
    },
    // A string is evaluated as an expression and a returned promise is awaited.
    evaluateString: async (source) => String(await current().evaluate(source)),
    async clickCss(selector) {
      await current().locator(selector).click();
    },
    async fillCss(selector, value) {
      // Select the old value, delete it with a real key press, then type: each keystroke is an event.
      const field = await current().waitForSelector(selector);
      if (!field) throw new Error(`[firefox] ${selector} vanished`);
      await field.evaluate((el) => {
        if (el instanceof HTMLElement) el.focus();
        if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) el.select();
      });
      await current().keyboard.press('Backspace');
      await field.type(value);
    },
    screenshot: () => current().screenshot(),
    async close() {
      await browser?.close();
      browser = null;
      page = null;
    },
    async kill() {
      const child = browser?.process() ?? null;
      const exited = child && child.exitCode === null && child.signalCode === null ? once(child, 'exit') : Promise.resolve();
      await killProfileProcesses(profile);
      await exited;
      if (profile) await waitForPrefsRestored(profile);
      browser = null;
      page = null;
    },
  });
}
