import { MATCH_TIER, type MatchCandidate, matchTier, prepareQuery } from './client-match';
import {
  createFirstKeyIndex,
  type FirstKeyIndex,
  fillFirstKeyIndex,
  firstKeyTiers,
  rankFirstKey,
} from './first-key-index';

/**
 * The switcher's search as a person types: a longer query never matches more, so each key
 * ranks only the clients that matched an earlier query it narrows, not the whole roster.
 * The results are rankClients' own (same rows, same order): the matches are kept in the
 * roster's order, and ranking them again puts ties back in that order.
 */

/** One earlier query and the clients that matched it. */
export interface RememberedSearch {
  /** Its folded words (prepareQuery). */
  readonly words: readonly string[];
  /** Indexes into the roster of the clients that matched, ascending; undefined when every client did. */
  readonly matches: Uint32Array | undefined;
}

/** What the search keeps between keystrokes, for one roster. */
export interface SearchMemory {
  /** The roster the searches ran on: a new read of the roster starts a new memory. */
  readonly roster: readonly unknown[];
  /** Newest last. */
  readonly searches: readonly RememberedSearch[];
}

export interface NarrowedSearch<T> {
  ranked: T[];
  memory: SearchMemory;
}

/** Earlier queries kept, beyond which the oldest is forgotten. */
export const REMEMBERED_SEARCHES = 12;
/** Indexes kept across all remembered searches, in rosters: memory stays within twice the roster's indexes. */
const REMEMBERED_ROSTERS = 2;

/**
 * True when every client that has all of `narrower`'s words also has all of `broader`'s:
 * each broader word lies inside some narrower word (a client's text that holds the longer
 * word holds the shorter one too).
 */
export function narrows(broader: readonly string[], narrower: readonly string[]): boolean {
  return broader.every((word) => narrower.some((longer) => longer.includes(word)));
}

function sameWords(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((word, index) => word === b[index]);
}

/** The remembered search with the fewest matches among those that `words` narrows. */
function narrowestBase(searches: readonly RememberedSearch[], words: readonly string[]): Uint32Array | undefined {
  let base: Uint32Array | undefined;
  for (const search of searches) {
    if (search.matches === undefined || (base !== undefined && search.matches.length >= base.length)) continue;
    if (narrows(search.words, words)) base = search.matches;
  }
  return base;
}

function remember(
  searches: readonly RememberedSearch[],
  search: RememberedSearch,
  rosterSize: number,
): RememberedSearch[] {
  const kept = [...searches.filter((earlier) => !sameWords(earlier.words, search.words)), search];
  let indexes = kept.reduce((sum, earlier) => sum + (earlier.matches?.length ?? 0), 0);
  while (kept.length > REMEMBERED_SEARCHES || (kept.length > 1 && indexes > REMEMBERED_ROSTERS * rosterSize))
    indexes -= kept.shift()?.matches?.length ?? 0;
  return kept;
}

/**
 * rankClients(ordered, query), ranking only the clients of the narrowest earlier query in
 * `memory` that `query` narrows (the whole roster when there is none), and the memory to
 * pass with the next query. A memory of another roster is not used. A one-letter query is
 * matched through `firstKeys`, the roster's first-key index, as far as it is filled.
 */
export function searchRoster<T extends MatchCandidate>(
  ordered: readonly T[],
  query: string,
  memory: SearchMemory | undefined,
  firstKeys?: FirstKeyIndex,
): NarrowedSearch<T> {
  const searches = memory?.roster === ordered ? memory.searches : [];
  const prepared = prepareQuery(query);
  if (prepared.words.length === 0) return { ranked: [...ordered], memory: { roster: ordered, searches } };

  // The matches are remembered as roster indexes, or as undefined when every client matched.
  const result = (ranked: T[], matches: Uint32Array | undefined): NarrowedSearch<T> => ({
    ranked,
    memory: { roster: ordered, searches: remember(searches, { words: prepared.words, matches }, ordered.length) },
  });

  const first = rankFirstKey(firstKeys, ordered, prepared);
  if (first) {
    const ranked = new Array<T>(first.ranked.length);
    for (let at = 0; at < ranked.length; at += 1) ranked[at] = ordered[first.ranked[at] ?? 0] as T;
    return result(ranked, first.matches.length === ordered.length ? undefined : first.matches);
  }

  const base = narrowestBase(searches, prepared.words);
  const count = base?.length ?? ordered.length;
  const matched = new Uint32Array(count);
  let found = 0;
  const byTier: T[][] = [[], [], [], [], [], [], []];
  const indexed = firstKeyTiers(firstKeys, ordered, prepared);
  for (let at = 0; at < count; at += 1) {
    const index = base === undefined ? at : (base[at] ?? 0);
    const candidate = ordered[index];
    if (candidate === undefined) continue;
    const tier = indexed ? indexed(index, candidate) : matchTier(candidate, prepared);
    if (tier === MATCH_TIER.none) continue;
    byTier[tier]?.push(candidate);
    matched[found] = index;
    found += 1;
  }
  // concat, not flat: flat copies a hundred thousand clients many times slower.
  return result(
    ([] as T[]).concat(...byTier.reverse()),
    found === ordered.length ? undefined : matched.slice(0, found),
  );
}

/** Clients a warm-up search runs on: enough for the engine to compile the search, few enough to take a millisecond or two. */
const WARM_UP_CLIENTS = 2_000;

/**
 * What the warm-up searches for: one-letter queries first, which the first key is (eight of
 * them, so that the engine optimises the first-key ranking as it does for a key typed later:
 * one run left the first key at 21.6 ms against 14.5 ms with eight, at 10,000 clients in
 * bench/popup-typing.ts), then the longer kinds later keys are.
 */
const WARM_UP_QUERIES = [...'aeoirn01', 'org-0', 'e o', 'ar'];

/**
 * A warm-up of the search on the start of the roster, for nothing but its effect on the
 * JavaScript engine: the first key then finds the search compiled and optimised, as every later
 * key does. Each call of the returned step runs one query (a millisecond or so, so that a key
 * typed meanwhile waits no longer) and says whether all have run.
 */
export function warmUpSearch(ordered: readonly MatchCandidate[]): () => boolean {
  const part = ordered.slice(0, WARM_UP_CLIENTS);
  // The first key reads the first-key index, not the text: that path is compiled too.
  const firstKeys = createFirstKeyIndex(part);
  fillFirstKeyIndex(firstKeys, part.length);
  let next = 0;
  return () => {
    const query = WARM_UP_QUERIES[next] ?? '';
    next += 1;
    searchRoster(part, query, undefined, firstKeys);
    return next >= WARM_UP_QUERIES.length;
  };
}
