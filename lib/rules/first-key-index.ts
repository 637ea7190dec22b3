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
}

/** The fields: the search text holds the key, the name does, a word of the name starts with it. */
const TEXT = 0;
const NAME = 1;
const WORD_START = 2;
/** a–z, then 0–9. */
const KEYS = 36;
const WORDS_PER_CLIENT = Math.ceil((3 * KEYS) / 32);

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
  return { roster, filled: 0, bits: new Uint32Array(roster.length * WORDS_PER_CLIENT) };
}

/** Indexes up to `count` more clients; true once the whole roster is indexed. */
export function fillFirstKeyIndex(index: FirstKeyIndex, count: number): boolean {
  const { roster, bits } = index;
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
  // One UTF-16 unit folded is one word, and too short to be an Org ID code (MIN_BARE_CODE).
  const code = query.folded.length === 1 ? query.folded.charCodeAt(0) : -1;
  const key = keyOf(code);
  if (index?.roster !== roster || key < 0) return undefined;
  const { bits, filled } = index;
  return (at, client) => {
    if (at >= filled) return matchTier(client, query);
    const base = at * WORDS_PER_CLIENT;
    if (!marked(bits, base, TEXT, key)) return MATCH_TIER.none;
    if (client.nameKey.charCodeAt(0) === code) return MATCH_TIER.namePrefix;
    if (marked(bits, base, WORD_START, key)) return MATCH_TIER.nameWordPrefix;
    return marked(bits, base, NAME, key) ? MATCH_TIER.nameSubstring : MATCH_TIER.elsewhere;
  };
}
