import { db, type StoredClient } from '../db/database';
import type { ClientStatus } from '../model/client';
import { localDate } from '../rules/calendar';
import { clientOrder, type ClientSort } from '../rules/client-order';
import { hasEveryWord, searchWords } from '../rules/search';
import { readTransaction } from './context';
import { loadSettings } from './store';

export type { ClientSort };

/**
 * Which clients a list holds by the agency's access: the main list those it still has access
 * to (the default), the Revoked filter those that revoked it, Pending deletion both (revoked
 * clients are purged on their date like any other).
 */
export type AccessFilter = 'granted' | 'revoked' | 'any';

export interface RosterListOptions {
  status?: ClientStatus;
  /** Words that must all occur in the name, company, Org ID, contact email or domain. */
  query?: string;
  sort?: ClientSort;
  offset?: number;
  limit?: number;
  access?: AccessFilter;
  /** The time the run-out order ('runsOut') counts from; the clock when not given. */
  now?: number;
}

export interface RosterPage {
  /** How many clients match the filter and the query. */
  total: number;
  items: StoredClient[];
  /** Every client in the roster, whatever the filter (revoked too): tells "no match" from "no clients". */
  rosterSize: number;
  /** Where this page starts in the whole matching list. */
  offset: number;
}

const ACCESS_TEST: Record<AccessFilter, (client: StoredClient) => boolean> = {
  granted: (client) => client.revokedAt === undefined,
  revoked: (client) => client.revokedAt !== undefined,
  any: () => true,
};

/** The clients a filter starts from, read through the narrowest index it has. */
async function candidatesFor(access: AccessFilter, status: ClientStatus | undefined): Promise<StoredClient[]> {
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
  const { status, query = '', sort = 'name', offset = 0, limit = 50, access = 'granted', now = Date.now() } = options;
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
    const words = searchWords(query);
    const matching =
      words.length > 0 ? candidates.filter((client) => hasEveryWord(client.searchText, words)) : candidates;
    // The run-out order counts from the agency's day, in its time zone.
    const today = localDate(now, (await loadSettings()).timeZone);
    matching.sort(clientOrder(sort, today));
    return { rosterSize, total: matching.length, offset: start, items: matching.slice(start, start + size) };
  });
}
