import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../../lib/db/database';
import type { UsageAlertKey } from '../../../lib/model/usage-records';
import {
  createClient,
  deleteClient,
  listActivity,
  listUsageAlertDeliveries,
  markInactive,
  reallocateQuota,
  setVisitorsUsed,
  updateSettings,
} from '../../../lib/ops';
import {
  dueUsageAlertWebhookKeys,
  markUsageAlertSent,
  markUsageAlertsSent,
  nextUsageAlertWebhookAt,
  pendingUsageAlertKeys,
  recordUsageAlertWebhookAttempt,
  scanRunOutWarnings,
  usageAlertDeliveries,
  usageAlertDelivery,
} from '../../../lib/ops/usage-alerts';
import { applyUsageFeed } from '../../../lib/ops/usage-feed';
import { WEBHOOK_MAX_ATTEMPTS } from '../../../lib/rules/webhook';
import { clientInput, DAY, resetDb, T0 } from './helpers';

// T0 is 2026-01-15 12:00 UTC: with billing day 1, the period of 2026-01-01.
const JAN = '2026-01-01';
const FEB = '2026-02-01';
const IN_FEB = Date.UTC(2026, 1, 3, 12);
const MINUTE = 60_000;
const HOOK = 'https://hooks.example.com/usage';

beforeEach(async () => {
  await resetDb();
  await updateSettings(
    { poolSize: 100_000, timeZone: 'UTC', billingDay: 1, usageWarningLevels: [80, 90] },
    { now: T0 },
  );
});

/** Each warning of one org as [period, kind, status]. */
async function alerts(orgId: string): Promise<[string, string, string][]> {
  const rows = await db.usageAlerts.where('orgId').equals(orgId).toArray();
  return rows.map((alert) => [alert.period, alert.kind, alert.status]);
}

async function newClient(quota = 100) {
  return createClient(clientInput({ quota }), { now: T0 });
}

