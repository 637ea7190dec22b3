// Pulled pages and resyncs write the server's truth into this browser's copy: every entity,
// tombstones included, with the local ids, derived fields and pool count kept consistent.
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../../lib/db/database';
import type { ActivityEntry } from '../../../lib/model/activity';
import { applyPulledPage, replaceWithTeamRoster } from '../../../lib/ops/team-pull';
import { DAY, resetDb, T0 } from '../ops/helpers';
import { allocated, connectHere, DEVICE, page, row, serverClient, syncState } from './sync-fixture';

const A = 'ORG-7K2M9QXA';
const B = 'ORG-8M3N4P5Q';

const SETTINGS = {
  agencyName: 'Northwind Digital',
  poolSize: 100,
  reminderDays: [30, 7, 1],
  billingDay: 1,
  timeZone: 'UTC',
  language: 'en',
  usageWarningLevels: [80, 90],
};

function line(action: ActivityEntry['action'], orgId: string, at = T0): Omit<ActivityEntry, 'id'> {
  return { at, actor: { type: 'person' }, action, orgId };
}

/** Everything of one client, as a first pull brings it. */
function firstPage() {
  return page(
    [
      row(1, 'settings', { data: SETTINGS }),
      row(2, 'client', { orgId: A, data: serverClient(A, { quota: 30, usedVisitors: 12, name: 'Acme Outdoor' }) }),
      row(2, 'activity', { orgId: A, key: '1', data: line('client_created', A) }),
      row(3, 'experiment', {
        orgId: A,
        key: 'x-hero-test-1',
        data: { orgId: A, name: 'Hero', status: 'running', key: 'x-hero-test-1', createdAt: T0, updatedAt: T0 },
      }),
      row(3, 'orgMember', {
        orgId: A,
        key: 'm-member-bo-1',
        data: { orgId: A, name: 'Bo', email: 'bo@example.com', role: 'admin', key: 'm-member-bo-1', createdAt: T0 },
      }),
      row(4, 'usageReport', {
        orgId: A,
        key: '2025-12-01',
        data: { orgId: A, period: '2025-12-01', visitors: 40, updatedAt: T0 },
      }),
      ...[0, 1, 2].map((day) =>
        row(4, 'usageSample', {
          orgId: A,
          key: `2026-01-1${day}`,
          data: { orgId: A, day: `2026-01-1${day}`, period: '2026-01-01', used: 4 * day + 4 },
        }),
      ),
      row(5, 'reminder', {
        orgId: A,
        key: '2026-02-01/7',
        data: { orgId: A, purgeOn: '2026-02-01', daysBefore: 7, status: 'sent', decidedAt: T0, sentAt: T0 },
      }),
    ],
    5,
  );
}

beforeEach(async () => {
  await resetDb();
});

