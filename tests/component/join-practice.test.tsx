// The join route of the setup screen: reached from the setup form, each refusal beside its field
// and in the summary, and a right file and passphrase join the practice (the device then locks).
import { render, screen, within } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDeviceSettings, getKeyringState, type JoinFile, type LifeboatDatabase } from '../../src/db';
import { generateOneTimePassphrase } from '../../src/crypto/one-time-passphrase';
import { SetupScreen } from '../../src/features/setup/setup-screen';
import { practiceOnDeviceA, storedCounts, twoDevices, NOTHING_STORED } from '../unit/security/join-support';

let b: LifeboatDatabase;
let file: JoinFile;
let user: UserEvent;

beforeEach(async () => {
  const devices = twoDevices();
  file = (await practiceOnDeviceA(devices)).file;
  b = devices.use('B');
  user = userEvent.setup();
});

async function openJoinForm(): Promise<void> {
  render(<SetupScreen />);
  await user.click(screen.getByRole('button', { name: 'Join a practice that already uses Lifeboat instead' }));
  await screen.findByRole('heading', { name: 'Join a practice that already uses Lifeboat' });
}

async function fillIn(text: string, oneTimePassphrase: string): Promise<void> {
  await user.upload(screen.getByLabelText('The file from the other device'), new File([text], file.fileName, { type: 'application/json' }));
  await user.type(screen.getByLabelText('One-time passphrase'), oneTimePassphrase);
  await user.type(screen.getByLabelText('Name for this device'), 'Room 4 PC');
  await user.click(screen.getByRole('button', { name: 'Join the practice' }));
}

function summaryLinks(): Array<[string | null, string | null]> {
  return within(screen.getByRole('alert'))
    .getAllByRole('link')
    .map((link) => [link.getAttribute('href'), link.textContent]);
}

describe('joining from the setup screen', () => {
  it('asks for each missing answer beside its field, and stores nothing', async () => {
    await openJoinForm();
    await user.click(screen.getByRole('button', { name: 'Join the practice' }));
    await screen.findByRole('alert');
    expect(summaryLinks()).toEqual([
      ['#join-file', 'Choose the file made on the other device'],
      ['#join-one-time-passphrase', 'Enter the one-time passphrase shown on the other device'],
      ['#join-device-label', 'Enter a label for this device, like Reception iPad'],
    ]);
    expect(screen.getByLabelText('The file from the other device')).toHaveAccessibleDescription(expect.stringContaining('Choose the file made on the other device'));
    expect(await storedCounts(b)).toEqual(NOTHING_STORED);
  });

  it('puts a file that is not a join file beside the file field', async () => {
    await openJoinForm();
    await fillIn('{"type":"something-else"}', file.oneTimePassphrase);
    await screen.findByRole('alert');
    expect(summaryLinks()).toEqual([['#join-file', 'This is not a Lifeboat setup file: choose the lifeboat-join file made on the other device']]);
    expect(await storedCounts(b)).toEqual(NOTHING_STORED);
  });

  it('puts a wrong one-time passphrase beside its field, and keeps what was typed to correct', async () => {
    await openJoinForm();
    const wrong = generateOneTimePassphrase();
    await fillIn(file.text, wrong);
    await screen.findByRole('alert');
    expect(summaryLinks()).toEqual([['#join-one-time-passphrase', expect.stringContaining('That one-time passphrase does not open this file.')]]);
    expect(screen.getByLabelText('One-time passphrase')).toHaveValue(wrong);
    expect(await storedCounts(b)).toEqual(NOTHING_STORED);
  });

  it('joins with the right file and passphrase, and leaves the device locked', async () => {
    await openJoinForm();
    await fillIn(file.text, file.oneTimePassphrase);
    await expect.poll(() => getKeyringState().kind).toBe('locked');
    // As at setup, the browser's answer on persistent storage is asked for and kept.
    await expect.poll(async () => (await getDeviceSettings()).persistentStorage).not.toBeNull();
    expect(await getDeviceSettings()).toMatchObject({ label: 'Room 4 PC', currentStaffId: null, setupCompletedAt: expect.any(String) });
    expect(await storedCounts(b)).toMatchObject({ practice: 1, staff: 2, keySlots: 3, audit: 1 });
  });

  it('goes back to setting up a new practice', async () => {
    await openJoinForm();
    await user.click(screen.getByRole('button', { name: 'Set up a new practice instead' }));
    expect(screen.getByRole('heading', { name: 'Set up Lifeboat on this device' })).toBeInTheDocument();
  });
});
