import { db, type StoredClient } from '../db/database';
import type { Client } from '../model/client';
import { foldForSearch } from '../rules/search';
import type { ClientPage, ClientSort, ListOptions } from './clients';
import { readTransaction } from './context';

/**
 * Which clients a list holds by the agency's access: the main list those it still has access
 * to (the default), the Revoked filter those that revoked it, Pending deletion both (revoked
 * clients are purged on their date like any other).
 */
export type AccessFilter = 'granted' | 'revoked' | 'any';

export interface RosterListOptions extends ListOptions {
  access?: AccessFilter;
}

export interface RosterPage extends ClientPage {
  /** Every client in the roster, whatever the filter (revoked too): tells "no match" from "no clients". */
  rosterSize: number;
  /** Where this page starts in the whole matching list. */
  offset: number;
}

// Plain code-unit order on the folded name, then the Org ID: the order in which IndexedDB
// walks the nameKey index, so that the indexed and the in-memory pages agree.
function byName(a: StoredClient, b: StoredClient): number {
  if (a.nameKey !== b.nameKey) return a.nameKey < b.nameKey ? -1 : 1;
  return a.orgId < b.orgId ? -1 : a.orgId > b.orgId ? 1 : 0;
}

function usageRatio(client: Client): number {
  return client.quota > 0 ? client.usedVisitors / client.quota : client.usedVisitors > 0 ? Infinity : 0;
}

const COMPARE: Record<ClientSort, (a: StoredClient, b: StoredClient) => number> = {
  name: byName,
  // Fullest first: the clients closest to being paused by their quota. Inactive clients,
  // which hold only what they used, have no quota to run out of and come last.
  usage: (a, b) =>
    Number(a.status === 'inactive') - Number(b.status === 'inactive') || usageRatio(b) - usageRatio(a) || byName(a, b),
  // Clients without a purge date (not inactive) come after those with one.
  purgeOn: (a, b) => {
    const left = a.purgeOn ?? '9999-12-31';
    const right = b.purgeOn ?? '9999-12-31';
    return left < right ? -1 : left > right ? 1 : byName(a, b);
  },
};

const ACCESS_TEST: Record<AccessFilter, (client: StoredClient) => boolean> = {
  granted: (client) => client.revokedAt === undefined,
  revoked: (client) => client.revokedAt !== undefined,
  any: () => true,
};

/** The clients a filter starts from, read through the narrowest index it has. */
async function candidatesFor(access: AccessFilter, status: ListOptions['status']): Promise<StoredClient[]> {
  // Revoked clients are few, and only they are in the revokedAt index.
  if (access === 'revoked') {
    const revoked = await db.clients.orderBy('revokedAt').toArray();
    return status ? revoked.filter((client) => client.status === status) : revoked;
  }
  const read = status ? await db.clients.where('status').equals(status).toArray() : await db.clients.toArray();
  return access === 'any' ? read : read.filter(ACCESS_TEST[access]);
}

/**
 * One page of the roster for the dashboard's list, filtered, searched and sorted; clients that
 * revoked the agency's access only when `access` asks for them. The default view (every
 * client by name) reads only the page's rows through the nameKey index, so a roster of tens
 * of thousands pages as fast as a small one; a search, a status filter or another sort reads
 * the matching clients once and sorts them in memory.
 */
export async function listClientPage(options: RosterListOptions = {}): Promise<RosterPage> {
  const { status, query = '', sort = 'name', offset = 0, limit = 50, access = 'granted' } = options;
  const start = Math.max(0, Math.floor(offset));
  const size = Math.max(0, Math.floor(limit));
  return readTransaction(async () => {
    const rosterSize = await db.clients.count();
    if (access !== 'revoked' && !status && !query.trim() && sort === 'name') {
      const revoked = access === 'granted' ? await db.clients.orderBy('revokedAt').count() : 0;
      const byName = db.clients.orderBy('nameKey');
      // Only with revoked clients to step over does the walk need a filter (which reads every row it passes).
      const rows = revoked === 0 ? byName : byName.filter(ACCESS_TEST.granted);
      const items = size === 0 ? [] : await rows.offset(start).limit(size).toArray();
      return { rosterSize, total: rosterSize - revoked, offset: start, items };
    }
    const candidates = await candidatesFor(access, status);
    // The query is folded once, not once per client as matchesQuery would: same words, same test.
    const words = foldForSearch(query).split(' ').filter(Boolean);
    const matching = words.length > 0 ? candidates.filter((client) => words.every((word) => client.searchText.includes(word))) : candidates;
    matching.sort(COMPARE[sort]);
    return { rosterSize, total: matching.length, offset: start, items: matching.slice(start, start + size) };
  });
}
