import { liveQuery } from 'dexie';
import { useEffect, useLayoutEffect, useState } from 'preact/hooks';

type LiveState<T> = { value: T | undefined; error: unknown };

/** Subscribes `query` and keeps `setState` current with it; returns the unsubscribe. */
function subscribe<T>(query: () => Promise<T>, setState: (update: (previous: LiveState<T>) => LiveState<T>) => void) {
  const subscription = liveQuery(query).subscribe({
    next: (value) => setState(() => ({ value, error: undefined })),
    error: (error: unknown) => setState((previous) => ({ value: previous.value, error })),
  });
  return () => subscription.unsubscribe();
}

/**
 * The result of a Dexie query, kept current: it re-runs whenever the tables it read change,
 * in this page or in any other context of the extension (the background included).
 */
export function useLiveQuery<T>(query: () => Promise<T>, deps: unknown[]): LiveState<T> {
  const [state, setState] = useState<LiveState<T>>({ value: undefined, error: undefined });
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller lists what the query depends on, and the lint config checks each caller's list (additionalHooks)
  useEffect(() => subscribe(query, setState), deps);
  return state;
}

/**
 * useLiveQuery that starts its query as soon as the page has rendered with its deps, before the
 * browser paints, rather than after the paint: a query that waits for another's result (the
 * roster's size after the list's rows) then comes back within the same frame when it is quick.
 */
export function useLiveQueryBeforePaint<T>(query: () => Promise<T>, deps: unknown[]): LiveState<T> {
  const [state, setState] = useState<LiveState<T>>({ value: undefined, error: undefined });
  // eslint-disable-next-line react-hooks/exhaustive-deps -- as in useLiveQuery: the caller lists what the query depends on, checked through additionalHooks
  useLayoutEffect(() => subscribe(query, setState), deps);
  return state;
}
