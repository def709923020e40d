// What a user does in the app, once for every engine: labels, buttons and visible text only.
// Keep the words in step with tests/e2e/support/app.ts, which drives the same screens in Chromium.
import { GREEN_LANE } from '../e2e/support/app';
import type { Engine } from './engine';

const { practiceName, yourName, passphrase } = GREEN_LANE;

const SETUP_HEADING = 'Set up Lifeboat on this device';
const LOCKED_HEADING = 'Lifeboat is locked';
const CURRENT_USER = `document.querySelector('[data-testid="current-user"]')`;

function shows(text: string): string {
  return `document.body.innerText.includes(${JSON.stringify(text)})`;
}

async function typeNewPassphrase(engine: Engine, label: string, value: string): Promise<void> {
  await engine.fill(label, value);
  await engine.fill('Type the passphrase again', value);
}

export async function waitForSetupScreen(engine: Engine): Promise<void> {
  await engine.waitForText(SETUP_HEADING, 20_000);
}

/** Waits until the header says who is using the device at which practice. */
async function expectSignedIn(engine: Engine): Promise<void> {
  await engine.waitUntil(`(${CURRENT_USER}?.innerText ?? '').includes(${JSON.stringify(yourName)}) && ${shows(practiceName)}`, `"${yourName}" signed in at "${practiceName}"`, 20_000);
}

/** First-run setup as a GP (GMC number, passphrase), then the recovery key kept. */
export async function setUpDevice(engine: Engine): Promise<void> {
  await engine.fill('Practice name', practiceName);
  await engine.fill('Your full name', yourName);
  await engine.select('Role', 'GP');
  await engine.fill('Professional registration number', GREEN_LANE.gmcNumber);
  await typeNewPassphrase(engine, 'Your passphrase', passphrase);
  await engine.fill('Name for this device', GREEN_LANE.deviceLabel);
  await engine.click('Start using Lifeboat');
  await engine.waitForText('Keep the recovery key safe');
  await engine.click('I have printed or written down the recovery key');
  await engine.click('Continue');
  await expectSignedIn(engine);
}

/**
 * After a restart the device opens locked. Waits until the app has read its storage and chosen a
 * screen: the setup screen means the data is gone, said at once rather than left to a timeout.
 * Otherwise unlocks and requires the practice and the user set up before.
 */
export async function unlockAfterRestart(engine: Engine): Promise<void> {
  await engine.waitUntil(`${shows(SETUP_HEADING)} || ${shows(LOCKED_HEADING)}`, `the app shows "${LOCKED_HEADING}"`, 20_000);
  if ((await engine.evaluate<boolean>(shows(SETUP_HEADING))) === true) {
    throw new Error(`the app opened on "${SETUP_HEADING}": the practice and the user saved before are gone`);
  }
  await engine.select('Who are you?', `${yourName} (GP)`);
  await engine.fill('Passphrase', passphrase);
  await engine.click('Unlock');
  await expectSignedIn(engine);
}

/** Adds a colleague from the Staff screen and waits until the staff list shows them. */
export async function addStaff(engine: Engine, name: string, role: string): Promise<void> {
  await engine.click('Staff');
  await engine.waitForText('Staff on this device');
  await engine.fill('Full name', name);
  await engine.select('Role', role);
  await typeNewPassphrase(engine, 'Their passphrase', 'lantern pebble fjord');
  await engine.click('Add to this device');
  await engine.waitForText(`${name} (${role})`);
}

/** A walk-in logged at reception, as in tests/e2e/reception.test.ts. */
export const WALK_IN = { first: 'Maisie', last: 'Wetherall', dob: '19/07/1984', reason: 'Sore throat for a week' };

export async function logWalkIn(engine: Engine): Promise<void> {
  await engine.click('Reception');
  await engine.waitForText('Reception queue');
  await engine.click('Log a walk-in or phone request');
  await engine.fill('First name', WALK_IN.first);
  await engine.fill('Last name', WALK_IN.last);
  await engine.fill('Date of birth', WALK_IN.dob);
  await engine.fill('Reason, in the patient’s words', WALK_IN.reason);
  await engine.click('Add to the queue');
  await engine.waitForText(`${WALK_IN.last.toUpperCase()}, ${WALK_IN.first}`);
}

/** The GP takes the walk-in; the consultation opens with the reason; typed, then signed. */
export async function typeAndSignConsultation(engine: Engine): Promise<void> {
  await engine.click('Take the next patient');
  await engine.waitUntil(
    `document.querySelector('#consultation-presentingComplaint')?.value === ${JSON.stringify(WALK_IN.reason)}`,
    'the consultation opened with the reason filled in',
    20_000,
  );
  await engine.fill('Allergies, as stated by the patient', 'No known allergies');
  await engine.fill('Assessment', 'Viral pharyngitis');
  await engine.waitForText('Saved ');
  await engine.click('Sign and lock');
  await engine.waitForText('Signed by');
}

/** After the crash: the signed consultation is listed and opens. */
export async function findSignedConsultation(engine: Engine): Promise<void> {
  await engine.click('Consultations');
  await engine.waitForText('1 consultation');
  await engine.click({ css: '[data-testid="consultation-list"] a' });
  await engine.waitForText('Viral pharyngitis');
  await engine.waitForText('Signed by');
}
