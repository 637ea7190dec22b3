/**
 * Usage warnings decided inside a usage change's transaction: the warning levels a client
 * crossed and a run-out forecast within a week, each recorded once per client, billing
 * period and kind. The record is the promise to tell (an outbox, as with the reminders): the
 * background shows and posts what is pending after the commit (lib/background/deliver-usage-alerts.ts).
 */
import Dexie from 'dexie';
import { db, type StoredClient, type StoredUsageAlert } from '../db/database';
import type { Actor } from '../model/activity';
import type { Settings } from '../model/settings';
import { levelKind, RUN_OUT_KIND, type UsageAlert, type UsageAlertKey } from '../model/usage-records';
import { addDays, type IsoDate } from '../rules/calendar';
import { RUN_OUT_WARNING_DAYS, runOutDay, runOutWarningDue } from '../rules/usage-forecast';
import { levelsReached, warningDecisionAmong } from '../rules/usage-warnings';
import { readTransaction, writeTransaction } from './context';
import { loadSettings, log } from './store';
import { usageClock } from '../rules/usage-clock';
import { cancelledWebhook, webhookAfterTry } from '../rules/webhook-outbox';

/** The warnings recorded for one client and period, whatever their kind. */
export async function alertsOf(orgId: string, period: IsoDate): Promise<StoredUsageAlert[]> {
  return db.usageAlerts
    .where('[orgId+period+kind]')
    .between([orgId, period, Dexie.minKey], [orgId, period, Dexie.maxKey], true, true)
    .toArray();
}

function levelOf(alert: Pick<UsageAlert, 'kind' | 'level'>): number | undefined {
  return alert.kind.startsWith('level-') ? alert.level : undefined;
}

function newAlert(
  client: StoredClient,
  period: IsoDate,
  fields: Pick<UsageAlert, 'kind' | 'status'> & Partial<UsageAlert>,
  settings: Settings,
  now: number,
): StoredUsageAlert {
  const alert: StoredUsageAlert = {
    orgId: client.orgId,
    period,
    used: client.usedVisitors,
    quota: client.quota,
    decidedAt: now,
    ...fields,
  };
  if (alert.status === 'pending' && settings.reminderWebhookUrl !== undefined) {
    alert.webhook = { status: 'pending', attempts: [], nextAttemptAt: now };
    alert.webhookDueAt = now;
  }
  return alert;
}

/**
 * Records the warnings a client's usage calls for now, in the caller's transaction. Returns
 * how many were recorded as pending (to be shown). Inactive and revoked clients get none.
 */
export async function decideUsageAlerts(
  client: StoredClient,
  settings: Settings,
  period: IsoDate,
  today: IsoDate,
  now: number,
): Promise<number> {
  return decideUsageAlertsOf([client], settings, period, today, now);
}

/**
 * decideUsageAlerts for many clients (each once) in one go: their warnings read together,
 * the new ones written in one bulk write. Returns how many were recorded as pending.
 */
export async function decideUsageAlertsOf(
  clients: readonly StoredClient[],
  settings: Settings,
  period: IsoDate,
  today: IsoDate,
  now: number,
): Promise<number> {
  // What each client's usage calls for is worked out once; the recorded warnings only ever
  // take some of it away, so a client whose usage calls for none needs no read.
  const judged = clients.flatMap((client) => {
    if (client.status === 'inactive' || client.revokedAt !== undefined || client.usagePeriod !== period) return [];
    const due = dueWarnings(client, settings, period, today);
    return due.reached.length > 0 || due.runsOutOn !== undefined ? [{ client, due }] : [];
  });
  if (judged.length === 0) return 0;
  const recorded = await Promise.all(judged.map(({ client }) => alertsOf(client.orgId, period)));
  const writes = judged.flatMap(({ client, due }, index) =>
    alertWrites(client, due, recorded[index] ?? [], settings, period, now),
  );
  if (writes.length > 0) await db.usageAlerts.bulkPut(writes);
  return writes.filter((alert) => alert.status === 'pending').length;
}

/** What a client's usage calls for before the warnings recorded are counted. */
interface DueWarnings {
  /** The warning levels it reached, ascending. */
  reached: number[];
  /** The run-out day, when a warning of it is due. */
  runsOutOn?: IsoDate;
}

function dueWarnings(client: StoredClient, settings: Settings, period: IsoDate, today: IsoDate): DueWarnings {
  const reached = levelsReached(settings.usageWarningLevels, client.usedVisitors, client.quota);
  const runsOutOn = runOutDay(client.usageTrend, client, today);
  return runOutWarningDue(runsOutOn, period, today) ? { reached, runsOutOn } : { reached };
}

