// The consultation editor on a real (fake-indexeddb) encrypted device, inside the real session:
// what is typed reaches the database with no Save button, the indicator says when, a reopened
// draft shows what was stored, and signing an incomplete draft puts each problem beside its field
// and in the summary while the record stays a draft.
// Dexie runs live queries (the session is one) only where there is a global indexedDB; each test
// still opens its own fresh fake-indexeddb (freshDatabase), as the unit tests do.
import 'fake-indexeddb/auto';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addPatient, getConsultation, listAuditFor, saveDraft, startConsultation, type LifeboatDatabase } from '../../src/db';
import { setKdfIterationsForTests } from '../../src/db/key-slots';
import type { Consultation } from '../../src/domain/consultation';
import type { Actor } from '../../src/domain/record';
import { formatUkTime } from '../../src/domain/time';
import { DraftEditor } from '../../src/features/consultations/draft-editor';
import { SessionProvider } from '../../src/lib/session';
import { setUpEncryptedDevice } from '../unit/security/builders';
import { freshDatabase, frozenClock } from '../unit/db/fresh-database';

const ALLERGIES_MESSAGE = 'Record allergies (or "No known allergies"), or tick Not known';

let db: LifeboatDatabase;
let actor: Actor;
let draft: Consultation;
let user: UserEvent;

beforeEach(async () => {
  setKdfIterationsForTests(1_000);
  db = freshDatabase(frozenClock());
  // Set up as the GP, who is then the current user with the keys in memory (unlocked).
  ({ actor } = await setUpEncryptedDevice());
  const patient = await addPatient({ firstName: 'Maisie', lastName: 'Wetherall', dateOfBirth: '19/07/1984', sex: 'female' }, actor);
  draft = await startConsultation(patient.id, actor);
  user = userEvent.setup();
});

afterEach(() => setKdfIterationsForTests(null));

async function renderEditor(consultation: Consultation = draft): Promise<void> {
  render(
    <SessionProvider loading={<p>Opening Lifeboat…</p>} failed={(error) => <p>Storage failed: {error}</p>}>
      <DraftEditor consultation={consultation} />
    </SessionProvider>,
  );
  await screen.findByRole('heading', { name: 'Consultation' });
}

async function stored(): Promise<Consultation> {
  const consultation = await getConsultation(draft.id);
  if (!consultation) throw new Error('The draft has gone');
  return consultation;
}

/** Every London wall-clock second from `from` to now, as the indicator would print it. */
function secondsSince(from: number): string[] {
  const out: string[] = [];
  for (let t = Math.floor(from / 1000) * 1000; t <= Date.now(); t += 1000) out.push(formatUkTime(new Date(t)));
  return out;
}

