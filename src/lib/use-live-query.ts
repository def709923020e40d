/**
 * Reads from storage and keeps the result current: re-renders when the data changes here or in
 * another tab. `error` is the reason a read failed, shown to the user rather than swallowed.
 */
import { useEffect, useRef, useState } from 'react';
import { watchQuery } from '../db';

export type LiveResult<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'failed'; error: string };

/** What a query depends on: ids, counters, flags (compared by value). */
type QueryInputs = readonly (string | number | boolean | null | undefined)[];

export function useLiveQuery<T>(query: () => Promise<T>, inputs: QueryInputs): LiveResult<T> {
  const [result, setResult] = useState<LiveResult<T>>({ status: 'loading' });
  // The latest query function; the subscription restarts only when its inputs change.
  const latestQuery = useRef(query);
  useEffect(() => {
    latestQuery.current = query;
  });
  const inputsKey = JSON.stringify(inputs);
  useEffect(
    () =>
      watchQuery(
        () => latestQuery.current(),
        (value) => setResult({ status: 'ready', value }),
        (error) => setResult({ status: 'failed', error: describeError(error) }),
      ),
    [inputsKey],
  );
  return result;
}

export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
