// Issue 5 item 6 / BRIEF scenario 7, end to end in real Chromium with the server stopped after the
// first load: a prescription handwritten before Lifeboat was opened is logged from the patient's
// record with a photo chosen from disk (resized and encrypted in the browser), shown as a
// thumbnail before saving, then listed and shown with its photo on the prescription's page.
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoSeriousAccessibilityViolations } from './support/accessibility';
import { addPatient, GREEN_LANE, setUpDevice } from './support/app';
import { browserSuite } from './support/suite';

const suite = browserSuite();

/** The image has loaded and decoded: a broken or revoked object URL gives naturalWidth 0. */
async function naturalWidth(img: Locator): Promise<number> {
  await img.waitFor();
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true);
  return img.evaluate((el: HTMLImageElement) => el.naturalWidth);
}

describe('a handwritten prescription', () => {
  it('is logged with a photo of the paper, offline, and listed with the photo shown', async () => {
    const browser = await suite.firstVisit();
    const page = browser.page;
    await setUpDevice(page);
    // A picture of "paper", made in the browser: a PNG screenshot of part of the page.
    const photo = await page.screenshot({ clip: { x: 0, y: 0, width: 320, height: 240 } });
    await suite.server.stop();

    await addPatient(page, { firstName: 'Ottoline', lastName: 'Fenwickshaw', dateOfBirth: '02/05/1950', address: '4 Brindle Row, Leeds', postcode: 'LS6 1AA' });

    await page.getByRole('link', { name: 'Log a handwritten prescription' }).click();
    await page.getByRole('heading', { name: 'Log a handwritten prescription' }).waitFor();
    expect(await page.getByLabel('Prescriber who wrote and signed it').inputValue()).not.toBe('');

    // Saving without a photo is refused, and nothing typed is lost.
    await page.getByLabel('Medicine name').fill('Amoxicillin');
    await page.getByLabel('Strength').fill('500 mg');
    await page.getByLabel('Form', { exact: true }).fill('capsules');
    await page.getByLabel('Dose and directions').fill('One three times a day');
    await page.getByLabel('Quantity').fill('21');
    await page.getByLabel('Unit').selectOption('capsule');
    await page.getByLabel('Days’ treatment').fill('7');
    await page.getByRole('button', { name: 'Save the handwritten prescription' }).click();
    await page.locator('.nhsuk-error-summary').getByText('Add at least one photo of the paper prescription').waitFor();
    expect(await page.getByLabel('Medicine name').inputValue()).toBe('Amoxicillin');

    // The practice has no address yet: the paper may lack it, shown as a warning, not a refusal.
    await page.getByTestId('handwritten-warnings').waitFor();

    const input = page.locator('input[type="file"]');
    expect(await input.getAttribute('accept')).toBe('image/*');
    expect(await input.getAttribute('capture')).toBe('environment');
    await input.setInputFiles({ name: 'IMG_0001.png', mimeType: 'image/png', buffer: photo });
    expect(await naturalWidth(page.getByTestId('photo-preview'))).toBe(320);
    await expectNoSeriousAccessibilityViolations(page);

    await page.getByRole('button', { name: 'Save the handwritten prescription' }).click();
    const record = page.getByTestId('handwritten-record');
    await record.waitFor();
    await record.getByRole('heading', { name: /^Handwritten on \d{2}\/\d{2}\/\d{4}, logged by Dr Asha Patel/ }).waitFor();
    expect(await naturalWidth(record.getByTestId('handwritten-photo'))).toBe(320);
    await page.getByTestId('issued-items').getByText('Amoxicillin 500 mg capsules').waitFor();
    // Lifeboat did not print it, so it offers no copy to print.
    expect(await page.getByRole('button', { name: 'Download a plain-paper copy' }).count()).toBe(0);
    await expectNoSeriousAccessibilityViolations(page);

    await page.getByRole('link', { name: 'Prescriptions', exact: true }).first().click();
    const list = page.getByTestId('prescription-list');
    await list.getByText('Amoxicillin 500 mg').waitFor();
    await list.getByText('Handwritten').waitFor();

    // After a reload (offline, so it locks), the photo is decrypted again once unlocked, and shown.
    await list.getByRole('link').first().click();
    await page.getByTestId('handwritten-record').waitFor();
    await page.reload();
    await page.getByLabel('Who are you?').selectOption({ label: `${GREEN_LANE.yourName} (GP)` });
    await page.getByLabel('Passphrase', { exact: true }).fill(GREEN_LANE.passphrase);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    expect(await naturalWidth(page.getByTestId('handwritten-photo'))).toBe(320);
  });
});