describe('a pulled page', () => {
  it('writes every entity as the server sent it, with the derived fields and the pool count', async () => {
    await connectHere();
    expect(await applyPulledPage(firstPage(), 0, DEVICE, T0)).toBe('applied');

    const client = await db.clients.get(A);
    expect(client).toMatchObject({ name: 'Acme Outdoor', quota: 30, usedVisitors: 12, usagePercent: 40, atQuota: 0 });
    expect(client?.nameKey).toBeTruthy();
    // The forecast line is fitted through the pulled samples, as a restored backup's is.
    expect(client?.usageTrend).toBeDefined();
    expect(await allocated()).toBe(30);
    expect(await db.experiments.toArray()).toEqual([
      expect.objectContaining({ key: 'x-hero-test-1', status: 'running' }),
    ]);
    expect(await db.members.toArray()).toEqual([expect.objectContaining({ key: 'm-member-bo-1', name: 'Bo' })]);
    expect(await db.reports.get([A, '2025-12-01'])).toMatchObject({ visitors: 40 });
    expect(await db.usageSamples.where('orgId').equals(A).count()).toBe(3);
    expect(await db.reminders.get([A, '2026-02-01', 7])).toMatchObject({ status: 'sent' });
    expect(await db.activity.get(1)).toMatchObject({ action: 'client_created', orgId: A });
    const settings = await db.meta.get('settings');
    expect(settings?.key === 'settings' && settings.value).toMatchObject({
      agencyName: 'Northwind Digital',
      poolSize: 100,
    });
    expect(await syncState()).toEqual({ pulledVersion: 5 });
  });

  it('updates records in place (experiments and members keep their local id) and removes what the server deleted', async () => {
    await connectHere();
    await applyPulledPage(firstPage(), 0, DEVICE, T0);
    const experimentId = (await db.experiments.toArray())[0]?.id;

    const second = page(
      [
        row(6, 'client', { orgId: A, data: serverClient(A, { quota: 45, name: 'Acme Outdoor' }) }),
        row(6, 'experiment', {
          orgId: A,
          key: 'x-hero-test-1',
          data: {
            orgId: A,
            name: 'Hero',
            status: 'paused',
            pausedBy: 'person',
            key: 'x-hero-test-1',
            createdAt: T0,
            updatedAt: T0 + DAY,
          },
        }),
        row(7, 'orgMember', { orgId: A, key: 'm-member-bo-1', deleted: true }),
        row(7, 'usageReport', { orgId: A, key: '2025-12-01', deleted: true }),
        row(7, 'usageSample', { orgId: A, key: '2026-01-10', deleted: true }),
        row(8, 'client', { orgId: B, data: serverClient(B, { quota: 5 }) }),
      ],
      8,
    );
    expect(await applyPulledPage(second, 5, DEVICE, T0)).toBe('applied');
    expect(await db.experiments.toArray()).toEqual([
      expect.objectContaining({ id: experimentId, status: 'paused', pausedBy: 'person' }),
    ]);
    expect(await db.members.count()).toBe(0);
    expect(await db.reports.count()).toBe(0);
    expect(await db.usageSamples.where('orgId').equals(A).count()).toBe(2);
    expect(await allocated()).toBe(50);

    // A tombstone: the client goes with its org's records; its Org ID stays retired; its history stays.
    expect(await applyPulledPage(page([row(9, 'client', { orgId: A, deleted: true })], 9), 8, DEVICE, T0)).toBe(
      'applied',
    );
    expect(await db.clients.get(A)).toBeUndefined();
    expect(await db.experiments.count()).toBe(0);
    expect(await db.usageSamples.count()).toBe(0);
    expect(await db.reminders.count()).toBe(0);
    expect(await db.orgIds.get(A)).toBeDefined();
    expect(await db.activity.get(1)).toBeDefined();
    expect(await allocated()).toBe(5);
  });

  it("keeps this browser's usage source, which the team never shares", async () => {
    await connectHere();
    const usageSource = { url: 'https://usage.example.com/feed.json', intervalMinutes: 60, acceptCorrections: false };
    await db.meta.put({ key: 'settings', value: { ...SETTINGS, language: 'en', usageSource } });
    await applyPulledPage(page([row(1, 'settings', { data: { ...SETTINGS, poolSize: 200 } })], 1), 0, DEVICE, T0);
    const settings = await db.meta.get('settings');
    expect(settings?.key === 'settings' && settings.value).toMatchObject({ poolSize: 200, usageSource });
  });

  it("drops this browser's pending history lines once no change waits, and keeps them while one does", async () => {
    await connectHere();
    await db.activity.add({ ...line('quota_changed', A), pending: 1 });
    await db.outbox.add({ id: 'c-waiting-01', name: 'client.reallocate', args: { orgId: A, quota: 5 }, madeAt: T0 });
    await applyPulledPage(page([], 1), 0, DEVICE, T0);
    expect(await db.activity.where('pending').equals(1).count()).toBe(1);
    await db.outbox.clear();
    await applyPulledPage(page([], 2), 1, DEVICE, T0);
    expect(await db.activity.where('pending').equals(1).count()).toBe(0);
  });

  it('writes nothing when this browser pulled further meanwhile, or is no longer connected as that device', async () => {
    await connectHere('manager', 5);
    expect(await applyPulledPage(firstPage(), 0, DEVICE, T0)).toBe('stale');
    expect(await applyPulledPage(firstPage(), 5, 'd-another-device', T0)).toBe('stale');
    expect(await db.clients.count()).toBe(0);
    expect(await syncState()).toEqual({ pulledVersion: 5 });
  });

  it('writes nothing of a page with a record that is not the extension’s', async () => {
    await connectHere();
    const broken = page(
      [
        row(1, 'client', { orgId: A, data: serverClient(A) }),
        row(2, 'client', { orgId: B, data: { ...serverClient(B), quota: -4 } }),
      ],
      2,
    );
    await expect(applyPulledPage(broken, 0, DEVICE, T0)).rejects.toMatchObject({
      key: 'team_error_badAnswer',
      params: { host: 'sync.example.com' },
    });
    expect(await db.clients.count()).toBe(0);
    expect(await syncState()).toEqual({ pulledVersion: 0 });
  });
});

