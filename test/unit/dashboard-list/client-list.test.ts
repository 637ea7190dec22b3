import { beforeEach, describe, expect, it } from 'vitest';
import {
  countRoster,
  createClient,
  listClientPage,
  markInactive,
  readClientPage,
  recordUsage,
  updateSettings,
} from '../../../lib/ops';
import type { Client } from '../../../lib/model/client';
import { recordRevokedAccess, restoreAccess } from '../../../lib/ops/revoked';
import { clientInput, DAY, resetDb, T0 } from '../ops/helpers';
import { usageOnDays } from '../usage-trend';

beforeEach(async () => {
  await resetDb();
  await updateSettings({ poolSize: 100_000, timeZone: 'UTC' }, { now: T0 });
});

const names = (clients: Client[]) => clients.map((client) => client.name);

async function make(name: string, extra: Parameters<typeof clientInput>[0] = {}) {
  return createClient(clientInput({ name, ...extra }), { now: T0 });
}

describe('listClientPage', () => {
  it('pages the whole roster by name, ignoring case, width and kana, with the same order on every page', async () => {
    for (const name of ['delta', 'Alpha', 'ｃｈａｒｌｉｅ', 'Bravo', 'あおい', 'アカネ', 'echo']) await make(name);
    const first = await listClientPage({ limit: 3 });
    const second = await listClientPage({ offset: 3, limit: 3 });
    const third = await listClientPage({ offset: 6, limit: 3 });
    expect(first.total).toBe(7);
    expect(first.rosterSize).toBe(7);
    expect([...names(first.items), ...names(second.items), ...names(third.items)]).toEqual([
      'Alpha',
      'Bravo',
      'ｃｈａｒｌｉｅ',
      'delta',
      'echo',
      'あおい',
      'アカネ',
    ]);
    expect(third.offset).toBe(6);
  });

  it('sorts a filtered list by name in the same order as the unfiltered one', async () => {
    for (const name of ['delta', 'Alpha', 'Bravo', 'アカネ', 'あおい', 'alpha']) await make(name);
    const all = await listClientPage({ limit: 100 });
    const filtered = await listClientPage({ status: 'active', limit: 100 });
    expect(names(filtered.items)).toEqual(names(all.items));
  });

  it('finds clients by name, company, Org ID, contact email or domain, in any case', async () => {
    const acme = await make('Acme Outdoor', { company: 'Acme GmbH', domain: 'acme-outdoor.test' });
    await make('Globex', {
      company: 'Globex Ltd',
      contact: { firstName: 'Priya', lastName: 'Raman', email: 'priya@globex.test' },
    });
    const find = async (query: string) => names((await listClientPage({ query })).items);
    expect(await find('acme out')).toEqual(['Acme Outdoor']);
    expect(await find('GMBH')).toEqual(['Acme Outdoor']);
    expect(await find('ＡＣＭＥ　ｏｕｔ')).toEqual(['Acme Outdoor']);
    expect(await find(acme.orgId.toLowerCase())).toEqual(['Acme Outdoor']);
    expect(await find('priya@globex')).toEqual(['Globex']);
    expect(await find('acme-outdoor.test')).toEqual(['Acme Outdoor']);
    const none = await listClientPage({ query: 'nobody' });
    expect(none.total).toBe(0);
    expect(none.rosterSize).toBe(2);
  });

  it('filters by status and counts only the clients that match', async () => {
    const a = await make('A', { quota: 10 });
    await make('B', { quota: 10 });
    const c = await make('C', { quota: 10 });
    await recordUsage(a.orgId, 10, { now: T0 });
    await markInactive(c.orgId, { now: T0 });
    expect(names((await listClientPage({ status: 'paused' })).items)).toEqual(['A']);
    expect(names((await listClientPage({ status: 'active' })).items)).toEqual(['B']);
    const inactive = await listClientPage({ status: 'inactive' });
    expect(names(inactive.items)).toEqual(['C']);
    expect(inactive.total).toBe(1);
    expect(inactive.rosterSize).toBe(3);
  });

  it('sorts by usage, fullest first, with inactive clients last', async () => {
    const low = await make('Low', { quota: 100 });
    const high = await make('High', { quota: 100 });
    const gone = await make('Gone', { quota: 100 });
    await make('Unused', { quota: 100 });
    await recordUsage(low.orgId, 10, { now: T0 });
    await recordUsage(high.orgId, 90, { now: T0 });
    await recordUsage(gone.orgId, 50, { now: T0 });
    await markInactive(gone.orgId, { now: T0 });
    expect(names((await listClientPage({ sort: 'usage' })).items)).toEqual(['High', 'Low', 'Unused', 'Gone']);
  });

  it('sorts by purge date, soonest first, with clients that have none after', async () => {
    const later = await make('Later');
    const sooner = await make('Sooner');
    await make('Active');
    await markInactive(later.orgId, { now: T0 + 10 * DAY });
    await markInactive(sooner.orgId, { now: T0 });
    expect(names((await listClientPage({ sort: 'purgeOn' })).items)).toEqual(['Sooner', 'Later', 'Active']);
    expect(names((await listClientPage({ sort: 'purgeOn', status: 'inactive' })).items)).toEqual(['Sooner', 'Later']);
  });

  it('sorts by run-out day, soonest first, with clients without a forecast after, by name', async () => {
    // T0 is 2026-01-15; the billing period is January. Three days of samples make a trend.
    const fast = await make('Zulu', { quota: 1_000 });
    const slow = await make('Yankee', { quota: 1_000 });
    const gone = await make('Bravo', { quota: 1_000 });
    const few = await make('Alpha', { quota: 1_000 });
    await usageOnDays(fast.orgId, T0, [100, 200, 300]); // 100 a day: runs out on Jan 24
    await usageOnDays(slow.orgId, T0, [100, 150, 200]); // 50 a day: runs out on Feb 2
    await usageOnDays(gone.orgId, T0, [100, 300, 500]); // sooner still, but inactive
    await markInactive(gone.orgId, { now: T0 + 2 * DAY });
    await usageOnDays(few.orgId, T0, [100]); // one day: no forecast
    const byRunOut = async (now: number, status?: 'active') =>
      names((await listClientPage({ sort: 'runsOut', now, status })).items);
    expect(await byRunOut(T0 + 2 * DAY)).toEqual(['Zulu', 'Yankee', 'Alpha', 'Bravo']);
    expect(await byRunOut(T0 + 2 * DAY, 'active')).toEqual(['Zulu', 'Yankee', 'Alpha']);
    // A week after the last sample the line says nothing any more: every client by name.
    expect(await byRunOut(T0 + 9 * DAY)).toEqual(['Alpha', 'Bravo', 'Yankee', 'Zulu']);
    // The default path, by name through the index, is untouched by the trends.
    expect(names((await listClientPage()).items)).toEqual(['Alpha', 'Bravo', 'Yankee', 'Zulu']);
  });

  it('returns no rows past the end, but still the totals', async () => {
    await make('Only');
    const page = await listClientPage({ offset: 50, limit: 50 });
    expect(page.items).toEqual([]);
    expect(page.total).toBe(1);
    const filtered = await listClientPage({ query: 'only', offset: 50 });
    expect(filtered.items).toEqual([]);
    expect(filtered.total).toBe(1);
  });
});