describe('usage warnings decided by the usage operations', () => {
  it('crossing 80% and then 90% in two changes gives two pending warnings', async () => {
    const client = await newClient();
    await setVisitorsUsed(client.orgId, 79, { now: T0 });
    expect(await alerts(client.orgId)).toEqual([]);
    await setVisitorsUsed(client.orgId, 80, { now: T0 + 1 });
    expect(await alerts(client.orgId)).toEqual([[JAN, 'level-80', 'pending']]);
    await setVisitorsUsed(client.orgId, 90, { now: T0 + 2 });
    expect(await alerts(client.orgId)).toEqual([
      [JAN, 'level-80', 'pending'],
      [JAN, 'level-90', 'pending'],
    ]);
    expect(await pendingUsageAlertKeys()).toEqual([
      [client.orgId, JAN, 'level-80'],
      [client.orgId, JAN, 'level-90'],
    ]);
    expect(await db.usageAlerts.get([client.orgId, JAN, 'level-90'])).toMatchObject({
      level: 90,
      used: 90,
      quota: 100,
      decidedAt: T0 + 2,
    });
  });

  it('one jump from 70% to 95% gives one pending warning (90) and skips 80', async () => {
    const client = await newClient();
    await setVisitorsUsed(client.orgId, 70, { now: T0 });
    await setVisitorsUsed(client.orgId, 95, { now: T0 + 1 });
    expect(await alerts(client.orgId)).toEqual([
      [JAN, 'level-80', 'skipped'],
      [JAN, 'level-90', 'pending'],
    ]);
    expect(await pendingUsageAlertKeys()).toEqual([[client.orgId, JAN, 'level-90']]);
    // The delivery log lists what goes out, not what was skipped.
    expect((await listUsageAlertDeliveries()).map((alert) => alert.kind)).toEqual(['level-90']);
  });

  it('reaching the quota in one jump skips every level: the pause says it', async () => {
    const client = await newClient();
    await setVisitorsUsed(client.orgId, 100, { now: T0 });
    expect(await alerts(client.orgId)).toEqual([
      [JAN, 'level-80', 'skipped'],
      [JAN, 'level-90', 'skipped'],
    ]);
    expect(await pendingUsageAlertKeys()).toEqual([]);
  });

  it('never decides the same level twice in a period, even after usage went down and up again', async () => {
    const client = await newClient();
    await setVisitorsUsed(client.orgId, 85, { now: T0 });
    await markUsageAlertSent([client.orgId, JAN, 'level-80'], 'shown', T0 + 1);
    await setVisitorsUsed(client.orgId, 50, { now: T0 + 2, reason: 'Bots' });
    await setVisitorsUsed(client.orgId, 85, { now: T0 + 3 });
    expect(await alerts(client.orgId)).toEqual([[JAN, 'level-80', 'sent']]);
    expect(await db.usageAlerts.get([client.orgId, JAN, 'level-80'])).toMatchObject({ decidedAt: T0, used: 85 });
  });

  it('a new billing period allows each level again', async () => {
    const client = await newClient();
    await setVisitorsUsed(client.orgId, 85, { now: T0 });
    await setVisitorsUsed(client.orgId, 85, { now: IN_FEB });
    expect(await alerts(client.orgId)).toEqual([
      [JAN, 'level-80', 'pending'],
      [FEB, 'level-80', 'pending'],
    ]);
  });

  it('warns of a run-out within a week once per period', async () => {
    const client = await newClient(1000);
    // +100 a day from 15 January: 700 left on the 17th at 100 a day runs out on the 24th, 7 days on.
    for (let day = 0; day < 3; day += 1) await setVisitorsUsed(client.orgId, 100 * (day + 1), { now: T0 + day * DAY });
    expect(await db.usageAlerts.get([client.orgId, JAN, 'run-out'])).toMatchObject({
      status: 'pending',
      runsOutOn: '2026-01-24',
      used: 300,
      quota: 1000,
    });
    // Faster still on the next day: the warning was given, it is not given again.
    await setVisitorsUsed(client.orgId, 600, { now: T0 + 3 * DAY });
    expect((await alerts(client.orgId)).filter(([, kind]) => kind === 'run-out')).toEqual([
      [JAN, 'run-out', 'pending'],
    ]);
    expect((await db.usageAlerts.get([client.orgId, JAN, 'run-out']))?.runsOutOn).toBe('2026-01-24');
  });

  it('does not warn of a run-out 8 days away, or one after the period ends', async () => {
    const slow = await newClient(1100);
    // 100, 200, 300 on 15-17 January: 800 left at 100 a day runs out on the 25th, 8 days on.
    for (let day = 0; day < 3; day += 1) await setVisitorsUsed(slow.orgId, 100 * (day + 1), { now: T0 + day * DAY });
    expect((await db.clients.get(slow.orgId))?.usageTrend?.perDay).toBe(100);
    expect(await db.usageAlerts.get([slow.orgId, JAN, 'run-out'])).toBeUndefined();
    const late = await newClient(1000);
    // 27-29 January at +100 a day from 300: 700 left is 5 February, after the period ends on 1 February.
    const lateStart = Date.UTC(2026, 0, 27, 12);
    for (let day = 0; day < 3; day += 1)
      await setVisitorsUsed(late.orgId, 100 * (day + 1), { now: lateStart + day * DAY });
    expect((await db.clients.get(late.orgId))?.usageTrend?.perDay).toBe(100);
    expect(await db.usageAlerts.get([late.orgId, JAN, 'run-out'])).toBeUndefined();
  });

  it('a smaller quota that puts the usage past a level warns, as a usage change would', async () => {
    const client = await newClient(100);
    await setVisitorsUsed(client.orgId, 70, { now: T0 });
    await reallocateQuota(client.orgId, 85, { now: T0 + 1 });
    expect(await alerts(client.orgId)).toEqual([[JAN, 'level-80', 'pending']]);
  });

  it('a number the usage source says again warns of a level the agency added since', async () => {
    const client = await newClient(100);
    await setVisitorsUsed(client.orgId, 75, { now: T0 });
    await updateSettings({ usageWarningLevels: [70, 80, 90] }, { now: T0 + 1 });
    await applyUsageFeed([{ orgId: client.orgId, visitorsUsed: 75, line: 1 }], false, T0 + DAY);
    expect(await alerts(client.orgId)).toEqual([[JAN, 'level-70', 'pending']]);
  });

  it('warns of a run-out that time alone brought within the week, found by the daily scan', async () => {
    const client = await newClient(1300);
    // 100 a day over three days (Jan 15–17): 1,000 to go, run-out on Jan 27.
    for (const day of [0, 1, 2]) await setVisitorsUsed(client.orgId, 100 * (day + 1), { now: T0 + day * DAY });
    expect(await scanRunOutWarnings(T0 + 2 * DAY)).toBe(0);
    // Nothing written meanwhile: on Jan 19 it is 8 days away, on Jan 20 a week.
    expect(await scanRunOutWarnings(T0 + 4 * DAY)).toBe(0);
    expect(await scanRunOutWarnings(T0 + 5 * DAY)).toBe(1);
    expect(await alerts(client.orgId)).toEqual([[JAN, 'run-out', 'pending']]);
    // Once a day: the same day again looks at nothing.
    expect(await scanRunOutWarnings(T0 + 5 * DAY + 1000)).toBeUndefined();
  });

  it('sets the webhook delivery only on pending warnings, and only when a reminder webhook is set', async () => {
    const without = await newClient();
    await setVisitorsUsed(without.orgId, 95, { now: T0 });
    const plain = await db.usageAlerts.get([without.orgId, JAN, 'level-90']);
    expect(plain?.webhook).toBeUndefined();
    expect(plain?.webhookDueAt).toBeUndefined();
    await updateSettings({ reminderWebhookUrl: HOOK }, { now: T0 });
    const withHook = await newClient();
    await setVisitorsUsed(withHook.orgId, 95, { now: T0 + 5 });
    expect(await db.usageAlerts.get([withHook.orgId, JAN, 'level-90'])).toMatchObject({
      webhook: { status: 'pending', attempts: [], nextAttemptAt: T0 + 5 },
      webhookDueAt: T0 + 5,
    });
    const skipped = await db.usageAlerts.get([withHook.orgId, JAN, 'level-80']);
    expect(skipped?.status).toBe('skipped');
    expect(skipped?.webhook).toBeUndefined();
    expect(skipped?.webhookDueAt).toBeUndefined();
    expect(await dueUsageAlertWebhookKeys(T0 + 4)).toEqual([]);
    expect(await dueUsageAlertWebhookKeys(T0 + 5)).toEqual([[withHook.orgId, JAN, 'level-90']]);
    expect(await nextUsageAlertWebhookAt()).toBe(T0 + 5);
  });
});

