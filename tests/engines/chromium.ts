// Chromium: Debian's /usr/bin/chromium driven by playwright-core over CDP. Playwright's own
// browser downloads are not reachable here, and a persistent context is what gives us a profile
// folder we can reopen. The flags keep a headless Chromium from phoning home or stalling on
// first-run UI; --no-sandbox because CI runs as root in a container.
import { resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { createEngine, type Engine } from './engine';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from '../support/chromium';
import { killProfileProcesses } from '../support/processes';


export function chromiumEngine(): Engine {
  let context: BrowserContext | null = null;
  let page: Page | null = null;
  let profile = '';

  function current(): Page {
    if (!page) throw new Error('[chromium] not launched');
    return page;
  }

  return createEngine('chromium', {
    async launch(profileDir) {
      profile = resolve(profileDir);
      context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_EXECUTABLE, headless: true, args: [...CHROMIUM_ARGS] });
      page = context.pages()[0] ?? (await context.newPage());
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
      // Clear, then real key presses: an app that saves per keystroke must see each one.
      const field = current().locator(selector);
      await field.fill('');
      await field.pressSequentially(value);
    },
    screenshot: () => current().screenshot({ timeout: 5000 }),
    async close() {
      await context?.close();
      context = null;
      page = null;
    },
    async kill() {
      // Playwright exposes no pid for a persistent context: find the browser by its profile flag.
      await killProfileProcesses(profile);
      context = null;
      page = null;
    },
  });
}
