// Issue 3: nothing identifying reaches the disk in clear. A practice with a distinctive name and
// address and a colleague with a distinctive registration number are set up, the browser is
// closed, and every file of the profile is searched for them (as UTF-8/Latin-1 and as UTF-16). A
// control string written to IndexedDB without Lifeboat's encryption must be found, which proves
// the scan can fail. Staff names are not searched for: the lock screen lists who can unlock, so
// each key slot keeps its owner's name in clear, by design (docs/clinical-safety.md, H12).
// When patients and consultations land, their names, NHS numbers and phrases join the needles.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectNoSeriousAccessibilityViolations } from './support/accessibility';
import { addPatient, addStaff, setUpDevice, unlockAs, type SetupAnswers } from './support/app';
import { browserSuite } from './support/suite';

const QUILLFEATHER: SetupAnswers = {
  practiceName: 'Quillfeather Vale Surgery',
  yourName: 'Dr Zebedee Marchbanks',
  gmcNumber: '7123456',
  passphrase: 'copper lantern meadow',
  deviceLabel: 'Consulting room 2',
};
const COLLEAGUE = 'Philomena Ashgrove-Tuttle';
const CONTROL = 'UnencryptedControlMarker';

const suite = browserSuite();

/** Every file under `dir`, with the names found in it (as UTF-8/Latin-1 bytes or UTF-16LE). */
function scanProfile(dir: string, needles: string[]): Map<string, string[]> {
  const hits = new Map<string, string[]>();
  const patterns = needles.map((n) => ({ needle: n, utf8: Buffer.from(n, 'utf8'), utf16: Buffer.from(n, 'utf16le') }));
  const walk = (path: string) => {
    for (const entry of readdirSync(path)) {
      const full = join(path, entry);
      const info = statSync(full, { throwIfNoEntry: false });
      if (!info) continue;
      if (info.isDirectory()) walk(full);
      else if (info.isFile()) {
        const bytes = readFileSync(full);
        for (const p of patterns) {
          if (bytes.includes(p.utf8) || bytes.includes(p.utf16)) hits.set(p.needle, [...(hits.get(p.needle) ?? []), full.slice(dir.length)]);
        }
      }
    }
  };
  walk(dir);
  return hits;
}