describe('markUsageAlertSent', () => {
  it('records the notification and logs usage_warning_sent once', async () => {
    const client = await newClient();
    await setVisitorsUsed(client.orgId, 85, { now: T0 });
    const key: UsageAlertKey = [client.orgId, JAN, 'level-80'];
    expect(await markUsageAlertSent(key, 'shown', T0 + 10)).toBe(true);
    expect(await markUsageAlertSent(key, 'shown', T0 + 20)).toBe(false);
    expect(await markUsageAlertSent(key, 'failed', T0 + 30)).toBe(false);
    expect(await db.usageAlerts.get(key)).toMatchObject({ status: 'sent', sentAt: T0 + 10, notification: 'shown' });
    const logged = (await listActivity({ orgId: client.orgId })).filter(
      (entry) => entry.action === 'usage_warning_sent',
    );
    expect(logged).toEqual([
      expect.objectContaining({
        at: T0 + 10,
        actor: { type: 'rule', rule: 'usage_warning' },
        details: { kind: 'level-80', period: JAN, used: 85, quota: 100, level: 80, notification: 'shown' },
      }),
    ]);
    expect(await pendingUsageAlertKeys()).toEqual([]);
  });

  it('logs a run-out warning with its day', async () => {
    const client = await newClient(1000);
    for (let day = 0; day < 3; day += 1) await setVisitorsUsed(client.orgId, 100 * (day + 1), { now: T0 + day * DAY });
    await markUsageAlertSent([client.orgId, JAN, 'run-out'], 'failed', T0 + 3 * DAY);
    const [entry] = await listActivity({ orgId: client.orgId, limit: 1 });
    expect(entry?.details).toEqual({
      kind: 'run-out',
      period: JAN,
      used: 300,
      quota: 1000,
      runsOutOn: '2026-01-24',
      notification: 'failed',
    });
  });

  it('a dropped warning is recorded as skipped, its webhook cancelled, with nothing logged', async () => {
    await updateSettings({ reminderWebhookUrl: HOOK }, { now: T0 });
    const client = await newClient();
    await setVisitorsUsed(client.orgId, 85, { now: T0 });
    const key: UsageAlertKey = [client.orgId, JAN, 'level-80'];
    const logged = (await listActivity()).length;
    expect(await markUsageAlertSent(key, 'dropped', T0 + 10)).toBe(true);
    const stored = await db.usageAlerts.get(key);
    expect(stored?.status).toBe('skipped');
    expect(stored?.webhook).toEqual({ status: 'cancelled', attempts: [] });
    expect(stored?.webhookDueAt).toBeUndefined();
    expect(await dueUsageAlertWebhookKeys(T0 + DAY)).toEqual([]);
    expect((await listActivity()).length).toBe(logged);
    expect(await markUsageAlertSent(key, 'shown', T0 + 20)).toBe(false);
  });
});

