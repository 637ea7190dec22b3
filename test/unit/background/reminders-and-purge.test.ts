import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../../lib/db/database';
import {
  addMember,
  createClient,
  createExperiment,
  getClient,
  getPoolSummary,
  deleteClient,
  listActivity,
  markInactive,
  poolLedger,
  reactivate,
  reallocateQuota,
  recordUsage,
  updateSettings,
} from '../../../lib/ops';
import { applyGracePeriodRules } from '../../../lib/ops/grace-period';
import { listReminderDeliveries, setReminderWebhook } from '../../../lib/ops/reminders';
import { clientInput, clientWithExperiments, refusal, resetDb } from '../ops/helpers';
import { createWorld } from './world';

const at = (iso: string) => Date.parse(iso);
const INACTIVE_AT = at('2026-01-10T09:00:00Z'); // purge date 2026-04-10 (UTC)

beforeEach(async () => {
  await resetDb();
  await updateSettings({ poolSize: 1000, timeZone: 'UTC', agencyName: 'Northwind Digital' }, { now: INACTIVE_AT });
});

async function inactiveClient(name = 'Acme Outdoor') {
  const client = await createClient(clientInput({ name, quota: 20 }), { now: INACTIVE_AT - 1000 });
  await recordUsage(client.orgId, 5, { now: INACTIVE_AT - 500 });
  await createExperiment(client.orgId, { name: 'Hero test' }, { now: INACTIVE_AT - 400 });
  await addMember(
    client.orgId,
    { name: 'Maya Fischer', email: 'maya@acme.example', role: 'user' },
    { now: INACTIVE_AT - 300 },
  );
  return markInactive(client.orgId, { now: INACTIVE_AT });
}

describe('reminders before a purge', () => {
  it('shows a notification with the client name, the purge date and two buttons', async () => {
    const client = await inactiveClient();
    expect(client.purgeOn).toBe('2026-04-10');
    const world = createWorld(at('2026-03-11T00:10:00Z'));
    const summary = await world.run();

    expect(summary).toMatchObject({ remindersDecided: 1, notificationsShown: 1 });
    expect(await world.notificationIds()).toEqual([`reminder:${client.orgId}:2026-04-10:30`]);
    expect(world.shown[0]?.content).toEqual({
      title: 'Acme Outdoor will be deleted on Apr 10, 2026.',
      message:
        'On Apr 10, 2026, all data of Acme Outdoor will be deleted for good. Reactivate the client before then to keep it.',
      buttons: ['Open client overview', 'Open dashboard'],
    });
    const [entry] = await listActivity({ orgId: client.orgId, limit: 1 });
    expect(entry).toMatchObject({
      action: 'reminder_sent',
      actor: { type: 'rule', rule: 'reminder' },
      details: { purgeOn: '2026-04-10', daysBefore: 30 },
    });
  });

  it('speaks the agency’s language', async () => {
    await updateSettings({ language: 'ja' }, { now: INACTIVE_AT });
    await inactiveClient('さくら旅行');
    const world = createWorld(at('2026-03-11T00:10:00Z'));
    await world.run();
    expect(world.shown[0]?.content.title).toBe('さくら旅行は2026/04/10に削除されます。');
    expect(world.shown[0]?.content.buttons).toEqual(['クライアントの概要を開く', 'ダッシュボードを開く']);
  });

  it('follows the agency’s schedule', async () => {
    await updateSettings({ reminderDays: [14, 3] }, { now: INACTIVE_AT });
    const client = await inactiveClient();
    const world = createWorld(at('2026-03-11T00:10:00Z'));
    expect((await world.run()).remindersDecided).toBe(0);
    await world.run(at('2026-03-27T00:10:00Z'));
    await world.run(at('2026-04-07T00:10:00Z'));
    expect(world.shown.map((s) => s.id)).toEqual([
      `reminder:${client.orgId}:2026-04-10:14`,
      `reminder:${client.orgId}:2026-04-10:3`,
    ]);
  });

  it('drops a reminder decided for a client reactivated before it was shown', async () => {
    const client = await inactiveClient();
    await applyGracePeriodRules([client.orgId], at('2026-03-11T00:10:00Z'));
    await reactivate(client.orgId, 20, { now: at('2026-03-11T00:11:00Z') });
    const world = createWorld(at('2026-03-11T00:12:00Z'));
    await world.run();
    expect(world.shown).toEqual([]);
    expect(await listReminderDeliveries()).toMatchObject([
      { orgId: client.orgId, daysBefore: 30, status: 'cancelled' },
    ]);
  });
});

