// Issue 2, end to end in real Chromium: first visit and setup, then the network gone (server
// stopped, browser restarted on the same profile), a crash, and an update that waits for the user.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BUILD_A, BUILD_B } from '../support/builds';
import { staticServer, type StaticServer } from '../support/net';
import { expectNoSeriousAccessibilityViolations } from './support/accessibility';
import { addStaff, GREEN_LANE, setUpDevice } from './support/app';
import { newProfile, openBrowser, saveFailureEvidence, waitForOfflineReady, type Profile, type RunningBrowser } from './support/browser';

let server: StaticServer;
let profile: Profile;
let browser: RunningBrowser | null = null;

beforeAll(async () => {
  server = await staticServer(BUILD_A.dir);
});

afterAll(async () => {
  await server.stop();
});

afterEach(async (context) => {
  if (context.task.result?.state === 'fail' && browser) await saveFailureEvidence(browser.page, context.task.name);
  await browser?.close().catch(() => undefined);
  browser = null;
  profile?.remove();
  server.setRoot(BUILD_A.dir);
  await server.stop();
});

async function firstVisit(): Promise<RunningBrowser> {
  profile = newProfile();
  await server.start();
  browser = await openBrowser(profile);
  await browser.page.goto(server.url);
  await waitForOfflineReady(browser.page);
  return browser;
}

async function reopen(): Promise<RunningBrowser> {
  browser = await openBrowser(profile);
  return browser;
}

describe('first visit and setup', () => {
  it('sets up the practice, the first user and the device, with no serious accessibility problem', async () => {
    const { page } = await firstVisit();
    await page.getByRole('heading', { name: 'Set up Lifeboat on this device' }).waitFor();
    await expectNoSeriousAccessibilityViolations(page);

    // Nothing typed: errors beside the fields and in the summary, nothing stored.
    await page.getByRole('button', { name: 'Start using Lifeboat' }).click();
    await page.getByRole('alert').getByText('There is a problem').waitFor();
    expect(await page.locator('#practice-name-error').textContent()).toMatch(/practice/i);
    await expectNoSeriousAccessibilityViolations(page);

    // A GMC number of the wrong shape is refused with the reason.
    await page.getByLabel('Practice name').fill(GREEN_LANE.practiceName);
    await page.getByLabel('Your full name').fill(GREEN_LANE.yourName);
    await page.getByLabel('Role').selectOption({ label: 'GP' });
    await page.getByLabel('Professional registration number').fill('12345');
    await page.getByLabel('Name for this device').fill(GREEN_LANE.deviceLabel);
    await page.getByRole('button', { name: 'Start using Lifeboat' }).click();
    expect(await page.locator('#you-registration-error').textContent()).toContain('7 numbers');

    await page.getByLabel('Professional registration number').fill(GREEN_LANE.gmcNumber);
    await page.getByRole('button', { name: 'Start using Lifeboat' }).click();
    await page.getByTestId('current-user').getByText(GREEN_LANE.yourName).waitFor();
    await page.getByRole('heading', { level: 1, name: GREEN_LANE.practiceName }).waitFor();
    await expectNoSeriousAccessibilityViolations(page);

    // The device screen shows where data lives and the persistence answer was recorded.
    await page.getByRole('link', { name: 'This device' }).first().click();
    await page.getByText(GREEN_LANE.deviceLabel).first().waitFor();
    await page.getByTestId('persistent-storage').waitFor();
    expect(await page.getByTestId('build-id').textContent()).toBe(BUILD_A.id);
    await expectNoSeriousAccessibilityViolations(page);
  });
});

describe('with the network gone', () => {
  it('opens, keeps its data, opens screens never visited and saves new work after a restart with no server', async () => {
    const first = await firstVisit();
    await setUpDevice(first.page);
    await first.close();

    await server.stop();
    const { page } = await reopen();
    await page.goto(server.url);
    await page.getByRole('heading', { level: 1, name: GREEN_LANE.practiceName }).waitFor();
    expect(await page.getByTestId('current-user').textContent()).toContain(GREEN_LANE.yourName);

    // Staff is a lazily loaded screen this browser has never opened: it must come from the cache.
    await addStaff(page, 'Sam Jones', 'Nurse', { registration: '12A3456E', kind: 'Nurse independent prescriber' });
    await expectNoSeriousAccessibilityViolations(page);

    // A deep link typed into the address bar is answered by the cached app too.
    await page.goto(new URL('/history', server.url).toString());
    const audit = page.getByTestId('audit-table');
    await audit.waitFor();
    expect(await audit.textContent()).toContain('Sam Jones');
    await expectNoSeriousAccessibilityViolations(page);

    // Switching user is recorded, and what the new user does is attributed to them.
    await page.getByRole('link', { name: 'Switch user' }).click();
    await page.getByRole('button', { name: /Sam Jones/ }).click();
    await page.getByTestId('current-user').getByText('Sam Jones').waitFor();
    await expectNoSeriousAccessibilityViolations(page);
  });
});

describe('a crash', () => {
  it('keeps everything saved before the browser was killed', async () => {
    const first = await firstVisit();
    await setUpDevice(first.page);
    await addStaff(first.page, 'Rita Shah', 'Reception');
    await first.crash();

    await server.stop();
    const { page } = await reopen();
    await page.goto(new URL('/staff', server.url).toString());
    await page.getByRole('cell', { name: 'Rita Shah (Reception)', exact: true }).waitFor();
    expect(await page.getByTestId('current-user').textContent()).toContain(GREEN_LANE.yourName);
  });
});

describe('an update', () => {
  it('waits for the user to choose "Update now", and a tab on the old build keeps working', async () => {
    const first = await firstVisit();
    await setUpDevice(first.page);
    const oldTab = await first.context.newPage();
    await oldTab.goto(server.url);
    await oldTab.getByRole('heading', { level: 1, name: GREEN_LANE.practiceName }).waitFor();

    server.setRoot(BUILD_B.dir);
    const { page } = first;
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    await page.getByText('A new version of Lifeboat is ready').waitFor({ timeout: 30_000 });

    // Nothing reloads by itself: this tab is still on the old build until the user says so.
    await page.getByRole('link', { name: 'This device' }).first().click();
    expect(await page.getByTestId('build-id').textContent()).toBe(BUILD_A.id);

    await page.getByRole('button', { name: 'Update now' }).click();
    await page.waitForFunction((id) => document.querySelector('[data-testid="build-id"]')?.textContent === id, BUILD_B.id, { timeout: 30_000 });

    // The other tab is told, and can still open a screen of its (old) build with the server gone.
    await oldTab.getByText('Lifeboat was updated in another tab').first().waitFor({ timeout: 30_000 });
    await server.stop();
    await oldTab.getByRole('link', { name: 'Audit trail' }).first().click();
    await oldTab.getByTestId('audit-table').waitFor();
    expect(await oldTab.locator('body').textContent()).toContain('Audit trail');
  });
});
