// Issue 4, end to end in real Chromium: a patient is added, a consultation typed (no Save
// button), the whole browser killed without warning and relaunched with no server: what was typed
// is there. Then it is signed (read-only from then on), corrected by an addendum shown under the
// original, and saved as a PDF whose text is read back.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectNoSeriousAccessibilityViolations } from './support/accessibility';
import { GREEN_LANE, setUpDevice, unlockAs } from './support/app';
import { browserSuite } from './support/suite';
import { pdfText } from './support/pdf-text';

const suite = browserSuite();

const GP = `${GREEN_LANE.yourName} (GP)`;
const HISTORY = 'Three days of productive cough and fever. No haemoptysis. Non-smoker.';

describe('a consultation', () => {
  it('keeps what was typed through a crash, signs, refuses edits, takes an addendum and prints as PDF', async () => {
    const profile = suite.newProfile();
    let browser = await suite.firstVisit(profile);
    let page = browser.page;
    await setUpDevice(page);

    // Add the patient.
    await page.getByRole('link', { name: 'Patients', exact: true }).first().click();
    await page.getByRole('link', { name: 'Add a patient' }).click();
    await page.getByLabel('First name').fill('Maisie');
    await page.getByLabel('Last name').fill('Wetherall');
    await page.getByLabel('Date of birth').fill('19/07/1984');
    await page.getByLabel('Sex').selectOption({ label: 'Female' });
    await page.getByLabel('NHS number (optional)').fill('943 476 5919');
    await expectNoSeriousAccessibilityViolations(page);
    await page.getByRole('button', { name: 'Add patient' }).click();
    await page.getByTestId('patient-banner').getByText('WETHERALL, Maisie').waitFor();
    expect(await page.getByTestId('patient-banner').textContent()).toContain('943 476 5919');

    // Details are corrected in place (an address for a prescription), audited.
    await page.getByRole('link', { name: 'Change details' }).click();
    await page.getByLabel('Address (optional)').fill('4 Mill Lane, Little Snoring');
    await page.getByLabel('Postcode (optional)').fill('nr21 0ab');
    await expectNoSeriousAccessibilityViolations(page);
    await page.getByRole('button', { name: 'Save the patient’s details' }).click();
    await page.getByTestId('patient-banner').getByText('NR21 0AB').waitFor();

    // Type the consultation as a GP would: key by key, no Save button anywhere.
    await page.getByRole('button', { name: 'Start a consultation' }).click();
    await page.getByLabel('Presenting complaint').pressSequentially('Cough and fever');
    await page.getByLabel('History').pressSequentially(HISTORY);
    await page.getByLabel('Pulse (bpm)').fill('112');
    await page.getByLabel('Temperature (°C)').fill('38.9');
    expect(await page.getByRole('button', { name: /^Save/ }).count()).toBe(0);
    await page.getByTestId('save-status').getByText(/^Saved \d\d:\d\d:\d\d$/).waitFor();
    await expectNoSeriousAccessibilityViolations(page);
    await page.waitForTimeout(1000);
    await browser.crash();

    // Relaunch with no server: the draft is there, exactly as typed.
    await suite.server.stop();
    browser = await suite.open(profile);
    page = browser.page;
    await page.goto(new URL('/consultations?view=drafts', suite.server.url).toString());
    await unlockAs(page, GP, GREEN_LANE.passphrase);
    await page.getByTestId('consultation-list').getByRole('link').first().click();
    expect(await page.getByLabel('Presenting complaint').inputValue()).toBe('Cough and fever');
    expect(await page.getByLabel('History').inputValue()).toBe(HISTORY);
    expect(await page.getByLabel('Pulse (bpm)').inputValue()).toBe('112');
    expect(await page.getByLabel('Temperature (°C)').inputValue()).toBe('38.9');

    // Signing checks what is missing, beside the field.
    await page.getByRole('button', { name: 'Sign and lock' }).click();
    await page.locator('#consultation-allergies-error').waitFor();
    await page.getByLabel('Allergies, as stated by the patient').fill('No known allergies');
    await page.getByLabel('Assessment').fill('Community-acquired pneumonia, CRB-65 score 0');
    await page.getByLabel('Plan').fill('Amoxicillin 500 mg three times a day for 5 days');
    await page.getByRole('button', { name: 'Sign and lock' }).click();
    const record = page.getByTestId('signed-record');
    await record.getByText(/^Signed by Dr Asha Patel \(GP\)/).waitFor();

    // Signed means read-only: no field of the record can be typed into any more.
    expect(await page.getByLabel('History').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Sign and lock' }).count()).toBe(0);
    expect(await record.textContent()).toContain(HISTORY);
    await expectNoSeriousAccessibilityViolations(page);

    // A correction is an addendum, under the original, which stays as it was.
    await page.getByLabel('Why are you adding to the record?').fill('Dose corrected');
    await page.getByLabel('Addendum', { exact: true }).fill('Amoxicillin dose should read 500 mg three times a day for 7 days.');
    await page.getByRole('button', { name: 'Add addendum' }).click();
    await record.getByText('Amoxicillin dose should read 500 mg three times a day for 7 days.').waitFor();
    expect(await record.textContent()).toContain('Amoxicillin 500 mg three times a day for 5 days');

    // The PDF: real text, read back.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download PDF' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^lifeboat-consultation-[0-9a-f]{8}\.pdf$/);
    // Whitespace collapsed: a reader splits text into runs where the PDF wraps its lines.
    const text = (await pdfText(readFileSync((await file.path()) ?? ''))).replace(/\s+/g, ' ');
    expect(text).toContain('Wetherall');
    expect(text).toContain('943 476 5919');
    expect(text).toContain(HISTORY);
    expect(text).toContain('Dose corrected');
    expect(text).toContain('Recorded in Lifeboat during a clinical system outage');

    // The record's history: created, edited, signed, viewed, addendum, printed.
    await page.getByText('History of this record').click();
    const history = await page.getByTestId('record-history').textContent();
    for (const action of ['Created', 'Edited the draft', 'Signed', 'Addendum', 'Printed']) expect(history).toContain(action);
  });
});
