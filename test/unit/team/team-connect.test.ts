// Connecting and disconnecting, through the engine with a fake server: two rosters are never
// merged, a connection that fails leaves nothing behind, and disconnecting keeps the roster.
import { beforeEach, describe, expect, it } from 'vitest';
import {
  checkTeam,
  connectTeam,
  disconnectFromTeam,
  syncTeam,
  type TeamSyncPorts,
} from '../../../lib/background/team-sync-engine';
import { db } from '../../../lib/db/database';
import { AppError } from '../../../lib/model/errors';
import type { ChangeResult } from '../../../lib/model/sync-outcome';
import type { PulledRow } from '../../../lib/model/sync-pull';
import type { PushBody } from '../../../lib/model/sync-schema';
import type { TeamRole } from '../../../lib/model/team';
import { createClient } from '../../../lib/ops/clients';
import { updateSettings } from '../../../lib/ops/settings';
import type { TeamServer } from '../../../lib/platform/team-server';
import { clientInput, refusal, resetDb, T0 } from '../ops/helpers';
import { row, SERVER_URL, serverClient, syncState } from './sync-fixture';

const A = 'ORG-7K2M9QXA';
const TOKEN = 'adt_test-token-123';

/** A server holding `rows` (its whole roster at `version`), answering each push with `answer`. */
function fakeServer(role: TeamRole, rows: PulledRow[], version: number) {
  const pushes: PushBody[] = [];
  const state = {
    /** While true, every pull fails as if the server could not be reached. */
    down: false,
    rows,
    version,
    answer: (body: PushBody): ChangeResult[] =>
      body.changes.map((change) => ({ id: change.id, status: 'accepted', version: ++state.version })),
  };
  const server: TeamServer = {
    me: async (_url, token) => {
      if (token !== TOKEN) throw new AppError('rule', 'sync_error_unauthorized');
      return { agency: { id: 'a1', name: 'Northwind Digital' }, member: { id: 'm1', name: 'Max', role }, version };
    },
    push: async (_url, _token, body) => {
      pushes.push(body);
      return state.answer(body);
    },
    pull: async (_url, _token, since) => {
      if (state.down) throw new AppError('unexpected', 'team_error_unreachable', { host: 'sync.example.com' });
      const fresh = state.rows.filter((r) => r.version > since);
      return { rows: fresh, next: state.version, more: false, version: state.version };
    },
  };
  return { server, pushes, state };
}

function ports(server: TeamServer): TeamSyncPorts & { token: () => string | undefined; alarm: () => boolean } {
  let token: string | undefined;
  let alarm = false;
  return {
    server,
    clock: () => T0,
    loadToken: async () => token,
    saveToken: async (value) => {
      token = value;
    },
    removeToken: async () => {
      token = undefined;
    },
    showNotification: async () => undefined,
    setSyncAlarm: async (on) => {
      alarm = on;
    },
    token: () => token,
    alarm: () => alarm,
  };
}

const TEAM_ROWS = [row(1, 'client', { orgId: A, data: serverClient(A, { name: 'Team Client', quota: 20 }) })];

beforeEach(async () => {
  await resetDb();
  await updateSettings({ poolSize: 100 }, { now: T0 });
});

