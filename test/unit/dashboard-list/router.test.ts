import { describe, expect, it } from 'vitest';
import { DEFAULT_LIST_STATE, type ListState } from '../../../entrypoints/options/components/client-list-state';
import {
  keepListState,
  listReturnHref,
  parseRoute,
  type Route,
  routeHref,
} from '../../../entrypoints/options/components/router';

const plainList: Route = { name: 'clients', list: { ...DEFAULT_LIST_STATE } };
const listOf = (route: Route): ListState => {
  if (route.name !== 'clients' || !route.list) throw new Error(`not the list: ${JSON.stringify(route)}`);
  return route.list;
};

describe('parseRoute', () => {
  it('reads every view of the dashboard', () => {
    expect(parseRoute('#/clients')).toEqual(plainList);
    expect(parseRoute('#/clients/new')).toEqual({ name: 'new-client' });
    expect(parseRoute('#/clients/org-0a1b2c3d')).toEqual({ name: 'client', orgId: 'ORG-0A1B2C3D' });
    expect(parseRoute('#/pending')).toEqual({ name: 'pending' });
    expect(parseRoute('#/settings')).toEqual({ name: 'settings' });
    expect(parseRoute('#/backup')).toEqual({ name: 'backup' });
    for (const unknown of ['', '#', '#/', '#/nowhere', '#/clients/not-an-id'])
      expect(parseRoute(unknown)).toEqual(plainList);
  });

  it("reads the list's search, filter, sort and page from the query part", () => {
    expect(parseRoute('#/clients?q=acme&status=paused&sort=usage&page=3')).toEqual({
      name: 'clients',
      list: { query: 'acme', filter: 'paused', sort: 'usage', page: 3 },
    });
    expect(listOf(parseRoute('#/clients?status=revoked&sort=purgeOn'))).toEqual({
      ...DEFAULT_LIST_STATE,
      filter: 'revoked',
      sort: 'purgeOn',
    });
    expect(listOf(parseRoute('#/clients?page=12'))).toEqual({ ...DEFAULT_LIST_STATE, page: 12 });
    expect(listOf(parseRoute('#/clients?sort=runsOut'))).toEqual({ ...DEFAULT_LIST_STATE, sort: 'runsOut' });
  });

  it('decodes the search text: escapes, plus signs, slashes and Japanese', () => {
    expect(listOf(parseRoute('#/clients?q=blue+harbor')).query).toBe('blue harbor');
    expect(listOf(parseRoute('#/clients?q=a%2Fb%26c%3Dd%23e%3Ff%2B')).query).toBe('a/b&c=d#e?f+');
    expect(listOf(parseRoute('#/clients?q=%E3%81%95%E3%81%8F%E3%82%89')).query).toBe('さくら');
    // A slash typed into the address does not turn the list into another view.
    expect(listOf(parseRoute('#/clients?q=a/b')).query).toBe('a/b');
  });

  it('takes unknown values and bad pages as the default, never throwing', () => {
    expect(listOf(parseRoute('#/clients?status=deleted&sort=random'))).toEqual(DEFAULT_LIST_STATE);
    expect(listOf(parseRoute('#/clients?status=&sort='))).toEqual(DEFAULT_LIST_STATE);
    // Names are matched exactly: no prototype keys, no other spelling.
    expect(listOf(parseRoute('#/clients?sort=toString&status=Paused'))).toEqual(DEFAULT_LIST_STATE);
    for (const page of ['0', '-1', '2.5', '1e3', 'abc', '', ' 3', '0x10', '99999999999999999999', 'Infinity']) {
      expect(listOf(parseRoute(`#/clients?page=${encodeURIComponent(page)}`)).page).toBe(1);
    }
  });

  it('keeps a malformed %-escape as typed instead of throwing', () => {
    expect(listOf(parseRoute('#/clients?q=100%25%zz%E3%81&status=paused'))).toEqual({
      ...DEFAULT_LIST_STATE,
      query: '100%%zz\uFFFD',
      filter: 'paused',
    });
    expect(listOf(parseRoute('#/clients?q=50%')).query).toBe('50%');
    expect(() => parseRoute('#/clients/%E0%A4%A')).not.toThrow();
    expect(parseRoute('#/clients/%E0%A4%A')).toEqual(plainList);
  });

  it('gives list state only to the list itself', () => {
    expect(parseRoute('#/pending?q=acme')).toEqual({ name: 'pending' });
    expect(parseRoute('#/nowhere?q=acme')).toEqual(plainList);
    expect(parseRoute('#/clients/ORG-0A1B2C3D?q=acme')).toEqual({ name: 'client', orgId: 'ORG-0A1B2C3D' });
  });
});

