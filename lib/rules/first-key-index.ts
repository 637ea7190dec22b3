import {
  type MatchCandidate,
  MATCH_TIER,
  type MatchTier,
  matchTier,
  type PreparedQuery,
  wordCharacterBefore,
} from './client-match';

/**
 * What a one-letter query needs to know of each client, read from typed arrays instead of its
 * strings: the first key matches nearly every client (every search text holds "org-", an email
 * and a domain), so it would otherwise look through the whole roster's text. For each client and
 * each of a–z and 0–9: whether the search text holds it, whether the name does, and whether a
 * word of the name starts with it. The tiers that follow are matchTier's own for such a query.
 */
export interface FirstKeyIndex {
  readonly roster: readonly MatchCandidate[];
  /** Clients indexed so far, from the start of the roster (idle time fills it a part at a time). */
  filled: number;
  /** WORDS_PER_CLIENT words a client: bit field × KEYS + key (see keyOf) for each field. */
  readonly bits: Uint32Array;
  /** keyOf the first UTF-16 unit of each client's name (NO_KEY for none): a name that starts with the key. */
  readonly firsts: Uint8Array;
}

/** The fields: the search text holds the key, the name does, a word of the name starts with it. */
const TEXT = 0;
const NAME = 1;
const WORD_START = 2;
/** a–z, then 0–9. */
const KEYS = 36;
const WORDS_PER_CLIENT = Math.ceil((3 * KEYS) / 32);

/** In `firsts`: a name that starts with no key (empty, or not a–z or 0–9). */
const NO_KEY = 255;

/** 0–25 for a–z, 26–35 for 0–9, -1 for any other UTF-16 unit. */
function keyOf(code: number): number {
  if (code >= 0x61 && code <= 0x7a) return code - 0x61;
  return code >= 0x30 && code <= 0x39 ? code - 0x30 + 26 : -1;
}

function mark(bits: Uint32Array, base: number, field: number, key: number): void {
  const bit = field * KEYS + key;
  bits[base + (bit >> 5)]! |= 1 << (bit & 31);
}

function marked(bits: Uint32Array, base: number, field: number, key: number): boolean {
  const bit = field * KEYS + key;
  return (bits[base + (bit >> 5)]! & (1 << (bit & 31))) !== 0;
}

export function createFirstKeyIndex(roster: readonly MatchCandidate[]): FirstKeyIndex {
  return {
    roster,
    filled: 0,
    bits: new Uint32Array(roster.length * WORDS_PER_CLIENT),
    firsts: new Uint8Array(roster.length),
  };
}

/** Indexes up to `count` more clients; true once the whole roster is indexed. */
export function fillFirstKeyIndex(index: FirstKeyIndex, count: number): boolean {
  const { roster, bits, firsts } = index;
  const end = Math.min(roster.length, index.filled + count);
  for (let at = index.filled; at < end; at += 1) {
    const client = roster[at]!;
    const base = at * WORDS_PER_CLIENT;
    // Plain loops over UTF-16 units, allocating nothing: this reads every character of the roster.
    const text = client.searchText;
    for (let position = 0; position < text.length; position += 1) {
      const key = keyOf(text.charCodeAt(position));
      if (key >= 0) mark(bits, base, TEXT, key);
    }
    const name = client.nameKey;
    const first = name.length > 0 ? keyOf(name.charCodeAt(0)) : -1;
    firsts[at] = first < 0 ? NO_KEY : first;
    for (let position = 0; position < name.length; position += 1) {
      const key = keyOf(name.charCodeAt(position));
      if (key < 0) continue;
      mark(bits, base, NAME, key);
      // As startsPlainNameWord finds a word's start: where the name starts or after a separator.
      if (position === 0 || !wordCharacterBefore(name, position)) mark(bits, base, WORD_START, key);
    }
  }
  index.filled = end;
  return end === roster.length;
}

