// A sync server for real-browser tests: a database in a throwaway PostgreSQL cluster (initdb in a
// temporary folder, 127.0.0.1, a free port; one a file can share), migrated, with one agency and
// its team, and the server on a free loopback port. It can be stopped and started again on the same port, as an outage.
// Plus the steps a person takes to connect a browser to it (Settings → Team).
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server, Socket as NetSocket, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import type { Page } from 'playwright-core';
import { addMember, createAgency } from '../../server/admin/team';
import { migrate } from '../../server/db/migrate';
import { createPool, type Db } from '../../server/db/pool';
import { freePort, type PgCluster, startPgCluster } from '../../server/dev/pg-cluster';
import { buildApp } from '../../server/http/app';
import { allowSiteAccess, type ExtensionHarness } from './harness';

export interface TeamTokens {
  owner: string;
  managerA: string;
  managerB: string;
  viewer: string;
}

export interface TeamServer {
  url: string;
  tokens: TeamTokens;
  db: Db;
  /** Stops answering (the port closes), as a server that is down. */
  stop(): Promise<void>;
  /** Answers again, on the same address. */
  start(): Promise<void>;
  /**
   * Holds the answers of the pushes from now on: each push is applied and committed, but its
   * answer waits until `release` — a push the browser never hears back from while held.
   * `arrived` resolves when the first held push has been applied.
   */
  holdPushAnswers(): { arrived: Promise<void>; release: () => void };
  /** Stops the server and the cluster and deletes its folder. */
  close(): Promise<void>;
}

/** A throwaway PostgreSQL cluster for a test file's team servers, and how to throw it away. */
export interface TeamCluster {
  cluster: PgCluster;
  close(): Promise<void>;
}

/**
 * Starts a cluster that the team servers of a file share, each in a database of its own: an
 * initdb and a start for each test took seconds of a file that starts a server per test.
 */
