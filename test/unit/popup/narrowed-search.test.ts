import { describe, expect, it } from 'vitest';
import {
  MATCH_TIER,
  type MatchCandidate,
  matchTier,
  orderByRecency,
  prepareQuery,
  rankClients,
} from '../../../lib/rules/client-match';
import { createFirstKeyIndex, fillFirstKeyIndex } from '../../../lib/rules/first-key-index';
import { narrows, REMEMBERED_SEARCHES, type SearchMemory, searchRoster } from '../../../lib/rules/narrowed-search';
import { clientSearchText, foldForSearch, searchWords } from '../../../lib/rules/search';

/** A small deterministic generator (mulberry32), so that a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  'Acme',
  'acme',
  'Outdoor',
  'Blue',
  'Harbor',
  'Globex',
  'Logistics',
  'Pacme',
  'ＡＣＭＥ',
  'Ａｃｍｅ',
  'アクメ',
  'ｱｸﾒ',
  'あくめ',
  '商事',
  'さくら',
  'サクラ',
  'O’Brien',
  'Café',
  'Cafe\u0301',
  'd.o.o',
  'co-op',
  'x_y',
  '7k2',
  '99',
  '😀Smile',
  '𝒜lpha',
];
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

interface Candidate extends MatchCandidate {
  name: string;
}

function pick<T>(next: () => number, list: readonly T[]): T {
  return list[Math.floor(next() * list.length)] as T;
}

function roster(next: () => number, size: number): Candidate[] {
  const clients: Candidate[] = [];
  for (let index = 0; index < size; index += 1) {
    const words = Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick(next, WORDS));
    const name = next() < 0.1 ? `${words.join(' ')} ${index}` : words.join(next() < 0.2 ? '-' : ' ');
    const code = Array.from({ length: 8 }, () => pick(next, [...ALPHABET])).join('');
    const orgId = `ORG-${code}`;
    const company = next() < 0.5 ? `${pick(next, WORDS)} ${pick(next, ['GmbH', 'KK', '株式会社', 'Ltd'])}` : undefined;
    const domain = next() < 0.6 ? `${pick(next, ['acme', 'globex', 'sakura', 'blue'])}${index}.test` : undefined;
    clients.push({
      orgId,
      name,
      nameKey: foldForSearch(name),
      searchText: clientSearchText({ orgId, name, company, domain, contact: { email: `owner${index}@mail.test` } }),
      lastOpenedAt: next() < 0.3 ? Math.floor(next() * 1_000) : undefined,
    });
  }
  return orderByRecency(clients);
}

/** A query taken from a client's own fields, so that typing it narrows to something. */
function targetQuery(next: () => number, clients: readonly Candidate[]): string {
  const client = pick(next, clients);
  const choice = next();
  if (choice < 0.2) return client.orgId.toLowerCase();
  if (choice < 0.3) return client.orgId.slice(4, 4 + 3 + Math.floor(next() * 5));
  if (choice < 0.4) return client.searchText.slice(Math.floor(next() * client.searchText.length));
  if (choice < 0.5) return `${pick(next, WORDS)} ${pick(next, WORDS)}`;
  return client.name;
}

/** The queries a person goes through: typing, backspacing, pasting, editing in the middle. */
function session(next: () => number, clients: readonly Candidate[], steps: number): string[] {
  const queries: string[] = [];
  let query = '';
  let target = targetQuery(next, clients);
  for (let step = 0; step < steps; step += 1) {
    const action = next();
    if (action < 0.55 && query.length < target.length) query = target.slice(0, query.length + 1);
    else if (action < 0.7) query = query.slice(0, Math.max(0, query.length - 1 - Math.floor(next() * 3)));
    else if (action < 0.78) {
      target = targetQuery(next, clients);
      query = target.slice(0, Math.ceil(next() * target.length));
    } else if (action < 0.88 && query.length > 1) {
      const at = Math.floor(next() * query.length);
      query = query.slice(0, at) + pick(next, [...'aeo k-ｱ商 ', ...query]) + query.slice(at + (next() < 0.5 ? 1 : 0));
    } else if (action < 0.93) query = `${query}${next() < 0.5 ? ' ' : '  '}`;
    else {
      target = targetQuery(next, clients);
      query = '';
    }
    queries.push(query);
  }
  return queries;
}