describe('connecting', () => {
  it('checks whose token it is and what both rosters hold, storing nothing', async () => {
    await createClient(clientInput({ name: 'Local Client' }), { now: T0 });
    const { server } = fakeServer('manager', TEAM_ROWS, 1);
    const browser = ports(server);
    expect(await checkTeam(browser, { serverUrl: SERVER_URL, token: ` ${TOKEN} ` })).toEqual({
      agencyName: 'Northwind Digital',
      memberName: 'Max',
      role: 'manager',
      serverClients: 1,
      localClients: 1,
    });
    expect(await db.meta.get('team')).toBeUndefined();
    expect(browser.token()).toBeUndefined();
    expect((await refusal(checkTeam(browser, { serverUrl: SERVER_URL, token: 'has spaces in it' }))).key).toBe(
      'team_error_tokenInvalid',
    );
  });

  it("by download replaces this browser's roster with the team's, keeps the token and starts the alarm", async () => {
    await createClient(clientInput({ name: 'Local Client' }), { now: T0 });
    const { server } = fakeServer('manager', TEAM_ROWS, 1);
    const browser = ports(server);
    const answer = await connectTeam(browser, { serverUrl: `${SERVER_URL}/`, token: TOKEN, start: 'download' });
    expect(answer).toMatchObject({ serverClients: 1, localClients: 1 });
    expect((await db.clients.toArray()).map((client) => client.name)).toEqual(['Team Client']);
    expect(await db.outbox.count()).toBe(0);
    const team = await db.meta.get('team');
    expect(team?.key === 'team' && team.value).toMatchObject({
      serverUrl: SERVER_URL,
      member: { name: 'Max', role: 'manager' },
      deviceId: expect.stringMatching(/^d-[A-Za-z0-9_-]{8,}$/),
    });
    expect(await syncState()).toMatchObject({ pulledVersion: 1, syncedAt: T0 });
    expect(browser.token()).toBe(TOKEN);
    expect(browser.alarm()).toBe(true);
    // A second connection would merge another roster into this one.
    expect((await refusal(connectTeam(browser, { serverUrl: SERVER_URL, token: TOKEN, start: 'download' }))).key).toBe(
      'team_error_alreadyConnected',
    );
  });

  it("by upload sends this browser's roster as one import to an empty team, then takes the team's copy", async () => {
    const local = await createClient(clientInput({ name: 'Local Client', quota: 15 }), { now: T0 });
    const fake = fakeServer('owner', [], 1);
    fake.state.answer = (body) => {
      fake.state.version += 1;
      fake.state.rows = [row(fake.state.version, 'client', { orgId: local.orgId, data: local })];
      return body.changes.map((change) => ({ id: change.id, status: 'accepted', version: fake.state.version }));
    };
    const browser = ports(fake.server);
    await connectTeam(browser, { serverUrl: SERVER_URL, token: TOKEN, start: 'upload' });
    expect(fake.pushes).toHaveLength(1);
    expect(fake.pushes[0]?.changes.map((change) => change.name)).toEqual(['roster.import']);
    const args = fake.pushes[0]?.changes[0]?.args as {
      prepared: { kind: string; clients: unknown[] };
      choices: unknown;
    };
    expect(args.prepared.kind).toBe('backup');
    expect(args.prepared.clients).toHaveLength(1);
    expect(args.choices).toEqual({ existing: 'update', restoreSettings: true });
    expect((await db.clients.toArray()).map((client) => client.orgId)).toEqual([local.orgId]);
    expect(await db.outbox.count()).toBe(0);
  });

  it('refuses to upload onto a team that has clients by now, and connects nothing', async () => {
    await createClient(clientInput({ name: 'Local Client' }), { now: T0 });
    const { server, pushes } = fakeServer('owner', TEAM_ROWS, 1);
    const browser = ports(server);
    const error = await refusal(connectTeam(browser, { serverUrl: SERVER_URL, token: TOKEN, start: 'upload' }));
    expect([error.key, error.params]).toEqual(['team_error_serverHasClients', { count: 1 }]);
    expect(pushes).toEqual([]);
    expect(await db.meta.get('team')).toBeUndefined();
    expect(browser.token()).toBeUndefined();
    expect((await db.clients.toArray()).map((client) => client.name)).toEqual(['Local Client']);
  });

  it("refuses a viewer's upload, and undoes an upload the server refused, saying why", async () => {
    await createClient(clientInput({ name: 'Local Client' }), { now: T0 });
    const viewer = ports(fakeServer('viewer', [], 0).server);
    expect((await refusal(connectTeam(viewer, { serverUrl: SERVER_URL, token: TOKEN, start: 'upload' }))).key).toBe(
      'team_refused_viewer',
    );
    expect(await db.meta.get('team')).toBeUndefined();

    const fake = fakeServer('manager', [], 0);
    fake.state.answer = (body) =>
      body.changes.map((change) => ({
        id: change.id,
        status: 'refused',
        code: 'validation',
        key: 'import_refused',
        params: { count: 1 },
      }));
    const manager = ports(fake.server);
    expect((await refusal(connectTeam(manager, { serverUrl: SERVER_URL, token: TOKEN, start: 'upload' }))).key).toBe(
      'import_refused',
    );
    expect(await db.meta.get('team')).toBeUndefined();
    expect(await db.outbox.count()).toBe(0);
    expect(await db.refusedChanges.count()).toBe(0);
    expect(manager.token()).toBeUndefined();
    expect((await db.clients.toArray()).map((client) => client.name)).toEqual(['Local Client']);
  });

  it('refuses a token the server does not know, keeping nothing', async () => {
    const browser = ports(fakeServer('manager', TEAM_ROWS, 1).server);
    const error = await refusal(
      connectTeam(browser, { serverUrl: SERVER_URL, token: 'adt_unknown-1', start: 'download' }),
    );
    expect(error.key).toBe('sync_error_unauthorized');
    expect(browser.token()).toBeUndefined();
    expect(await db.meta.get('team')).toBeUndefined();
  });
});