/** The key a one-letter or one-digit query reads in the index of `roster`, or -1 when it reads none. */
function queryKey(index: FirstKeyIndex | undefined, roster: readonly MatchCandidate[], query: PreparedQuery): number {
  // One UTF-16 unit folded is one word, and too short to be an Org ID code (MIN_BARE_CODE).
  const code = query.folded.length === 1 ? query.folded.charCodeAt(0) : -1;
  return index?.roster === roster ? keyOf(code) : -1;
}

/** The tier of the client at `at` for `key`, from the index alone (the client must be indexed). */
function indexedTier(index: FirstKeyIndex, at: number, key: number): MatchTier {
  const { bits, firsts } = index;
  const base = at * WORDS_PER_CLIENT;
  if (!marked(bits, base, TEXT, key)) return MATCH_TIER.none;
  if (firsts[at] === key) return MATCH_TIER.namePrefix;
  if (marked(bits, base, WORD_START, key)) return MATCH_TIER.nameWordPrefix;
  return marked(bits, base, NAME, key) ? MATCH_TIER.nameSubstring : MATCH_TIER.elsewhere;
}

/** A one-letter query's matches from a whole index: roster indexes best first, and the same ascending. */
export interface FirstKeyRanking {
  /** Best tier first, and in the roster's order within a tier: rankClients' order. */
  readonly ranked: Uint32Array;
  /** The same indexes in the roster's order. */
  readonly matches: Uint32Array;
}

/**
 * rankClients(roster, query) as roster indexes, when `query` is one letter or digit and the
 * index of `roster` is whole; undefined otherwise. Two passes over typed arrays, touching no
 * client: the first key matches nearly every client, and ranking them as objects (a closure
 * call and an array push each) cost the first key 15–20 ms at 10,000 clients against 5–8 ms for
 * the later ones, which match few.
 */
export function rankFirstKey(
  index: FirstKeyIndex | undefined,
  roster: readonly MatchCandidate[],
  query: PreparedQuery,
): FirstKeyRanking | undefined {
  const key = queryKey(index, roster, query);
  if (!index || key < 0 || index.filled !== roster.length) return undefined;
  const size = roster.length;
  const tiers = new Uint8Array(size);
  // Clients in each tier, then where each tier's run starts in `ranked` (the best tier first).
  const starts = new Uint32Array(MATCH_TIER.namePrefix + 1);
  for (let at = 0; at < size; at += 1) {
    const tier = indexedTier(index, at, key);
    tiers[at] = tier;
    starts[tier]! += 1;
  }
  const found = size - starts[MATCH_TIER.none]!;
  let start = 0;
  for (let tier = MATCH_TIER.namePrefix; tier > MATCH_TIER.none; tier -= 1) {
    const count = starts[tier]!;
    starts[tier] = start;
    start += count;
  }
  const ranked = new Uint32Array(found);
  const matches = new Uint32Array(found);
  let matched = 0;
  for (let at = 0; at < size; at += 1) {
    const tier = tiers[at]!;
    if (tier === MATCH_TIER.none) continue;
    matches[matched] = at;
    matched += 1;
    ranked[starts[tier]!] = at;
    starts[tier]! += 1;
  }
  return { ranked, matches };
}

/**
 * matchTier(roster[at], query), read from the index as far as it is filled and matched on the
 * client's text beyond (a key typed while idle time is still filling it then costs only the
 * part not yet indexed), when `query` is one letter or digit; undefined for any other query or
 * an index of another roster (the query is then matched on the clients' text).
 */
export function firstKeyTiers(
  index: FirstKeyIndex | undefined,
  roster: readonly MatchCandidate[],
  query: PreparedQuery,
): ((at: number, client: MatchCandidate) => MatchTier) | undefined {
  const key = queryKey(index, roster, query);
  if (!index || key < 0) return undefined;
  const { filled } = index;
  return (at, client) => (at >= filled ? matchTier(client, query) : indexedTier(index, at, key));
}
