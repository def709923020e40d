/**
 * Reads from storage and keeps the result current: re-renders when the data changes here or in
 * another tab. `error` is the reason a read failed, shown to the user rather than swallowed.
 */
import { useEffect, useState, type DependencyList } from 'react';
import { watchQuery } from '../db';

export type LiveResult<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'failed'; error: string };

export function useLiveQuery<T>(query: () => Promise<T>, deps: DependencyList): LiveResult<T> {
  const [result, setResult] = useState<LiveResult<T>>({ status: 'loading' });
  useEffect(
    () =>
      watchQuery(
        query,
        (value) => setResult({ status: 'ready', value }),
        (error) => setResult({ status: 'failed', error: describeError(error) }),
      ),
    // The caller lists what the query depends on, as with useEffect.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    deps,
  );
  return result;
}

export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