const orgIds = (list: readonly MatchCandidate[]) => list.map((client) => client.orgId);

describe('searchRoster', () => {
  it('finds the same clients in the same order as a full search, key after key', () => {
    for (let seed = 1; seed <= 40; seed += 1) {
      const next = random(seed);
      const clients = roster(next, 20 + Math.floor(next() * 300));
      let memory: SearchMemory | undefined;
      for (const query of session(next, clients, 80)) {
        const search = searchRoster(clients, query, memory);
        memory = search.memory;
        expect(orgIds(search.ranked), `seed ${seed}, query ${JSON.stringify(query)}`).toEqual(
          orgIds(rankClients(clients, query)),
        );
      }
    }
  });

  it('forgets the searches of another roster (one read again after a change)', () => {
    const next = random(7);
    const before = roster(next, 200);
    let memory = searchRoster(before, 'ac', undefined).memory;
    memory = searchRoster(before, 'acm', memory).memory;
    // The same clients, one of them renamed: the earlier matches say nothing of it.
    const after = before.map((client, index) =>
      index === 5 ? { ...client, name: 'Acme New', nameKey: 'acme new', searchText: 'acme new | x' } : client,
    );
    expect(orgIds(searchRoster(after, 'acme', memory).ranked)).toEqual(orgIds(rankClients(after, 'acme')));
  });

  it('keeps a bounded number of earlier searches', () => {
    const next = random(11);
    const clients = roster(next, 500);
    let memory: SearchMemory | undefined;
    for (const query of session(next, clients, 400)) {
      memory = searchRoster(clients, query, memory).memory;
      expect(memory.searches.length).toBeLessThanOrEqual(REMEMBERED_SEARCHES);
      const kept = memory.searches.reduce((sum, search) => sum + (search.matches?.length ?? 0), 0);
      expect(kept).toBeLessThanOrEqual(2 * clients.length);
    }
  });

  it('returns every client, in the roster order, for an empty query', () => {
    const clients = roster(random(3), 50);
    expect(searchRoster(clients, '  ', undefined).ranked).toEqual(clients);
  });
});

/** Every character a first key can be: letters of either case and width, digits, kana, separators, halves of pairs. */
const FIRST_KEYS = [
  ...'abcdefghijklmnopqrstuvwxyz0123456789',
  ...'AGZ09ＡｇＯ０９',
  ...'あアｱ商-_.@|’é ',
  '\ud83d',
  '😀',
];

/** Clients whose name and search text are made of unrelated pieces, so that each field's letters count apart. */
function looseRoster(next: () => number, size: number): MatchCandidate[] {
  const pieces = [
    'a',
    'Ab',
    'g',
    'Zz',
    '0',
    '9',
    '7k',
    '-',
    ' ',
    '.',
    '_',
    '’',
    'é',
    'e\u0301',
    'あ',
    'ア',
    '商',
    '😀',
    '𝒜',
    'org-',
  ];
  const text = () => Array.from({ length: Math.floor(next() * 9) }, () => pick(next, pieces)).join('');
  return Array.from({ length: size }, (_, index) => {
    const nameKey = next() < 0.5 ? foldForSearch(text()) : text();
    return { orgId: `ORG-${index}`, nameKey, searchText: next() < 0.5 ? `${nameKey} | ${text()}` : text() };
  });
}

