// Every screen of the app, holding real records, offline, in real Chromium: at a desktop width and
// at 320 CSS pixels (a small phone; WCAG 2.2's reflow width), each has no serious or critical axe
// violation and nothing that makes the page scroll sideways. The other browser tests check the
// screens of their own scenario; this one makes sure no screen is left out, including the ones no
// scenario passes through (waiting-room display, hand-over, printer alignment...).
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoSeriousAccessibilityViolations } from './support/accessibility';
import { addPatient, setUpDevice } from './support/app';
import { browserSuite } from './support/suite';

const suite = browserSuite();

const DESKTOP = { width: 1280, height: 800 };
const SMALL_PHONE = { width: 320, height: 640 };

/** Moves to `path` as the app's own links do (a page load would start locked). */
async function show(page: Page, path: string): Promise<void> {
  await page.evaluate((to) => {
    window.history.pushState(null, '', to);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, path);
  await page.waitForFunction(() => {
    const main = document.querySelector('main');
    return main !== null && main.querySelector('h1') !== null && !/Loading/.test(main.textContent ?? '');
  });
}

/** How far the page is wider than the window, in CSS pixels (0: no sideways scrolling). */
function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** The id at the end of the current URL's path. */
async function idInUrl(page: Page, pattern: RegExp): Promise<string> {
  await page.waitForURL((url) => pattern.test(url.pathname));
  const id = pattern.exec(new URL(page.url()).pathname)?.[1];
  if (!id) throw new Error(`no id in ${page.url()}`);
  return id;
}

describe('every screen', () => {
  it('passes axe and fits a 320-pixel-wide phone, with records in it, offline', async () => {
    const browser = await suite.firstVisit();
    const { page } = browser;
    await page.setViewportSize(SMALL_PHONE);
    expect(await overflow(page), 'the setup screen scrolls sideways').toBe(0);
    await setUpDevice(page);
    await suite.server.stop();

    // Records for the screens to show: a patient, a signed consultation, a prescription draft, a walk-in with a red flag.
    await page.setViewportSize(DESKTOP);
    await page.getByRole('link', { name: 'Add the practice address and phone' }).click();
    await page.getByLabel('Address', { exact: true }).fill('12 Green Lane, Leeds');
    await page.getByLabel('Postcode').fill('LS6 2AB');
    await page.getByRole('button', { name: 'Save practice details' }).click();
    await page.getByText('Practice details saved').waitFor();
    await addPatient(page, { firstName: 'Αλέξανδρος', lastName: 'Nguyễn-Łukasiewicz', dateOfBirth: '14/02/1979', nhsNumber: '943 476 5919', address: '4 Brindle Row, Leeds', postcode: 'LS6 1AA' });
    const patientId = await idInUrl(page, /^\/patients\/([0-9a-f-]{36})$/);
    await page.getByRole('button', { name: 'Start a consultation' }).click();
    const consultationId = await idInUrl(page, /^\/consultations\/([0-9a-f-]{36})$/);
    await page.getByLabel('Presenting complaint').fill('Cough for three weeks, worse at night, with a very long description that must wrap on a small phone screen');
    await page.getByLabel('Allergies, as stated by the patient').fill('Penicillin: rash');
    await page.getByLabel('Current medicines not known').check();
    await page.getByLabel('Assessment').fill('Likely post-viral cough');
    await page.getByRole('button', { name: 'Sign and lock' }).click();
    await page.getByTestId('signed-record').waitFor();
    await page.getByRole('link', { name: 'Prescribe' }).click();
    const prescriptionId = await idInUrl(page, /^\/prescriptions\/([0-9a-f-]{36})$/);
    await page.getByLabel('Medicine name').fill('Morphine sulfate');
    await page.getByTestId('save-status').getByText(/^Saved /).waitFor();
    await page.getByRole('link', { name: 'Reception', exact: true }).first().click();
    await page.getByRole('link', { name: 'Log a walk-in or phone request' }).click();
    await page.getByLabel('Chest pain').check();
    await page.getByLabel('First name').fill('Eamon');
    await page.getByLabel('Last name').fill('Byrne');
    await page.getByLabel('Date of birth').fill('05/06/1961');
    await page.getByLabel('Reason, in the patient’s words').fill('Tight chest walking here');
    await page.getByRole('button', { name: 'Add to the queue' }).click();
    const handOver = page.getByRole('link', { name: /Hand over/ }).first();
    await handOver.waitFor();
    const entryId = /\/reception\/handover\/([0-9a-f-]{36})$/.exec((await handOver.getAttribute('href')) ?? '')?.[1];
    expect(entryId).toBeDefined();

    const screens = [
      '/',
      '/reception',
      '/reception/new',
      '/reception/display',
      '/reception/import',
      `/reception/handover/${entryId ?? ''}`,
      '/reception/receive',
      '/patients',
      '/patients/new',
      `/patients/${patientId}`,
      `/patients/${patientId}/edit`,
      '/consultations',
      '/consultations?view=drafts',
      `/consultations/${consultationId}`,
      '/prescriptions',
      '/prescriptions?view=unprinted',
      '/prescriptions/new', // without a patient: says what to do instead
      '/prescriptions/register',
      `/prescriptions/handwritten?patient=${patientId}`,
      `/prescriptions/${prescriptionId}`,
      '/device/printer',
      '/staff',
      '/switch-user',
      '/practice',
      '/device',
      '/history',
    ];
    const sideways: string[] = [];
    for (const viewport of [DESKTOP, SMALL_PHONE]) {
      await page.setViewportSize(viewport);
      for (const path of screens) {
        await show(page, path);
        await expectNoSeriousAccessibilityViolations(page);
        const extra = await overflow(page);
        if (extra > 0) sideways.push(`${path} at ${viewport.width} px: ${extra} px too wide`);
      }
    }
    expect(sideways).toEqual([]);

    // The locked screen too.
    await page.getByRole('button', { name: 'Lock' }).first().click();
    await page.getByRole('heading', { name: 'Lifeboat is locked' }).waitFor();
    await expectNoSeriousAccessibilityViolations(page);
    expect(await overflow(page)).toBe(0);
  });
});
