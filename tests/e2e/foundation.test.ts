// Issue 2, end to end in real Chromium: first visit and setup, then the network gone (server
// stopped, browser restarted on the same profile), a crash, and an update that waits for the user.
import { describe, expect, it } from 'vitest';
import { BUILD_A, BUILD_B } from '../support/builds';
import { expectNoSeriousAccessibilityViolations } from './support/accessibility';
import { addStaff, fillSetupForm, GREEN_LANE, keepRecoveryKey, setUpDevice, unlockAs } from './support/app';
import { browserSuite } from './support/suite';

const suite = browserSuite();
describe('first visit and setup', () => {
  it('sets up the practice, the first user and the device, with no serious accessibility problem', async () => {
    const { page } = await suite.firstVisit();
    await page.getByRole('heading', { name: 'Set up Lifeboat on this device' }).waitFor();
    await expectNoSeriousAccessibilityViolations(page);

    // Nothing typed: errors beside the fields and in the summary, nothing stored.
    await page.getByRole('button', { name: 'Start using Lifeboat' }).click();
    await page.getByRole('alert').getByText('There is a problem').waitFor();
    expect(await page.locator('#practice-name-error').textContent()).toMatch(/practice/i);
    await expectNoSeriousAccessibilityViolations(page);

    // A GMC number of the wrong shape is refused with the reason.
    await fillSetupForm(page);
    await page.getByLabel('Professional registration number').fill('12345');
    await page.getByRole('button', { name: 'Start using Lifeboat' }).click();
    expect(await page.locator('#you-registration-error').textContent()).toContain('7 numbers');

    await page.getByLabel('Professional registration number').fill(GREEN_LANE.gmcNumber);
    await page.getByRole('button', { name: 'Start using Lifeboat' }).click();
    // The recovery key is shown once, before anything is saved.
    await page.getByRole('heading', { name: 'Keep the recovery key safe' }).waitFor();
    expect(await page.getByTestId('recovery-key').textContent()).toMatch(/^([0-9A-Z]{4}-){8}[0-9A-Z]{4}$/);
    await expectNoSeriousAccessibilityViolations(page);
    await keepRecoveryKey(page);
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
    const profile = suite.newProfile();
    const first = await suite.firstVisit(profile);
    await setUpDevice(first.page);
    await first.close();

    await suite.server.stop();
    const { page } = await suite.open(profile);
    await page.goto(suite.server.url);
    // A restarted browser holds no keys: the device opens locked, with nothing of the practice's records shown.
    await page.getByRole('heading', { name: 'Lifeboat is locked' }).waitFor();
    await expectNoSeriousAccessibilityViolations(page);
    await unlockAs(page, `${GREEN_LANE.yourName} (GP)`, GREEN_LANE.passphrase);
    await page.getByRole('heading', { level: 1, name: GREEN_LANE.practiceName }).waitFor();

    // Staff is a lazily loaded screen this browser has never opened: it must come from the cache.
    await addStaff(page, 'Sam Jones', 'Nurse', 'harbour violet moss', { registration: '12A3456E', kind: 'Nurse independent prescriber' });
    await expectNoSeriousAccessibilityViolations(page);

    // A deep link typed into the address bar is answered by the cached app too. A new page
    // load holds no keys, so it asks for the passphrase again.
    await page.goto(new URL('/history', suite.server.url).toString());
    await unlockAs(page, `${GREEN_LANE.yourName} (GP)`, GREEN_LANE.passphrase);
    const audit = page.getByTestId('audit-table');
    await audit.waitFor();
    expect(await audit.textContent()).toContain('Sam Jones');
    await expectNoSeriousAccessibilityViolations(page);

    // Switching user takes the other person's passphrase, and is recorded.
    await page.getByRole('link', { name: 'Switch user' }).click();
    await unlockAs(page, 'Sam Jones (Nurse)', 'harbour violet moss', 'Switch user');
    await expectNoSeriousAccessibilityViolations(page);
    await page.getByRole('link', { name: 'Audit trail' }).first().click();
    expect(await page.getByTestId('audit-table').textContent()).toContain('Sam Jones (Nurse) started using this device');
  });
});

describe('a crash', () => {
  it('keeps everything saved before the browser was killed', async () => {
    const profile = suite.newProfile();
    const first = await suite.firstVisit(profile);
    await setUpDevice(first.page);
    await addStaff(first.page, 'Rita Shah', 'Reception', 'lantern pebble fjord');
    await first.crash();

    await suite.server.stop();
    const { page } = await suite.open(profile);
    await page.goto(new URL('/staff', suite.server.url).toString());
    await unlockAs(page, `${GREEN_LANE.yourName} (GP)`, GREEN_LANE.passphrase);
    await page.getByRole('cell', { name: 'Rita Shah (Reception)', exact: true }).waitFor();
    expect(await page.getByTestId('current-user').textContent()).toContain(GREEN_LANE.yourName);
  });
});

describe('an update', () => {
  it('waits for the user to choose "Update now", and a tab on the old build keeps working', async () => {
    const first = await suite.firstVisit();
    await setUpDevice(first.page);
    const oldTab = await first.context.newPage();
    await oldTab.goto(suite.server.url);
    await unlockAs(oldTab, `${GREEN_LANE.yourName} (GP)`, GREEN_LANE.passphrase);
    await oldTab.getByRole('heading', { level: 1, name: GREEN_LANE.practiceName }).waitFor();

    suite.server.setRoot(BUILD_B.dir);
    const { page } = first;
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    await page.getByText('A new version of Lifeboat is ready').waitFor({ timeout: 30_000 });

    // Nothing reloads by itself: this tab is still on the old build until the user says so.
    await page.getByRole('link', { name: 'This device' }).first().click();
    expect(await page.getByTestId('build-id').textContent()).toBe(BUILD_A.id);

    await page.getByRole('button', { name: 'Update now' }).click();
    // The reload drops the keys from memory: unlock, then the new build is running.
    await unlockAs(page, `${GREEN_LANE.yourName} (GP)`, GREEN_LANE.passphrase);
    await page.getByRole('link', { name: 'This device' }).first().click();
    await page.waitForFunction((id) => document.querySelector('[data-testid="build-id"]')?.textContent === id, BUILD_B.id, { timeout: 30_000 });

    // The other tab is told, and can still open a screen of its (old) build with the server gone.
    await oldTab.getByText('Lifeboat was updated in another tab').first().waitFor({ timeout: 30_000 });
    await suite.server.stop();
    await oldTab.getByRole('link', { name: 'Audit trail' }).first().click();
    await oldTab.getByTestId('audit-table').waitFor();
    expect(await oldTab.locator('body').textContent()).toContain('Audit trail');
  });
});