describe('reminders of a client that is deleted', () => {
  it('go with the client and its other records', async () => {
    const client = await inactiveClient();
    const other = await inactiveClient('Other Org');
    const world = createWorld(at('2026-03-11T00:10:00Z'));
    await world.run();
    expect(await listReminderDeliveries()).toHaveLength(2);
    await deleteClient(client.orgId, { now: world.now + 1 });
    expect(await db.reminders.where('orgId').equals(client.orgId).count()).toBe(0);
    expect(await listReminderDeliveries()).toMatchObject([{ orgId: other.orgId }]);
  });
});

describe('purge', () => {
  it('deletes the client and its org data 24 hours after the last reminder, keeping a record without names', async () => {
    const client = await inactiveClient();
    const world = createWorld(at('2026-03-11T00:10:00Z'));
    await world.run();
    await world.run(at('2026-04-03T00:10:00Z'));
    await world.run(at('2026-04-09T06:00:00Z')); // the 1-day reminder goes out at 06:00
    expect(world.shown).toHaveLength(3);

    // The purge date has come, but not 24 hours since the last reminder.
    expect((await world.run(at('2026-04-10T00:10:00Z'))).clientsPurged).toBe(0);
    expect((await world.run(at('2026-04-10T05:59:00Z'))).clientsPurged).toBe(0);
    expect(await getClient(client.orgId)).toBeDefined();

    expect((await world.run(at('2026-04-10T06:00:00Z'))).clientsPurged).toBe(1);
    expect(await getClient(client.orgId)).toBeUndefined();
    for (const table of [db.clients, db.experiments, db.members, db.reports, db.reminders])
      expect(await table.where('orgId').equals(client.orgId).count(), table.name).toBe(0);
    expect(await listReminderDeliveries({ orgId: client.orgId })).toEqual([]);
    expect(await getPoolSummary()).toMatchObject({ allocated: 0 });
    const [purged] = await listActivity({ orgId: client.orgId, limit: 1 });
    expect(purged).toMatchObject({ action: 'client_purged', actor: { type: 'rule', rule: 'purge' }, quotaDelta: 0 });
    const log = JSON.stringify([await listActivity({ orgId: client.orgId }), await listReminderDeliveries()]);
    for (const personal of ['Acme', 'Maya', 'maya@acme.example', 'ada']) expect(log).not.toContain(personal);
    // The Org ID is never issued again.
    expect(await db.orgIds.get(client.orgId)).toBeDefined();
  });

  it('purges on the purge date when the agency wants no reminders', async () => {
    await updateSettings({ reminderDays: [] }, { now: INACTIVE_AT });
    const client = await inactiveClient();
    const world = createWorld(at('2026-04-09T23:00:00Z'));
    expect((await world.run()).clientsPurged).toBe(0);
    expect((await world.run(at('2026-04-10T00:00:00Z'))).clientsPurged).toBe(1);
    expect(world.shown).toEqual([]);
    expect(await getClient(client.orgId)).toBeUndefined();
  });
});

