// The shared roster as people feel it, in real browsers: Chromium profiles with the built
// extension, one sync server and one PostgreSQL on 127.0.0.1 (test/e2e/team-helpers.ts).
// - First sync: a team whose server holds N clients; an empty browser connects through
//   Settings → Team; timed from the Connect click until all N clients are in its IndexedDB.
// - A change in A to its appearance in B: A sets a client's quota in its overview (Enter);
//   timed until B's IndexedDB holds the new quota. B does nothing meanwhile: it pulls on its
//   alarm (every 30 s), so the figure is mostly the wait for B's next alarm.
import type { Page } from 'playwright-core';
import { readStores } from '../test/e2e/background-helpers';
import { launchExtension, type ExtensionHarness } from '../test/e2e/harness';
import { connectToTeam, startTeamServer, type TeamServer } from '../test/e2e/team-helpers';
import { TEAM_SYNC_PERIOD_MINUTES } from '../lib/background/register-team-sync';
import { importCsv } from './import';
import { prepareImport } from '../lib/io/prepare';

export interface TeamBenchOptions {
  extensionDir: string;
  clients: number;
  firstSyncRuns: number;
  latencySamples: number;
  log: (message: string) => void;
}

export interface TeamBenchResults {
  clients: number;
  firstSyncSeconds: number[];
  latencySeconds: number[];
  syncIntervalSeconds: number;
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}

async function seedServer(server: TeamServer, clients: number): Promise<void> {
  const prepared = prepareImport(new TextEncoder().encode(importCsv(clients)));
  const response = await fetch(`${server.url}/v1/push`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.tokens.owner}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      deviceId: 'bench-seed-device',
      changes: [
        {
          id: 'bench-seed-import',
          name: 'roster.import',
          args: { prepared, choices: { existing: 'update', restoreSettings: false } },
        },
      ],
    }),
  });
  const body = (await response.json()) as { results?: { status: string }[] };
  if (body.results?.[0]?.status !== 'accepted')
    throw new Error(`seeding the server: ${JSON.stringify(body).slice(0, 300)}`);
}

/**
 * Polls `read` in the page until it gives `wanted` (Playwright's waitForFunction does not wait
 * for a promise, and IndexedDB answers only through one). 50 ms apart, so a figure is late by
 * at most that.
 */
async function waitForValue(
  page: Page,
  read: (arg: string) => Promise<number | undefined>,
  arg: string,
  wanted: number,
  timeoutMs: number,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while ((await page.evaluate(read, arg)) !== wanted) {
    if (performance.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${String(wanted)}`);
    await new Promise((resume) => setTimeout(resume, 50));
  }
}

async function storedClientCount(_unused: string): Promise<number> {
  const open = indexedDB.open('agency-desk');
  const db = await new Promise<IDBDatabase>((done) => (open.onsuccess = () => done(open.result)));
  const request = db.transaction('clients').objectStore('clients').count();
  const count = await new Promise<number>((done) => (request.onsuccess = () => done(request.result)));
  db.close();
  return count;
}

async function storedQuota(orgId: string): Promise<number | undefined> {
  const open = indexedDB.open('agency-desk');
  const db = await new Promise<IDBDatabase>((done) => (open.onsuccess = () => done(open.result)));
  const request = db.transaction('clients').objectStore('clients').get(orgId);
  const row = await new Promise<{ quota?: number } | undefined>(
    (done) => (request.onsuccess = () => done(request.result)),
  );
  db.close();
  return row?.quota;
}

async function connectedBrowser(options: TeamBenchOptions, server: TeamServer, token: string) {
  const harness = await launchExtension({ extensionDir: options.extensionDir });
  const page = await harness.openExtensionPage('options.html');
  await page.locator('h1').waitFor();
  const started = performance.now();
  await connectToTeam(harness, page, server, token);
  // Read the database: the dashboard's count is drawn from it, and this leaves the drawing out.
  await waitForValue(page, storedClientCount, '', options.clients, 600_000);
  return { harness, page, seconds: (performance.now() - started) / 1000 };
}

export async function runTeamBench(options: TeamBenchOptions): Promise<TeamBenchResults> {
  const server = await startTeamServer(options.clients * 100);
  const browsers: ExtensionHarness[] = [];
  try {
    options.log(`team: seeding the server with ${options.clients.toLocaleString('en-US')} clients`);
    await seedServer(server, options.clients);
    const firstSyncSeconds: number[] = [];
    for (let run = 0; run < options.firstSyncRuns; run += 1) {
      const { harness, seconds } = await connectedBrowser(options, server, server.tokens.managerB);
      await harness.close();
      firstSyncSeconds.push(seconds);
      options.log(`team: first sync ${run + 1}/${options.firstSyncRuns}: ${seconds.toFixed(2)} s`);
    }

    const a = await connectedBrowser(options, server, server.tokens.managerA);
    browsers.push(a.harness);
    const b = await connectedBrowser(options, server, server.tokens.managerB);
    browsers.push(b.harness);
    const { clients = [] } = await readStores(a.page, ['clients']);
    const latencySeconds: number[] = [];
    for (let sample = 0; sample < options.latencySamples; sample += 1) {
      const client = clients[sample % clients.length]!;
      const orgId = client.orgId as string;
      const quota = (client.quota as number) + 1 + sample;
      await a.page.evaluate((id) => {
        location.hash = `#/clients/${id}`;
      }, orgId);
      const field = a.page.locator('input[name="overview.quota"]');
      await field.fill(String(quota));
      // Each change comes right after B's last pull; waiting a different part of B's interval
      // before each (evenly spread over it) gives the figures a person would meet at any moment.
      const offsetMs = ((sample * TEAM_SYNC_PERIOD_MINUTES * 60_000) / options.latencySamples) | 0;
      await new Promise((resume) => setTimeout(resume, offsetMs));
      const started = performance.now();
      await field.press('Enter');
      await waitForValue(b.page, storedQuota, orgId, quota, 180_000);
      latencySeconds.push((performance.now() - started) / 1000);
      options.log(
        `team: change ${sample + 1}/${options.latencySamples} seen in B after ${latencySeconds.at(-1)!.toFixed(2)} s`,
      );
    }
    return {
      clients: options.clients,
      firstSyncSeconds,
      latencySeconds,
      syncIntervalSeconds: TEAM_SYNC_PERIOD_MINUTES * 60,
    };
  } finally {
    for (const browser of browsers) await browser.close();
    await server.close();
  }
}

export function markdownTeam(results: TeamBenchResults): string {
  const median = (values: number[]) => quantile(values, 0.5).toFixed(2);
  return [
    '| measure | runs | median | p95 |',
    '| --- | --- | --- | --- |',
    `| first sync of ${results.clients.toLocaleString('en-US')} clients into an empty browser (Connect → all in IndexedDB) | ${results.firstSyncSeconds.length} | ${median(results.firstSyncSeconds)} s | ${quantile(results.firstSyncSeconds, 0.95).toFixed(2)} s |`,
    `| a quota set in browser A → in browser B's IndexedDB (B pulls every ${results.syncIntervalSeconds} s; A pushes on the change) | ${results.latencySeconds.length} | ${median(results.latencySeconds)} s | ${quantile(results.latencySeconds, 0.95).toFixed(2)} s |`,
  ].join('\n');
}