describe('searchRoster with a first-key index', () => {
  it('ranks every one-character query as a full search does, the index whole or in part', () => {
    for (let seed = 1; seed <= 30; seed += 1) {
      const next = random(seed);
      const clients = seed % 2 === 0 ? roster(next, 20 + Math.floor(next() * 300)) : looseRoster(next, 300);
      const index = createFirstKeyIndex(clients);
      // Part filled (a roster still being indexed in idle time), then whole.
      fillFirstKeyIndex(index, Math.floor(next() * clients.length));
      for (const filled of ['part', 'whole']) {
        if (filled === 'whole') expect(fillFirstKeyIndex(index, clients.length)).toBe(true);
        for (const key of FIRST_KEYS) {
          const search = searchRoster(clients, key, undefined, index);
          expect(orgIds(search.ranked), `seed ${seed}, ${filled}, key ${JSON.stringify(key)}`).toEqual(
            orgIds(rankClients(clients, key)),
          );
        }
      }
    }
  });

  it('finds the same clients in the same order as a full search, key after key', () => {
    for (let seed = 1; seed <= 40; seed += 1) {
      const next = random(seed);
      const clients = roster(next, 20 + Math.floor(next() * 300));
      const index = createFirstKeyIndex(clients);
      fillFirstKeyIndex(index, seed % 3 === 0 ? Math.floor(next() * clients.length) : clients.length);
      let memory: SearchMemory | undefined;
      for (const query of session(next, clients, 80)) {
        const search = searchRoster(clients, query, memory, index);
        memory = search.memory;
        expect(orgIds(search.ranked), `seed ${seed}, query ${JSON.stringify(query)}`).toEqual(
          orgIds(rankClients(clients, query)),
        );
      }
    }
  });

  it('does not use the index of another roster (one read again after a change)', () => {
    const next = random(9);
    const before = roster(next, 200);
    const index = createFirstKeyIndex(before);
    fillFirstKeyIndex(index, before.length);
    const after = before.map((client, index) =>
      index === 5 ? { ...client, name: 'Zeta', nameKey: 'zeta', searchText: 'zeta | org-zzzz' } : client,
    );
    expect(orgIds(searchRoster(after, 'z', undefined, index).ranked)).toEqual(orgIds(rankClients(after, 'z')));
  });
});

describe('narrows', () => {
  it('says a query narrows another when each earlier word lies inside one of its words', () => {
    expect(narrows([], ['acme'])).toBe(true);
    expect(narrows(['ac'], ['acme'])).toBe(true);
    expect(narrows(['cm'], ['acme'])).toBe(true);
    expect(narrows(['acme', 'out'], ['outdoor', 'acme'])).toBe(true);
    expect(narrows(['acme'], ['ac'])).toBe(false);
    expect(narrows(['acme', 'out'], ['acme'])).toBe(false);
    expect(narrows(['acxme'], ['acme'])).toBe(false);
  });
});

/** matchTier's test of "a word of the name starts with it", as a split of the name. */
function startsANameWordBySplit(nameKey: string, query: string): boolean {
  const nameWords = nameKey.split(/[^\p{L}\p{N}]+/u);
  return searchWords(query).every((word) => nameWords.some((nameWord) => nameWord.startsWith(word)));
}

describe('matchTier without splitting the name', () => {
  it('ranks a word at the start of a word of the name as a split of the name would', () => {
    const next = random(5);
    const pieces = [
      'a',
      'ab',
      'b',
      '😀',
      '\ud83d',
      '\ude00',
      '-',
      ' ',
      '.',
      '’',
      'é',
      'e\u0301',
      'ア',
      '商',
      '𝒜',
      '1',
      '_',
    ];
    for (let round = 0; round < 4_000; round += 1) {
      const name = Array.from({ length: 1 + Math.floor(next() * 8) }, () => pick(next, pieces)).join('');
      const query = Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick(next, pieces)).join('');
      const nameKey = foldForSearch(name);
      const candidate = { orgId: 'ORG-TEST0001', nameKey, searchText: `${nameKey} | org-test0001` };
      const tier = matchTier(candidate, prepareQuery(query));
      const words = searchWords(query);
      const expected =
        words.length === 0 || !words.every((word) => candidate.searchText.includes(word))
          ? MATCH_TIER.none
          : nameKey.startsWith(foldForSearch(query))
            ? MATCH_TIER.namePrefix
            : startsANameWordBySplit(nameKey, query)
              ? MATCH_TIER.nameWordPrefix
              : undefined;
      const label = `${JSON.stringify(name)} / ${JSON.stringify(query)}`;
      if (expected === undefined) expect(tier, label).toBeLessThan(MATCH_TIER.nameWordPrefix);
      else if (words.length > 0) expect(tier, label).toBe(expected);
    }
  });
});