describe('markUsageAlertsSent', () => {
  it('records each pending warning once, in the order given, as markUsageAlertSent one after another', async () => {
    const first = await newClient();
    const second = await newClient();
    await setVisitorsUsed(first.orgId, 85, { now: T0 });
    await setVisitorsUsed(second.orgId, 95, { now: T0 });
    const shown: UsageAlertKey = [second.orgId, JAN, 'level-90'];
    const dropped: UsageAlertKey = [first.orgId, JAN, 'level-80'];
    const absent: UsageAlertKey = [first.orgId, JAN, 'level-90'];
    expect(
      await markUsageAlertsSent(
        [
          { key: shown, outcome: 'shown' },
          { key: absent, outcome: 'shown' },
          { key: dropped, outcome: 'dropped' },
        ],
        T0 + 10,
      ),
    ).toEqual([true, false, true]);
    expect(await db.usageAlerts.get(shown)).toMatchObject({ status: 'sent', sentAt: T0 + 10, notification: 'shown' });
    expect((await db.usageAlerts.get(dropped))?.status).toBe('skipped');
    expect(await markUsageAlertsSent([{ key: shown, outcome: 'failed' }], T0 + 20)).toEqual([false]);
    const logged = (await listActivity()).filter((entry) => entry.action === 'usage_warning_sent');
    expect(logged.map((entry) => entry.orgId)).toEqual([second.orgId]);
    expect(await pendingUsageAlertKeys()).toEqual([]);
  });
});

