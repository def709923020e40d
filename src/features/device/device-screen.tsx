/**
 * "This device": whether the browser will keep Lifeboat's data, how much space is used, what this
 * browser does and does not guarantee, and any records found corrupted (kept aside).
 */
import { useState } from 'react';
import { listQuarantined, recordPersistentStorageAnswer } from '../../db';
import { formatUkDateTime, toLondonIso } from '../../domain/time';
import {
  describeBrowserGuarantees,
  detectEngine,
  formatBytes,
  isInstalledApp,
  readStorageHealth,
  requestPersistentStorage,
  type StorageHealth,
} from '../../lib/storage-health';
import { Link } from '../../lib/router';
import { useSession } from '../../lib/session';
import { useStorageStatus } from '../../lib/use-storage-status';
import { useLiveQuery } from '../../lib/use-live-query';
import { AutoLockSetting, ChangePassphraseForm } from './security-settings';
import { AddDeviceSection } from './add-device';
import { ResponsiveCell, ResponsiveRow, ResponsiveTable } from '../../components/responsive-table';
import { WarningCallout } from '../../components/warning-callout';

type Quarantined = Awaited<ReturnType<typeof listQuarantined>>;

export function DeviceScreen() {
  const session = useSession();
  const status = useStorageStatus();
  const [healthCheck, setHealthCheck] = useState(0);
  const healthResult = useLiveQuery(readStorageHealth, [healthCheck, status.quarantined]);
  const health: StorageHealth | null = healthResult.status === 'ready' ? healthResult.value : null;
  const quarantinedResult = useLiveQuery(listQuarantined, []);
  const quarantined: Quarantined = quarantinedResult.status === 'ready' ? quarantinedResult.value : [];

  async function askAgain() {
    const granted = await requestPersistentStorage();
    await recordPersistentStorageAnswer(granted === true, toLondonIso(new Date()));
    setHealthCheck((n) => n + 1);
  }

  const engine = detectEngine(navigator.userAgent);
  const persisted = health?.persisted ?? null;
  const guarantees = describeBrowserGuarantees(engine, persisted, isInstalledApp());

  return (
    <>
      <h1>This device</h1>
      <dl className="nhsuk-summary-list">
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Device name</dt>
          <dd className="nhsuk-summary-list__value">{session.device.label}</dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Device id</dt>
          <dd className="nhsuk-summary-list__value lifeboat-mono">{session.device.deviceId}</dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Lifeboat version</dt>
          <dd className="nhsuk-summary-list__value lifeboat-mono" data-testid="build-id">
            {__BUILD_ID__}
          </dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Persistent storage</dt>
          <dd className="nhsuk-summary-list__value" data-testid="persistent-storage">
            {persisted === null ? 'This browser cannot say' : persisted ? 'Granted: the browser will keep Lifeboat’s data' : 'Not granted'}
            {session.device.persistentStorage
              ? ` (asked ${formatUkDateTime(new Date(session.device.persistentStorage.askedAt))})`
              : ''}
          </dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Storage used</dt>
          <dd className="nhsuk-summary-list__value" data-testid="storage-usage">
            {health ? `${formatBytes(health.usageBytes)} of ${formatBytes(health.quotaBytes)} available to Lifeboat` : 'Checking…'}
          </dd>
        </div>
      </dl>

      <h2>What this browser guarantees</h2>
      <ul>
        {guarantees.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {persisted !== true ? (
        <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => void askAgain()}>
          Ask the browser again to keep Lifeboat’s data
        </button>
      ) : null}

      <h2>Printing prescriptions</h2>
      <p>
        FP10SS alignment on this device: {session.device.fp10OffsetXmm} mm right, {session.device.fp10OffsetYmm} mm down.{' '}
        <Link to="/device/printer">Align the printer for FP10SS forms</Link>
      </p>

      <h2>Security</h2>
      <p>Records on this device are encrypted. Each user unlocks with their own passphrase; the practice’s recovery key opens them if every passphrase is forgotten.</p>
      <AutoLockSetting minutes={session.device.autoLockMinutes} />
      <ChangePassphraseForm />

      <AddDeviceSection />

      <h2>Records that could not be read</h2>
      {quarantined.length === 0 ? (
        <p>None. Every record on this device passed its checks when it was last read.</p>
      ) : (
        <>
          <WarningCallout label={`${quarantined.length} record${quarantined.length === 1 ? '' : 's'} kept aside`} level={3}>
            <p>
              These records are damaged and are not shown in lists. They have not been deleted. Tell your practice manager and keep
              this device until IT support has looked at them.
            </p>
          </WarningCallout>
          <ResponsiveTable headings={['Kind', 'Record id', 'Found', 'Problem']}>
            {quarantined.map((q) => (
              <ResponsiveRow key={q.id}>
                <ResponsiveCell heading="Kind">{q.table}</ResponsiveCell>
                <ResponsiveCell heading="Record id" className="lifeboat-mono">
                  {q.recordId}
                </ResponsiveCell>
                <ResponsiveCell heading="Found">{formatUkDateTime(new Date(q.foundAt))}</ResponsiveCell>
                <ResponsiveCell heading="Problem">{q.problem}</ResponsiveCell>
              </ResponsiveRow>
            ))}
          </ResponsiveTable>
        </>
      )}
    </>
  );
}
