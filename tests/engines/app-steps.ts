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

/**
 * The walk-in's patient, as in tests/e2e/reception.test.ts, with the address and postcode a
 * prescription needs. A patient created at the reception desk has no address, and no screen adds
 * one later, so the patient is added first and reception finds them on the device.
 */
export const WALK_IN = {
  first: 'Maisie',
  last: 'Wetherall',
  dob: '19/07/1984',
  sex: 'Female',
  address: '7 Tannery Yard, Leeds',
  postcode: 'LS6 3BB',
  reason: 'Sore throat for a week',
};
const WALK_IN_LIST_NAME = `${WALK_IN.last.toUpperCase()}, ${WALK_IN.first}`;

export async function addWalkInPatient(engine: Engine): Promise<void> {
  await engine.click('Patients');
  await engine.click('Add a patient');
  await engine.fill('First name', WALK_IN.first);
  await engine.fill('Last name', WALK_IN.last);
  await engine.fill('Date of birth', WALK_IN.dob);
  await engine.select('Sex', WALK_IN.sex);
  await engine.fill('Address (optional)', WALK_IN.address);
  await engine.fill('Postcode (optional)', WALK_IN.postcode);
  await engine.click('Add patient');
  await engine.waitUntil(
    `(document.querySelector('[data-testid="patient-banner"]')?.innerText ?? '').includes(${JSON.stringify(WALK_IN_LIST_NAME)})`,
    `the patient record of ${WALK_IN_LIST_NAME} opened`,
  );
}

/** A walk-in logged at reception for the patient added before, found by name. */
export async function logWalkIn(engine: Engine): Promise<void> {
  await engine.click('Reception');
  await engine.waitForText('Reception queue');
  await engine.click('Log a walk-in or phone request');
  await engine.fill('Already on this device? Find them', WALK_IN.last);
  await engine.click(`Use ${WALK_IN_LIST_NAME}`);
  await engine.fill('Reason, in the patient’s words', WALK_IN.reason);
  await engine.click('Add to the queue');
  await engine.waitForText(WALK_IN_LIST_NAME);
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

/** The practice address and phone, which every prescription carries, as in tests/e2e/prescription.test.ts. */
const PRACTICE = { address: '12 Green Lane, Leeds', postcode: 'LS6 2AB', phone: '0113 496 0000' };

/** One simple, non-controlled item, printed on plain paper: no FP10SS serial needed. */
export const PRESCRIBED = { medicine: 'Amoxicillin', strength: '500 mg', form: 'capsules', dose: 'One capsule three times a day', quantity: '15', unit: 'capsules', days: '5' };

const PRINTED_NOTE = 'Printed: this prescription cannot be changed';

async function addPracticeAddress(engine: Engine): Promise<void> {
  await engine.click('Home');
  await engine.click('Add the practice address and phone');
  await engine.fill('Address', PRACTICE.address);
  await engine.fill('Postcode', PRACTICE.postcode);
  await engine.fill('Phone', PRACTICE.phone);
  await engine.click('Save practice details');
  await engine.waitForText('Practice details saved');
}

/**
 * The practice address added, then from the signed consultation a prescription written and
 * printed on plain paper. Printing makes the PDF (jsPDF, loaded only now: from the cache, offline)
 * before it records the print, then hands the PDF to the browser as a download, which no engine
 * here asks about. The app saying "Printed" is the proof; the downloaded file is not read.
 */
export async function printPrescription(engine: Engine): Promise<void> {
  await addPracticeAddress(engine);
  await engine.click('Consultations');
  await engine.click({ css: '[data-testid="consultation-list"] a' });
  await engine.waitForText('Signed by');
  await engine.click('Prescribe');
  await engine.fill('Medicine name', PRESCRIBED.medicine);
  await engine.fill('Strength', PRESCRIBED.strength);
  await engine.fill('Form', PRESCRIBED.form);
  await engine.fill('Dose and directions', PRESCRIBED.dose);
  await engine.fill('Quantity', PRESCRIBED.quantity);
  await engine.select('Unit', PRESCRIBED.unit);
  await engine.fill('Days’ treatment', PRESCRIBED.days);
  // The consultation recorded the allergies (copied here), not the current medicines.
  await engine.select('Current medicines', 'Not known (could not be checked)');
  await engine.click('Plain paper: a record copy, not valid for dispensing');
  await engine.click('Print prescription');
  await engine.waitUntil(
    `document.body.innerText.includes(${JSON.stringify(PRINTED_NOTE)}) || [...document.querySelectorAll('.nhsuk-error-message')].map((e) => e.innerText).join(' ')`,
    'the prescription is shown as printed',
    30_000,
  );
  const text = await engine.text();
  if (!text.includes(PRINTED_NOTE)) throw new Error(`printing was refused: ${text.slice(0, 800)}`);
}

/** After the crash: the prescription is in the Prescriptions list, marked printed. */
export async function findPrintedPrescription(engine: Engine): Promise<void> {
  await engine.click('Prescriptions');
  const item = `${PRESCRIBED.medicine} ${PRESCRIBED.strength}`;
  await engine.waitUntil(
    `[...document.querySelectorAll('[data-testid="prescription-list"] tbody tr')].some((row) => row.innerText.includes(${JSON.stringify(item)}) && row.innerText.includes('Printed'))`,
    `the Prescriptions list shows "${item}" as printed`,
  );
}