describe('recordUsageAlertWebhookAttempt', () => {
  async function pendingWithHook(): Promise<UsageAlertKey> {
    await updateSettings({ reminderWebhookUrl: HOOK }, { now: T0 });
    const client = await newClient();
    await setVisitorsUsed(client.orgId, 85, { now: T0 });
    return [client.orgId, JAN, 'level-80'];
  }

  it('backs off 1, 2, 4 … minutes after failures that may pass, and stops once delivered', async () => {
    const key = await pendingWithHook();
    await recordUsageAlertWebhookAttempt(key, 'http_503', T0 + 1);
    expect(await db.usageAlerts.get(key)).toMatchObject({
      webhook: { status: 'pending', attempts: [{ at: T0 + 1, result: 'http_503' }], nextAttemptAt: T0 + 1 + MINUTE },
      webhookDueAt: T0 + 1 + MINUTE,
    });
    await recordUsageAlertWebhookAttempt(key, 'network', T0 + 2);
    expect((await db.usageAlerts.get(key))?.webhookDueAt).toBe(T0 + 2 + 2 * MINUTE);
    await recordUsageAlertWebhookAttempt(key, 'http_204', T0 + 3);
    const delivered = await db.usageAlerts.get(key);
    expect(delivered?.webhook?.status).toBe('delivered');
    expect(delivered?.webhook?.attempts).toHaveLength(3);
    expect(delivered?.webhookDueAt).toBeUndefined();
    // A late try from another run is not recorded.
    await recordUsageAlertWebhookAttempt(key, 'http_500', T0 + 4);
    expect((await db.usageAlerts.get(key))?.webhook?.attempts).toHaveLength(3);
    // The notification's own status is not the webhook's business.
    expect(delivered?.status).toBe('pending');
  });

  it('gives up on a failure no retry fixes, and after the last try', async () => {
    const key = await pendingWithHook();
    await recordUsageAlertWebhookAttempt(key, 'http_404', T0 + 1);
    expect((await db.usageAlerts.get(key))?.webhook?.status).toBe('failed');
    expect((await db.usageAlerts.get(key))?.webhookDueAt).toBeUndefined();
    await resetDb();
    await updateSettings({ poolSize: 100_000, timeZone: 'UTC', usageWarningLevels: [80, 90] }, { now: T0 });
    const again = await pendingWithHook();
    for (let attempt = 1; attempt <= WEBHOOK_MAX_ATTEMPTS; attempt += 1)
      await recordUsageAlertWebhookAttempt(again, 'timeout', T0 + attempt);
    const stored = await db.usageAlerts.get(again);
    expect(stored?.webhook?.status).toBe('failed');
    expect(stored?.webhook?.attempts).toHaveLength(WEBHOOK_MAX_ATTEMPTS);
    expect(await nextUsageAlertWebhookAt()).toBeUndefined();
  });

  it('keeps the webhook due after the notification was shown', async () => {
    const key = await pendingWithHook();
    await markUsageAlertSent(key, 'shown', T0 + 1);
    expect(await dueUsageAlertWebhookKeys(T0 + 1)).toEqual([key]);
  });
});

describe('usageAlertDelivery', () => {
  it('is current while the client is in the period, and not once it moved on, went inactive or was deleted', async () => {
    const client = await newClient();
    await setVisitorsUsed(client.orgId, 85, { now: T0 });
    const key: UsageAlertKey = [client.orgId, JAN, 'level-80'];
    expect(await usageAlertDelivery(key)).toMatchObject({ current: true, clientName: client.name });
    await setVisitorsUsed(client.orgId, 1, { now: IN_FEB });
    expect((await usageAlertDelivery(key))?.current).toBe(false);

    const other = await newClient();
    await setVisitorsUsed(other.orgId, 85, { now: T0 });
    const otherKey: UsageAlertKey = [other.orgId, JAN, 'level-80'];
    await markInactive(other.orgId, { now: T0 });
    expect((await usageAlertDelivery(otherKey))?.current).toBe(false);
    await deleteClient(other.orgId, { now: T0 });
    expect(await usageAlertDelivery(otherKey)).toBeUndefined();
  });

  it('reads many in one go with the same answers, in the order of the keys', async () => {
    const first = await newClient();
    const second = await newClient();
    await setVisitorsUsed(first.orgId, 85, { now: T0 });
    await setVisitorsUsed(second.orgId, 95, { now: T0 });
    await markInactive(first.orgId, { now: T0 });
    const keys: UsageAlertKey[] = [
      [second.orgId, JAN, 'level-90'],
      [first.orgId, JAN, 'level-90'],
      [first.orgId, JAN, 'level-80'],
    ];
    const one = [];
    for (const key of keys) one.push(await usageAlertDelivery(key));
    expect(await usageAlertDeliveries(keys)).toEqual(one);
    expect(one.map((delivery) => delivery?.current)).toEqual([true, undefined, false]);
  });
});
