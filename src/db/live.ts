/**
 * Live reads: a query re-runs whenever a table it read changes, in this tab or any other tab of
 * this browser (Dexie broadcasts changes), so two screens never disagree about what is stored.
 */
import { liveQuery } from 'dexie';

export function watchQuery<T>(query: () => Promise<T>, onValue: (value: T) => void, onError: (error: unknown) => void): () => void {
  const subscription = liveQuery(query).subscribe({ next: onValue, error: onError });
  return () => subscription.unsubscribe();
}
