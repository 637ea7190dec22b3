import { describe, expect, it } from 'vitest';
import { ORG_ID_PATTERN } from '../../../lib/model/ids';
import { generateOrgId } from '../../../lib/rules/org-id';
import { clientSearchText, foldForSearch, matchesQuery } from '../../../lib/rules/search';

describe('foldForSearch', () => {
  it('ignores case, full width and kana', () => {
    expect(foldForSearch('ＡＣＭＥ')).toBe(foldForSearch('Acme'));
    expect(foldForSearch('ｱｸﾒ')).toBe(foldForSearch('アクメ'));
    expect(foldForSearch('アクメ')).toBe(foldForSearch('あくめ'));
  });
});

describe('matchesQuery', () => {
  const text = clientSearchText({
    name: 'アクメ商事',
    company: 'Acme Trading KK',
    orgId: 'ORG-7K2M9QXD',
    domain: 'acme.co.jp',
    contact: { email: 'taro@acme.co.jp' },
  });

  it('finds a client by any of its searchable fields, every word required', () => {
    expect(matchesQuery(text, 'ｱｸﾒ')).toBe(true);
    expect(matchesQuery(text, 'ＡＣＭＥ trading')).toBe(true);
    expect(matchesQuery(text, 'org-7k2m')).toBe(true);
    expect(matchesQuery(text, 'taro@')).toBe(true);
    expect(matchesQuery(text, 'acme globex')).toBe(false);
  });
});

describe('generateOrgId', () => {
  it('makes IDs of the documented form from the random source', () => {
    const bytes = new Uint8Array([0, 1, 2, 3, 31, 32, 255, 100]);
    const id = generateOrgId(() => bytes);
    expect(id).toMatch(ORG_ID_PATTERN);
    expect(id).toBe('ORG-0123Z0Z4');
  });

  it('differs between calls with real randomness', () => {
    const ids = new Set(Array.from({ length: 200 }, () => generateOrgId()));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(ORG_ID_PATTERN);
  });
});
