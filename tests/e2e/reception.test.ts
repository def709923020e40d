// Issue 6, end to end in real Chromium, offline after the first visit: five walk-ins logged, one
// with a red flag that shows its instruction at once and tops the queue; a clinician takes a
// patient and the consultation opens with their details and reason; statuses and times show in
// the queue and the audit trail. Also measures the keystrokes and time to log a walk-in.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectNoSeriousAccessibilityViolations } from './support/accessibility';
import { GREEN_LANE, setUpDevice, unlockAs } from './support/app';
import { browserSuite } from './support/suite';

const suite = browserSuite();

/** Logs a walk-in with the keyboard only, as a receptionist would; returns keys pressed and ms taken. */
async function logWalkInByKeyboard(page: Page, person: { first: string; last: string; dob: string; reason: string }): Promise<{ keys: number; ms: number }> {
  const started = Date.now();
  let keys = 0;
  const type = async (text: string) => {
    await page.keyboard.type(text);
    keys += text.length;
  };
  const press = async (key: string) => {
    await page.keyboard.press(key);
    keys += 1;
  };
  await page.getByRole('link', { name: 'Log a walk-in or phone request' }).click();
  await page.getByLabel('First name').focus(); // one tap on the first field
  await type(person.first);
  await press('Tab');
  await type(person.last);
  await press('Tab');
  await type(person.dob);
  await page.getByLabel('Reason, in the patient’s words').focus(); // one tap past the optional fields
  await type(person.reason);
  await press('Tab'); // arrival time: now, already filled
  await press('Tab');
  await press('Enter'); // Add to the queue
  await page.getByRole('heading', { name: 'Reception queue' }).waitFor();
  await page.getByTestId('queue').getByText(`${person.last.toUpperCase()}, ${person.first}`).waitFor();
  return { keys, ms: Date.now() - started };
}

describe('reception', () => {
  it('logs walk-ins, puts a red flag on top with its instruction, and hands a patient to a clinician', async () => {
    const profile = suite.newProfile();
    let browser = await suite.firstVisit(profile);
    let page = browser.page;
    await setUpDevice(page);
    await browser.close();

    // Offline from here on.
    await suite.server.stop();
    browser = await suite.open(profile);
    page = browser.page;
    await page.goto(new URL('/reception', suite.server.url).toString());
    await unlockAs(page, `${GREEN_LANE.yourName} (GP)`, GREEN_LANE.passphrase);
    await page.getByRole('heading', { name: 'Reception queue' }).waitFor();
    await expectNoSeriousAccessibilityViolations(page);

    const people = [
      { first: 'Ada', last: 'Okafor', dob: '03/04/1950', reason: 'Repeat of blood pressure tablets' },
      { first: 'Ben', last: 'Hughes', dob: '11/11/2015', reason: 'Earache since yesterday' },
      { first: 'Cara', last: 'Lindqvist', dob: '29/02/1988', reason: 'Rash on both arms' },
      { first: 'Dev', last: 'Raman', dob: '17/08/1972', reason: 'Back pain after lifting' },
    ];
    const timings: { keys: number; ms: number }[] = [];
    for (const person of people) timings.push(await logWalkInByKeyboard(page, person));

    // The fifth has chest pain: the instruction shows at once, before saving.
    await page.getByRole('link', { name: 'Log a walk-in or phone request' }).click();
    await page.getByLabel('Chest pain').check();
    const alert = page.getByTestId('red-flag-alert');
    await alert.getByText('Call 999 now').first().waitFor();
    await expectNoSeriousAccessibilityViolations(page);
    await page.getByLabel('First name').fill('Eamon');
    await page.getByLabel('Last name').fill('Byrne');
    await page.getByLabel('Date of birth').fill('05/06/1961');
    await page.getByLabel('Reason, in the patient’s words').fill('Tight chest walking here');
    await page.getByRole('button', { name: 'Add to the queue' }).click();

    // The red flag tops the queue, with its instruction; the others follow in order of arrival.
    const entries = page.getByTestId('queue-entry');
    await entries.first().getByText('BYRNE, Eamon').waitFor();
    expect(await entries.first().textContent()).toContain('Call 999 now');
    const order = await entries.evaluateAll((els) => els.map((el) => el.querySelector('h3')?.textContent ?? ''));
    expect(order.map((t) => t.replace(/^Urgent\s*/, '').trim())).toEqual(['5. BYRNE, Eamon', '1. OKAFOR, Ada', '2. HUGHES, Ben', '3. LINDQVIST, Cara', '4. RAMAN, Dev']);
    expect(await page.getByTestId('day-numbers').textContent()).toMatch(/Waiting now\s*5.*Red flags today\s*1/);
    await expectNoSeriousAccessibilityViolations(page);

    // The waiting-room screen shows tickets and initials, never names.
    await page.getByRole('link', { name: 'Waiting-room screen' }).click();
    await page.getByTestId('waiting-room').getByRole('cell', { name: 'EB', exact: true }).waitFor();
    const board = await page.getByTestId('waiting-room').textContent();
    expect(board).toContain('EB');
    expect(board).not.toMatch(/Byrne|Okafor|Hughes/i);
    await page.goBack();

    // Reception calls Ada; then the GP takes her: the consultation opens pre-filled.
    await page.getByRole('button', { name: 'Call ticket 1' }).click();
    await entries.nth(1).getByText('Called').waitFor();
    await page.getByRole('button', { name: 'Take ticket 1' }).click();
    await page.getByTestId('patient-banner').getByText('OKAFOR, Ada').waitFor();
    expect(await page.getByLabel('Presenting complaint').inputValue()).toBe('Repeat of blood pressure tablets');

    // The queue shows who has her; Ben is redirected to the pharmacy.
    await page.getByRole('link', { name: 'Reception', exact: true }).click();
    await page.getByTestId('queue').getByText(`With clinician with ${GREEN_LANE.yourName} (GP)`).waitFor();
    await page.getByLabel('Redirect ticket 2 to').selectOption({ label: 'Pharmacy' });
    await page.getByRole('button', { name: 'Redirect' }).nth(2).click();
    await page.getByText(/2\. HUGHES, Ben · Redirected to Pharmacy/).waitFor();

    // The audit trail has every step, timed and attributed.
    await page.getByRole('link', { name: 'Audit trail' }).first().click();
    const audit = await page.getByTestId('audit-table').textContent();
    expect(audit).toContain('Logged a walk-in for Eamon Byrne with a red flag');
    expect(audit).toContain('Ticket 1: Called');
    expect(audit).toContain('Ticket 1: With clinician');
    expect(audit).toContain('Ticket 2: Redirected');

    const keys = timings.map((t) => t.keys);
    const ms = timings.map((t) => t.ms).sort((a, b) => a - b);
    console.log(`Logging a walk-in by keyboard: ${Math.min(...keys)}-${Math.max(...keys)} keystrokes (2 taps), median ${ms[Math.floor(ms.length / 2)]} ms through the UI (automated typing)`);
  });
});
