import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { LifeboatDatabase, useDatabase, watchQuery } from '../../../src/db';
import type { Clock } from '../../../src/domain/clock';

/** A frozen clock: 19 July 2024, 09:00 London (BST), unless told otherwise. */
export function frozenClock(iso = '2024-07-19T08:00:00Z'): Clock & { set(iso: string): void; advance(ms: number): void } {
  let now = new Date(iso);
  return {
    now: () => new Date(now),
    set: (next) => {
      now = new Date(next);
    },
    advance: (ms) => {
      now = new Date(now.getTime() + ms);
    },
  };
}

/** A brand-new IndexedDB (its own factory, unless given) and Lifeboat database for one test. */
export function freshDatabase(clock: Clock = frozenClock(), factory: IDBFactory = new IDBFactory()): LifeboatDatabase {
  const db = new LifeboatDatabase({ indexedDB: factory, IDBKeyRange });
  useDatabase(db, { clock });
  return db;
}

/** The first value a live query delivers, then unsubscribes. */
export function firstLiveValue<T>(query: () => Promise<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const stop = watchQuery(
      query,
      (value) => {
        stop();
        resolve(value);
      },
      reject,
    );
  });
}
