// A shared roster in real browsers: two Chromium profiles (two account managers), one sync server
// and one PostgreSQL, all started here on 127.0.0.1. Each browser connects through Settings → Team,
// changes the roster through the dashboard, and syncs with the header's Sync now (the worker also
// syncs after each change and on its alarm; the button makes the moment a test's to choose).
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDashboard, readStores, stopWorker } from './background-helpers';
import { openOverview } from './dashboard-form-helpers';
import { row } from './dashboard-list-helpers';
import { type ExtensionHarness, launchExtension } from './harness';
import {
  connectToTeam,
  doorTo,
  serverClients,
  startTeamCluster,
  startTeamServer,
  type TeamCluster,
  syncNow,
  type TeamServer,
  teamStatusText,
} from './team-helpers';

let cluster: TeamCluster | undefined;
let server: TeamServer | undefined;
const browsers: ExtensionHarness[] = [];

beforeAll(async () => {
  cluster = await startTeamCluster();
});

afterAll(async () => {
  await cluster?.close();
});

// Each test has a server and a database of its own, in the file's cluster.
beforeEach(async () => {
  server = await startTeamServer(100, cluster);
});

afterEach(async () => {
  for (const browser of browsers.splice(0)) await browser.close();
  await server?.close();
  server = undefined;
});

/** A browser of its own (its own profile), connected to the team as the member of `token`. */
async function member(token: string, url = server!.url): Promise<{ harness: ExtensionHarness; page: Page }> {
  const harness = await launchExtension();
  browsers.push(harness);
  const page = await openDashboard(harness);
  await page.setViewportSize({ width: 1280, height: 900 });
  await connectToTeam(harness, page, server!, token, 'Connect', url);
  return { harness, page };
}

async function showClients(page: Page): Promise<void> {
  await page.evaluate(() => {
    location.hash = '#/clients';
  });
}

/** Creates a client through the New client form. */
async function createClient(page: Page, name: string, quota: number): Promise<void> {
  await page.evaluate(() => {
    location.hash = '#/clients/new';
  });
  await page.getByLabel('Client name').fill(name);
  await page.getByLabel('First name').fill('Ana');
  await page.getByLabel('Last name').fill('Silva');
  await page.getByLabel('Contact email').fill(`ana@${name.toLowerCase().replace(/\W+/g, '')}.example`);
  await page.getByLabel('Visitor licenses').fill(String(quota));
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByTestId('created-notice').waitFor();
}

/** Sets a client's quota in its overview, as a person does (field, Enter). */
async function setQuota(page: Page, name: string, quota: number): Promise<void> {
  await openOverview(page, name);
  const field = page.locator('input[name="overview.quota"]');
  await field.fill(String(quota));
  await field.press('Enter');
  await expect.poll(() => page.getByTestId('quota-total').textContent()).toBe(quota.toLocaleString('en-US'));
}

async function localQuotas(page: Page): Promise<Record<string, number>> {
  const { clients = [] } = await readStores(page, ['clients']);
  return Object.fromEntries(clients.map((client) => [client.name as string, client.quota as number]));
}

async function outboxSize(page: Page): Promise<number> {
  const { outbox = [] } = await readStores(page, ['outbox']);
  return outbox.length;
}

