/**
 * What the client switcher (popup and address bar) reads and writes: a compact projection of
 * the roster, and the record of which workspace was opened when.
 */
import { db, type StoredClient } from '../db/database';
import type { ClientStatus } from '../model/client';
import { AppError } from '../model/errors';
import { type IsoDate, localDate } from '../rules/calendar';
import { type MatchCandidate, orderByRecency } from '../rules/client-match';
import { listedRunOutDay } from '../rules/listed-run-out';
import { usagePercent } from '../rules/quota';
import { runOutSoon } from '../rules/usage-forecast';
import { type WorkspaceUrl, workspaceUrlFor } from '../rules/workspace-url';
import { type OpContext, readTransaction, resolve, writeTransaction } from './context';
import { loadSettings, requireClient } from './store';

/** One client as the switcher shows and searches it. */
export interface SwitcherEntry extends MatchCandidate {
  name: string;
  /** The company, else the domain: what tells two clients of the same name apart. */
  detail?: string | undefined;
  status: ClientStatus;
  usagePercent: number;
  usedVisitors: number;
  /** Where the workspace opens, or why it does not. */
  workspace: WorkspaceUrl;
  /** The forecast run-out day, only when it is close (runOutSoon): a row warns of nothing further off. */
  runsOutOn?: IsoDate;
}

function toEntry(client: StoredClient, template: string | undefined, today: IsoDate): SwitcherEntry {
  const runsOutOn = listedRunOutDay(client, today);
  return {
    orgId: client.orgId,
    name: client.name,
    nameKey: client.nameKey,
    searchText: client.searchText,
    lastOpenedAt: client.lastOpenedAt,
    detail: client.company ?? client.domain,
    status: client.status,
    usagePercent: usagePercent(client),
    usedVisitors: client.usedVisitors,
    workspace: workspaceUrlFor(client, template),
    ...(runOutSoon(runsOutOn, today) ? { runsOutOn } : {}),
  };
}

/**
 * A client that revoked the agency's access is not offered at all (popup and address bar): its
 * workspace cannot be opened, and it is listed under Revoked in the dashboard instead.
 */
function hasAccess(client: StoredClient): boolean {
  return client.revokedAt === undefined;
}

/**
 * The first `limit` clients in the switcher's order (most recently opened, then by name), read
 * through the indexes without touching the rest of the roster: what the popup paints first.
 */
export async function listSwitcherFirstRows(limit: number, now = Date.now()): Promise<SwitcherEntry[]> {
  return readTransaction(async () => {
    const { workspaceUrlTemplate, timeZone } = await loadSettings();
    const today = localDate(now, timeZone);
    // Clients never opened have no lastOpenedAt and so are not in that index at all.
    const recent = await db.clients.orderBy('lastOpenedAt').reverse().filter(hasAccess).limit(limit).toArray();
    const byName =
      recent.length < limit
        ? await db.clients
            .orderBy('nameKey')
            .filter((client) => client.lastOpenedAt === undefined && hasAccess(client))
            .limit(limit - recent.length)
            .toArray()
        : [];
    return orderByRecency([...recent, ...byName].map((client) => toEntry(client, workspaceUrlTemplate, today)));
  });
}

/**
 * Every client of the roster (but the revoked) in the switcher's order; read once, then searched
 * in memory. `now` is when the run-out days are counted from.
 */
export async function listSwitcherEntries(now = Date.now()): Promise<SwitcherEntry[]> {
  return readTransaction(async () => {
    const [{ workspaceUrlTemplate, timeZone }, clients] = await Promise.all([loadSettings(), db.clients.toArray()]);
    const today = localDate(now, timeZone);
    return orderByRecency(clients.filter(hasAccess).map((client) => toEntry(client, workspaceUrlTemplate, today)));
  });
}

/**
 * Records that a client's workspace is being opened (it moves to the top of the switcher) and
 * returns the address to open, worked out from the data as it is now. A client whose address
 * cannot be opened is refused with the reason, and nothing is recorded. Opening is not logged:
 * it changes nothing about the client, the pool or the ledger.
 */
export async function markOpened(orgId: string, context?: OpContext): Promise<string> {
  const ctx = resolve(context);
  return writeTransaction(
    async () => {
      const client = await requireClient(orgId);
      const target = workspaceUrlFor(client, (await loadSettings()).workspaceUrlTemplate);
      if (!target.ok) throw new AppError('rule', target.key, { orgId: client.orgId });
      await db.clients.update(client.orgId, { lastOpenedAt: ctx.now });
      return { orgId: client.orgId, url: target.url };
    },
    (opened) => [opened.orgId],
  ).then((opened) => opened.url);
}