describe('encryption at rest', () => {
  it('leaves no patient, NHS number, consultation phrase, practice address or registration number anywhere in the browser profile, while an unencrypted control is found', async () => {
    const profile = suite.newProfile();
    const browser = await suite.firstVisit(profile);
    const { page } = browser;
    await setUpDevice(page, QUILLFEATHER);
    await addStaff(page, COLLEAGUE, 'Nurse', 'saffron gravel island', { registration: '98Z7654Q', kind: 'Nurse independent prescriber' });
    await page.getByRole('link', { name: 'Home', exact: true }).click();
    await page.getByRole('link', { name: 'Practice details' }).click();
    await page.getByLabel('Address').fill('17 Wombleton Crescent\nLittle Snoring');
    await page.getByLabel('Postcode').fill('NR21 0AA');
    await page.getByRole('button', { name: 'Save practice details' }).click();
    await page.getByText('Practice details saved').waitFor();

    // A patient with a distinctive name and NHS number, and a consultation with a distinctive phrase.
    await addPatient(page, { firstName: 'Ottoline', lastName: 'Fairweather-Quince', dateOfBirth: '03/09/1957', nhsNumber: '401 023 2137' });
    await page.getByRole('button', { name: 'Start a consultation' }).click();
    await page.getByLabel('History').pressSequentially('Marmalade-coloured xanthelasma noted');
    await page.getByTestId('save-status').getByText(/^Saved /).waitFor();

    // Nothing identifying in the URL, the title, or web storage.
    expect(page.url()).not.toContain('Quillfeather');
    expect(await page.title()).not.toMatch(/Quillfeather|Marchbanks|Philomena/);
    expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0);

    // The control: the same browser, the same disk, a string written without encryption.
    await page.evaluate(
      (control) =>
        new Promise<void>((resolve, reject) => {
          const request = indexedDB.open('disk-scan-control', 1);
          request.onupgradeneeded = () => request.result.createObjectStore('notes');
          request.onerror = () => reject(request.error);
          request.onsuccess = () => {
            const tx = request.result.transaction('notes', 'readwrite', { durability: 'strict' });
            tx.objectStore('notes').put({ text: `${control} ${control}` }, 1);
            tx.oncomplete = () => resolve();
            tx.onerror = () => reject(tx.error);
          };
        }),
      CONTROL,
    );
    await browser.close();

    const hits = scanProfile(profile.dir, ['Quillfeather', 'Wombleton', 'Snoring', '98Z7654Q', 'Ottoline', 'Fairweather', '4010232137', '401 023 2137', 'Marmalade', 'xanthelasma', CONTROL]);
    expect(hits.get(CONTROL)?.length ?? 0, 'the control string must be found, or the scan proves nothing').toBeGreaterThan(0);
    hits.delete(CONTROL);
    expect(Object.fromEntries(hits)).toEqual({});
  });

  it('locks on request, shows nothing of the practice while locked, and unlocks with the passphrase', async () => {
    const { page } = await suite.firstVisit();
    await setUpDevice(page, QUILLFEATHER);

    await page.getByRole('button', { name: 'Lock' }).click();
    await page.getByRole('heading', { name: 'Lifeboat is locked' }).waitFor();
    const locked = await page.locator('body').innerText();
    expect(locked).not.toContain('Quillfeather');
    await expectNoSeriousAccessibilityViolations(page);

    // A wrong passphrase is refused, and nothing opens.
    await page.getByLabel('Who are you?').selectOption({ label: `${QUILLFEATHER.yourName} (GP)` });
    await page.getByLabel('Passphrase', { exact: true }).fill('not my passphrase');
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await page.locator('#unlock-passphrase-error').getByText('That passphrase is not right').waitFor();
    expect(await page.locator('body').innerText()).not.toContain('Quillfeather');

    await unlockAs(page, `${QUILLFEATHER.yourName} (GP)`, QUILLFEATHER.passphrase);
    await page.getByRole('heading', { level: 1, name: QUILLFEATHER.practiceName }).waitFor();
  });

  it('sets a new passphrase with the recovery key when the old one is forgotten', async () => {
    const { page } = await suite.firstVisit();
    const recoveryKey = await setUpDevice(page, QUILLFEATHER);
    await page.getByRole('button', { name: 'Lock' }).click();

    await page.getByText('Forgotten your passphrase?').click();
    await page.getByRole('button', { name: 'Use the recovery key' }).click();
    await page.getByLabel('Who are you?').selectOption({ label: `${QUILLFEATHER.yourName} (GP)` });
    await page.getByLabel('Recovery key').fill(recoveryKey.toLowerCase().replace(/-/g, ' '));
    await page.getByLabel('Your new passphrase').fill('brand new passphrase');
    await page.getByLabel('Type the passphrase again').fill('brand new passphrase');
    await page.getByRole('button', { name: 'Set new passphrase and unlock' }).click();
    await page.getByRole('heading', { level: 1, name: QUILLFEATHER.practiceName }).waitFor();

    // The old passphrase no longer opens the device; the new one does.
    await page.getByRole('button', { name: 'Lock' }).click();
    await page.getByLabel('Who are you?').selectOption({ label: `${QUILLFEATHER.yourName} (GP)` });
    await page.getByLabel('Passphrase', { exact: true }).fill(QUILLFEATHER.passphrase);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await page.locator('#unlock-passphrase-error').waitFor();
    await unlockAs(page, `${QUILLFEATHER.yourName} (GP)`, 'brand new passphrase');
  });
});
