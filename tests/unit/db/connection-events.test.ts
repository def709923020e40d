// A newer Lifeboat upgrading the database from another tab: this tab saves what its editors hold
// and waits for every write to land before it lets go of the database, then asks to be reloaded.
// And the other way round: this tab's upgrade held up by an older tab is said, then cleared.
// The "other tab" is a second connection to the same fake IndexedDB opening a higher version, as
// the browser would deliver it (versionchange here, then the upgrade there).
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  addPatient,
  DATABASE_NAME,
  getStorageStatus,
  LifeboatDatabase,
  saveBeforeLock,
  saveDraft,
  startConsultation,
  useDatabase,
  watchDatabaseConnection,
} from '../../../src/db';
import type { ConsultationRow } from '../../../src/db/database';
import { setKdfIterationsForTests } from '../../../src/db/key-slots';
import { keyringPayloadCodec } from '../../../src/db/payload-codec';
import { updateStorageStatus } from '../../../src/db/storage-status';
import { guardedWrite, setRetryDelaysForTests } from '../../../src/db/write-guard';
import type { Consultation } from '../../../src/domain/consultation';
import type { Actor } from '../../../src/domain/record';
import { setUpEncryptedDevice } from '../security/builders';
import { freshDatabase, frozenClock } from './fresh-database';

let factory: IDBFactory;
let db: LifeboatDatabase;
let gp: Actor;
let draft: Consultation;
const events: string[] = [];
const stops: (() => void)[] = [];

beforeEach(async () => {
  setKdfIterationsForTests(1_000);
  setRetryDelaysForTests([0]);
  factory = new IDBFactory();
  db = freshDatabase(frozenClock(), factory);
  ({ actor: gp } = await setUpEncryptedDevice());
  const patient = await addPatient({ firstName: 'Maisie', lastName: 'Wetherall', dateOfBirth: '19/07/1984', sex: 'female' }, gp);
  draft = await startConsultation(patient.id, gp);
  watchDatabaseConnection();
  events.length = 0;
});

afterEach(() => {
  for (const stop of stops.splice(0)) stop();
  updateStorageStatus({ reloadNeeded: false, problem: null });
  setRetryDelaysForTests([]);
  setKdfIterationsForTests(null);
});

/** Another tab's newer Lifeboat: opens the database one Dexie version up. Resolves with that connection. */
function upgradeFromAnotherTab(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = factory.open(DATABASE_NAME, db.verno * 10 + 10);
    request.onupgradeneeded = () => events.push('the other tab upgraded');
    request.onblocked = () => events.push('the other tab waited');
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('upgrade failed'));
  });
}

/** The draft's stored history, read from the other tab's connection and decrypted with this tab's keys. */
async function storedHistory(other: IDBDatabase): Promise<unknown> {
  const row = await new Promise<ConsultationRow>((resolve, reject) => {
    const request = other.transaction('consultations').objectStore('consultations').get(draft.id);
    request.onsuccess = () => resolve(request.result as ConsultationRow);
    request.onerror = () => reject(request.error ?? new Error('read failed'));
  });
  const data = (await keyringPayloadCodec.decode(row.payload, `consultations:${draft.id}`)) as { history?: unknown };
  return data.history;
}

describe('an upgrade from a newer Lifeboat in another tab', () => {
  it('saves what an open editor holds first, then lets go of the database and asks for a reload', async () => {
    stops.push(
      saveBeforeLock(async () => {
        await saveDraft(draft.id, { history: 'Typed a moment before the other tab updated' }, gp);
        events.push('the editor saved');
      }),
    );

    const other = await upgradeFromAnotherTab();

    expect(events.filter((e) => e !== 'the other tab waited')).toEqual(['the editor saved', 'the other tab upgraded']);
    expect(await storedHistory(other)).toBe('Typed a moment before the other tab updated');
    expect(db.isOpen()).toBe(false);
    expect(getStorageStatus()).toMatchObject({ reloadNeeded: true, pendingWrites: 0 });
    other.close();
  });

  it('waits for a write the disk refused at first until it lands', async () => {
    let refusals = 1;
    const landing = guardedWrite(async () => {
      if (refusals > 0) {
        refusals -= 1;
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      await saveDraft(draft.id, { history: 'Saved once the disk had room' }, gp);
      events.push('the refused write landed');
    });

    const other = await upgradeFromAnotherTab();
    await landing;

    expect(events.filter((e) => e !== 'the other tab waited')).toEqual(['the refused write landed', 'the other tab upgraded']);
    expect(await storedHistory(other)).toBe('Saved once the disk had room');
    expect(getStorageStatus().reloadNeeded).toBe(true);
    other.close();
  });

  it('closes at once when nothing is waiting to be saved', async () => {
    const other = await upgradeFromAnotherTab();
    expect(events).toContain('the other tab upgraded');
    expect(db.isOpen()).toBe(false);
    expect(getStorageStatus().reloadNeeded).toBe(true);
    other.close();
  });
});

describe('our own upgrade held up by an older tab', () => {
  it('says so while the older tab holds on, and stops saying so once the database opens', async () => {
    // An older tab's connection that does not let go when asked.
    db.close();
    const older = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = factory.open(DATABASE_NAME, db.verno * 10);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('open failed'));
    });
    older.onversionchange = () => events.push('the older tab was asked to let go');

    /** This tab's newer build: one more database version. */
    class NextDatabase extends LifeboatDatabase {
      constructor() {
        super({ indexedDB: factory, IDBKeyRange });
        this.version(Math.round(this.verno) + 1).stores({ nextReleaseProbe: 'id' });
      }
    }
    const next = new NextDatabase();
    useDatabase(next, { clock: frozenClock() });
    watchDatabaseConnection();
    const opening = next.open();
    await vi.waitFor(() => expect(getStorageStatus().problem?.kind).toBe('blocked'));
    expect(events).toContain('the older tab was asked to let go');
    expect(getStorageStatus().problem?.message).toMatch(/^Another Lifeboat tab is still open with an older version/);

    older.close();
    await opening;
    await vi.waitFor(() => expect(getStorageStatus().problem).toBeNull());
    expect(next.isOpen()).toBe(true);
    next.close();
  });
});