/** The warnings one client's usage calls for (`due`), given those recorded for it this period. */
function alertWrites(
  client: StoredClient,
  due: DueWarnings,
  recorded: readonly StoredUsageAlert[],
  settings: Settings,
  period: IsoDate,
  now: number,
): StoredUsageAlert[] {
  const levels = recorded.flatMap((alert) => {
    const level = levelOf(alert);
    return level === undefined ? [] : [level];
  });
  const decision = warningDecisionAmong(due.reached, client, levels);
  const writes: StoredUsageAlert[] = decision.skip.map((level) =>
    newAlert(client, period, { kind: levelKind(level), level, status: 'skipped' }, settings, now),
  );
  if (decision.send !== undefined)
    writes.push(
      newAlert(
        client,
        period,
        { kind: levelKind(decision.send), level: decision.send, status: 'pending' },
        settings,
        now,
      ),
    );
  const { runsOutOn } = due;
  if (runsOutOn !== undefined && !recorded.some((alert) => alert.kind === RUN_OUT_KIND))
    writes.push(newAlert(client, period, { kind: RUN_OUT_KIND, runsOutOn, status: 'pending' }, settings, now));
  return writes;
}

/** What it takes to deliver one usage warning, read in one go after the deciding transaction committed. */
export interface UsageAlertDelivery {
  alert: UsageAlert;
  /** False when the client is gone, inactive, revoked or in another billing period since. */
  current: boolean;
  clientName?: string;
  settings: Settings;
}

function withoutIndexFields(stored: StoredUsageAlert): UsageAlert {
  const { webhookDueAt: _due, ...alert } = stored;
  return alert;
}

export async function usageAlertDelivery(key: UsageAlertKey): Promise<UsageAlertDelivery | undefined> {
  const [delivery] = await usageAlertDeliveries([key]);
  return delivery;
}

/** usageAlertDelivery for many warnings, read in one transaction: the answers in the keys' order. */
export async function usageAlertDeliveries(
  keys: readonly UsageAlertKey[],
): Promise<(UsageAlertDelivery | undefined)[]> {
  if (keys.length === 0) return [];
  return readTransaction(async () => {
    const [alerts, settings] = await Promise.all([db.usageAlerts.bulkGet([...keys]), loadSettings()]);
    const orgIds = [...new Set(alerts.flatMap((stored) => (stored ? [stored.orgId] : [])))];
    const clients = new Map(orgIds.map((orgId, index) => [orgId, index]));
    const found = orgIds.length > 0 ? await db.clients.bulkGet(orgIds) : [];
    return alerts.map((stored) => {
      if (!stored) return undefined;
      const client = found[clients.get(stored.orgId) ?? -1];
      const current =
        client !== undefined &&
        client.status !== 'inactive' &&
        client.revokedAt === undefined &&
        client.usagePeriod === stored.period;
      return { alert: withoutIndexFields(stored), current, clientName: client?.name, settings };
    });
  });
}

/** Warnings decided but not shown yet: a stopped worker leaves these, and the next run shows them. */
export async function pendingUsageAlertKeys(): Promise<UsageAlertKey[]> {
  return db.usageAlerts.where('status').equals('pending').primaryKeys();
}

/** Warnings whose webhook try is due at `now`. */
export async function dueUsageAlertWebhookKeys(now: number): Promise<UsageAlertKey[]> {
  return db.usageAlerts.where('webhookDueAt').belowOrEqual(now).primaryKeys();
}

/** When the next usage-warning webhook try is due, if any is waiting. */
export async function nextUsageAlertWebhookAt(): Promise<number | undefined> {
  return (await db.usageAlerts.orderBy('webhookDueAt').first())?.webhookDueAt;
}

const WARNING: Actor = { type: 'rule', rule: 'usage_warning' };

/**
 * Records that a pending warning's notification went out (or failed to), once, and logs it in
 * the client's history. A warning that no longer applies (`current` false) is recorded as sent
 * without a notification, so it is never shown late. Returns whether this call recorded it.
 */
export async function markUsageAlertSent(
  key: UsageAlertKey,
  outcome: 'shown' | 'failed' | 'dropped',
  now: number,
): Promise<boolean> {
  const [recorded] = await markUsageAlertsSent([{ key, outcome }], now);
  return recorded ?? false;
}

/**
 * markUsageAlertSent for many warnings (each once) in one transaction, one after another in
 * the order given, so their history lines read in that order. Returns, in that order, whether
 * this call recorded each.
 */
