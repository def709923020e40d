import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDeviceSettings, getPractice, listStaff, type LifeboatDatabase } from '../../src/db';
import { setKdfIterationsForTests } from '../../src/db/key-slots';
import { SetupScreen } from '../../src/features/setup/setup-screen';
import { freshDatabase } from '../unit/db/fresh-database';
import { setUpDevice } from '../unit/db/builders';

let db: LifeboatDatabase;
let user: UserEvent;

beforeEach(() => {
  db = freshDatabase();
  // A cheap passphrase KDF: this is a test of the form, not of key stretching.
  setKdfIterationsForTests(1_000);
  user = userEvent.setup();
});

async function fillInCorrectly(): Promise<void> {
  await user.type(screen.getByLabelText('Practice name'), 'Riverside Surgery');
  await user.type(screen.getByLabelText('ODS code (optional)'), 'a81001');
  await user.type(screen.getByLabelText('Your full name'), 'Dr Asha Patel');
  await user.selectOptions(screen.getByLabelText('Role'), 'gp');
  // A GP prescribes: the registration fields appear, with the body and kind chosen for them.
  expect(screen.getByLabelText('Professional body')).toHaveValue('GMC');
  expect(screen.getByLabelText('Kind of prescriber')).toHaveValue('Medical practitioner');
  await user.type(screen.getByLabelText('Professional registration number'), '1234567');
  await user.type(screen.getByLabelText('Your passphrase'), 'kettle orbit tulip');
  await user.type(screen.getByLabelText('Type the passphrase again'), 'kettle orbit tulip');
  await user.type(screen.getByLabelText('Name for this device'), 'Reception iPad');
}

/** Submits the form, keeps the recovery key and waits for the save to finish. */
async function submitAndKeepTheRecoveryKey(): Promise<void> {
  await user.click(screen.getByRole('button', { name: 'Start using Lifeboat' }));
  await screen.findByRole('heading', { name: 'Keep the recovery key safe' });
  expect(screen.getByTestId('recovery-key').textContent?.trim()).not.toBe('');
  await user.click(screen.getByLabelText(/I have printed or written down the recovery key/));
  await user.click(screen.getByRole('button', { name: 'Continue' }));
}

describe('SetupScreen', () => {
  it('shows every problem in a summary that links to its field, and beside the field, and stores nothing', async () => {
    render(<SetupScreen />);

    await user.click(screen.getByRole('button', { name: 'Start using Lifeboat' }));

    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('heading', { name: 'There is a problem' })).toBeInTheDocument();
    const links = within(summary)
      .getAllByRole('link')
      .map((link) => [link.getAttribute('href'), link.textContent]);
    expect(links).toEqual(
      expect.arrayContaining([
        ['#practice-name', 'Enter the practice name'],
        ['#you-name', 'Enter the full name, like Dr Asha Patel'],
        ['#you-role', 'Choose a role'],
        ['#device-label', 'Enter a label for this device, like Reception iPad'],
      ]),
    );

    for (const [href, message] of links) {
      const field = document.getElementById(String(href).slice(1));
      expect(field, `the summary links to ${href}`).not.toBeNull();
      expect(field).toHaveAttribute('aria-invalid', 'true');
      expect(field).toHaveAccessibleDescription(expect.stringContaining(String(message)));
    }
    expect(screen.getByLabelText('Practice name')).toHaveAccessibleDescription('Error: Enter the practice name');

    expect(screen.queryByRole('heading', { name: 'Keep the recovery key safe' })).not.toBeInTheDocument();
    expect(await db.practice.count()).toBe(0);
    expect(await db.staff.count()).toBe(0);
    expect(await db.audit.count()).toBe(0);
    expect(await db.device.count()).toBe(0);
  });

  it('puts a mistyped registration number beside its field', async () => {
    render(<SetupScreen />);
    await fillInCorrectly();
    await user.clear(screen.getByLabelText('Professional registration number'));
    await user.type(screen.getByLabelText('Professional registration number'), '123456');

    await user.click(screen.getByRole('button', { name: 'Start using Lifeboat' }));

    const summary = await screen.findByRole('alert');
    expect(within(summary).getAllByRole('link').map((link) => [link.getAttribute('href'), link.textContent])).toEqual([
      ['#you-registration', 'A GMC number is 7 numbers, like 1234567'],
    ]);
    expect(screen.getByLabelText('Professional registration number')).toHaveAccessibleDescription(
      expect.stringContaining('A GMC number is 7 numbers, like 1234567'),
    );
    expect(await db.practice.count()).toBe(0);
  });

  it('stores the practice, the first user and the device label once the form is right', async () => {
    render(<SetupScreen />);
    await fillInCorrectly();

    await submitAndKeepTheRecoveryKey();

    await waitFor(async () => expect((await getDeviceSettings()).persistentStorage).not.toBeNull());
    const practice = await getPractice();
    expect(practice?.data).toMatchObject({ name: 'Riverside Surgery', odsCode: 'A81001' });
    const staff = await listStaff();
    expect(staff.map((s) => [s.data.name, s.data.role, s.data.registrationNumber])).toEqual([['Dr Asha Patel', 'gp', '1234567']]);
    expect(await getDeviceSettings()).toMatchObject({
      label: 'Reception iPad',
      practiceId: practice?.id,
      currentStaffId: staff[0]?.id,
      setupCompletedAt: expect.any(String),
    });
  });

  it('says so, and stores nothing more, when the device is already set up', async () => {
    const { practice } = await setUpDevice();
    render(<SetupScreen />);
    await fillInCorrectly();

    await submitAndKeepTheRecoveryKey();

    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'This device is already set up' })).toHaveAttribute('href', '#practice-name');
    expect(screen.getByLabelText('Practice name')).toHaveValue('Riverside Surgery');
    expect(await db.practice.count()).toBe(1);
    expect(await getPractice()).toEqual(practice);
  });
});
