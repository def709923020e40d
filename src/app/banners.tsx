/** Banners that sit above every screen: an update waiting, and storage problems. */
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
        {status.reloadNeeded ? (
          <p className="nhsuk-u-margin-bottom-0">
            Lifeboat was updated in another tab.{' '}
            {status.pendingWrites > 0 ? 'Wait until your changes are saved, then reload this tab.' : 'Reload this tab to carry on.'}{' '}
            <button type="button" className="nhsuk-button nhsuk-button--reverse nhsuk-u-margin-bottom-0 lifeboat-inline-button" onClick={() => window.location.reload()} disabled={status.pendingWrites > 0}>
              Reload
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
