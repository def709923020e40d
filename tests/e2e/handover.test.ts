// Issue 6, requirement 6, end to end in real Chromium with two browser profiles (two devices that
// share no database): device A sets up the practice and makes a join file; device B joins with it.
// A logs a walk-in and hands it over: a QR code on screen and a file. B receives the file, sees who
// and what it adds, adds it, and finds the person in its queue; receiving the file again, or a photo
// of the code, adds nothing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectNoSeriousAccessibilityViolations } from './support/accessibility';
import { GREEN_LANE, setUpDevice, unlockAs } from './support/app';
import { browserSuite } from './support/suite';

const suite = browserSuite();

describe('handing a walk-in to another device', () => {
  it('moves a queue entry and its patient by file (and by a photo of the code), once', async () => {
    const downloads = suite.scratchFolder();

    // Device A: the practice, a join file for B.
    const a = await suite.firstVisit();
    await setUpDevice(a.page);
    await a.page.getByRole('link', { name: 'This device' }).first().click();
    await a.page.getByLabel('Your passphrase').fill(GREEN_LANE.passphrase);
    const joining = a.page.waitForEvent('download');
    await a.page.getByRole('button', { name: 'Make a file for another device' }).click();
    const joinDownload = await joining;
    const joinFile = join(downloads, joinDownload.suggestedFilename());
    await joinDownload.saveAs(joinFile);
    const oneTimePassphrase = ((await a.page.getByTestId('join-passphrase').textContent()) ?? '').trim();

    // A logs a walk-in and hands it over.
    await a.page.getByRole('link', { name: 'Reception', exact: true }).first().click();
    await a.page.getByRole('link', { name: 'Log a walk-in or phone request' }).click();
    await a.page.getByLabel('First name').fill('Cara');
    await a.page.getByLabel('Last name').fill('Lindqvist');
    await a.page.getByLabel('Date of birth').fill('29/02/1988');
    await a.page.getByLabel('Reason, in the patient’s words').fill('Rash on both arms');
    await a.page.getByRole('button', { name: 'Add to the queue' }).click();
    await a.page.getByTestId('queue').getByText('LINDQVIST, Cara').waitFor();
    await a.page.getByRole('link', { name: 'Hand over to another device (ticket 1)' }).click();
    await a.page.getByRole('heading', { name: 'Hand over to another device' }).waitFor();
    await a.page.getByText('Ticket 1:').waitFor();
    const code = a.page.getByTestId('handover-code');
    await code.waitFor();
    await expectNoSeriousAccessibilityViolations(a.page);
    const photo = join(downloads, 'photo-of-the-code.png');
    await code.screenshot({ path: photo });
    const downloading = a.page.waitForEvent('download');
    await a.page.getByRole('button', { name: 'Download as a file' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^lifeboat-handover-\d{4}-\d{2}-\d{2}-\d{4}\.json$/);
    const file = join(downloads, download.suggestedFilename());
    await download.saveAs(file);
    // The file may sit in a downloads folder: it names nobody and says nothing readable.
    const text = readFileSync(file, 'utf8');
    // Long enough that random ids and ciphertext cannot contain them by chance (a 4-digit year can).
    for (const clear of ['Lindqvist', '1988-02-29', '29/02/1988', 'Rash on both arms', GREEN_LANE.deviceLabel, GREEN_LANE.practiceName]) expect(text).not.toContain(clear);
    await a.close();

    // Device B joins the practice with A's join file; the GP unlocks it with their usual passphrase.
    const b = await suite.firstVisit();
    await b.page.getByRole('button', { name: 'Join a practice that already uses Lifeboat instead' }).click();
    await b.page.getByLabel('The file from the other device').setInputFiles(joinFile);
    await b.page.getByLabel('One-time passphrase').fill(oneTimePassphrase);
    await b.page.getByLabel('Name for this device').fill('Room 4 PC');
    await b.page.getByRole('button', { name: 'Join the practice' }).click();
    await b.page.getByRole('heading', { name: 'Lifeboat is locked' }).waitFor();
    await unlockAs(b.page, `${GREEN_LANE.yourName} (GP)`, GREEN_LANE.passphrase);

    // B receives the file: the preview names who and what, then it is added to B's queue.
    await b.page.getByRole('link', { name: 'Reception', exact: true }).first().click();
    await b.page.getByText('Nobody is waiting.').waitFor();
    await b.page.getByRole('link', { name: 'Receive from another device' }).click();
    await b.page.getByRole('heading', { name: 'Receive from another device' }).waitFor();
    await expectNoSeriousAccessibilityViolations(b.page);
    await b.page.getByLabel('Choose a hand-over file').setInputFiles(file);
    await b.page.getByRole('heading', { name: 'Check what the hand-over adds' }).waitFor();
    const preview = b.page.getByTestId('handover-preview');
    expect(await preview.textContent()).toContain('Cara LINDQVIST');
    expect(await preview.textContent()).toContain('29/02/1988');
    expect(await preview.textContent()).toContain('“Rash on both arms”');
    expect(await b.page.getByTestId('handover-entry-state').textContent()).toBe('New: will be added');
    expect(await b.page.getByTestId('handover-patient-state').textContent()).toBe('New: will be added');
    await b.page.getByText(`From ${GREEN_LANE.deviceLabel}`).waitFor();
    await expectNoSeriousAccessibilityViolations(b.page);
    await b.page.getByRole('button', { name: 'Add to this device’s queue' }).click();
    await b.page.getByRole('heading', { name: 'Reception queue' }).waitFor();
    const entries = b.page.getByTestId('queue-entry');
    await entries.first().getByText('1. LINDQVIST, Cara').waitFor();
    expect(await entries.count()).toBe(1);

    // The same file again: nothing to add.
    await b.page.getByRole('link', { name: 'Receive from another device' }).click();
    await b.page.getByLabel('Choose a hand-over file').setInputFiles(file);
    await b.page.getByText('Everything in this hand-over is already on this device: there is nothing to add.').waitFor();
    expect(await b.page.getByTestId('handover-entry-state').textContent()).toBe('Already on this device: nothing changes');
    expect(await b.page.getByRole('button', { name: 'Add to this device’s queue' }).count()).toBe(0);

    // A photo of A's code reads as the same hand-over: nothing to add either.
    await b.page.getByRole('button', { name: 'Choose another' }).click();
    await b.page.getByLabel('Choose a photo of the code').setInputFiles(photo);
    await b.page.getByText('Everything in this hand-over is already on this device: there is nothing to add.').waitFor();
    await b.page.getByRole('link', { name: 'Back to the queue' }).click();
    await entries.first().getByText('1. LINDQVIST, Cara').waitFor();
    expect(await entries.count()).toBe(1);
    await b.page.getByRole('link', { name: 'Audit trail' }).first().click();
    expect(await b.page.getByTestId('audit-table').textContent()).toContain(`Received ticket 1 from ${GREEN_LANE.deviceLabel}`);
  });
});
