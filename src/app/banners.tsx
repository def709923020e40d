/** Banners that sit above every screen: an update waiting, and storage problems. */
import { useEffect, useRef } from 'react';
import type { StorageStatus } from '../db';
import { useStorageStatus } from '../lib/use-storage-status';
import { useUpdateState } from './update-state';

export function UpdateBanner() {
  const update = useUpdateState();
  if (update.kind === 'none') return null;
  return (
    <div className="lifeboat-banner lifeboat-banner--info" role="status" aria-live="polite">
      <div className="nhsuk-width-container">
        {update.kind === 'ready' ? (
          <p className="nhsuk-u-margin-bottom-0">
            A new version of Lifeboat is ready. Your work is safe either way.{' '}
            <button type="button" className="nhsuk-button nhsuk-button--reverse nhsuk-u-margin-bottom-0 lifeboat-inline-button" onClick={update.accept}>
              Update now
            </button>
          </p>
        ) : update.kind === 'updating' ? (
          <p className="nhsuk-u-margin-bottom-0">Saving your work, then updating…</p>
        ) : (
          <p className="nhsuk-u-margin-bottom-0">
            Lifeboat was updated in another tab. This tab keeps working; reload it when you have finished what you are doing.
          </p>
        )}
      </div>
    </div>
  );
}

/**
 * A newer Lifeboat in another tab upgraded the database, after this tab had saved everything (see
 * db/connection-events.ts): this tab runs the old version and cannot save any more, so it is
 * paused behind this message rather than let anyone type into it.
 */
export function OutOfDateTab() {
  const status = useStorageStatus();
  const reload = useRef<HTMLButtonElement>(null);
  const shown = isPausedForUpdate(status);
  useEffect(() => {
    if (shown) reload.current?.focus();
  }, [shown]);
  if (!shown) return null;
  return (
    <div className="lifeboat-overlay">
      <div className="lifeboat-overlay__dialog" role="alertdialog" aria-modal="true" aria-labelledby="out-of-date-title" aria-describedby="out-of-date-text">
        <h2 id="out-of-date-title">Lifeboat was updated in another tab</h2>
        <p id="out-of-date-text">
          Everything done in this tab was saved first. This tab is still running the old version, which cannot save any more, so it is paused.
          Reload it to carry on with the new version: you will be asked for your passphrase again.
        </p>
        <button ref={reload} type="button" className="nhsuk-button nhsuk-u-margin-bottom-0" onClick={() => window.location.reload()}>
          Reload this tab
        </button>
      </div>
    </div>
  );
}

/** True when the database was upgraded elsewhere and nothing of this tab's is waiting to be saved. */
export function isPausedForUpdate(status: StorageStatus): boolean {
  return status.reloadNeeded && status.pendingWrites === 0;
}

export function StorageBanner() {
  const status = useStorageStatus();
  if (!status.problem && !status.reloadNeeded && status.quarantined === 0) return null;
  return (
    <div className="lifeboat-banner lifeboat-banner--error" role="alert">
      <div className="nhsuk-width-container">
        {status.problem ? (
          <>
            <h2 className="nhsuk-heading-s nhsuk-u-margin-bottom-1">Not saved yet</h2>
            <p className="nhsuk-u-margin-bottom-1">{status.problem.message}</p>
            <p className="nhsuk-body-s nhsuk-u-margin-bottom-0">
              {status.pendingWrites} change{status.pendingWrites === 1 ? '' : 's'} waiting. Technical detail: {status.problem.detail}
            </p>
          </>
        ) : null}
        {status.reloadNeeded && status.pendingWrites > 0 ? (
          <p className="nhsuk-u-margin-bottom-0">
            Lifeboat was updated in another tab, and this tab can no longer save: {status.pendingWrites} change
            {status.pendingWrites === 1 ? ' is' : 's are'} not saved. Write down or copy what you typed here since the last “Saved”, then reload this
            tab and enter it again.{' '}
            <button type="button" className="nhsuk-button nhsuk-button--reverse nhsuk-u-margin-bottom-0 lifeboat-inline-button" onClick={() => window.location.reload()}>
              Reload this tab
            </button>
          </p>
        ) : null}
        {status.quarantined > 0 && !status.problem ? (
          <p className="nhsuk-u-margin-bottom-0">
            {status.quarantined} damaged record{status.quarantined === 1 ? ' was' : 's were'} found and kept aside (not deleted). See{' '}
            <a href="/device">This device</a>.
          </p>
        ) : null}
      </div>
    </div>
  );
}
