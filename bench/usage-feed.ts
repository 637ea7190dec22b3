// Applying a usage feed as the agency's source sends it: the bench serves the answer on
// 127.0.0.1, saves it as the usage source, and times the "Read now" request from sending it
// to its answer (the background reads, validates and applies every row, then runs the rules,
// which show the warnings the read decided). Between reads the listed clients are put back
// as seeded, so that every read does the same work.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { DEFAULT_USAGE_WARNING_LEVELS } from '../lib/model/usage-source';
import { billingPeriodStart } from '../lib/rules/billing';
import { localDate } from '../lib/rules/calendar';
import { allowSiteAccess, type ExtensionHarness } from '../test/e2e/harness';
import { timeRulesRun } from './background';
import { timeRawPut } from './floor';
import { countRows, type Deletion, readRecord, readStores, type Tables, writeStores } from './idb';
import { benchSettings, type FeedSet, feedSet, type Row } from './roster';

declare const chrome: {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  permissions: { request(permissions: { origins: string[] }): Promise<boolean> };
};

const FEED_HOSTS = 'http://127.0.0.1/*';

/** Kinds of warning a client can get in a period with the bench's levels (lib/model/usage-records.ts). */
const ALERT_KINDS = [...DEFAULT_USAGE_WARNING_LEVELS.map((level) => `level-${level}`), 'run-out'];
/** Read once a day, so that the source's alarm never fires while the bench measures. */
const INTERVAL_MINUTES = 1440;

export interface FeedServer {
  /** Serves `body` as JSON at `path` and returns its address. */
  serve(path: string, body: string): string;
  close(): Promise<void>;
}

