import { getDatabase } from './context';
import type { QuarantineRow } from './database';

/** Records that failed their schema on read, kept aside for the practice's IT support. */
export async function listQuarantined(): Promise<QuarantineRow[]> {
  return getDatabase().quarantine.orderBy('foundAt').reverse().toArray();
}