export async function markUsageAlertsSent(
  sent: readonly { key: UsageAlertKey; outcome: 'shown' | 'failed' | 'dropped' }[],
  now: number,
): Promise<boolean[]> {
  if (sent.length === 0) return [];
  return writeTransaction(
    async () => {
      const found = await db.usageAlerts.bulkGet(sent.map(({ key }) => key));
      const recorded: boolean[] = [];
      for (const [index, { outcome }] of sent.entries()) {
        const stored = found[index];
        recorded.push(stored !== undefined && stored.status === 'pending');
        if (stored?.status === 'pending') await recordSent(stored, outcome, now);
      }
      return recorded;
    },
    () => [...new Set(sent.map(({ key }) => key[0]))],
  );
}

/** Records one pending warning as sent (or dropped), inside the caller's transaction. */
async function recordSent(
  stored: StoredUsageAlert,
  outcome: 'shown' | 'failed' | 'dropped',
  now: number,
): Promise<void> {
  const { webhookDueAt: _due, ...rest } = stored;
  if (outcome === 'dropped') {
    const webhook = cancelledWebhook(rest.webhook);
    await db.usageAlerts.put({ ...rest, status: 'skipped', ...(webhook ? { webhook } : {}) });
    return;
  }
  await db.usageAlerts.put({ ...stored, status: 'sent', sentAt: now, notification: outcome });
  await log(
    { now, actor: WARNING },
    {
      action: 'usage_warning_sent',
      orgId: stored.orgId,
      details: {
        kind: stored.kind,
        period: stored.period,
        used: stored.used,
        quota: stored.quota,
        ...(stored.level !== undefined ? { level: stored.level } : {}),
        ...(stored.runsOutOn !== undefined ? { runsOutOn: stored.runsOutOn } : {}),
        notification: outcome,
      },
    },
  );
}

/** Records one webhook try of a warning and what comes next, as recordWebhookAttempt does for reminders. */
export async function recordUsageAlertWebhookAttempt(key: UsageAlertKey, result: string, now: number): Promise<void> {
  await writeTransaction(
    async () => {
      const stored = await db.usageAlerts.get(key);
      if (!stored?.webhook || stored.webhook.status !== 'pending') return;
      const { webhookDueAt: _due, ...rest } = stored;
      await db.usageAlerts.put({ ...rest, ...webhookAfterTry(stored.webhook, result, now) });
    },
    () => [key[0]],
  );
}

/** The warnings that went out, newest first, with their webhook tries: the delivery log beside the reminders'. */
export async function listUsageAlertDeliveries(limit = 100): Promise<UsageAlert[]> {
  const rows = await db.usageAlerts
    .orderBy('decidedAt')
    .reverse()
    .filter((alert) => alert.status !== 'skipped')
    .limit(limit)
    .toArray();
  return rows.map(withoutIndexFields);
}

/** Clients looked at per transaction by the daily run-out scan. */
export const RUN_OUT_SCAN_BATCH = 200;

/**
 * Once a calendar day: the clients whose run-out day (as their trend gave it, kept indexed)
 * has come within the week, found through the runsOutOn index, get the warnings now due —
 * time passing brings a run-out day closer without any usage being written. Returns how many
 * warnings were recorded, or undefined when today's scan was already made.
 */
export async function scanRunOutWarnings(now: number): Promise<number | undefined> {
  const due = await readTransaction(async () => {
    const clock = usageClock(await loadSettings(), now);
    const scanned = await db.meta.get('runOutScan');
    if (scanned?.key === 'runOutScan' && scanned.value.day >= clock.today) return undefined;
    const horizon = addDays(clock.today, RUN_OUT_WARNING_DAYS);
    return db.clients.where('runsOutOn').belowOrEqual(horizon).primaryKeys();
  });
  if (due === undefined) return undefined;
  const batches: string[][] = [];
  for (let start = 0; start < due.length; start += RUN_OUT_SCAN_BATCH)
    batches.push(due.slice(start, start + RUN_OUT_SCAN_BATCH));
  // With nobody near, one empty batch still marks the day as scanned.
  if (batches.length === 0) batches.push([]);
  let recorded = 0;
  for (const [index, batch] of batches.entries()) {
    recorded += await writeTransaction(
      async () => {
        const clock = usageClock(await loadSettings(), now);
        let count = 0;
        for (const client of await db.clients.bulkGet(batch))
          if (client) count += await decideUsageAlerts(client, clock.settings, clock.period, clock.today, now);
        // Marked with the last batch: a worker stopped before it scans again, which decides nothing twice.
        if (index === batches.length - 1) await db.meta.put({ key: 'runOutScan', value: { day: clock.today } });
        return count;
      },
      () => [],
    );
  }
  return recorded;
}
