// Issue 5, end to end in real Chromium with the server stopped after the first load: from a
// signed consultation, a Schedule 2 controlled drug is prescribed with legal elements missing;
// the errors sit beside the item and nothing prints; once fixed it prints onto FP10SS (the PDF's
// text read back), the serial goes in the FP10 register, and a cancellation with its reason shows
// in the prescription, the register and the audit trail.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoSeriousAccessibilityViolations } from './support/accessibility';
import { addPatient, setUpDevice } from './support/app';
import { browserSuite } from './support/suite';
import { pdfText } from './support/pdf-text';

const suite = browserSuite();

const SERIAL = '0123456789';

async function downloadText(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const download = page.waitForEvent('download');
  await click();
  const file = await download;
  const text = (await pdfText(readFileSync((await file.path()) ?? ''))).replace(/\s+/g, ' ');
  return { name: file.suggestedFilename(), text };
}

describe('a prescription', () => {
  it('is checked, printed onto FP10SS with its serial, cancelled with a reason, and all of it recorded', async () => {
    const browser = await suite.firstVisit();
    const page = browser.page;
    await setUpDevice(page);
    // From here on there is no network: everything comes from the service worker's cache.
    await suite.server.stop();

    // The practice address goes on every prescription.
    await page.getByRole('link', { name: 'Add the practice address and phone' }).click();
    await page.getByLabel('Address', { exact: true }).fill('12 Green Lane, Leeds');
    await page.getByLabel('Postcode').fill('LS6 2AB');
    await page.getByLabel('Phone').fill('0113 496 0000');
    await page.getByRole('button', { name: 'Save practice details' }).click();
    await page.getByText('Practice details saved').waitFor();

    // A patient, with the address a prescription needs.
    await addPatient(page, { firstName: 'Ottoline', lastName: 'Fenwickshaw', dateOfBirth: '02/05/1950', address: '4 Brindle Row, Leeds', postcode: 'LS6 1AA' });

    // A signed consultation.
    await page.getByRole('button', { name: 'Start a consultation' }).click();
    await page.getByLabel('Presenting complaint').fill('Pain from bone metastases, worse at night');
    await page.getByLabel('Allergies, as stated by the patient').fill('No known drug allergies');
    await page.getByLabel('Current medicines not known').check();
    await page.getByLabel('Assessment').fill('Uncontrolled cancer pain');
    await page.getByLabel('Plan').fill('Start modified-release morphine');
    await page.getByRole('button', { name: 'Sign and lock' }).click();
    await page.getByTestId('signed-record').getByText(/^Signed by Dr Asha Patel \(GP\)/).waitFor();

    // Prescribe from it: a Schedule 2 drug, recognised by name, written with elements missing.
    await page.getByRole('link', { name: 'Prescribe' }).click();
    await page.getByRole('heading', { name: 'Prescription', exact: true }).waitFor();
    expect(await page.getByLabel('Allergies the patient confirmed').inputValue()).toBe('No known drug allergies');
    await page.getByLabel('Medicine name').fill('Morphine sulfate');
    await page.getByTestId('item-0-recognised').getByText('Morphine is Schedule 2').waitFor();
    await page.getByLabel('Strength').fill('10 mg');
    await page.getByLabel('Dose and directions').fill('As directed');
    await page.getByLabel('Quantity', { exact: true }).fill('60');
    await page.getByLabel('Days’ treatment').fill('30');
    await page.getByTestId('validity').getByText(/28 days/).waitFor();
    await page.getByLabel('Serial number of the FP10SS form').fill(SERIAL);
    await page.getByTestId('save-status').getByText(/^Saved \d\d:\d\d:\d\d$/).waitFor();
    await expectNoSeriousAccessibilityViolations(page);

    // Printing is refused, and each missing element is named beside the item.
    let downloads = 0;
    page.on('download', () => (downloads += 1));
    await page.getByRole('button', { name: 'Print prescription' }).click();
    await page.locator('#item-0-form-error').getByText(/Enter the form/).waitFor();
    expect(await page.locator('#item-0-dose-error').textContent()).toContain('"As directed" on its own is not a dose for a Schedule 2 controlled drug');
    expect(await page.locator('#item-0-quantityInWords-error').textContent()).toContain('Write the total quantity in words as well as figures');
    await page.getByText('Nothing was printed').waitFor();
    await expectNoSeriousAccessibilityViolations(page);
    expect(downloads).toBe(0);

    // Fixed: each error clears as its element is supplied; the words come from the figures.
    await page.getByLabel('Form', { exact: true }).fill('modified-release tablets');
    await page.getByLabel('Dose and directions').fill('One tablet every 12 hours');
    expect(await page.getByLabel('Total quantity in words').getAttribute('aria-describedby')).toContain('hint');
    await page.getByRole('button', { name: 'Use “sixty”' }).click();
    expect(await page.getByLabel('Total quantity in words').inputValue()).toBe('sixty');
    await page.locator('#item-0-quantityInWords-error').waitFor({ state: 'detached' });
    expect(await page.locator('.nhsuk-error-message').count()).toBe(1); // only the earlier "Nothing was printed"

    // Printed onto FP10SS: the PDF, read back, carries the prescription.
    const pdf = await downloadText(page, () => page.getByRole('button', { name: 'Print prescription' }).click());
    expect(pdf.name).toMatch(/\.pdf$/);
    expect(pdf.name).not.toMatch(/fenwickshaw|ottoline|morphine/i);
    for (const text of ['Fenwickshaw', 'Morphine sulfate', '10 mg', 'sixty', 'One tablet every 12 hours']) expect(pdf.text).toContain(text);
    const issued = page.getByTestId('issued-prescription');
    await issued.getByText('Printed: this prescription cannot be changed').waitFor();
    expect(await issued.textContent()).toContain('60 (sixty) tablets');
    expect(await issued.textContent()).toContain(SERIAL);
    expect(await page.getByLabel('Medicine name').count()).toBe(0);
    await expectNoSeriousAccessibilityViolations(page);

    // Cancelled with a reason: it stays, marked cancelled; the register follows.
    await page.getByRole('button', { name: 'Cancel prescription' }).click();
    await page.locator('#cancel-reason-error').waitFor();
    await page.getByLabel('Why is it cancelled?').fill('Wrong dose: should be 15 mg');
    await page.getByRole('button', { name: 'Cancel prescription' }).click();
    await page.getByTestId('cancelled-callout').getByText('Reason: Wrong dose: should be 15 mg').waitFor();
    expect(await issued.textContent()).toContain('Morphine sulfate');
    await page.getByText('History of this prescription').click();
    const history = (await page.getByTestId('record-history').textContent()) ?? '';
    for (const line of ['Started a prescription from a consultation', `Printed onto FP10SS form ${SERIAL}`, 'Cancelled the prescription: Wrong dose: should be 15 mg']) expect(history).toContain(line);
    await expectNoSeriousAccessibilityViolations(page);

    // A replacement is a new draft linked to the cancelled original.
    await page.getByRole('button', { name: 'Write a replacement' }).click();
    await page.getByRole('link', { name: 'The cancelled prescription this replaces' }).waitFor();
    expect(await page.getByLabel('Medicine name').inputValue()).toBe('Morphine sulfate');
    await page.getByRole('link', { name: 'The cancelled prescription this replaces' }).click();
    await page.getByRole('link', { name: 'The replacement prescription' }).waitFor();

    // The replacement is waiting to be printed: the bar under the header says so, one tap away.
    await page.getByRole('link', { name: 'Prescriptions not printed (1)' }).click();
    await page.getByRole('heading', { name: 'Prescriptions not printed yet' }).waitFor();
    const waiting = page.getByTestId('prescription-list');
    await waiting.getByText('Draft: not printed').waitFor();
    expect(await waiting.getByText('Cancelled').count()).toBe(0);
    await expectNoSeriousAccessibilityViolations(page);

    // The register: serial, date, prescriber, patient, status.
    await page.getByRole('link', { name: 'All prescriptions' }).click();
    await page.getByTestId('prescription-list').getByText('Cancelled').waitFor();
    await page.getByTestId('prescription-list').getByText('Draft: not printed').waitFor();
    await expectNoSeriousAccessibilityViolations(page);
    await page.getByRole('link', { name: 'FP10 register' }).click();
    const row = page.getByTestId('fp10-register').getByRole('row').nth(1);
    await row.getByText(SERIAL).waitFor();
    const cells = (await row.textContent()) ?? '';
    for (const text of ['Dr Asha Patel (GP)', 'FENWICKSHAW, Ottoline', 'Cancelled', 'Wrong dose']) expect(cells).toContain(text);
    await expectNoSeriousAccessibilityViolations(page);

    // The audit trail has it too.
    await page.getByRole('link', { name: 'Audit trail' }).first().click();
    await page.getByText(`Printed onto FP10SS form ${SERIAL}`).first().waitFor();
    await page.getByText('Cancelled the prescription: Wrong dose: should be 15 mg').first().waitFor();

    // The replacement is not needed after all: discarded with a reason, kept, never printed.
    await page.getByRole('link', { name: 'Prescriptions not printed (1)' }).click();
    await page.getByTestId('prescription-list').getByRole('link').first().click();
    await page.getByRole('button', { name: 'Discard draft' }).click();
    await page.getByRole('button', { name: 'Discard this prescription' }).click();
    await page.locator('#prescription-discard-reason-error').getByText('Say why this draft is being discarded').waitFor();
    await expectNoSeriousAccessibilityViolations(page);
    await page.getByLabel('Why is this prescription being discarded?').fill('Pharmacy had already supplied it');
    await page.getByRole('button', { name: 'Discard this prescription' }).click();
    const discarded = page.getByTestId('discarded-prescription');
    await discarded.getByText('Discarded: this prescription was never printed').waitFor();
    expect(await discarded.textContent()).toContain('Reason: Pharmacy had already supplied it');
    expect(await discarded.textContent()).toContain('Morphine sulfate');
    expect(await page.getByRole('button', { name: 'Print prescription' }).count()).toBe(0);
    await page.getByRole('link', { name: /Prescriptions not printed/ }).waitFor({ state: 'detached' });
    await expectNoSeriousAccessibilityViolations(page);

    // This device's printer alignment, with a test page.
    await page.getByRole('link', { name: 'This device' }).first().click();
    await page.getByRole('link', { name: 'Align the printer for FP10SS forms' }).click();
    await page.getByLabel('Move right by (mm)').fill('1.5');
    await page.getByLabel('Move down by (mm)').fill('-2');
    await page.getByRole('button', { name: 'Save alignment' }).click();
    await page.getByText('Saved for this device.').waitFor();
    await expectNoSeriousAccessibilityViolations(page);
    const test = await downloadText(page, () => page.getByRole('button', { name: 'Print a test page' }).click());
    expect(test.name).toMatch(/\.pdf$/);
  });
});
