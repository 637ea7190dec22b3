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
const ORG_PREFIX = 'org-';
/** A bare Org ID code shorter than this is too likely to be the start of a name to rank as an Org ID. */
const MIN_BARE_CODE = 3;

/** A query folded once, so that scoring thousands of clients does not fold it again each time. */
export interface PreparedQuery {
  folded: string;
  words: string[];
}

export function prepareQuery(query: string): PreparedQuery {
  return { folded: foldForSearch(query), words: searchWords(query) };
}

function orgIdTier(orgId: string, query: PreparedQuery): MatchTier {
  if (query.words.length !== 1) return MATCH_TIER.none;
  const code = orgId.toLowerCase().slice(ORG_PREFIX.length);
  const typedPrefix = query.folded.startsWith(ORG_PREFIX);
  const typedCode = typedPrefix ? query.folded.slice(ORG_PREFIX.length) : query.folded;
  if (typedCode === '' || (!typedPrefix && typedCode.length < MIN_BARE_CODE)) return MATCH_TIER.none;
  if (typedCode === code) return MATCH_TIER.orgIdExact;
  return code.startsWith(typedCode) ? MATCH_TIER.orgIdPrefix : MATCH_TIER.none;
}

/** How `candidate` matches `query`; `none` when some word of the query is in none of its fields. */
export function matchTier(candidate: MatchCandidate, query: PreparedQuery): MatchTier {
  if (!hasEveryWord(candidate.searchText, query.words)) return MATCH_TIER.none;
  const name = candidate.nameKey;
  if (name.startsWith(query.folded)) return MATCH_TIER.namePrefix;
  const nameWords = name.split(WORD_SEPARATOR);
  if (query.words.every((word) => nameWords.some((nameWord) => nameWord.startsWith(word)))) {
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
