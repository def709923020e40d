import { formatUkTime } from '../domain/time';
import type { SaveState } from '../lib/use-autosave';
import { useStorageStatus } from '../lib/use-storage-status';

/**
 * The quiet line beside an autosaving editor: "Saved 10:42:13", or plainly that saving is failing.
 * A storage problem (disk full, database closed) outranks the last save: what is on screen is
 * not on disk until the problem clears, and the writer keeps retrying meanwhile.
 */
export function SaveIndicator({ state }: { state: SaveState }) {
  const storage = useStorageStatus();
  if (storage.problem) {
    return (
      <p className="lifeboat-save-status lifeboat-save-status--failing" role="alert">
        Not saved yet: {storage.problem.message}
      </p>
    );
  }
  const text =
    state.kind === 'saved' ? `Saved ${formatUkTime(state.at)}` : state.kind === 'saving' ? 'Saving…' : state.kind === 'failed' ? `Not saved: ${state.message}` : 'Changes are saved as you type';
  return (
    <p className={`lifeboat-save-status${state.kind === 'failed' ? ' lifeboat-save-status--failing' : ''}`} role="status" aria-live="polite" data-testid="save-status">
      {text}
    </p>
  );
}