export async function startTeamCluster(): Promise<TeamCluster> {
  const dir = await mkdtemp(join(tmpdir(), 'agency-desk-e2e-pg-'));
  try {
    const cluster = await startPgCluster({ dir });
    return {
      cluster,
      close: async () => {
        await cluster.stop();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

let databases = 0;

/**
 * A team server with one agency and its team, on a database of its own: in `shared`'s cluster,
 * which its close leaves running, or in a cluster of its own, which its close stops.
 */
export async function startTeamServer(poolSize = 100, shared?: TeamCluster): Promise<TeamServer> {
  const own = shared ? undefined : await startTeamCluster();
  const cluster = (shared ?? own)!.cluster;
  let db: Db | undefined;
  let app: FastifyInstance | undefined;
  try {
    databases += 1;
    const name = `agency_desk_e2e_${databases}`;
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const databaseUrl = cluster.urlOf(name);
    await migrate(databaseUrl);
    db = createPool(databaseUrl);
    const owner = await createAgency(db, {
      agencyName: 'Northwind Digital',
      poolSize,
      timeZone: 'UTC',
      ownerName: 'Olivia Owner',
      ownerEmail: 'olivia@example.com',
    });
    const member = async (name: string, role: 'manager' | 'viewer') =>
      (await addMember(db!, owner.agencyId, { name, email: `${name.split(' ')[0]!.toLowerCase()}@example.com`, role }))
        .token;
    const tokens: TeamTokens = {
      owner: owner.token,
      managerA: await member('Max Manager', 'manager'),
      managerB: await member('Mia Manager', 'manager'),
      viewer: await member('Vera Viewer', 'viewer'),
    };
    const port = await freePort();
    let hold: { arrived: () => void; released: Promise<void> } | undefined;
    const listen = async () => {
      app = await buildApp({ db: db!, logger: false, rateLimitPerMinute: 100_000 });
      app.addHook('onSend', async (request, _reply, payload) => {
        if (hold && request.url.startsWith('/v1/push')) {
          hold.arrived();
          await hold.released;
        }
        return payload;
      });
      await app.listen({ host: '127.0.0.1', port });
    };
    await listen();
    const stopApp = async () => {
      await app?.close();
      app = undefined;
    };
    return {
      url: `http://127.0.0.1:${port}`,
      tokens,
      db,
      stop: stopApp,
      start: listen,
      holdPushAnswers: () => {
        let arrived!: () => void;
        let release!: () => void;
        const arrival = new Promise<void>((done) => (arrived = done));
        hold = { arrived, released: new Promise<void>((done) => (release = done)) };
        return {
          arrived: arrival,
          release: () => {
            hold = undefined;
            release();
          },
        };
      },
      close: async () => {
        await stopApp();
        await db?.end();
        await own?.close();
      },
    };
  } catch (error) {
    await app?.close();
    await db?.end();
    await own?.close();
    throw error;
  }
}

/**
 * Connects the browser to the team as a person does: site access for the loopback server first
 * (it stands in for the prompt's Allow, which headless Chromium cannot show), then Settings →
 * Team, address and token, Connect, and the connected line.
 */
export async function connectToTeam(
  harness: ExtensionHarness,
  page: Page,
  server: TeamServer,
  token: string,
  connectButton = 'Connect',
  url = server.url,
): Promise<void> {
  await allowSiteAccess(harness, 'http://127.0.0.1/*');
  await page.evaluate(() => {
    location.hash = '#/settings';
  });
  await page.getByLabel('Server address').fill(url);
  await page.getByLabel('Member token').fill(token);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  if (connectButton !== 'Connect') await page.getByRole('button', { name: connectButton }).click();
  // Playwright's own waiting (not expect.poll), so that the benchmark can connect browsers too.
  await page.getByText(/^Connected to Northwind Digital as /).waitFor({ timeout: 20_000 });
}

/**
 * Presses the header's Sync now, and waits until a sync that began after the press has ended:
 * the worker runs one sync at a time and queues one more for a request made during a sync, so
 * the answer to a request sent after the press comes once the pressed one is done.
 */
export async function syncNow(page: Page): Promise<void> {
  const status = page.getByTestId('team-status');
  await status.getByRole('button', { name: 'Sync now' }).click();
  await page.evaluate(() =>
    (
      globalThis as unknown as { chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } } }
    ).chrome.runtime.sendMessage({
      type: 'team/sync',
    }),
  );
  await status.getByRole('button', { name: 'Sync now' }).waitFor({ timeout: 20_000 });
}

/** The header's status line, as read. */
export async function teamStatusText(page: Page): Promise<string> {
  return ((await page.getByTestId('team-status').textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

/** Rows of one server table of the agency, for what the server holds. */
export async function serverClients(
  db: Db,
): Promise<{ orgId: string; quota: number; deleted: boolean; name: string }[]> {
  const { rows } = await db.query<{ org_id: string; data: { quota: number; name: string }; deleted: unknown }>(
    'SELECT org_id, data, deleted FROM clients ORDER BY org_id',
  );
  return rows.map((row) => ({
    orgId: row.org_id,
    quota: row.data?.quota ?? 0,
    name: row.data?.name ?? '',
    deleted: row.deleted !== null,
  }));
}

export interface Door {
  /** The address a browser uses to reach the server through this door. */
  url: string;
  /** Closes the door: this browser's requests fail as if the server were down; others still reach it. */
  close(): Promise<void>;
  open(): Promise<void>;
}

/**
 * A TCP door in front of the server for one browser: closed, that browser is offline while the
 * others keep working, so a test decides exactly which changes the server sees first.
 */
export async function doorTo(server: TeamServer): Promise<Door> {
  const target = Number(new URL(server.url).port);
  const port = await freePort();
  const sockets = new Set<Socket>();
  let door: Server | undefined;
  const open = async () => {
    door = createServer((incoming) => {
      const outgoing = new NetSocket();
      sockets.add(incoming).add(outgoing);
      const forget = () => {
        sockets.delete(incoming);
        sockets.delete(outgoing);
        incoming.destroy();
        outgoing.destroy();
      };
      incoming.on('close', forget).on('error', forget);
      outgoing.on('close', forget).on('error', forget);
      outgoing.connect(target, '127.0.0.1', () => {
        incoming.pipe(outgoing).pipe(incoming);
      });
    });
    await new Promise<void>((listening) => door!.listen(port, '127.0.0.1', listening));
  };
  await open();
  return {
    url: `http://127.0.0.1:${port}`,
    open,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      sockets.clear();
      await new Promise<void>((closed) => (door ? door.close(() => closed()) : closed()));
      door = undefined;
    },
  };
}