describe('listClientPage and revoked access', () => {
  async function rosterWithRevoked() {
    const ids: Record<string, string> = {};
    for (const name of ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo', 'Foxtrot']) ids[name] = (await make(name)).orgId;
    await markInactive(ids.Echo!, { now: T0 });
    await recordRevokedAccess(ids.Bravo!, {}, { now: T0 + 1 });
    await recordRevokedAccess(ids.Echo!, { note: 'Ended the contract' }, { now: T0 + 2 });
    return ids;
  }

  it('leaves revoked clients out of the main list, on every page of the indexed path, with totals counted alike', async () => {
    await rosterWithRevoked();
    const pages = [
      await listClientPage({ limit: 2 }),
      await listClientPage({ offset: 2, limit: 2 }),
      await listClientPage({ offset: 4, limit: 2 }),
    ];
    expect(pages.map((page) => names(page.items))).toEqual([['Alpha', 'Charlie'], ['Delta', 'Foxtrot'], []]);
    expect(pages.map((page) => [page.total, page.rosterSize])).toEqual([
      [4, 6],
      [4, 6],
      [4, 6],
    ]);
  });

  it('leaves them out of a search, a status filter and another sort too', async () => {
    await rosterWithRevoked();
    expect((await listClientPage({ query: 'bravo' })).total).toBe(0);
    expect(names((await listClientPage({ query: 'charlie' })).items)).toEqual(['Charlie']);
    expect((await listClientPage({ status: 'inactive' })).total).toBe(0);
    const byUsage = await listClientPage({ sort: 'usage' });
    expect(byUsage.total).toBe(4);
    expect(names(byUsage.items)).not.toContain('Bravo');
  });

  it('lists only them under Revoked, searchable and sorted by name, and gives them back to the main list once restored', async () => {
    const ids = await rosterWithRevoked();
    const revoked = await listClientPage({ access: 'revoked' });
    expect(names(revoked.items)).toEqual(['Bravo', 'Echo']);
    expect(revoked.total).toBe(2);
    expect(names((await listClientPage({ access: 'revoked', query: 'ech' })).items)).toEqual(['Echo']);
    expect(names((await listClientPage({ access: 'revoked', status: 'inactive' })).items)).toEqual(['Echo']);

    await restoreAccess(ids.Bravo!, { now: T0 + 3 });
    expect(names((await listClientPage({ access: 'revoked' })).items)).toEqual(['Echo']);
    expect(names((await listClientPage()).items)).toEqual(['Alpha', 'Bravo', 'Charlie', 'Delta', 'Foxtrot']);
  });

  it('keeps them among the clients pending deletion, which are purged on their date all the same', async () => {
    await rosterWithRevoked();
    const pending = await listClientPage({ access: 'any', status: 'inactive', sort: 'purgeOn' });
    expect(names(pending.items)).toEqual(['Echo']);
    expect((await listClientPage({ access: 'any' })).total).toBe(6);
  });
});

describe('readClientPage and countRoster', () => {
  it('read the rows of a page apart from the counts, which listClientPage gives together', async () => {
    for (const name of ['delta', 'Alpha', 'Bravo', 'charlie']) await make(name);
    const revoked = await make('Echo');
    await recordRevokedAccess(revoked.orgId, {}, { now: T0 });
    const rows = await readClientPage({ limit: 2, offset: 2 });
    expect(names(rows.items)).toEqual(['charlie', 'delta']);
    // The plain list leaves its total to the counts: no whole-store count before the rows.
    expect(rows.total).toBeUndefined();
    expect(await countRoster()).toEqual({ rosterSize: 5, revoked: 1 });
    const together = await listClientPage({ limit: 2, offset: 2 });
    expect({ ...together, items: names(together.items) }).toEqual({
      items: ['charlie', 'delta'],
      offset: 2,
      total: 4,
      rosterSize: 5,
    });
    // A filter, a search or another sort reads its matches, and so knows its total.
    expect((await readClientPage({ query: 'a' })).total).toBe(4);
    expect((await readClientPage({ access: 'revoked' })).total).toBe(1);
    expect((await listClientPage({ access: 'any' })).total).toBe(5);
  });
});
