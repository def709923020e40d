/**
 * Turns what IndexedDB and Dexie throw into problems a person can act on. Dexie reports a full disk
 * as an AbortError whose `inner` is the QuotaExceededError; Safari closes the connections of
 * background tabs (DatabaseClosedError, or an UnknownError about a lost connection).
 */
export type StorageProblemKind = 'quota' | 'closed' | 'version-changed' | 'blocked' | 'unknown';

export interface StorageProblem {
  kind: StorageProblemKind;
  /** What happened and what to do, in plain words. */
  message: string;
  /** The technical detail, for the practice's IT support. */
  detail: string;
}

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  inner?: unknown;
}

function errorChain(error: unknown): ErrorLike[] {
  const chain: ErrorLike[] = [];
  let current: unknown = error;
  while (current && typeof current === 'object' && chain.length < 5) {
    chain.push(current as ErrorLike);
    current = (current as ErrorLike).inner;
  }
  return chain;
}

const MESSAGES: Record<StorageProblemKind, string> = {
  quota:
    'This device is out of storage space, so Lifeboat cannot save. What you typed is kept on this screen and Lifeboat keeps trying. Free some space (delete downloads or photos), or carry on with paper for now.',
  closed:
    'The browser closed Lifeboat’s storage. What you typed is kept on this screen and Lifeboat is reconnecting and trying again.',
  'version-changed':
    'Lifeboat was updated in another tab, and this tab, still on the old version, cannot open the updated records. What you typed is kept on this screen.',
  blocked:
    'Another Lifeboat tab is still open with an older version. Close the other Lifeboat tabs so this one can finish updating; nothing is lost meanwhile.',
  unknown:
    'Lifeboat could not save. What you typed is kept on this screen and Lifeboat keeps trying. If this message stays, do not close this tab: write the details on paper.',
};

export function classifyStorageError(error: unknown): StorageProblem {
  const chain = errorChain(error);
  const names = chain.map((e) => String(e.name ?? ''));
  const messages = chain.map((e) => String(e.message ?? '')).join(' | ');
  let kind: StorageProblemKind = 'unknown';
  if (names.includes('QuotaExceededError') || /quota/i.test(messages)) kind = 'quota';
  else if (names.includes('VersionError') || names.includes('VersionChangeError')) kind = 'version-changed';
  else if (names.includes('DatabaseClosedError') || names.includes('InvalidStateError') || /connection.*lost|closing/i.test(messages))
    kind = 'closed';
  return { kind, message: MESSAGES[kind], detail: `${names.join(' < ')}: ${messages}`.slice(0, 500) };
}

export function blockedUpgradeProblem(): StorageProblem {
  return { kind: 'blocked', message: MESSAGES.blocked, detail: 'IDBOpenDBRequest blocked' };
}
