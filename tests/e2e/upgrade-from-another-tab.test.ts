// Issue 2, requirement 5, in real Chromium: a tab still running an older Lifeboat while another tab
// takes an update whose database is a version newer. The new build's upgrade reaches the old tab
// (IndexedDB's versionchange); the old tab saves what it holds, lets go of the database, and pauses
// behind a message rather than take typing it could never save. The new build opens everything
// the old tab typed, and the old tab reloads onto the new build. Offline throughout once cached.
import { describe, expect, it } from 'vitest';
import { BUILD_NEXT_SCHEMA } from '../support/builds';
import { expectNoSeriousAccessibilityViolations } from './support/accessibility';
import { addPatient, GREEN_LANE, setUpDevice, unlockAs } from './support/app';
import { browserSuite } from './support/suite';

const suite = browserSuite();

const GP = `${GREEN_LANE.yourName} (GP)`;
const TYPED = 'Wheeze for two days, worse at night. Used a neighbour’s inhaler twice. ';

describe('an update with a newer database, taken in another tab', () => {
  it('pauses the old tab only once what it typed is saved, and the new build opens all of it', async () => {
    const browser = await suite.firstVisit();
    const oldTab = browser.page;
    await setUpDevice(oldTab);
    await addPatient(oldTab, { firstName: 'Ottoline', lastName: 'Fenwickshaw', dateOfBirth: '02/05/1950' });
    await oldTab.getByRole('button', { name: 'Start a consultation' }).click();
    await oldTab.getByLabel('History').pressSequentially(TYPED);
    await oldTab.getByTestId('save-status').getByText(/^Saved /).waitFor();

    // A second tab of the same browser, on the same (old) build.
    const newTab = await browser.context.newPage();
    await newTab.goto(suite.server.url);
    await unlockAs(newTab, GP, GREEN_LANE.passphrase);

    // The next release is served; the second tab is offered it and takes it while someone is
    // still typing in the old tab, key after key, so the old tab's autosave always has text waiting.
    suite.server.setRoot(BUILD_NEXT_SCHEMA.dir);
    await newTab.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    await newTab.getByText('A new version of Lifeboat is ready').waitFor({ timeout: 30_000 });
    const paused = oldTab.getByRole('alertdialog', { name: 'Lifeboat was updated in another tab' });
    await oldTab.getByLabel('History').focus();
    let stillTyping = true;
    const typing = (async () => {
      while (stillTyping) await oldTab.keyboard.type('wheeze-', { delay: 15 });
    })();
    await newTab.getByRole('button', { name: 'Update now' }).click();
    await unlockAs(newTab, GP, GREEN_LANE.passphrase);
    await suite.server.stop();

    // The old tab let go of the database and is paused: a message with focus on Reload, the page
    // behind it out of reach of keyboard and pointer (the keys still being pressed go nowhere).
    await paused.waitFor({ timeout: 30_000 });
    stillTyping = false;
    await typing;
    const onScreen = await oldTab.getByLabel('History').inputValue();
    expect(onScreen.startsWith(`${TYPED}wheeze-`)).toBe(true);
    expect(await paused.textContent()).toContain('Everything done in this tab was saved first');
    expect(await oldTab.evaluate(() => document.activeElement?.textContent)).toBe('Reload this tab');
    expect(await oldTab.evaluate(() => document.querySelector('main')?.closest('[inert]') !== null)).toBe(true);
    await oldTab.keyboard.type('not-taken');
    expect(await oldTab.getByLabel('History').inputValue()).toBe(onScreen);
    await expectNoSeriousAccessibilityViolations(oldTab);

    // The new build opened the database at its new version and has every word typed in the old tab.
    await newTab.getByRole('link', { name: 'This device' }).first().click();
    await newTab.waitForFunction((id) => document.querySelector('[data-testid="build-id"]')?.textContent === id, BUILD_NEXT_SCHEMA.id);
    expect(await newTab.evaluate(async () => (await indexedDB.databases()).find((d) => d.name === 'lifeboat')?.version)).toBe(60);
    await newTab.getByRole('link', { name: /Unsigned drafts/ }).click();
    await newTab.getByTestId('consultation-list').getByRole('link').first().click();
    // Every character on the paused tab's screen, including those typed in its last moments.
    expect(await newTab.getByLabel('History').inputValue()).toBe(onScreen);
    // And it was all on disk before the upgrade ran: the migration saw the draft exactly as it is
    // now, so nothing reached the database from the old build after the new one had upgraded it.
    const { atUpgrade, now } = await newTab.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('lifeboat');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new Error('open failed'));
      });
      const read = (store: string, key: string) =>
        new Promise<unknown>((resolve, reject) => {
          const request = db.transaction(store).objectStore(store).get(key);
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error ?? new Error('read failed'));
        });
      const probe = (await read('nextReleaseProbe', 'consultations-at-upgrade')) as { rows: { id: string; payload: string }[] };
      const seen = probe.rows[0];
      const row = seen ? ((await read('consultations', seen.id)) as { payload: unknown }) : null;
      db.close();
      return { atUpgrade: seen?.payload, now: row ? JSON.stringify(row.payload) : undefined };
    });
    expect(atUpgrade).toBeDefined();
    expect(now).toBe(atUpgrade);

    // The old tab reloads onto the new build, from the cache, and carries on.
    await oldTab.getByRole('button', { name: 'Reload this tab' }).click();
    await unlockAs(oldTab, GP, GREEN_LANE.passphrase);
    await oldTab.getByRole('link', { name: 'This device' }).first().click();
    await oldTab.waitForFunction((id) => document.querySelector('[data-testid="build-id"]')?.textContent === id, BUILD_NEXT_SCHEMA.id);
    expect(await oldTab.getByRole('alertdialog').count()).toBe(0);
  });
});