describe('syncing', () => {
  it('reads the whole roster again when the server went below what this browser pulled (restored)', async () => {
    const fake = fakeServer('manager', TEAM_ROWS, 1);
    const browser = ports(fake.server);
    await connectTeam(browser, { serverUrl: SERVER_URL, token: TOKEN, start: 'download' });
    await db.meta.put({ key: 'sync', value: { pulledVersion: 40 } });
    expect(await syncTeam(browser)).toEqual({ synced: true, refused: 0 });
    expect(await syncState()).toMatchObject({ pulledVersion: 1, syncedAt: T0 });
    expect((await db.clients.toArray()).map((client) => client.name)).toEqual(['Team Client']);
  });

  it('records a failure with the first failure’s time, and clears it after a sync that went through', async () => {
    const fake = fakeServer('manager', TEAM_ROWS, 1);
    const browser = ports(fake.server);
    await connectTeam(browser, { serverUrl: SERVER_URL, token: TOKEN, start: 'download' });
    fake.state.down = true;
    let now = T0 + 1000;
    browser.clock = () => now;
    expect(await syncTeam(browser)).toEqual({ synced: false, refused: 0 });
    now += 30_000;
    await syncTeam(browser);
    expect(await syncState()).toMatchObject({ offlineSince: T0 + 1000, errorKey: 'team_error_unreachable' });
    fake.state.down = false;
    expect(await syncTeam(browser)).toEqual({ synced: true, refused: 0 });
    const state = await syncState();
    expect(state).toMatchObject({ syncedAt: now });
    expect(state?.offlineSince).toBeUndefined();
    expect(state?.errorKey).toBeUndefined();
  });
});

describe('disconnecting', () => {
  it('keeps the roster, drops the changes not sent and the token, and says how many of each', async () => {
    const browser = ports(fakeServer('manager', TEAM_ROWS, 1).server);
    await connectTeam(browser, { serverUrl: SERVER_URL, token: TOKEN, start: 'download' });
    await db.outbox.bulkAdd([
      { id: 'c-waiting-01', name: 'client.reallocate', args: { orgId: A, quota: 5 }, madeAt: T0 },
      { id: 'c-waiting-02', name: 'client.reallocate', args: { orgId: A, quota: 6 }, madeAt: T0 },
    ]);
    await db.activity.add({ at: T0, actor: { type: 'person' }, action: 'quota_changed', orgId: A, pending: 1 });
    expect(await disconnectFromTeam(browser)).toEqual({ keptClients: 1, droppedChanges: 2 });
    expect(await db.clients.count()).toBe(1);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.meta.get('team')).toBeUndefined();
    expect(await db.meta.get('sync')).toBeUndefined();
    expect(browser.token()).toBeUndefined();
    expect(browser.alarm()).toBe(false);
    // The line of the dropped change stays as this browser's own history.
    expect(await db.activity.where('pending').equals(1).count()).toBe(0);
    expect((await db.activity.toArray()).filter((line) => line.action === 'quota_changed')).toHaveLength(1);
  });
});
