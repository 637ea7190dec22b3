/**
 * The extension's sync engine (lib/background/team-sync-engine.ts) against the real server:
 * this browser's IndexedDB (fake-indexeddb) and its HTTP client, over 127.0.0.1, to a server
 * on a real PostgreSQL; another member acts through the server's own push.
 */
import 'fake-indexeddb/auto';
import type { AddressInfo } from 'node:net';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkTeam, connectTeam, syncTeam, type TeamSyncPorts } from '../../lib/background/team-sync-engine';
import { db } from '../../lib/db/database';
import { installCatalog } from '../../lib/i18n';
import type { ActivityEntry } from '../../lib/model/activity';
import { type AppError, isAppError } from '../../lib/model/errors';
import { newSyncId } from '../../lib/model/sync-ids';
import type { ChangeName } from '../../lib/model/team';
import { createClient } from '../../lib/ops/clients';
import { writeTransaction } from '../../lib/ops/context';
import { updateSettings } from '../../lib/ops/settings';
import { toStoredClient } from '../../lib/ops/store';
import { createTeamServer } from '../../lib/platform/team-server';
import { generateOrgId } from '../../lib/rules/org-id';
import en from '../../public/_locales/en/messages.json';
import ja from '../../public/_locales/ja/messages.json';
import { change, createChange, NOW, pullAll, push, setUpAgency, type TestAgency } from './team';
import { testServer } from './test-server';

installCatalog('en', en);
installCatalog('ja', ja);

const server = testServer();
let baseUrl: string;
let team: TestAgency;

beforeAll(async () => {
  await server.app.listen({ host: '127.0.0.1', port: 0 });
  baseUrl = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
});

beforeEach(async () => {
  await db.delete();
  await db.open();
  team = await setUpAgency(server.db, 100);
});

interface Browser extends TeamSyncPorts {
  notifications: { id: string; message: string }[];
  /** While true, every request fails as if the network were down. */
  offline: boolean;
  /** While true, a push reaches the server but its answer is lost on the way back. */
  cutPushAnswers: boolean;
}

/** This browser's ports: the real HTTP client over 127.0.0.1, its token in memory, notifications kept. */
function browser(): Browser {
  let token: string | undefined;
  const ports: Browser = {
    notifications: [],
    offline: false,
    cutPushAnswers: false,
    server: createTeamServer({
      hasPermission: async () => true,
      fetch: async (input, init) => {
        if (ports.offline) throw new TypeError('fetch failed');
        const response = await fetch(input, init);
        if (ports.cutPushAnswers && typeof input === 'string' && input.endsWith('/v1/push')) {
          await response.text();
          throw new TypeError('fetch failed');
        }
        return response;
      },
    }),
    clock: () => NOW,
    loadToken: async () => token,
    saveToken: async (value) => {
      token = value;
    },
    removeToken: async () => {
      token = undefined;
    },
    showNotification: async (id, content) => {
      ports.notifications.push({ id, message: content.message });
    },
    setSyncAlarm: async () => undefined,
  };
  return ports;
}

async function connected(token = team.manager): Promise<Browser> {
  const ports = browser();
  await connectTeam(ports, { serverUrl: baseUrl, token, start: 'download' });
  return ports;
}

/** A change made in this browser, as an operation queues it: its local effect and its outbox row, in one transaction. */
async function queueHere(name: ChangeName, args: unknown, effect: () => Promise<unknown> = async () => undefined) {
  const id = newSyncId('c');
  await writeTransaction(
    async () => {
      await effect();
      await db.outbox.add({ id, name, args, madeAt: NOW, ...(hasOrgId(args) ? { orgId: args.orgId } : {}) });
    },
    () => [],
  );
  return id;
}

