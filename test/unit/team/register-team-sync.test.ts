// The worker's team sync wiring: its alarm while connected, a sync soon after a change, and the
// reminders the team's server sent, each shown once in this browser.
import { beforeEach, describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { registerTeamSync, TEAM_SYNC_ALARM } from '../../../lib/background/register-team-sync';
import type { TeamSyncPorts } from '../../../lib/background/team-sync-engine';
import { db } from '../../../lib/db/database';
import type { PushBody } from '../../../lib/model/sync-schema';
import { ensurePeriodicAlarm } from '../../../lib/platform/alarms';
import type { TeamServer } from '../../../lib/platform/team-server';
import { createWorld } from '../background/world';
import { resetDb, T0 } from '../ops/helpers';
import { waitFor } from '../wait-for';
import { connectHere, page, row, serverClient } from './sync-fixture';

const A = 'ORG-7K2M9QXA';

function teamPorts(server: TeamServer, shown: string[]): TeamSyncPorts {
  return {
    server,
    clock: () => T0,
    loadToken: async () => 'adt_test-token-123',
    saveToken: async () => undefined,
    removeToken: async () => undefined,
    showNotification: async (id, content) => {
      shown.push(`${id}: ${content.title}`);
    },
    setSyncAlarm: async (on) => {
      if (on) await ensurePeriodicAlarm(TEAM_SYNC_ALARM, 0.5);
      else await browser.alarms.clear(TEAM_SYNC_ALARM);
    },
  };
}

/** A server whose roster is one inactive client with a reminder the server sent. */
function server() {
  const pulls: number[] = [];
  const pushes: PushBody[] = [];
  const fake: TeamServer = {
    me: () => Promise.reject(new Error('not asked here')),
    push: async (_url, _token, body) => {
      pushes.push(body);
      return body.changes.map((change) => ({ id: change.id, status: 'accepted' as const, version: 3 }));
    },
    pull: async (_url, _token, since) => {
      pulls.push(since);
      if (since >= 2) return page([], since);
      return page(
        [
          row(1, 'client', {
            orgId: A,
            data: serverClient(A, {
              name: 'Acme Outdoor',
              status: 'inactive',
              inactiveSince: T0,
              purgeOn: '2026-02-14',
            }),
          }),
          row(2, 'reminder', {
            orgId: A,
            key: '2026-02-14/30',
            data: { orgId: A, purgeOn: '2026-02-14', daysBefore: 30, status: 'sent', decidedAt: T0, sentAt: T0 },
          }),
        ],
        2,
      );
    },
  };
  return { fake, pulls, pushes };
}

beforeEach(async () => {
  await resetDb();
});

describe('the team sync wiring', () => {
  it('keeps no alarm when this browser is not connected', async () => {
    await ensurePeriodicAlarm(TEAM_SYNC_ALARM, 0.5);
    const { fake, pulls } = server();
    registerTeamSync(createWorld(T0).ports, teamPorts(fake, []));
    await waitFor(async () => (await browser.alarms.get(TEAM_SYNC_ALARM)) === undefined, 'the alarm cleared');
    expect(pulls).toEqual([]);
  });

  it('sets its alarm and syncs at worker start, shows a pulled reminder once, and syncs on the alarm', async () => {
    await connectHere();
    const { fake, pulls } = server();
    const shown: string[] = [];
    registerTeamSync(createWorld(T0).ports, teamPorts(fake, shown));
    await waitFor(() => shown.length === 1, 'the reminder shown');
    expect(await browser.alarms.get(TEAM_SYNC_ALARM)).toMatchObject({ periodInMinutes: 0.5 });
    expect(shown).toEqual([
      `reminder:${A}:2026-02-14:30: Client ${A}`.replace(
        `Client ${A}`,
        'Acme Outdoor will be deleted on Feb 14, 2026.',
      ),
    ]);

    await fakeBrowser.alarms.onAlarm.trigger({ name: TEAM_SYNC_ALARM, scheduledTime: T0, periodInMinutes: 0.5 });
    await waitFor(() => pulls.length === 2, 'a second sync');
    expect(pulls).toEqual([0, 2]);
    expect(shown).toHaveLength(1);
  });

  it('does not sync again at worker start right after a sync (the alarm that woke it will)', async () => {
    await connectHere('manager', 2);
    await db.meta.put({ key: 'sync', value: { pulledVersion: 2, syncedAt: T0 - 10_000 } });
    const { fake, pulls } = server();
    registerTeamSync(createWorld(T0).ports, teamPorts(fake, []));
    await waitFor(async () => (await browser.alarms.get(TEAM_SYNC_ALARM)) !== undefined, 'the alarm');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(pulls).toEqual([]);
  });

  it('pushes soon after a change, when one waits', async () => {
    await connectHere('manager', 2);
    const { fake, pushes, pulls } = server();
    const sync = registerTeamSync(createWorld(T0).ports, teamPorts(fake, []));
    await waitFor(() => pulls.length === 1, 'the start-up sync');
    sync.afterChange();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(pulls).toHaveLength(1);

    await db.outbox.add({ id: 'c-waiting-01', name: 'client.reallocate', args: { orgId: A, quota: 5 }, madeAt: T0 });
    sync.afterChange();
    await waitFor(() => pushes.length === 1, 'the push');
    expect(pushes[0]?.changes.map((change) => change.id)).toEqual(['c-waiting-01']);
    expect(await sync.handlers['team/sync'](undefined, { url: undefined })).toEqual({ synced: true });
  });
});