describe('a resync', () => {
  it("replaces this browser's copy with the whole roster, keeping the changes still waiting", async () => {
    await connectHere();
    await applyPulledPage(firstPage(), 0, DEVICE, T0);
    await db.meta.put({ key: 'sync', value: { pulledVersion: 5, resyncNeeded: true } });
    // A refused client's local effect, and a later change still waiting with its pending line.
    await db.clients.put({ ...(await db.clients.get(A))!, orgId: B, name: 'Refused here' });
    await db.activity.add({ ...line('quota_changed', A), pending: 1 });
    await db.outbox.add({ id: 'c-waiting-01', name: 'client.reallocate', args: { orgId: A, quota: 5 }, madeAt: T0 });

    const rows = firstPage().rows.filter((r) => r.entity !== 'experiment');
    expect(await replaceWithTeamRoster(rows, 9, DEVICE, T0)).toBe(true);
    expect((await db.clients.toArray()).map((client) => client.orgId)).toEqual([A]);
    expect(await db.experiments.count()).toBe(0);
    expect(await allocated()).toBe(30);
    expect(await db.outbox.count()).toBe(1);
    expect(await db.activity.where('pending').equals(1).count()).toBe(1);
    expect(await syncState()).toEqual({ pulledVersion: 9 });
  });
});

describe("the server's history lines", () => {
  beforeEach(async () => {
    await resetDb();
    await connectHere();
  });

  it("never take the place of this browser's own lines, whatever id the server gave them", async () => {
    // A usage warning stays this browser's own line; the server numbers its lines in a sequence of its own.
    const local = await db.activity.add(line('usage_warning_sent', A));
    const pulled = page([row(3, 'activity', { orgId: A, key: String(local), data: line('client_created', A) })], 3);
    expect(await applyPulledPage(pulled, 0, DEVICE, T0)).toBe('applied');
    const actions = (await db.activity.toArray()).map((entry) => entry.action).sort();
    expect(actions).toEqual(['client_created', 'usage_warning_sent']);
  });
});

describe('a pulled client', () => {
  beforeEach(async () => {
    await resetDb();
    await connectHere();
  });

  it("keeps when this browser last opened its workspace, which the server never has (the switcher's order)", async () => {
    const first = page([row(2, 'client', { orgId: A, data: serverClient(A, { quota: 10 }) })], 2);
    expect(await applyPulledPage(first, 0, DEVICE, T0)).toBe('applied');
    await db.clients.update(A, { lastOpenedAt: T0 + DAY });
    const edited = page([row(3, 'client', { orgId: A, data: serverClient(A, { quota: 12, name: 'Acme' }) })], 3);
    expect(await applyPulledPage(edited, 2, DEVICE, T0)).toBe('applied');
    expect(await db.clients.get(A)).toMatchObject({ quota: 12, name: 'Acme', lastOpenedAt: T0 + DAY });
  });
});