function hasOrgId(args: unknown): args is { orgId: string } {
  return typeof args === 'object' && args !== null && typeof (args as { orgId?: unknown }).orgId === 'string';
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

/** The clients on the server, by Org ID, as a pull from 0 gives them. */
async function serverClients() {
  const { rows } = await pullAll(server.app, team.owner);
  return rows.filter((row) => row.entity === 'client' && !row.deleted).map((row) => row.orgId);
}

async function localPool() {
  const record = await db.meta.get('pool');
  return record?.key === 'pool' ? record.value.allocated : undefined;
}

describe('the sync engine against the real server', () => {
  it('checks a token, connects by download, and shows after one sync a client another member created', async () => {
    const first = createChange('Acme Outdoor', 30);
    await push(server.app, team.owner, [first]);
    const ports = browser();
    expect(await checkTeam(ports, { serverUrl: `${baseUrl}/`, token: team.manager })).toEqual({
      agencyName: 'Northwind Digital',
      memberName: 'Max Manager',
      role: 'manager',
      serverClients: 1,
      localClients: 0,
    });
    await connectTeam(ports, { serverUrl: baseUrl, token: team.manager, start: 'download' });
    expect((await db.clients.toArray()).map((client) => client.name)).toEqual(['Acme Outdoor']);

    const second = createChange('Bluebird Books', 20);
    await push(server.app, team.owner, [second]);
    expect(await syncTeam(ports)).toEqual({ synced: true, refused: 0 });
    const local = await db.clients.orderBy('nameKey').toArray();
    expect(local.map((client) => [client.name, client.quota, client.usagePeriod])).toEqual([
      ['Acme Outdoor', 30, '2026-12-01'],
      ['Bluebird Books', 20, '2026-12-01'],
    ]);
    expect(await localPool()).toBe(50);
    // The server's history lines, under the server's ids.
    const lines = (await db.activity.toArray()).filter((line: ActivityEntry) => line.action === 'client_created');
    expect(lines).toHaveLength(2);
  });

  it("sends this browser's queued change, which the server then holds, and empties the outbox", async () => {
    const ports = await connected();
    const orgId = generateOrgId();
    await queueHere('client.create', {
      orgId,
      client: {
        name: 'Cedar Cafe',
        quota: 10,
        contact: { firstName: 'Ana', lastName: 'Silva', email: 'a@example.com' },
      },
    });
    expect(await syncTeam(ports)).toEqual({ synced: true, refused: 0 });
    expect(await serverClients()).toEqual([orgId]);
    expect(await db.outbox.count()).toBe(0);
    expect((await db.clients.get(orgId))?.name).toBe('Cedar Cafe');
    const sync = await db.meta.get('sync');
    expect(sync?.key === 'sync' && sync.value).toMatchObject({ syncedAt: NOW });
  });

  it("keeps a refused change in the refused list and puts this browser's copy back to the server's", async () => {
    const ports = await connected();
    // Another member takes 80 of the 100 licences; this browser, not yet told, gives 50 to a new client.
    await push(server.app, team.owner, [createChange('Acme Outdoor', 80)]);
    const orgId = generateOrgId();
    const args = {
      orgId,
      client: { name: 'Too Big', quota: 50, contact: { firstName: 'Ana', lastName: 'Silva', email: 'a@example.com' } },
    };
    const changeId = await queueHere('client.create', args, async () => {
      await db.clients.put(
        toStoredClient(
          { ...args.client, orgId, status: 'active', usedVisitors: 0, createdAt: NOW, updatedAt: NOW },
          '2026-12-01',
        ),
      );
      await db.meta.put({ key: 'pool', value: { allocated: 50 } });
    });

    expect(await syncTeam(ports)).toEqual({ synced: true, refused: 1 });
    const refused = await db.refusedChanges.toArray();
    expect(refused).toEqual([
      expect.objectContaining({
        changeId,
        name: 'client.create',
        orgId,
        code: 'rule',
        key: 'error_quotaExceedsFree',
        params: { needed: 50, free: 20 },
        seen: 0,
      }),
    ]);
    expect(await db.clients.get(orgId)).toBeUndefined();
    expect((await db.clients.toArray()).map((client) => client.name)).toEqual(['Acme Outdoor']);
    expect(await localPool()).toBe(80);
    const sync = await db.meta.get('sync');
    expect(sync?.key === 'sync' && sync.value.resyncNeeded).toBeFalsy();
    expect(ports.notifications).toEqual([
      {
        id: 'team-refused',
        message: "One of your changes was refused by the team's server. Open the dashboard to see why.",
      },
    ]);
  });

  it('applies once a push whose answer was cut off and that is sent again', async () => {
    const ports = await connected();
    const orgId = generateOrgId();
    await queueHere('client.create', {
      orgId,
      client: {
        name: 'Delta Dental',
        quota: 10,
        contact: { firstName: 'Ana', lastName: 'Silva', email: 'a@example.com' },
      },
    });
    ports.cutPushAnswers = true;
    expect(await syncTeam(ports)).toEqual({ synced: false, refused: 0 });
    expect(await db.outbox.count()).toBe(1);
    const failed = await db.meta.get('sync');
    expect(failed?.key === 'sync' && failed.value).toMatchObject({
      offlineSince: NOW,
      errorKey: 'team_error_unreachable',
    });

    ports.cutPushAnswers = false;
    expect(await syncTeam(ports)).toEqual({ synced: true, refused: 0 });
    expect(await db.outbox.count()).toBe(0);
    expect(await serverClients()).toEqual([orgId]);
    const { rows } = await pullAll(server.app, team.owner);
    const created = rows.filter(
      (row) => row.entity === 'activity' && (row.data as ActivityEntry).action === 'client_created',
    );
    expect(created).toHaveLength(1);
    const synced = await db.meta.get('sync');
    expect(synced?.key === 'sync' && synced.value.offlineSince).toBeUndefined();
  });

  it('keeps a client deleted by another member deleted when this browser edited it offline, and says why', async () => {
    const orgId = generateOrgId();
    await push(server.app, team.owner, [createChange('Echo Events', 10, orgId)]);
    const ports = await connected();
    ports.offline = true;
    await queueHere(
      'client.update',
      {
        orgId,
        details: { name: 'Echo Events Ltd', contact: { firstName: 'Ana', lastName: 'Silva', email: 'a@example.com' } },
      },
      async () => {
        await db.clients.update(orgId, { name: 'Echo Events Ltd' });
      },
    );
    expect(await syncTeam(ports)).toMatchObject({ synced: false });
    await push(server.app, team.owner, [change('client.delete', { orgId })]);

    ports.offline = false;
    expect(await syncTeam(ports)).toEqual({ synced: true, refused: 1 });
    expect(await db.clients.get(orgId)).toBeUndefined();
    expect(await db.refusedChanges.toArray()).toEqual([
      expect.objectContaining({ name: 'client.update', orgId, key: 'error_clientDeleted', params: { orgId } }),
    ]);
    expect(await db.orgIds.get(orgId)).toBeDefined();
    expect(await localPool()).toBe(0);
  });

  it("uploads this browser's roster to an empty team, and refuses to upload onto a team that has clients", async () => {
    await updateSettings({ agencyName: 'Fjord Agency', poolSize: 60, timeZone: 'UTC' }, { now: NOW });
    const local = await createClient(
      { name: 'Fjord Foods', quota: 25, contact: { firstName: 'Ana', lastName: 'Silva', email: 'a@example.com' } },
      { now: NOW },
    );
    const ports = browser();
    await connectTeam(ports, { serverUrl: baseUrl, token: team.owner, start: 'upload' });
    expect(await serverClients()).toEqual([local.orgId]);
    expect((await db.clients.toArray()).map((client) => [client.orgId, client.quota])).toEqual([[local.orgId, 25]]);
    expect(await db.outbox.count()).toBe(0);
    // The owner's upload brought the agency's settings along.
    const { rows } = await pullAll(server.app, team.owner);
    expect(rows.find((row) => row.entity === 'settings')?.data).toMatchObject({
      agencyName: 'Fjord Agency',
      poolSize: 60,
    });

    // A second browser with a roster of its own cannot upload it onto this one.
    await db.delete();
    await db.open();
    await updateSettings({ poolSize: 10 }, { now: NOW });
    await createClient(
      { name: 'Other Roster', quota: 5, contact: { firstName: 'Bo', lastName: 'Berg', email: 'b@example.com' } },
      { now: NOW },
    );
    const other = browser();
    const refused = await refusal(connectTeam(other, { serverUrl: baseUrl, token: team.manager, start: 'upload' }));
    expect(refused.key).toBe('team_error_serverHasClients');
    expect(await db.meta.get('team')).toBeUndefined();
    expect(await other.loadToken()).toBeUndefined();
    expect((await db.clients.toArray()).map((client) => client.name)).toEqual(['Other Roster']);
  });

  it("answers an unknown token with the server's own message, and connects nothing", async () => {
    const ports = browser();
    const refused = await refusal(
      connectTeam(ports, { serverUrl: baseUrl, token: 'adt_not-a-real-token', start: 'download' }),
    );
    expect(refused.key).toBe('sync_error_unauthorized');
    expect(await db.meta.get('team')).toBeUndefined();
  });
});
