// Importing the day's appointment list through the screen, on a real (fake-indexeddb) encrypted
// device: the columns are suggested and remembered as header names only, the preview names each
// bad row by its line and why, and importing adds the good rows; a file missing a column is
// stopped with an error summary that links to the field. The markup is checked with axe.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import axe from 'axe-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listPatients, type LifeboatDatabase } from '../../src/db';
import { setKdfIterationsForTests } from '../../src/db/key-slots';
import { ImportAppointmentsScreen } from '../../src/features/reception/import-appointments-screen';
import { SessionProvider } from '../../src/lib/session';
import { setUpEncryptedDevice } from '../unit/security/builders';
import { freshDatabase, frozenClock } from '../unit/db/fresh-database';

let db: LifeboatDatabase;
let user: UserEvent;

beforeEach(async () => {
  setKdfIterationsForTests(1_000);
  localStorage.clear();
  db = freshDatabase(frozenClock());
  await setUpEncryptedDevice();
  user = userEvent.setup();
});

afterEach(() => setKdfIterationsForTests(null));

function fixtureFile(name: string): File {
  const bytes = readFileSync(join(process.cwd(), 'tests/fixtures/appointments', name));
  return new File([new Uint8Array(bytes)], name, { type: 'text/csv' });
}

async function renderScreen(): Promise<HTMLElement> {
  const { container } = render(
    <SessionProvider loading={<p>Opening Lifeboat…</p>} failed={(error) => <p>Storage failed: {error}</p>}>
      <ImportAppointmentsScreen />
    </SessionProvider>,
  );
  await screen.findByRole('heading', { name: 'Import today’s appointment list' });
  return container;
}

async function expectNoAxeViolations(container: HTMLElement): Promise<void> {
  const results = await axe.run(container, { rules: { 'color-contrast': { enabled: false }, region: { enabled: false } } });
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

async function chooseFile(name: string): Promise<void> {
  await user.upload(screen.getByLabelText('Appointment list (CSV file)'), fixtureFile(name));
  fireEvent.change(screen.getByLabelText('Date of the list'), { target: { value: '2024-07-19' } });
}

describe('ImportAppointmentsScreen', () => {
  it('suggests the columns, previews good and bad rows by line, and imports the good ones', async () => {
    const container = await renderScreen();
    await chooseFile('semicolon-with-notes.csv');

    expect(await screen.findByLabelText('Appointment time')).toHaveValue('Time');
    expect(screen.getByLabelText('Patient name (one column)')).toHaveValue('Name');
    expect(screen.getByLabelText('Date of birth')).toHaveValue('DOB');
    expect(screen.getByLabelText('NHS number (optional)')).toHaveValue('NHS No');
    expect(screen.getByTestId('import-file-summary')).toHaveTextContent('6 rows, read as UTF-8');
    await expectNoAxeViolations(container);

    await user.click(screen.getByRole('button', { name: 'Preview the appointments' }));

    await screen.findByRole('heading', { name: 'Check the appointments for 19/07/2024' });
    const bad = screen.getByTestId('import-bad-rows');
    expect(within(bad).getByText('2 rows will not be imported')).toBeInTheDocument();
    expect(bad).toHaveTextContent('Line 6: 08:20, Dr Asha Patel, Grace "Gracie" Mensah, 30/02/1999');
    expect(bad).toHaveTextContent('Date of birth “30/02/1999”: Enter the date of birth as a real date, like 19/07/1984');
    expect(bad).toHaveTextContent('Line 7');
    expect(bad).toHaveTextContent('NHS number “943 476 5421”: This is not a valid NHS number: check the digits');
    expect(within(screen.getByTestId('import-good-rows')).getAllByRole('row')).toHaveLength(5);
    await expectNoAxeViolations(container);

    await user.click(screen.getByRole('button', { name: 'Import 4 appointments' }));

    await screen.findByRole('heading', { name: '4 appointments imported' });
    expect(screen.getByTestId('import-summary')).toHaveTextContent('4 new patients added');
    expect(await listPatients()).toHaveLength(4);
    expect(await db.queue.count()).toBe(4);

    // Only header names are remembered on the device, never what the rows hold.
    const remembered = localStorage.getItem('lifeboat:appointment-list-columns') ?? '';
    expect(JSON.parse(remembered)).toEqual({ time: 'Time', clinician: 'Clinician', fullName: 'Name', dateOfBirth: 'DOB', nhsNumber: 'NHS No', phone: 'Tel' });
  });

  it('stops a file missing a column with a summary linking to the field, and imports nothing', async () => {
    const container = await renderScreen();
    await chooseFile('missing-column.csv');
    await screen.findByLabelText('Date of birth');

    await user.click(screen.getByRole('button', { name: 'Preview the appointments' }));

    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Choose the column with the date of birth' })).toHaveAttribute('href', '#import-column-dateOfBirth');
    expect(screen.getByLabelText('Date of birth')).toHaveAttribute('aria-invalid', 'true');
    await expectNoAxeViolations(container);
    expect(await db.queue.count()).toBe(0);
  });

  it('lets reception cancel at the preview, importing nothing', async () => {
    await renderScreen();
    await chooseFile('emis-utf8-bom.csv');
    await screen.findByLabelText('Appointment time');
    await user.click(screen.getByRole('button', { name: 'Preview the appointments' }));
    await screen.findByRole('button', { name: 'Import 4 appointments' });

    await user.click(screen.getByRole('button', { name: 'Cancel: import nothing' }));

    await screen.findByRole('heading', { name: 'Import today’s appointment list' });
    expect(await db.queue.count()).toBe(0);
    expect(await db.patients.count()).toBe(0);
  });
});