describe('routeHref', () => {
  it('leaves the defaults out, so the plain list is just #/clients', () => {
    expect(routeHref({ name: 'clients' })).toBe('#/clients');
    expect(routeHref(plainList)).toBe('#/clients');
    expect(routeHref({ name: 'clients', list: { ...DEFAULT_LIST_STATE, filter: 'paused' } })).toBe(
      '#/clients?status=paused',
    );
    expect(routeHref({ name: 'clients', list: { query: 'acme', filter: 'inactive', sort: 'usage', page: 3 } })).toBe(
      '#/clients?q=acme&status=inactive&sort=usage&page=3',
    );
    expect(routeHref({ name: 'client', orgId: 'ORG-0A1B2C3D' })).toBe('#/clients/ORG-0A1B2C3D');
    expect(routeHref({ name: 'new-client' })).toBe('#/clients/new');
  });

  it('writes any search text so that it reads back the same', () => {
    for (const query of [
      'blue harbor',
      'a&b=c',
      '#/clients/new',
      '100% ?',
      ' leading and trailing ',
      'さくら 旅行',
      '+plus+',
      'emoji 🏔️',
    ]) {
      const list: ListState = { query, filter: 'revoked', sort: 'purgeOn', page: 2 };
      const href = routeHref({ name: 'clients', list });
      expect(href).toMatch(/^#\/clients\?[^#\s]*$/);
      expect(parseRoute(href)).toEqual({ name: 'clients', list });
    }
  });
});

describe('keepListState', () => {
  it('moves the address to the new state without a history entry or a hashchange, and remembers it', () => {
    history.replaceState(null, '', '#/clients');
    const entries = history.length;
    let hashChanges = 0;
    const onChange = () => (hashChanges += 1);
    addEventListener('hashchange', onChange);
    try {
      const list: ListState = { query: 'acme', filter: 'paused', sort: 'usage', page: 2 };
      expect(keepListState(DEFAULT_LIST_STATE, list)).toBe(true);
      expect(location.hash).toBe('#/clients?q=acme&status=paused&sort=usage&page=2');
      expect(history.length).toBe(entries);
      expect(listReturnHref()).toBe('#/clients?q=acme&status=paused&sort=usage&page=2');

      expect(keepListState(list, DEFAULT_LIST_STATE)).toBe(true);
      expect(location.hash).toBe('#/clients');
      expect(listReturnHref()).toBe('#/clients');
      expect(hashChanges).toBe(0);
    } finally {
      removeEventListener('hashchange', onChange);
    }
  });

  it('reads an address with unknown values as the state it shows, and writes it clean', () => {
    history.replaceState(null, '', '#/clients?status=gone&page=x');
    expect(keepListState(DEFAULT_LIST_STATE, { ...DEFAULT_LIST_STATE, page: 3 })).toBe(true);
    expect(location.hash).toBe('#/clients?page=3');
  });

  it('leaves alone an address that a navigation moved on since, and keeps the last list it wrote', () => {
    history.replaceState(null, '', '#/clients');
    expect(keepListState(DEFAULT_LIST_STATE, { ...DEFAULT_LIST_STATE, sort: 'usage' })).toBe(true);
    // Back or a click took the address elsewhere before a late write from the list.
    for (const elsewhere of ['#/clients/ORG-0A1B2C3D', '#/clients?q=other']) {
      history.replaceState(null, '', elsewhere);
      expect(keepListState({ ...DEFAULT_LIST_STATE, sort: 'usage' }, { ...DEFAULT_LIST_STATE, query: 'late' })).toBe(
        false,
      );
      expect(location.hash).toBe(elsewhere);
    }
    expect(listReturnHref()).toBe('#/clients?sort=usage');
  });
});