describe('purge on the purge date, with no reminders asked for', () => {
  beforeEach(async () => {
    await updateSettings({ reminderDays: [] }, { now: INACTIVE_AT });
  });

  /** Every stored record that belongs to the org, in any org-scoped table. */
  async function orgRecords(orgId: string): Promise<unknown[]> {
    const tables = [db.clients, db.experiments, db.members, db.reports, db.reminders];
    return (await Promise.all(tables.map((table) => table.where('orgId').equals(orgId).toArray()))).flat();
  }

  it('deletes only inactive clients whose purge date has come, with their org data', async () => {
    const created = INACTIVE_AT - 1000;
    const dueFirst = await clientWithExperiments(20, created);
    const dueLater = await clientWithExperiments(20, created);
    const active = await clientWithExperiments(20, created);
    const paused = await clientWithExperiments(10, created);
    await addMember(dueFirst.orgId, { name: 'M', email: 'm@example.com', role: 'user' }, { now: created });
    await recordUsage(dueFirst.orgId, 3, { now: created });
    await recordUsage(paused.orgId, 10, { now: created });
    await markInactive(dueFirst.orgId, { now: INACTIVE_AT }); // purge on 2026-04-10
    await markInactive(dueLater.orgId, { now: at('2026-01-25T10:00:00Z') }); // purge on 2026-04-25

    const world = createWorld(at('2026-04-09T23:59:00Z'));
    expect((await world.run()).clientsPurged).toBe(0);
    expect(await db.clients.count()).toBe(4);
    const keep = [dueLater, active, paused];
    const kept = await Promise.all(keep.map((c) => orgRecords(c.orgId)));

    expect((await world.run(at('2026-04-10T00:00:00Z'))).clientsPurged).toBe(1);
    expect(await orgRecords(dueFirst.orgId)).toEqual([]);
    expect(await Promise.all(keep.map((c) => orgRecords(c.orgId)))).toEqual(kept);
    // The new billing periods gave the inactive clients' licenses back before the purge.
    expect(await getPoolSummary()).toMatchObject({ allocated: 30 });
    expect(await db.orgIds.get(dueFirst.orgId)).toBeDefined();
    const [purged] = await listActivity({ orgId: dueFirst.orgId, limit: 1 });
    expect(purged).toMatchObject({ action: 'client_purged', actor: { type: 'rule', rule: 'purge' }, quotaDelta: 0 });

    expect((await world.run(at('2026-04-25T00:00:00Z'))).clientsPurged).toBe(1);
    expect((await db.clients.toArray()).map((c) => c.orgId).sort()).toEqual([active.orgId, paused.orgId].sort());
    expect((await poolLedger()).allocated).toBe(30);
  });

  it('purges several clients due together and counts dates in the agency time zone', async () => {
    await updateSettings({ timeZone: 'Asia/Tokyo' }, { now: INACTIVE_AT });
    const a = await createClient(clientInput(), { now: INACTIVE_AT });
    const b = await createClient(clientInput(), { now: INACTIVE_AT });
    const c = await createClient(clientInput(), { now: INACTIVE_AT });
    await markInactive(a.orgId, { now: at('2026-01-10T20:00:00Z') }); // 11 Jan in Tokyo: purge on 2026-04-11
    await markInactive(b.orgId, { now: at('2026-01-09T20:00:00Z') }); // 10 Jan in Tokyo: purge on 2026-04-10
    await markInactive(c.orgId, { now: at('2026-01-09T21:00:00Z') }); // 10 Jan in Tokyo: purge on 2026-04-10
    const world = createWorld(at('2026-04-09T14:59:00Z')); // still 9 April in Tokyo
    expect((await world.run()).clientsPurged).toBe(0);
    expect((await world.run(at('2026-04-09T15:00:00Z'))).clientsPurged).toBe(2); // 10 April in Tokyo
    expect((await db.clients.toArray()).map((client) => client.orgId)).toEqual([a.orgId]);
    expect((await world.run(at('2026-04-10T15:00:00Z'))).clientsPurged).toBe(1);
    expect(await db.clients.count()).toBe(0);
  });

  it('is the only purge there is: no operation purges outside the background’s rules', async () => {
    const exported = [await import('../../../lib/ops'), await import('../../../lib/ops/lifecycle')].flatMap((module) =>
      Object.keys(module),
    );
    expect(exported.filter((name) => /purge/i.test(name))).toEqual([]);
  });
});

