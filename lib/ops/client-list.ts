import { db, type StoredClient } from '../db/database';
import type { ClientStatus } from '../model/client';
import { localDate } from '../rules/calendar';
import { clientOrder, type ClientSort } from '../rules/client-order';
import { hasEveryWord, searchWords } from '../rules/search';
import { readTransaction } from './context';
import { readRunOutPage } from './run-out-page';
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

/** The rows of one page of a list, and how many clients the list holds when that costs no extra read. */
export interface RosterRows {
  /** How many clients match the filter and the query; undefined for the plain list, whose count is countRoster's. */
  total: number | undefined;
  items: StoredClient[];
  /** Where this page starts in the whole matching list. */
  offset: number;
}

/** How many clients the roster holds: all of them (revoked too), and those that revoked the agency's access. */
export interface RosterCounts {
  rosterSize: number;
  revoked: number;
}

/** The plain list: every client with access, by name, the one list read a page at a time. */
function isPlainList(access: AccessFilter, status: ClientStatus | undefined, query: string, sort: ClientSort): boolean {
  return access !== 'revoked' && !status && !query.trim() && sort === 'name';
}

/** Every client with access in the run-out order: read a page at a time through the runsOutOn index. */
function isRunOutList(
  access: AccessFilter,
  status: ClientStatus | undefined,
  query: string,
  sort: ClientSort,
): boolean {
  return access === 'granted' && !status && !query.trim() && sort === 'runsOut';
}

/**
 * The roster's size. Chromium counts a store by walking all of it (6 ms at 10,000 clients,
 * 100–150 ms at 100,000), so the dashboard reads this apart from its rows (readClientPage) and
 * paints the rows first. Revoked clients are counted on their index, which holds only them.
 */
export async function countRoster(): Promise<RosterCounts> {
  return readTransaction(readCounts);
}

async function readCounts(): Promise<RosterCounts> {
  const [rosterSize, revoked] = await Promise.all([db.clients.count(), db.clients.orderBy('revokedAt').count()]);
  return { rosterSize, revoked };
}

/**
 * One page of the roster for the dashboard's list, filtered, searched and sorted; clients that
 * revoked the agency's access only when `access` asks for them. The plain list (every client
 * by name) reads only the page's rows through the nameKey index, so a roster of tens of
 * thousands pages as fast as a small one, and leaves its total to countRoster; so does the same
 * list in the run-out order, through the runsOutOn index (run-out-page.ts). A search, a status
 * filter or another sort reads the matching clients once, sorts them in memory, and so knows
 * its total.
 */
export async function readClientPage(options: RosterListOptions = {}): Promise<RosterRows> {
  return readTransaction(() => readRows(options));
}

/** `revokedCount`, when the caller has counted the revoked clients already, spares counting them again. */
async function readRows(options: RosterListOptions, revokedCount?: number): Promise<RosterRows> {
  const { status, query = '', sort = 'name', offset = 0, limit = 50, access = 'granted', now = Date.now() } = options;
  const start = Math.max(0, Math.floor(offset));
  const size = Math.max(0, Math.floor(limit));
  if (isRunOutList(access, status, query, sort)) {
    // The run-out order counts from the agency's day, in its time zone.
    const today = localDate(now, (await loadSettings()).timeZone);
    return { total: undefined, offset: start, items: await readRunOutPage(start, size, today) };
  }
  if (isPlainList(access, status, query, sort)) {
    // Revoked clients are few and alone in their index: counting them reads no other client.
    const revoked = access === 'granted' ? (revokedCount ?? (await db.clients.orderBy('revokedAt').count())) : 0;
    const byName = db.clients.orderBy('nameKey');
    // Only with revoked clients to step over does the walk need a filter (which reads every row it passes).
    const rows = revoked === 0 ? byName : byName.filter(ACCESS_TEST.granted);
    const items = size === 0 ? [] : await rows.offset(start).limit(size).toArray();
    return { total: undefined, offset: start, items };
  }
  const candidates = await candidatesFor(access, status);
  // The query is folded once, not once per client as matchesQuery would: same words, same test.
  const words = searchWords(query);
  const matching =
    words.length > 0 ? candidates.filter((client) => hasEveryWord(client.searchText, words)) : candidates;
  // The run-out order counts from the agency's day, in its time zone.
  const today = localDate(now, (await loadSettings()).timeZone);
  matching.sort(clientOrder(sort, today));
  return { total: matching.length, offset: start, items: matching.slice(start, start + size) };
}

/** One page of a list with its total and the roster's size, read together (readClientPage and countRoster). */
export async function listClientPage(options: RosterListOptions = {}): Promise<RosterPage> {
  return readTransaction(async () => {
    const { rosterSize, revoked } = await readCounts();
    const page = await readRows(options, revoked);
    const access = options.access ?? 'granted';
    return { ...page, rosterSize, total: page.total ?? rosterSize - (access === 'granted' ? revoked : 0) };
  });
}
