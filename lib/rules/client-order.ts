/**
 * The orders clients are listed in: the dashboard's list (by name, usage or purge date) and the
 * switcher's tie-break by name. Pure: no browser, no database.
 */
import type { Client } from '../model/client';

export type ClientSort = 'name' | 'usage' | 'purgeOn';

/** What ordering needs to know of a client; the stored client holds the folded name. */
export type OrderedClient = Pick<Client, 'orgId' | 'status' | 'quota' | 'usedVisitors' | 'purgeOn'> & {
  /** foldForSearch(name) */
  nameKey: string;
};

/** Plain code-unit order, the order in which IndexedDB walks a string index. */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * By the folded name, then the Org ID, in code-unit order: the order of the nameKey index, so
 * that a page read through the index and one sorted in memory agree.
 */
export function compareByName(
  a: Pick<OrderedClient, 'nameKey' | 'orgId'>,
  b: Pick<OrderedClient, 'nameKey' | 'orgId'>,
): number {
  return byCodeUnits(a.nameKey, b.nameKey) || byCodeUnits(a.orgId, b.orgId);
}

function usageRatio(client: OrderedClient): number {
  return client.quota > 0 ? client.usedVisitors / client.quota : client.usedVisitors > 0 ? Infinity : 0;
}

/** A date after every purge date, for the clients that have none. */
const NO_PURGE_DATE = '9999-12-31';

export const CLIENT_ORDER: Record<ClientSort, (a: OrderedClient, b: OrderedClient) => number> = {
  name: compareByName,
  // Fullest first: the clients closest to being paused by their quota. Inactive clients,
  // which hold only what they used, have no quota to run out of and come last.
  usage: (a, b) =>
    Number(a.status === 'inactive') - Number(b.status === 'inactive') ||
    usageRatio(b) - usageRatio(a) ||
    compareByName(a, b),
  // Clients without a purge date (not inactive) come after those with one.
  purgeOn: (a, b) => byCodeUnits(a.purgeOn ?? NO_PURGE_DATE, b.purgeOn ?? NO_PURGE_DATE) || compareByName(a, b),
};
