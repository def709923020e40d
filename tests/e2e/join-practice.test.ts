// Issue 3, requirement 3, end to end in real Chromium: device A sets up the practice and adds a
// colleague, then makes a join file; device B (another browser profile: another device) imports
// it with the one-time passphrase read off A's screen, and the colleague unlocks B with their own
// passphrase and finds the practice and its staff there.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateOneTimePassphrase } from '../../src/crypto/one-time-passphrase';
import { expectNoSeriousAccessibilityViolations } from './support/accessibility';
import { addStaff, GREEN_LANE, setUpDevice, unlockAs } from './support/app';
import { browserSuite } from './support/suite';

const COLLEAGUE = { name: 'Sam Jones', role: 'Nurse', passphrase: 'harbour violet moss' };

const suite = browserSuite();

describe('joining a practice', () => {
  it('moves the practice, its staff and their passphrases to a second device with a file and a one-time passphrase', async () => {
    const downloads = suite.scratchFolder();

    // Device A: the practice, a colleague, and a join file.
    const a = await suite.firstVisit();
    await setUpDevice(a.page);
    await addStaff(a.page, COLLEAGUE.name, COLLEAGUE.role, COLLEAGUE.passphrase);
    await a.page.getByRole('link', { name: 'This device' }).first().click();
    await a.page.getByRole('heading', { name: 'Add another device to this practice' }).waitFor();

    // Making the file takes the passphrase of whoever has unlocked.
    await a.page.getByLabel('Your passphrase').fill('not the passphrase');
    await a.page.getByRole('button', { name: 'Make a file for another device' }).click();
    await a.page.locator('#join-current-passphrase-error').getByText('That passphrase is not right.').waitFor();
    await expectNoSeriousAccessibilityViolations(a.page);

    await a.page.getByLabel('Your passphrase').fill(GREEN_LANE.passphrase);
    const downloading = a.page.waitForEvent('download');
    await a.page.getByRole('button', { name: 'Make a file for another device' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^lifeboat-join-\d{4}-\d{2}-\d{2}\.json$/);
    const file = join(downloads, download.suggestedFilename());
    await download.saveAs(file);
    const oneTimePassphrase = ((await a.page.getByTestId('join-passphrase').textContent()) ?? '').trim();
    expect(oneTimePassphrase).toMatch(/^([0-9A-Z]{4}-){3}[0-9A-Z]{4}$/);
    await expectNoSeriousAccessibilityViolations(a.page);
    // The file, which may sit in a downloads folder or on a USB stick, names nobody.
    const text = readFileSync(file, 'utf8');
    for (const clear of [GREEN_LANE.practiceName, 'Asha', 'Patel', COLLEAGUE.name, GREEN_LANE.gmcNumber, GREEN_LANE.deviceLabel]) expect(text).not.toContain(clear);
    await a.close();

    // Device B: a fresh browser profile, offered the join route on its setup screen.
    const b = await suite.firstVisit();
    await b.page.getByRole('heading', { name: 'Set up Lifeboat on this device' }).waitFor();
    await b.page.getByRole('button', { name: 'Join a practice that already uses Lifeboat instead' }).click();
    await b.page.getByRole('heading', { name: 'Join a practice that already uses Lifeboat' }).waitFor();
    await expectNoSeriousAccessibilityViolations(b.page);

    // Nothing chosen or typed: each field says what it needs.
    await b.page.getByRole('button', { name: 'Join the practice' }).click();
    await b.page.getByRole('alert').getByText('There is a problem').waitFor();
    expect(await b.page.locator('#join-file-error').textContent()).toContain('Choose the file made on the other device');
    await expectNoSeriousAccessibilityViolations(b.page);

    // A wrong one-time passphrase is refused, and nothing is saved.
    await b.page.getByLabel('The file from the other device').setInputFiles(file);
    await b.page.getByLabel('One-time passphrase').fill(generateOneTimePassphrase());
    await b.page.getByLabel('Name for this device').fill('Room 4 PC');
    await b.page.getByRole('button', { name: 'Join the practice' }).click();
    await b.page.locator('#join-one-time-passphrase-error').getByText('That one-time passphrase does not open this file.', { exact: false }).waitFor();
    await expectNoSeriousAccessibilityViolations(b.page);

    await b.page.getByLabel('One-time passphrase').fill(oneTimePassphrase.toLowerCase());
    await b.page.getByRole('button', { name: 'Join the practice' }).click();
    await b.page.getByRole('heading', { name: 'Lifeboat is locked' }).waitFor();
    await b.page.getByText('This device has joined the practice.').waitFor();
    await expectNoSeriousAccessibilityViolations(b.page);

    // The colleague unlocks B with the passphrase they chose on A.
    await unlockAs(b.page, `${COLLEAGUE.name} (${COLLEAGUE.role})`, COLLEAGUE.passphrase);
    await b.page.getByRole('heading', { level: 1, name: GREEN_LANE.practiceName }).waitFor();
    await b.page.getByRole('link', { name: 'Staff', exact: true }).first().click();
    await b.page.getByRole('cell', { name: `${GREEN_LANE.yourName} (GP)`, exact: true }).waitFor();
    await b.page.getByRole('cell', { name: `${COLLEAGUE.name} (${COLLEAGUE.role})`, exact: true }).waitFor();
    await b.page.getByRole('link', { name: 'This device' }).first().click();
    await b.page.getByText('Room 4 PC').first().waitFor();
    await b.page.getByRole('link', { name: 'Audit trail' }).first().click();
    expect(await b.page.getByTestId('audit-table').textContent()).toContain(`Room 4 PC joined ${GREEN_LANE.practiceName} with 2 staff, from a file made on ${GREEN_LANE.deviceLabel}`);
  });
});
