// The line beside both autosaving editors (consultation and prescription): what was last saved,
// and a storage refusal said plainly, outranking an earlier "Saved".
import { act, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SaveIndicator } from '../../src/components/save-indicator';
import { classifyStorageError } from '../../src/db/storage-errors';
import { updateStorageStatus } from '../../src/db/storage-status';

afterEach(() => updateStorageStatus({ problem: null }));

describe('SaveIndicator', () => {
  it('says what happens before anything is typed, while saving, and when it was saved', () => {
    const { rerender } = render(<SaveIndicator state={{ kind: 'idle' }} />);
    expect(screen.getByTestId('save-status')).toHaveTextContent('Changes are saved as you type');
    rerender(<SaveIndicator state={{ kind: 'saving' }} />);
    expect(screen.getByTestId('save-status')).toHaveTextContent('Saving…');
    rerender(<SaveIndicator state={{ kind: 'saved', at: new Date('2024-07-19T09:42:13Z') }} />);
    // 09:42:13 UTC is 10:42:13 in London in July.
    expect(screen.getByTestId('save-status')).toHaveTextContent('Saved 10:42:13');
  });

  it('says plainly that a save failed', () => {
    render(<SaveIndicator state={{ kind: 'failed', message: 'The record was changed in another tab' }} />);
    expect(screen.getByTestId('save-status')).toHaveTextContent('Not saved: The record was changed in another tab');
    expect(screen.getByTestId('save-status')).toHaveClass('lifeboat-save-status--failing');
  });

  it('puts a full disk above an earlier "Saved", as an alert, and goes back once the problem clears', () => {
    render(<SaveIndicator state={{ kind: 'saved', at: new Date('2024-07-19T09:42:13Z') }} />);
    const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    act(() => updateStorageStatus({ problem: classifyStorageError({ name: 'AbortError', message: 'Transaction aborted', inner: quota }) }));
    expect(screen.getByRole('alert')).toHaveTextContent('Not saved yet: This device is out of storage space');
    expect(screen.queryByText(/Saved 10:42:13/)).toBeNull();

    act(() => updateStorageStatus({ problem: null }));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByTestId('save-status')).toHaveTextContent('Saved 10:42:13');
  });
});
