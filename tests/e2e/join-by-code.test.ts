// Issue 3, requirement 3, the QR route, end to end in real Chromium: device A shows a join code;
// the test photographs it (a screenshot of the code to a PNG); device B, another browser profile,
// chooses that photo, types the one-time passphrase read off A's screen, chooses who is joining,
// sets their passphrase for B, and is in the practice. Then they give the GP a passphrase on B.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateOneTimePassphrase } from '../../src/crypto/one-time-passphrase';
import { expectNoSeriousAccessibilityViolations } from './support/accessibility';
import { addStaff, GREEN_LANE, setUpDevice, unlockAs } from './support/app';
import { browserSuite } from './support/suite';

const COLLEAGUE = { name: 'Sam Jones', role: 'Nurse', passphrase: 'harbour violet moss', onB: 'copper lantern meadow' };

const suite = browserSuite();

describe('joining a practice by a code', () => {
  it('moves the practice and its staff to a second device through a photo of the code and a one-time passphrase', async () => {
    const photos = suite.scratchFolder();
    const photo = join(photos, 'code.png');

    // Device A: the practice, a colleague, and a code on screen.
    const a = await suite.firstVisit();
    await setUpDevice(a.page);
    await addStaff(a.page, COLLEAGUE.name, COLLEAGUE.role, COLLEAGUE.passphrase);
    await a.page.getByRole('link', { name: 'This device' }).first().click();
    await a.page.getByRole('heading', { name: 'Add another device to this practice' }).waitFor();
    await a.page.getByLabel('Your passphrase').fill(GREEN_LANE.passphrase);
    await a.page.getByRole('button', { name: 'Show a code to scan' }).click();
    const code = a.page.getByTestId('join-code');
    await code.waitFor();
    await code.screenshot({ path: photo });
    const oneTimePassphrase = ((await a.page.getByTestId('join-code-passphrase').textContent()) ?? '').trim();
    expect(oneTimePassphrase).toMatch(/^([0-9A-Z]{4}-){3}[0-9A-Z]{4}$/);
    await expectNoSeriousAccessibilityViolations(a.page);
    // Done hides the code and the passphrase.
    await a.page.getByRole('button', { name: 'Done: hide the code' }).click();
    expect(await a.page.getByTestId('join-code').count()).toBe(0);
    expect(await a.page.getByText(oneTimePassphrase).count()).toBe(0);
    await a.close();

    // Device B: a fresh profile, offered the code route on its setup screen.
    const b = await suite.firstVisit();
    await b.page.getByRole('heading', { name: 'Set up Lifeboat on this device' }).waitFor();
    await b.page.getByRole('button', { name: 'Scan a code from a device already set up' }).click();
    await b.page.getByRole('heading', { name: 'Scan a code from a device already set up' }).waitFor();
    await expectNoSeriousAccessibilityViolations(b.page);

    await b.page.getByLabel('Choose a photo of the code').setInputFiles(photo);
    await b.page.getByText('Lifeboat has read the code.').waitFor();
    // A wrong one-time passphrase is refused.
    await b.page.getByLabel('One-time passphrase').fill(generateOneTimePassphrase());
    await b.page.getByRole('button', { name: 'Open the code' }).click();
    await b.page.locator('#join-code-one-time-passphrase-error').getByText('That one-time passphrase does not open this code.', { exact: false }).waitFor();
    await expectNoSeriousAccessibilityViolations(b.page);

    await b.page.getByLabel('One-time passphrase').fill(oneTimePassphrase.toLowerCase());
    await b.page.getByRole('button', { name: 'Open the code' }).click();
    await b.page.getByText(`The code opened: ${GREEN_LANE.practiceName}, 2 staff, shown on ${GREEN_LANE.deviceLabel}.`).waitFor();
    await expectNoSeriousAccessibilityViolations(b.page);

    await b.page.getByLabel('Who are you?').selectOption({ label: `${COLLEAGUE.name} (${COLLEAGUE.role})` });
    await b.page.getByLabel('Your passphrase for this device').fill(COLLEAGUE.onB);
    await b.page.getByLabel('Type the passphrase again').fill(COLLEAGUE.onB);
    await b.page.getByLabel('Name for this device').fill('Room 4 PC');
    await b.page.getByRole('button', { name: 'Join the practice' }).click();
    await b.page.getByRole('heading', { level: 1, name: GREEN_LANE.practiceName }).waitFor();

    // The staff list came across; the GP has no passphrase on B yet, and is given one.
    await b.page.getByRole('link', { name: 'Staff', exact: true }).first().click();
    await b.page.getByRole('cell', { name: `${GREEN_LANE.yourName} (GP)`, exact: true }).waitFor();
    await b.page.getByRole('cell', { name: `${COLLEAGUE.name} (${COLLEAGUE.role})`, exact: true }).waitFor();
    await b.page.getByText('No passphrase yet').waitFor();
    await expectNoSeriousAccessibilityViolations(b.page);
    await b.page.getByRole('button', { name: 'Set their passphrase' }).click();
    await b.page.getByLabel(`${GREEN_LANE.yourName} (GP)’s passphrase`).fill(GREEN_LANE.passphrase);
    await b.page.getByLabel('Type it again').fill(GREEN_LANE.passphrase);
    await expectNoSeriousAccessibilityViolations(b.page);
    await b.page.getByRole('button', { name: 'Save their passphrase' }).click();
    await b.page.getByText('No passphrase yet').waitFor({ state: 'detached' });
    expect(await b.page.getByRole('button', { name: 'Set their passphrase' }).count()).toBe(0);

    // The GP unlocks B with that passphrase; the audit trail says how B joined.
    await b.page.getByRole('button', { name: 'Lock' }).first().click();
    await unlockAs(b.page, `${GREEN_LANE.yourName} (GP)`, GREEN_LANE.passphrase);
    await b.page.getByRole('link', { name: 'Audit trail' }).first().click();
    expect(await b.page.getByTestId('audit-table').textContent()).toContain(`Room 4 PC joined ${GREEN_LANE.practiceName} with 2 staff, from a code shown on ${GREEN_LANE.deviceLabel}`);
  });
});
