// Steps in the app that many browser tests share, done as a user does them: labels and buttons.
import type { Page } from 'playwright-core';

export interface SetupAnswers {
  practiceName: string;
  yourName: string;
  gmcNumber: string;
  passphrase: string;
  deviceLabel: string;
}

export const GREEN_LANE: SetupAnswers = {
  practiceName: 'Green Lane Surgery',
  yourName: 'Dr Asha Patel',
  gmcNumber: '7654321',
  passphrase: 'kettle orbit tulip',
  deviceLabel: 'Room 3 laptop',
};

/** The setup form's fields, as a GP fills them. */
export async function fillSetupForm(page: Page, answers: SetupAnswers = GREEN_LANE): Promise<void> {
  await page.getByLabel('Practice name').fill(answers.practiceName);
  await page.getByLabel('Your full name').fill(answers.yourName);
  await page.getByLabel('Role').selectOption({ label: 'GP' });
  await page.getByLabel('Professional registration number').fill(answers.gmcNumber);
  await page.getByLabel('Your passphrase').fill(answers.passphrase);
  await page.getByLabel('Type the passphrase again').fill(answers.passphrase);
  await page.getByLabel('Name for this device').fill(answers.deviceLabel);
}

/** After the setup form: reads the recovery key shown, confirms it is kept, continues. */
export async function keepRecoveryKey(page: Page): Promise<string> {
  const key = (await page.getByTestId('recovery-key').textContent())?.trim() ?? '';
  await page.getByLabel('I have printed or written down the recovery key').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  return key;
}

/** First-run setup as a GP: practice name, own details (GMC number, passphrase), device name. Returns the recovery key. */
export async function setUpDevice(page: Page, answers: SetupAnswers = GREEN_LANE): Promise<string> {
  await fillSetupForm(page, answers);
  await page.getByRole('button', { name: 'Start using Lifeboat' }).click();
  const recoveryKey = await keepRecoveryKey(page);
  await page.getByTestId('current-user').getByText(answers.yourName).waitFor();
  return recoveryKey;
}

/** On the lock screen (or Switch user): choose the name, type the passphrase. */
export async function unlockAs(page: Page, name: string, passphrase: string, button = 'Unlock'): Promise<void> {
  await page.getByLabel('Who are you?').selectOption({ label: name });
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await page.getByRole('button', { name: button, exact: true }).click();
  await page.getByTestId('current-user').getByText(name).waitFor();
}

/** Adds a colleague from the Staff screen. */
export async function addStaff(page: Page, name: string, role: string, passphrase: string, prescriber?: { registration: string; kind: string }): Promise<void> {
  await page.getByRole('link', { name: 'Staff', exact: true }).first().click();
  await page.getByRole('heading', { name: 'Staff on this device' }).waitFor();
  await page.getByLabel('Full name').fill(name);
  await page.getByLabel('Role').selectOption({ label: role });
  if (prescriber !== undefined) {
    await page.getByLabel('Prescribes medicines').check();
    await page.getByLabel('Professional registration number').fill(prescriber.registration);
    await page.getByLabel('Kind of prescriber').selectOption({ label: prescriber.kind });
  }
  await page.getByLabel('Their passphrase').fill(passphrase);
  await page.getByLabel('Type the passphrase again').fill(passphrase);
  await page.getByRole('button', { name: 'Add to this device' }).click();
  await page.getByRole('cell', { name: `${name} (${role})`, exact: true }).waitFor();
}

export interface NewPatient {
  firstName: string;
  lastName: string;
  /** As typed: DD/MM/YYYY. */
  dateOfBirth: string;
  sex?: string;
  nhsNumber?: string;
  address?: string;
  postcode?: string;
}

/** Adds a patient from the Patients screen and waits for their record's banner. */
export async function addPatient(page: Page, patient: NewPatient): Promise<void> {
  await page.getByRole('link', { name: 'Patients', exact: true }).first().click();
  await page.getByRole('link', { name: 'Add a patient' }).click();
  await page.getByLabel('First name').fill(patient.firstName);
  await page.getByLabel('Last name').fill(patient.lastName);
  await page.getByLabel('Date of birth').fill(patient.dateOfBirth);
  await page.getByLabel('Sex').selectOption({ label: patient.sex ?? 'Female' });
  if (patient.nhsNumber !== undefined) await page.getByLabel('NHS number (optional)').fill(patient.nhsNumber);
  if (patient.address !== undefined) await page.getByLabel('Address (optional)').fill(patient.address);
  if (patient.postcode !== undefined) await page.getByLabel('Postcode (optional)').fill(patient.postcode);
  await page.getByRole('button', { name: 'Add patient' }).click();
  await page.getByTestId('patient-banner').getByText(`${patient.lastName.toUpperCase()}, ${patient.firstName}`).waitFor();
}
