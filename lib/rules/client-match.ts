import { compareByName } from './name-order';
import { foldForSearch, hasEveryWord, searchWords } from './search';

/** What ranking needs to know of a client; the stored client already holds the folded fields. */
export interface MatchCandidate {
  orgId: string;
  /** foldForSearch(name) */
  nameKey: string;
  /** clientSearchText(client): name, company, Org ID, contact email and domain, folded. */
  searchText: string;
  /** Epoch ms when the client's workspace was last opened from the extension. */
  lastOpenedAt?: number | undefined;
}

/**
 * How well a client matches, best first. A name that starts with the query beats a name with
 * words that start with it, which beats an Org ID typed in full or in part, which beats the
 * query found anywhere else (inside the name first).
 */
export const MATCH_TIER = {
  namePrefix: 6,
  nameWordPrefix: 5,
  orgIdExact: 4,
  orgIdPrefix: 3,
  nameSubstring: 2,
  elsewhere: 1,
  none: 0,
} as const;
export type MatchTier = (typeof MATCH_TIER)[keyof typeof MATCH_TIER];

const WORD_SEPARATOR = /[^\p{L}\p{N}]+/u;
/** Every code point a letter or a digit: a word that can start a word of the name as a whole. */
const LETTERS_AND_DIGITS = /^[\p{L}\p{N}]+$/u;
/** A letter or digit: what a word of the name is made of (WORD_SEPARATOR's complement). */
const WORD_CHARACTER = /^[\p{L}\p{N}]$/u;
const ORG_PREFIX = 'org-';
/** A bare Org ID code shorter than this is too likely to be the start of a name to rank as an Org ID. */
const MIN_BARE_CODE = 3;

/**
 * How a query word can start a word of a name: `plain` words (letters and digits only) are
 * looked for where a word of the name begins, without splitting the name; a word holding a
 * separator starts `no` word of any name (the name's words hold none); anything else (a word
 * that ends in half of a surrogate pair) is checked against the name's words one by one.
 */
type WordStartKind = 'plain' | 'no' | 'split';

/** A query folded once, so that scoring thousands of clients does not fold it again each time. */
export interface PreparedQuery {
  folded: string;
  words: string[];
  /** For each word, how it is matched against the start of a word of the name. */
  wordStarts: WordStartKind[];
  /** The typed Org ID code (lower case, without "org-"), when the query can rank as an Org ID at all. */
  orgCode: string | undefined;
}

function wordStartKind(word: string): WordStartKind {
  if (LETTERS_AND_DIGITS.test(word)) return 'plain';
  // Half of a surrogate pair at the end may be the first half of a letter in the name.
  const last = word.charCodeAt(word.length - 1);
  const whole = last >= 0xd800 && last <= 0xdbff ? word.slice(0, -1) : word;
  return whole !== word && (whole === '' || LETTERS_AND_DIGITS.test(whole)) ? 'split' : 'no';
}

function typedOrgCode(folded: string, words: readonly string[]): string | undefined {
  if (words.length !== 1) return undefined;
  const typedPrefix = folded.startsWith(ORG_PREFIX);
  const typedCode = typedPrefix ? folded.slice(ORG_PREFIX.length) : folded;
  if (typedCode === '' || (!typedPrefix && typedCode.length < MIN_BARE_CODE)) return undefined;
  return typedCode;
}

export function prepareQuery(query: string): PreparedQuery {
  const folded = foldForSearch(query);
  const words = searchWords(query);
  return { folded, words, wordStarts: words.map(wordStartKind), orgCode: typedOrgCode(folded, words) };
}

function orgIdTier(orgId: string, query: PreparedQuery): MatchTier {
  const typedCode = query.orgCode;
  if (typedCode === undefined) return MATCH_TIER.none;
  const code = orgId.toLowerCase().slice(ORG_PREFIX.length);
  if (typedCode === code) return MATCH_TIER.orgIdExact;
  return code.startsWith(typedCode) ? MATCH_TIER.orgIdPrefix : MATCH_TIER.none;
}

/** True when the code point that ends just before `at` in `text` is a letter or a digit. */
export function wordCharacterBefore(text: string, at: number): boolean {
  const unit = text.charCodeAt(at - 1);
  if (unit < 0x80)
    return (unit >= 0x30 && unit <= 0x39) || (unit >= 0x61 && unit <= 0x7a) || (unit >= 0x41 && unit <= 0x5a);
  const pairEnd = unit >= 0xdc00 && unit <= 0xdfff && at >= 2;
  const high = pairEnd ? text.charCodeAt(at - 2) : 0;
  const start = pairEnd && high >= 0xd800 && high <= 0xdbff ? at - 2 : at - 1;
  return WORD_CHARACTER.test(text.slice(start, at));
}

/**
 * True when a word of `name` (split at WORD_SEPARATOR) starts with `word`, a word of letters
 * and digits: it is found where the name starts or right after a separator. Found without
 * splitting, as the first key matches nearly every client of the roster.
 */
function startsPlainNameWord(name: string, word: string): boolean {
  for (let at = name.indexOf(word); at !== -1; at = name.indexOf(word, at + 1))
    if (at === 0 || !wordCharacterBefore(name, at)) return true;
  return false;
}

function startsNameWord(name: string, word: string, kind: WordStartKind | undefined): boolean {
  if (kind === 'plain') return startsPlainNameWord(name, word);
  if (kind === 'no') return false;
  return name.split(WORD_SEPARATOR).some((nameWord) => nameWord.startsWith(word));
}

/** How `candidate` matches `query`; `none` when some word of the query is in none of its fields. */
export function matchTier(candidate: MatchCandidate, query: PreparedQuery): MatchTier {
  if (!hasEveryWord(candidate.searchText, query.words)) return MATCH_TIER.none;
  const name = candidate.nameKey;
  if (name.startsWith(query.folded)) return MATCH_TIER.namePrefix;
  if (query.words.every((word, index) => startsNameWord(name, word, query.wordStarts[index]))) {
    return MATCH_TIER.nameWordPrefix;
  }
  const byOrgId = orgIdTier(candidate.orgId, query);
  if (byOrgId !== MATCH_TIER.none) return byOrgId;
  if (query.words.every((word) => name.includes(word))) return MATCH_TIER.nameSubstring;
  return MATCH_TIER.elsewhere;
}

/**
 * The order of an unsearched list: the most recently opened first, then by name in the
 * dashboard's order (that of the nameKey index, which the popup's first rows are read through).
 */
export function compareByRecency(a: MatchCandidate, b: MatchCandidate): number {
  const opened = (b.lastOpenedAt ?? -Infinity) - (a.lastOpenedAt ?? -Infinity);
  if (opened !== 0 && !Number.isNaN(opened)) return opened;
  return compareByName(a, b);
}

export function orderByRecency<T extends MatchCandidate>(candidates: readonly T[]): T[] {
  return [...candidates].sort(compareByRecency);
}

/**
 * The clients that match `query`, best match first; ties keep the order they came in.
 * Pass them in `orderByRecency` order (as the switcher's read does) and ties go by recency,
 * then name, without sorting thousands of clients again on every keystroke.
 */
export function rankClients<T extends MatchCandidate>(ordered: readonly T[], query: string): T[] {
  const prepared = prepareQuery(query);
  if (prepared.words.length === 0) return [...ordered];
  const byTier: T[][] = [[], [], [], [], [], [], []];
  for (const candidate of ordered) {
    const tier = matchTier(candidate, prepared);
    if (tier !== MATCH_TIER.none) byTier[tier]?.push(candidate);
  }
  return byTier.reverse().flat();
}