describe('badge', () => {
  it('counts paused clients and clients to be purged within seven days', async () => {
    const inactive = await inactiveClient();
    const paused = await createClient(clientInput({ quota: 3 }), { now: at('2026-04-02T10:00:00Z') });
    await recordUsage(paused.orgId, 3, { now: at('2026-04-02T10:00:00Z') });
    const world = createWorld(at('2026-04-02T12:00:00Z'));
    await world.run();
    expect(await world.badge()).toBe('1');
    // 3 April: the purge on 10 April is seven days away.
    await world.run(at('2026-04-02T23:59:00Z'));
    expect(await world.badge()).toBe('1');
    await world.run(at('2026-04-03T00:00:00Z'));
    expect(await world.badge()).toBe('2');
    await reactivate(inactive.orgId, 20, { now: at('2026-04-03T01:00:00Z') });
    await world.run(at('2026-04-03T02:00:00Z'));
    expect(await world.badge()).toBe('1');
    await reallocateQuota(paused.orgId, 10, { now: at('2026-04-03T03:00:00Z') });
    await world.run(at('2026-04-03T04:00:00Z'));
    expect(await world.badge()).toBe('');
  });
});

describe('reminder webhook setting', () => {
  it('accepts https, and http on 127.0.0.1, and refuses anything else naming the field', async () => {
    expect((await setReminderWebhook(' https://hooks.example.com/a ', { now: INACTIVE_AT })).reminderWebhookUrl).toBe(
      'https://hooks.example.com/a',
    );
    expect((await setReminderWebhook('http://127.0.0.1:8080/relay', { now: INACTIVE_AT })).reminderWebhookUrl).toBe(
      'http://127.0.0.1:8080/relay',
    );
    const error = await refusal(setReminderWebhook('http://hooks.example.com/a', { now: INACTIVE_AT }));
    expect(error.problems).toEqual([
      {
        field: 'reminderWebhookUrl',
        labelKey: 'field_settings_reminderWebhookUrl',
        key: 'error_webhookNotHttps',
        params: {},
      },
    ]);
    expect((await setReminderWebhook(undefined, { now: INACTIVE_AT })).reminderWebhookUrl).toBeUndefined();
    const [changed] = await listActivity({ limit: 1 });
    expect(changed).toMatchObject({ action: 'settings_changed', details: { fields: 'reminderWebhookUrl' } });
  });

  it('posts each reminder as JSON and logs the delivery', async () => {
    await setReminderWebhook('https://hooks.example.com/agency', { now: INACTIVE_AT });
    const client = await inactiveClient();
    const world = createWorld(at('2026-03-11T00:10:00Z'));
    const summary = await world.run();
    expect(summary.webhookTries).toBe(1);
    expect(world.posts).toEqual([
      {
        url: 'https://hooks.example.com/agency',
        body: {
          event: 'purge_reminder',
          id: `reminder:${client.orgId}:2026-04-10:30`,
          orgId: client.orgId,
          clientName: 'Acme Outdoor',
          purgeOn: '2026-04-10',
          daysBefore: 30,
          final: false,
          agencyName: 'Northwind Digital',
          text: 'On Apr 10, 2026, all data of Acme Outdoor will be deleted for good. Reactivate the client before then to keep it.',
          sentAt: '2026-03-11T00:10:00.000Z',
        },
      },
    ]);
    expect(await listReminderDeliveries()).toEqual([
      {
        orgId: client.orgId,
        purgeOn: '2026-04-10',
        daysBefore: 30,
        status: 'sent',
        decidedAt: world.now,
        sentAt: world.now,
        notification: 'shown',
        webhook: { status: 'delivered', attempts: [{ at: world.now, result: 'http_200' }] },
      },
    ]);
    expect(await listReminderDeliveries({ orgId: client.orgId.toLowerCase() })).toHaveLength(1);
  });
});
