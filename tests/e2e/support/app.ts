// Steps in the app that many browser tests share, done as a user does them: labels and buttons.
import type { Page } from 'playwright-core';

export interface SetupAnswers {
  practiceName: string;
  yourName: string;
  gmcNumber: string;
  deviceLabel: string;
}

export const GREEN_LANE: SetupAnswers = {
  practiceName: 'Green Lane Surgery',
  yourName: 'Dr Asha Patel',
  gmcNumber: '7654321',
  deviceLabel: 'Room 3 laptop',
};

/** First-run setup as a GP: practice name, own details (GMC number), device name. */
export async function setUpDevice(page: Page, answers: SetupAnswers = GREEN_LANE): Promise<void> {
  await page.getByLabel('Practice name').fill(answers.practiceName);
  await page.getByLabel('Your full name').fill(answers.yourName);
  await page.getByLabel('Role').selectOption({ label: 'GP' });
  await page.getByLabel('Professional registration number').fill(answers.gmcNumber);
  await page.getByLabel('Name for this device').fill(answers.deviceLabel);
  await page.getByRole('button', { name: 'Start using Lifeboat' }).click();
  await page.getByTestId('current-user').getByText(answers.yourName).waitFor();
}

/** Adds a colleague from the Staff screen. */
export async function addStaff(page: Page, name: string, role: string, prescriber?: { registration: string; kind: string }): Promise<void> {
  await page.getByRole('link', { name: 'Staff', exact: true }).first().click();
  await page.getByRole('heading', { name: 'Staff on this device' }).waitFor();
  await page.getByLabel('Full name').fill(name);
  await page.getByLabel('Role').selectOption({ label: role });
  if (prescriber !== undefined) {
    await page.getByLabel('Prescribes medicines').check();
    await page.getByLabel('Professional registration number').fill(prescriber.registration);
    await page.getByLabel('Kind of prescriber').selectOption({ label: prescriber.kind });
  }
  await page.getByRole('button', { name: 'Add to this device' }).click();
  await page.getByRole('cell', { name: `${name} (${role})`, exact: true }).waitFor();
}