describe('a roster shared by two browsers', () => {
  it('shows a client created in browser A in browser B after one sync', async () => {
    const a = await member(server!.tokens.managerA);
    const b = await member(server!.tokens.managerB);
    expect(await teamStatusText(a.page)).toMatch(/Synced/);
    // The token is in the extension's own storage, and nowhere in the database a backup reads.
    const stored = await a.harness.serviceWorker.evaluate(() =>
      (
        globalThis as unknown as { chrome: { storage: { local: { get(): Promise<object> } } } }
      ).chrome.storage.local.get(),
    );
    expect(Object.values(stored)).toContain(server!.tokens.managerA);
    const everything = await readStores(a.page, ['meta', 'clients', 'activity', 'outbox']);
    expect(JSON.stringify(everything)).not.toContain(server!.tokens.managerA);

    await createClient(a.page, 'Acme Outdoor', 40);
    await syncNow(a.page);
    await expect.poll(() => outboxSize(a.page)).toBe(0);
    expect((await serverClients(server!.db)).map((client) => [client.name, client.quota])).toEqual([
      ['Acme Outdoor', 40],
    ]);

    await showClients(b.page);
    expect(await row(b.page, 'Acme Outdoor').count()).toBe(0);
    await syncNow(b.page);
    await expect.poll(() => row(b.page, 'Acme Outdoor').count()).toBe(1);
    expect(await localQuotas(b.page)).toEqual({ 'Acme Outdoor': 40 });
  });

  it('accepts one of two allocations of the last licenses made at the same moment, and shows the other refused', async () => {
    const a = await member(server!.tokens.managerA);
    const b = await member(server!.tokens.managerB);
    await createClient(a.page, 'Acme Outdoor', 40);
    await createClient(a.page, 'Birch Bikes', 40);
    await syncNow(a.page);
    await syncNow(b.page);
    await expect.poll(() => localQuotas(b.page)).toEqual({ 'Acme Outdoor': 40, 'Birch Bikes': 40 });

    // 20 licenses are free: each manager gives all of them to another client, both offline of each other.
    await setQuota(a.page, 'Acme Outdoor', 60);
    await setQuota(b.page, 'Birch Bikes', 60);
    await Promise.all([syncNow(a.page), syncNow(b.page)]);
    await Promise.all([syncNow(a.page), syncNow(b.page)]);

    const onServer = await serverClients(server!.db);
    expect(onServer.reduce((sum, client) => sum + client.quota, 0)).toBe(100);
    const truth = Object.fromEntries(onServer.map((client) => [client.name, client.quota]));
    await expect.poll(() => localQuotas(a.page)).toEqual(truth);
    await expect.poll(() => localQuotas(b.page)).toEqual(truth);

    const statuses = [await teamStatusText(a.page), await teamStatusText(b.page)];
    expect(statuses.filter((status) => status.includes('Refused: 1'))).toHaveLength(1);
    const refused = statuses[0]!.includes('Refused: 1') ? a.page : b.page;
    const tried = refused === a.page ? "Change Acme Outdoor's quota to 60" : "Change Birch Bikes's quota to 60";
    await refused.getByTestId('team-status-refused').click();
    await expect.poll(() => refused.getByRole('heading', { name: 'Changes refused' }).count()).toBe(1);
    const listed = refused.locator('tbody tr').filter({ hasText: tried });
    await expect.poll(() => listed.count()).toBe(1);
    expect(await listed.textContent()).toMatch(/licenses/);
  });

  it('keeps a client deleted by A deleted when B edited it with the server down, and tells B why', async () => {
    // B reaches the server through a door of its own: closed, the server is down for B alone,
    // so A's deletion is on the server before B's edit can be, whatever B's alarm does.
    const door = await doorTo(server!);
    const a = await member(server!.tokens.managerA);
    const b = await member(server!.tokens.managerB, door.url);
    await createClient(a.page, 'Cedar Cafe', 30);
    await syncNow(a.page);
    await syncNow(b.page);
    await expect.poll(() => localQuotas(b.page)).toEqual({ 'Cedar Cafe': 30 });

    await door.close();
    await setQuota(b.page, 'Cedar Cafe', 25);
    await syncNow(b.page);
    await expect.poll(() => teamStatusText(b.page)).toMatch(/Offline since .*Changes waiting: 1/);

    await showClients(a.page);
    await row(a.page, 'Cedar Cafe').getByRole('button', { name: 'Actions for Cedar Cafe' }).click();
    await a.page.getByRole('menuitem', { name: 'Delete', exact: true }).click();
    await a.page
      .getByRole('dialog')
      .getByLabel(/type the client's name/)
      .fill('Cedar Cafe');
    await a.page.getByRole('dialog').getByRole('button', { name: 'Delete permanently' }).click();
    await syncNow(a.page);
    expect((await serverClients(server!.db)).map((client) => client.deleted)).toEqual([true]);
    // B still shows its own edit while it cannot reach the server.
    expect(await localQuotas(b.page)).toEqual({ 'Cedar Cafe': 25 });

    await door.open();
    await syncNow(b.page);
    await expect.poll(() => localQuotas(b.page)).toEqual({});
    await expect.poll(() => teamStatusText(b.page)).toMatch(/Synced .*Refused: 1/);
    expect((await serverClients(server!.db)).map((client) => client.deleted)).toEqual([true]);
    await b.page.getByTestId('team-status-refused').click();
    const listed = b.page.locator('tbody tr').filter({ hasText: "Change Cedar Cafe's quota to 25" });
    await expect.poll(() => listed.count()).toBe(1);
    expect(await listed.textContent()).toMatch(/deleted/);
    await door.close();
  });

  it("lets a viewer read the roster but not change a client's quota, and says why", async () => {
    const a = await member(server!.tokens.managerA);
    await createClient(a.page, 'Dune Design', 10);
    await syncNow(a.page);
    const viewer = await member(server!.tokens.viewer);
    await expect.poll(() => localQuotas(viewer.page)).toEqual({ 'Dune Design': 10 });
    await openOverview(viewer.page, 'Dune Design');
    const reason = 'Your role in the team is viewer: you can look at the roster but not change it.';
    await expect.poll(() => viewer.page.locator('#overview-team-reason').textContent()).toBe(reason);
    // The quota reads as a number, with no field to change it.
    expect(await viewer.page.getByTestId('quota-total').textContent()).toBe('10');
    expect(await viewer.page.locator('input[name="overview.quota"]').count()).toBe(0);
    expect(await outboxSize(viewer.page)).toBe(0);
  });

  it('loses nothing and applies nothing twice when the worker stops in the middle of a push', async () => {
    const a = await member(server!.tokens.managerA);
    await createClient(a.page, 'Elm Studio', 10);
    await syncNow(a.page);
    await expect.poll(() => outboxSize(a.page)).toBe(0);

    const held = server!.holdPushAnswers();
    await setQuota(a.page, 'Elm Studio', 15);
    await held.arrived;
    await stopWorker(a.harness.context, a.page);
    held.release();
    // The change stayed in the outbox: the worker never heard the answer.
    expect(await outboxSize(a.page)).toBe(1);

    await syncNow(a.page);
    await expect.poll(() => outboxSize(a.page)).toBe(0);
    expect(await teamStatusText(a.page)).not.toMatch(/Refused/);
    expect((await serverClients(server!.db)).map((client) => client.quota)).toEqual([15]);
    const { rows } = await server!.db.query<{ name: string; n: string }>(
      'SELECT name, count(*) AS n FROM processed_changes GROUP BY name ORDER BY name',
    );
    expect(rows.map((r) => [r.name, Number(r.n)])).toEqual([
      ['client.create', 1],
      ['client.reallocate', 1],
    ]);
    const { rows: lines } = await server!.db.query<{ n: string }>(
      "SELECT count(*) AS n FROM activity WHERE entry->>'action' = 'quota_changed'",
    );
    expect(Number(lines[0]?.n)).toBe(1);
  });
});
