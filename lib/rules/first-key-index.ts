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
  /**
   * Four words a client: the letters of its search text, of its name, that start a word of its
   * name (bit 0 is "a"), then the digits of all three (bits 0–9, 10–19, 20–29).
   */
  readonly bits: Uint32Array;
  /** The first UTF-16 unit of each client's nameKey (0 when empty). */
  readonly firstUnits: Uint16Array;
}

const WORDS_PER_CLIENT = 4;
const NAME = 1;
const WORD_START = 2;
const DIGITS = 3;
const DIGITS_PER_FIELD = 10;
const LOWER_A = 0x61;
const LOWER_Z = 0x7a;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
const NONE = -1;

export function createFirstKeyIndex(roster: readonly MatchCandidate[]): FirstKeyIndex {
  return {
    roster,
    filled: 0,
    bits: new Uint32Array(roster.length * WORDS_PER_CLIENT),
    firstUnits: new Uint16Array(roster.length),
  };
}

/** The bit of a letter a–z (in the field's word) or of a digit (in the digits' word, past `field` fields); NONE for any other. */
function letterBit(code: number): number {
  return code >= LOWER_A && code <= LOWER_Z ? 1 << (code - LOWER_A) : NONE;
}
function digitBit(code: number, field: number): number {
  return code >= DIGIT_0 && code <= DIGIT_9 ? 1 << (code - DIGIT_0 + field * DIGITS_PER_FIELD) : NONE;
}

// Plain loops over char codes and no allocation: this runs over every character of the roster.
function indexClient(bits: Uint32Array, base: number, client: MatchCandidate): void {
  let letters = 0;
  let digits = 0;
  const text = client.searchText;
  for (let position = 0; position < text.length; position += 1) {
    const code = text.charCodeAt(position);
    if (code >= LOWER_A && code <= LOWER_Z) letters |= 1 << (code - LOWER_A);
    else if (code >= DIGIT_0 && code <= DIGIT_9) digits |= 1 << (code - DIGIT_0);
  }
  let nameLetters = 0;
  let startLetters = 0;
  const name = client.nameKey;
  for (let position = 0; position < name.length; position += 1) {
    const code = name.charCodeAt(position);
    const letter = code >= LOWER_A && code <= LOWER_Z;
    if (!letter && !(code >= DIGIT_0 && code <= DIGIT_9)) continue;
    // As startsPlainNameWord finds a word's start: where the name starts or after a separator
    // (an ASCII one told here, without the call).
    const before = position === 0 ? 0x20 : name.charCodeAt(position - 1);
    const starts =
      before < 0x80
        ? !((before >= DIGIT_0 && before <= DIGIT_9) || ((before | 0x20) >= LOWER_A && (before | 0x20) <= LOWER_Z))
        : !wordCharacterBefore(name, position);
    if (letter) {
      nameLetters |= 1 << (code - LOWER_A);
      if (starts) startLetters |= 1 << (code - LOWER_A);
    } else {
      digits |= 1 << (code - DIGIT_0 + NAME * DIGITS_PER_FIELD);
      if (starts) digits |= 1 << (code - DIGIT_0 + WORD_START * DIGITS_PER_FIELD);
    }
  }
  bits[base] = letters;
  bits[base + NAME] = nameLetters;
  bits[base + WORD_START] = startLetters;
  bits[base + DIGITS] = digits;
}

/** Indexes up to `count` more clients; true once the whole roster is indexed. */
export function fillFirstKeyIndex(index: FirstKeyIndex, count: number): boolean {
  const end = Math.min(index.roster.length, index.filled + count);
  for (let at = index.filled; at < end; at += 1) {
    const client = index.roster[at];
    if (!client) continue;
    indexClient(index.bits, at * WORDS_PER_CLIENT, client);
    index.firstUnits[at] = client.nameKey.charCodeAt(0) || 0;
  }
  index.filled = end;
  return end === index.roster.length;
}

/**
 * matchTier(roster[at], query), read from the index when `query` is one letter or digit and
 * the client is indexed (matched on its text otherwise, as the rest of a roster still being
 * indexed is); undefined for any other query or an index of another roster.
 */
export function firstKeyTiers(
  index: FirstKeyIndex | undefined,
  roster: readonly MatchCandidate[],
  query: PreparedQuery,
): ((at: number, client: MatchCandidate) => MatchTier) | undefined {
  if (index?.roster !== roster || index.filled === 0) return undefined;
  const [word] = query.words;
  if (query.words.length !== 1 || word?.length !== 1 || query.folded !== word || query.orgCode !== undefined)
    return undefined;
  const code = word.charCodeAt(0);
  const letter = letterBit(code);
  const digit = digitBit(code, 0);
  if (letter === NONE && digit === NONE) return undefined;
  // Where each field's bit lies: the field's own word for a letter, the digits' word for a digit.
  const [textWord, nameWord, startWord] = letter !== NONE ? [0, NAME, WORD_START] : [DIGITS, DIGITS, DIGITS];
  const [textBit, nameBit, startBit] =
    letter !== NONE ? [letter, letter, letter] : [digit, digitBit(code, NAME), digitBit(code, WORD_START)];
  const { bits, firstUnits, filled } = index;
  return (at, client) => {
    if (at >= filled) return matchTier(client, query);
    const base = at * WORDS_PER_CLIENT;
    if (((bits[base + textWord] ?? 0) & textBit) === 0) return MATCH_TIER.none;
    if (firstUnits[at] === code) return MATCH_TIER.namePrefix;
    if (((bits[base + startWord] ?? 0) & startBit) !== 0) return MATCH_TIER.nameWordPrefix;
    // One letter is too short to be an Org ID code (MIN_BARE_CODE), so no Org ID tier.
    if (((bits[base + nameWord] ?? 0) & nameBit) !== 0) return MATCH_TIER.nameSubstring;
    return MATCH_TIER.elsewhere;
  };
}
