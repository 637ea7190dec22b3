// The usage source in a real browser: a feed served on 127.0.0.1 by the test is read by the
// worker, pushes a client over its quota (Paused in the open dashboard, without a reload),
// warns once per level even across a worker stop, and a failing feed changes nothing but the
// status line in Settings.

import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import {
  currentPeriod,
  openDashboard,
  orgIdFor,
  readStores,
  seed,
  settingsRecord,
  stopWorker,
  storedClient,
  wakeWorker,
} from './background-helpers';
import { statusOf } from './dashboard-list-helpers';
import { allowSiteAccess, type ExtensionHarness, launchExtension } from './harness';

declare const chrome: {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  notifications: { getAll(): Promise<Record<string, boolean>> };
  permissions: { request(permissions: { origins: string[] }): Promise<boolean> };
};

let harness: ExtensionHarness | undefined;
let server: Server | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
  await new Promise((done) => (server ? server.close(done) : done(undefined)));
  server = undefined;
});

interface Feed {
  url: string;
  /** What the next request gets: a status and a body. */
  answer: { status: number; body: string; type: string };
  requests: IncomingHttpHeaders[];
}

async function serveFeed(): Promise<Feed> {
  const feed: Feed = { url: '', answer: { status: 200, body: '', type: 'application/json' }, requests: [] };
  server = createServer((request, response) => {
    feed.requests.push(request.headers);
    response.writeHead(feed.answer.status, { 'content-type': feed.answer.type }).end(feed.answer.body);
  });
  await new Promise<void>((listening) => server!.listen(0, '127.0.0.1', listening));
  feed.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/usage.json`;
  return feed;
}

function usage(rows: { orgId: string; used: number }[]): Feed['answer'] {
  const body = JSON.stringify({
    generated_at: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    usage: rows.map((row) => ({ org_id: row.orgId, visitors_used: row.used })),
  });
  return { status: 200, body, type: 'application/json' };
}

/**
 * The agency has granted the source's host: site access in the browser's extension settings,
 * then the optional permission asked for, as Save does (no prompt once site access is given).
 */
async function grantLoopback(page: Page): Promise<void> {
  await allowSiteAccess(harness!, 'http://127.0.0.1/*');
  expect(await page.evaluate(() => chrome.permissions.request({ origins: ['http://127.0.0.1/*'] }))).toBe(true);
}

/** Sets up an agency with one client and the feed as its usage source (token "tok-e2e"). */
async function agencyWithSource(feed: Feed, client: { quota: number; used: number }): Promise<Page> {
  harness = await launchExtension();
  const page = await openDashboard(harness);
  await seed(page, {
    meta: [
      settingsRecord({
        usageWarningLevels: [80, 90],
        usageSource: { url: feed.url, intervalMinutes: 60, acceptCorrections: false },
      }),
      { key: 'pool', value: { allocated: client.quota } },
      { key: 'usageSourceToken', value: { token: 'tok-e2e' } },
    ],
    clients: [
      storedClient(1, 'Acme Outdoor', {
        quota: client.quota,
        usedVisitors: client.used,
        usagePercent: Math.floor((client.used * 100) / client.quota),
      }),
    ],
  });
  await grantLoopback(page);
  return page;
}

/** "Read now", as Settings sends it; resolves once the worker has read and applied the answer. */
async function readNow(page: Page): Promise<void> {
  const reply = (await page.evaluate(() => chrome.runtime.sendMessage({ type: 'usageFeed/read' }))) as {
    ok: boolean;
    value?: { read: boolean };
  };
  expect(reply).toEqual({ ok: true, value: { read: true } });
}

async function warningsSent(page: Page): Promise<unknown[]> {
  const { activity } = await readStores(page, ['activity']);
  return (activity ?? []).filter((entry) => entry.action === 'usage_warning_sent');
}

describe('the usage source', () => {
  it('pushes a client over its quota: Paused in the open dashboard without a reload', async () => {
    const feed = await serveFeed();
    const page = await agencyWithSource(feed, { quota: 8000, used: 5000 });
    await page.goto(harness!.extensionUrl('options.html#/clients'));
    await expect.poll(() => statusOf(page, 'Acme Outdoor')).toBe('Active');

    feed.answer = usage([{ orgId: orgIdFor(1), used: 8100 }]);
    await readNow(page);

    await expect.poll(() => statusOf(page, 'Acme Outdoor')).toBe('Paused');
    expect(feed.requests.at(-1)?.authorization).toBe('Bearer tok-e2e');
    expect(feed.requests.at(-1)?.cookie).toBeUndefined();
  });

  it('warns once when a level is crossed, not twice after the worker stops', async () => {
    const feed = await serveFeed();
    const page = await agencyWithSource(feed, { quota: 8000, used: 1000 });
    const id = `usage:${orgIdFor(1)}:${currentPeriod()}:level-80`;

    feed.answer = usage([{ orgId: orgIdFor(1), used: 6500 }]);
    await readNow(page);
    await expect
      .poll(async () => Object.keys(await harness!.serviceWorker.evaluate(() => chrome.notifications.getAll())))
      .toEqual([id]);
    expect(await warningsSent(page)).toHaveLength(1);

    await stopWorker(harness!.context, page);
    await wakeWorker(page);
    feed.answer = usage([{ orgId: orgIdFor(1), used: 6600 }]);
    await readNow(page);

    expect(await warningsSent(page)).toHaveLength(1);
    expect(Object.keys(await harness!.serviceWorker.evaluate(() => chrome.notifications.getAll()))).toEqual([id]);
    const { usageAlerts } = await readStores(page, ['usageAlerts']);
    expect(usageAlerts).toEqual([expect.objectContaining({ kind: 'level-80', status: 'sent', notification: 'shown' })]);
  });

  it('says in Settings why a failing feed was not read, and changes nothing', async () => {
    const feed = await serveFeed();
    const page = await agencyWithSource(feed, { quota: 8000, used: 5000 });
    await page.goto(harness!.extensionUrl('options.html#/settings'));
    const before = await readStores(page, ['clients', 'reports', 'usageSamples']);

    feed.answer = { status: 500, body: 'Internal Server Error', type: 'text/plain' };
    await readNow(page);

    await expect
      .poll(() => page.getByTestId('usage-feed-failure').textContent())
      .toContain(
        'The usage source answered with HTTP status 500 instead of the usage, so no usage was read. The next reading tries again.',
      );
    expect(await readStores(page, ['clients', 'reports', 'usageSamples'])).toEqual(before);
  });

  it('is set in Settings: saved with access to its host, read at once, and the status line says what changed', async () => {
    const feed = await serveFeed();
    harness = await launchExtension();
    const page = await openDashboard(harness);
    await seed(page, {
      meta: [settingsRecord(), { key: 'pool', value: { allocated: 8000 } }],
      clients: [storedClient(1, 'Acme Outdoor', { quota: 8000, usedVisitors: 100, usagePercent: 1 })],
    });
    // Site access first, so that Save's request for the host is granted without a prompt.
    await allowSiteAccess(harness, 'http://127.0.0.1/*');
    feed.answer = usage([{ orgId: orgIdFor(1), used: 2500 }]);
    await page.goto(harness.extensionUrl('options.html#/settings'));
    await page.reload();

    await page.getByRole('textbox', { name: 'Usage source address' }).fill(feed.url);
    await page.getByLabel('Access token (optional)').fill('tok-settings');
    await page.getByRole('button', { name: 'Save usage source' }).click();

    await expect.poll(() => page.getByTestId('usage-feed-status').textContent()).toContain('Clients updated: 1;');
    expect(feed.requests.at(-1)?.authorization).toBe('Bearer tok-settings');
    const { clients } = await readStores(page, ['clients']);
    expect(clients?.[0]).toMatchObject({ usedVisitors: 2500 });
    expect(await page.content()).not.toContain('tok-settings');
  });
});
