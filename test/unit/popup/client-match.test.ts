import { describe, expect, it } from 'vitest';
import {
  MATCH_TIER,
  type MatchCandidate,
  matchTier,
  orderByRecency,
  prepareQuery,
  rankClients,
} from '../../../lib/rules/client-match';
import { clientSearchText, foldForSearch } from '../../../lib/rules/search';

function candidate(
  orgId: string,
  name: string,
  extra: { company?: string; domain?: string; email?: string; lastOpenedAt?: number } = {},
): MatchCandidate & { name: string } {
  return {
    orgId,
    name,
    nameKey: foldForSearch(name),
    searchText: clientSearchText({
      orgId,
      name,
      company: extra.company,
      domain: extra.domain,
      contact: { email: extra.email ?? `${orgId.toLowerCase()}@example.test` },
    }),
    lastOpenedAt: extra.lastOpenedAt,
  };
}

const acme = candidate('ORG-7K2M9QXD', 'Acme Outdoor', { company: 'Acme Outdoor GmbH', domain: 'acme-outdoor.test' });
const akume = candidate('ORG-AB12CD34', 'アクメ商事', { company: 'Akume Trading KK', domain: 'akume.co.jp' });
const pacme = candidate('ORG-0000PACM', 'Pacme Media', { email: 'ops@pacme.test' });
const blue = candidate('ORG-BLUE0001', 'Blue Harbor Hotels', {
  company: 'Blue Harbor Hospitality',
  email: 'lucia@acme-partners.test',
});
const outdoor = candidate('ORG-QQQQ0000', 'Great Outdoor Co', { domain: 'outdoor.test' });

const names = (list: { name: string }[]) => list.map((entry) => entry.name);

describe('matchTier', () => {
  it('is width-, case- and kana-insensitive', () => {
    expect(matchTier(acme, prepareQuery('ＡＣＭＥ'))).toBe(MATCH_TIER.namePrefix);
    expect(matchTier(akume, prepareQuery('ｱｸﾒ'))).toBe(MATCH_TIER.namePrefix);
    expect(matchTier(akume, prepareQuery('あくめ'))).toBe(MATCH_TIER.namePrefix);
  });

  it('grades name prefix, word prefix, Org ID, name substring and other fields', () => {
    expect(matchTier(acme, prepareQuery('acme out'))).toBe(MATCH_TIER.namePrefix);
    expect(matchTier(acme, prepareQuery('outd'))).toBe(MATCH_TIER.nameWordPrefix);
    expect(matchTier(acme, prepareQuery('outdoor acme'))).toBe(MATCH_TIER.nameWordPrefix);
    expect(matchTier(acme, prepareQuery('org-7k2m9qxd'))).toBe(MATCH_TIER.orgIdExact);
    expect(matchTier(acme, prepareQuery(' ORG-7K2M9QXD '))).toBe(MATCH_TIER.orgIdExact);
    expect(matchTier(acme, prepareQuery('7k2m9qxd'))).toBe(MATCH_TIER.orgIdExact);
    expect(matchTier(acme, prepareQuery('org-7k2'))).toBe(MATCH_TIER.orgIdPrefix);
    expect(matchTier(acme, prepareQuery('7k2'))).toBe(MATCH_TIER.orgIdPrefix);
    expect(matchTier(pacme, prepareQuery('acme'))).toBe(MATCH_TIER.nameSubstring);
    expect(matchTier(blue, prepareQuery('acme'))).toBe(MATCH_TIER.elsewhere);
    expect(matchTier(akume, prepareQuery('akume.co'))).toBe(MATCH_TIER.elsewhere);
    expect(matchTier(acme, prepareQuery('acme globex'))).toBe(MATCH_TIER.none);
  });

  it('does not rank every client as an Org ID match for the letters of "org-" or a short code', () => {
    expect(matchTier(acme, prepareQuery('org'))).toBe(MATCH_TIER.elsewhere);
    expect(matchTier(acme, prepareQuery('org-'))).toBe(MATCH_TIER.elsewhere);
    expect(matchTier(acme, prepareQuery('7k'))).toBe(MATCH_TIER.elsewhere);
  });
});

describe('orderByRecency', () => {
  it('puts the most recently opened first, then the rest by name', () => {
    const ordered = orderByRecency([
      outdoor,
      { ...blue, lastOpenedAt: 100 },
      akume,
      acme,
      { ...pacme, lastOpenedAt: 200 },
    ]);
    expect(names(ordered)).toEqual([
      'Pacme Media',
      'Blue Harbor Hotels',
      'Acme Outdoor',
      'Great Outdoor Co',
      'アクメ商事',
    ]);
  });
});

describe('rankClients', () => {
  const all = orderByRecency([acme, akume, pacme, blue, outdoor]);

  it('returns every client, in recency order, for an empty query', () => {
    expect(rankClients(all, '   ')).toEqual(all);
  });

  it('finds Acme by ＡＣＭＥ and アクメ by ｱｸﾒ, best match first', () => {
    expect(names(rankClients(all, 'ＡＣＭＥ'))).toEqual(['Acme Outdoor', 'Pacme Media', 'Blue Harbor Hotels']);
    expect(names(rankClients(all, 'ｱｸﾒ'))).toEqual(['アクメ商事']);
  });

  it('ranks a word of the name above the same text in the domain', () => {
    expect(names(rankClients(all, 'outdoor'))).toEqual(['Acme Outdoor', 'Great Outdoor Co']);
    expect(names(rankClients(all, 'great'))).toEqual(['Great Outdoor Co']);
  });

  it('finds a client by Org ID, contact email and domain', () => {
    expect(names(rankClients(all, 'org-blue'))).toEqual(['Blue Harbor Hotels']);
    expect(names(rankClients(all, 'ops@pacme'))).toEqual(['Pacme Media']);
    expect(names(rankClients(all, 'akume.co.jp'))).toEqual(['アクメ商事']);
  });

  it('breaks ties by recency, then by name', () => {
    const a = candidate('ORG-00000001', 'Northwind Books');
    const b = candidate('ORG-00000002', 'Northwind Apparel');
    const c = candidate('ORG-00000003', 'Northwind Cafe', { lastOpenedAt: 50 });
    expect(names(rankClients(orderByRecency([a, b, c]), 'north'))).toEqual([
      'Northwind Cafe',
      'Northwind Apparel',
      'Northwind Books',
    ]);
  });

  it('returns nothing when no client matches', () => {
    expect(rankClients(all, 'zzz')).toEqual([]);
  });
});
