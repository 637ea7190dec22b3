import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useLiveQuery } from '../../components/useLiveQuery';
import { listSwitcherEntries, type SwitcherEntry } from '../../lib/ops';
import { createFirstKeyIndex, type FirstKeyIndex, fillFirstKeyIndex } from '../../lib/rules/first-key-index';
import { type SearchMemory, searchRoster, warmUpSearch } from '../../lib/rules/narrowed-search';

/** Clients indexed in one step: a millisecond's work or two. */
const INDEX_CHUNK = 1_000;
/** Idle time a step may need: another starts only while more than this is left. */
const STEP_MS = 3;

/**
 * Runs `step` when the page has nothing else to do, until it returns true: as many steps as fit
 * in each idle period, since a callback asked for inside one runs only in the next period (one
 * step a period left the first-key index unfilled at 100,000 clients when the first key came:
 * 112 ms for that key against 67 ms with this, in bench/popup-typing.ts). Returns a cancel.
 * Nothing runs where the browser cannot say when it is idle: the warm-up and the index only
 * save the first key time, the search is the same without them.
 */
function whileIdle(step: () => boolean): () => void {
  if (typeof requestIdleCallback !== 'function') return () => undefined;
  const run = (deadline: IdleDeadline) => {
    let done = step();
    while (!done && deadline.timeRemaining() > STEP_MS) done = step();
    if (!done) handle = requestIdleCallback(run);
  };
  let handle = requestIdleCallback(run, { timeout: 1_000 });
  return () => cancelIdleCallback(handle);
}

export interface ClientSwitcher {
  query: string;
  /** Every client, or the first rows while the whole roster is still being read. */
  entries: readonly SwitcherEntry[];
  /** The clients that match the query, best first. */
  ranked: readonly SwitcherEntry[];
  selectedIndex: number;
  selected: SwitcherEntry | undefined;
  search(query: string): void;
  /** Moves the selection by `delta` rows, stopping at either end. */
  move(delta: number): void;
}

/**
 * The switcher's state. The roster is read once (and again only when the data changes); each
 * keystroke ranks it in memory, only among the matches of an earlier query that the new one
 * narrows (lib/rules/narrowed-search.ts). The selection follows a client, not a row number, so that it
 * stays put when the rest of the roster arrives; a new query selects the best match.
 */
export function useClientSwitcher(firstRows: readonly SwitcherEntry[]): ClientSwitcher {
  const { value: all } = useLiveQuery(() => listSwitcherEntries(), []);
  const entries = all ?? firstRows;
  const [query, setQuery] = useState('');
  // Once the roster is in, idle time compiles the search, which the first key would pay for
  // otherwise, then indexes the roster for the first key, which matches nearly every client.
  const firstKeys = useRef<FirstKeyIndex | undefined>(undefined);
  useEffect(() => {
    if (!all || all.length === 0) return;
    const index = createFirstKeyIndex(all);
    firstKeys.current = index;
    let warmUp: (() => boolean) | undefined;
    let warm = false;
    return whileIdle(() => {
      if (warm) return fillFirstKeyIndex(index, INDEX_CHUNK);
      warmUp ??= warmUpSearch(all);
      warm = warmUp();
      return false;
    });
  }, [all]);
  const [chosenOrgId, setChosenOrgId] = useState<string | undefined>(undefined);
  const memory = useRef<SearchMemory | undefined>(undefined);
  const ranked = useMemo(() => {
    const search = searchRoster(entries, query, memory.current, firstKeys.current);
    memory.current = search.memory;
    return search.ranked;
  }, [entries, query]);
  const chosenIndex = chosenOrgId === undefined ? -1 : ranked.findIndex((entry) => entry.orgId === chosenOrgId);
  const selectedIndex = Math.max(0, chosenIndex);

  return {
    query,
    entries,
    ranked,
    selectedIndex,
    selected: ranked[selectedIndex],
    search(next) {
      setQuery(next);
      setChosenOrgId(undefined);
    },
    move(delta) {
      const index = Math.min(ranked.length - 1, Math.max(0, selectedIndex + delta));
      setChosenOrgId(ranked[index]?.orgId);
    },
  };
}
