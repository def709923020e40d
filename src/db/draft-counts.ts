/**
 * Work left unfinished, counted for the bar under the header (always one tap away): unsigned
 * consultations and prescriptions not yet printed. Kept apart from the repositories so that the
 * app shell can show the counts without loading the consultation and prescription code.
 */
import { getDatabase } from './context';

/** Consultations still in draft: typed, not yet signed. */
export async function countDrafts(): Promise<number> {
  return getDatabase().consultations.where('status').equals('draft').count();
}

/** Prescriptions started but not printed (or logged as handwritten): the patient has nothing yet. */
export async function countUnprintedPrescriptions(): Promise<number> {
  return getDatabase().prescriptions.where('status').equals('draft').count();
}