/** An HTTP server on a free port of 127.0.0.1 that answers with the bodies it was given. */
export async function startFeedServer(): Promise<FeedServer> {
  const bodies = new Map<string, string>();
  const server: Server = createServer((request, response) => {
    const body = bodies.get(request.url ?? '');
    if (body === undefined) return response.writeHead(404).end();
    response.writeHead(200, { 'Content-Type': 'application/json' }).end(body);
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as AddressInfo;
  return {
    serve(path, body) {
      bodies.set(path, body);
      return `http://127.0.0.1:${port}${path}`;
    },
    close: () =>
      new Promise<void>((closed) => {
        server.close(() => closed());
        // Kept-alive connections of a browser would otherwise hold the server open.
        server.closeAllConnections();
      }),
  };
}

/** The feed's answer (docs/USAGE-FEED.md): every listed client's visitors used in the current period. */
export function feedAnswer(set: FeedSet, now: number): string {
  return JSON.stringify({
    generated_at: new Date(now).toISOString(),
    usage: set.rows.map((row) => ({ org_id: row.orgId, visitors_used: row.visitorsUsed })),
  });
}

/**
 * Grants the extension the host access the agency gives when it saves the source: allowed in
 * the browser's extension settings (as the e2e tests do), then asked for as the dashboard asks
 * when the source is saved, which resolves without a prompt. Then saves the source in the
 * settings record.
 */
export async function saveUsageSource(
  harness: ExtensionHarness,
  home: Page,
  settings: Row,
  url: string,
): Promise<void> {
  await allowSiteAccess(harness, FEED_HOSTS);
  const granted = await home.evaluate((hosts) => chrome.permissions.request({ origins: [hosts] }), FEED_HOSTS);
  if (!granted) throw new Error(`The extension was not granted ${FEED_HOSTS}`);
  const value = settings.value as Row;
  const usageSource = { url, intervalMinutes: INTERVAL_MINUTES, acceptCorrections: false };
  await writeStores(home, { meta: [{ ...settings, value: { ...value, usageSource } }] });
}

export interface FeedStatus {
  at: number;
  failure?: unknown;
  updated: number;
  filed: number;
  unchanged: number;
  problemCount: number;
  problems: unknown[];
}

/** Sends "Read now" ({type: 'usageFeed/read'}, as the dashboard's sendRequest does) and times the answer, in ms. */
export async function timeFeedRead(page: Page): Promise<{ ms: number; sentAt: number }> {
  return page.evaluate(async () => {
    const sentAt = Date.now();
    const start = performance.now();
    const reply = (await chrome.runtime.sendMessage({ type: 'usageFeed/read' })) as {
      ok: boolean;
      value?: { read: boolean };
    };
    const ms = performance.now() - start;
    if (!reply.ok || reply.value?.read !== true)
      throw new Error(`The worker did not read the usage source: ${JSON.stringify(reply)}`);
    return { ms, sentAt };
  });
}

/** Fails loudly unless the read recorded after `sentAt` applied every row as a new number. */
export async function checkFeedStatus(page: Page, rows: number, sentAt: number): Promise<void> {
  const record = (await readRecord(page, 'meta', 'usageFeedStatus')) as { value?: FeedStatus } | undefined;
  const status = record?.value;
  if (
    !status ||
    status.at < sentAt ||
    status.failure !== undefined ||
    status.updated !== rows ||
    status.unchanged !== 0 ||
    status.filed !== 0 ||
    status.problemCount !== 0
  ) {
    const shown = status ? { ...status, problems: status.problems.slice(0, 3) } : status;
    throw new Error(`The usage feed read did not update the ${rows} clients: ${JSON.stringify(shown)}`);
  }
}

/**
 * Where one read writes: the listed clients, the period's warnings of each (the seeded ones
 * among them), today's sample and the period's report of each, and every history line since
 * `since` (the read's own and those of the warnings it showed).
 */
function feedStores(set: FeedSet, period: string, today: string, since: number): Deletion[] {
  const orgIds = set.clients.map((client) => String(client.orgId));
  return [
    { store: 'clients', keys: orgIds },
    { store: 'usageAlerts', keys: orgIds.flatMap((orgId) => ALERT_KINDS.map((kind) => [orgId, period, kind])) },
    { store: 'usageSamples', keys: orgIds.map((orgId) => [orgId, today]) },
    { store: 'reports', keys: orgIds.map((orgId) => [orgId, period]) },
    { store: 'activity', index: 'at', lower: since, upper: Number.MAX_SAFE_INTEGER },
  ];
}

/**
 * The records one read wrote, read back after it: the floor puts exactly these. The seeded
 * warnings, which the read leaves as they are, are not among them.
 */
export async function feedWrites(page: Page, set: FeedSet, period: string, today: string, since: number) {
  const written: Tables = await readStores(page, feedStores(set, period, today, since));
  const key = (alert: Row) => `${String(alert.orgId)} ${String(alert.period)} ${String(alert.kind)}`;
  const seeded = new Set(set.usageAlerts.map(key));
  written.usageAlerts = (written.usageAlerts ?? []).filter((alert) => !seeded.has(key(alert)));
  return written;
}

/**
 * Puts the listed clients back as seeded: their records, their warnings and samples, no
 * report or sample of today, and none of the history logged since `since`.
 */
export async function resetFeedClients(page: Page, set: FeedSet, period: string, today: string, since: number) {
  const deletes = feedStores(set, period, today, since).filter((selection) => selection.store !== 'clients');
  await writeStores(page, { clients: set.clients, usageAlerts: set.usageAlerts }, deletes);
}

/** A seeded roster's usage feed, ready to be read again and again, and its floor. */
export interface FeedFigure {
  /** Clients the feed lists, and warnings one read decides. */
  rows: number;
  warnings: number;
  /** What one read wrote, which the floor puts raw. */
  written: Tables;
  /** One read (Read now to its answer), from the listed clients as seeded. */
  read: () => Promise<number>;
  /** The raw write of `written` in one transaction, from the same state. */
  floor: () => Promise<number>;
  /** Puts the listed clients back as seeded. */
  reset: () => Promise<void>;
}

/**
 * Serves the feed of up to 10,000 of a seeded roster's clients (`serve` gives its address), saves
 * it as the usage source with the bench's settings (`poolSize`), and runs the rules once, so that
 * the run after each read finds no due client but the read's own warnings; a first read warms up
 * and gives the warnings and the records the floor writes. bench/session.ts and feed-probe.ts
 * take the feed's figure through it.
 */
export async function prepareFeedFigure(
  harness: ExtensionHarness,
  home: Page,
  size: number,
  now: number,
  poolSize: number,
  serve: (path: string, body: string) => string,
): Promise<FeedFigure> {
  const set = feedSet(size, now);
  await saveUsageSource(harness, home, benchSettings(poolSize), serve(`/usage-${size}.json`, feedAnswer(set, now)));
  await timeRulesRun(home);
  // From here on, every history entry is the feed's; the worker's clock decides today and the period.
  const since = Date.now();
  const period = billingPeriodStart(since, 1, 'UTC');
  const today = localDate(since, 'UTC');
  const reset = () => resetFeedClients(home, set, period, today, since);
  const read = async () => {
    await reset();
    const { ms, sentAt } = await timeFeedRead(home);
    await checkFeedStatus(home, set.rows.length, sentAt);
    return ms;
  };
  await reset();
  const alertsBefore = await countRows(home, 'usageAlerts');
  await read();
  const warnings = (await countRows(home, 'usageAlerts')) - alertsBefore;
  const written = await feedWrites(home, set, period, today, since);
  const floor = async () => {
    await reset();
    return timeRawPut(home, written);
  };
  return { rows: set.rows.length, warnings, written, read, floor, reset };
}