describe('DraftEditor', () => {
  it('saves what is typed in History to the database without a Save button, and says when', async () => {
    await renderEditor();
    expect(screen.queryByRole('button', { name: /^save/i })).not.toBeInTheDocument();
    expect(screen.getByTestId('save-status')).toHaveTextContent('Changes are saved as you type');

    const started = Date.now();
    await user.type(screen.getByLabelText('History'), 'Dry cough for a week, worse at night. Łukasz’s inhaler helped.');

    // Stored while the cursor is still in the field: no blur, no button.
    expect(screen.getByLabelText('History')).toHaveFocus();
    await waitFor(async () => expect((await stored()).data.history).toBe('Dry cough for a week, worse at night. Łukasz’s inhaler helped.'));
    const status = screen.getByTestId('save-status');
    await waitFor(() => expect(status.textContent).toMatch(/^Saved \d{2}:\d{2}:\d{2}$/));
    expect(secondsSince(started)).toContain(status.textContent?.replace('Saved ', ''));
    expect(status).toHaveAttribute('role', 'status');

    // The row on disk is encrypted: the text is not in it.
    const row = await db.consultations.get(draft.id);
    expect(row?.payload.codec).toBe('aes-gcm');
    expect(JSON.stringify(row)).not.toContain('Dry cough');
    expect(await screen.findByRole('heading', { name: 'Consultation' })).toBeInTheDocument();
  });

  it('keeps half-typed and impossible observations as typed, with the problem beside the field', async () => {
    await renderEditor();
    await user.type(screen.getByLabelText('Temperature (°C)'), '38.');
    await user.type(screen.getByLabelText('Pulse (bpm)'), '400');

    await waitFor(async () => expect((await stored()).data.observations).toMatchObject({ temperature: '38.', pulse: '400' }));
    expect(screen.getByLabelText('Pulse (bpm)')).toHaveAccessibleDescription(expect.stringContaining('Pulse must be between 20 and 250 bpm'));
    expect(screen.getByLabelText('Temperature (°C)')).toHaveAccessibleDescription(expect.stringContaining('Enter temperature as a number'));
  });

  it('shows a reopened draft exactly as it was stored', async () => {
    const reopened = await saveDraft(
      draft.id,
      {
        type: 'telephone',
        history: 'Line one\nLine two',
        observations: { temperature: '38.', pulse: '3' },
        allergies: 'Penicillin: rash',
        currentMedicinesNotKnown: true,
        plan: 'Zoë to call back',
      },
      actor,
    );
    await renderEditor(reopened);

    expect(screen.getByLabelText('Type')).toHaveValue('telephone');
    expect(screen.getByLabelText('History')).toHaveValue('Line one\nLine two');
    expect(screen.getByLabelText('Temperature (°C)')).toHaveValue('38.');
    expect(screen.getByLabelText('Pulse (bpm)')).toHaveValue('3');
    expect(screen.getByLabelText('Allergies, as stated by the patient')).toHaveValue('Penicillin: rash');
    expect(screen.getByLabelText('Current medicines not known')).toBeChecked();
    expect(screen.getByLabelText('Allergies not known (could not be checked)')).not.toBeChecked();
    expect(screen.getByLabelText('Plan')).toHaveValue('Zoë to call back');
    expect(screen.getByLabelText('When the care happened')).toHaveValue('2024-07-19T09:00');
  });

  it('writes nothing when a draft is only opened and read', async () => {
    const before = await db.consultations.get(draft.id);
    await renderEditor();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await db.consultations.get(draft.id)).toEqual(before);
    expect((await listAuditFor(draft.id)).map((e) => e.action)).toEqual(['create']);
  });

  it('refuses to sign without allergies: the error beside the field and in the summary, and the record stays a draft', async () => {
    await renderEditor();
    await user.type(screen.getByLabelText('History'), 'Sore throat for three days');
    await user.type(screen.getByLabelText('Assessment'), 'Viral pharyngitis');

    await user.click(screen.getByRole('button', { name: 'Sign and lock' }));

    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('heading', { name: 'Before this can be signed' })).toBeInTheDocument();
    expect(within(summary).getAllByRole('link').map((link) => [link.getAttribute('href'), link.textContent])).toEqual([['#consultation-allergies', ALLERGIES_MESSAGE]]);
    const allergies = screen.getByLabelText('Allergies, as stated by the patient');
    expect(allergies.id).toBe('consultation-allergies');
    expect(allergies).toHaveAttribute('aria-invalid', 'true');
    expect(allergies).toHaveAccessibleDescription(expect.stringContaining(ALLERGIES_MESSAGE));

    // Still a draft, with everything typed before pressing the button saved.
    const consultation = await stored();
    expect(consultation.status).toBe('draft');
    expect(consultation.data.signature).toBeNull();
    expect(consultation.data).toMatchObject({ history: 'Sore throat for three days', assessment: 'Viral pharyngitis' });
    expect((await listAuditFor(draft.id)).map((e) => e.action)).not.toContain('sign');
  });

  it('signs once the allergies are recorded, and the summary goes', async () => {
    await renderEditor();
    await user.type(screen.getByLabelText('History'), 'Sore throat for three days');
    await user.type(screen.getByLabelText('Plan'), 'Fluids and paracetamol');
    await user.click(screen.getByRole('button', { name: 'Sign and lock' }));
    await screen.findByRole('alert');

    await user.click(screen.getByLabelText('Allergies not known (could not be checked)'));
    await user.click(screen.getByRole('button', { name: 'Sign and lock' }));

    await waitFor(async () => expect((await stored()).status).toBe('signed'));
    await waitFor(() => expect(screen.queryByRole('alert')).not.toBeInTheDocument());
    expect((await stored()).data).toMatchObject({ history: 'Sore throat for three days', plan: 'Fluids and paracetamol', allergiesNotKnown: true });
    expect((await stored()).data.signature).toMatchObject({ staffId: actor.staffId, deviceId: actor.deviceId });
  });
});
