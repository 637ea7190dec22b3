import { db, type StoredReminder } from '../db/database';
import type { Actor } from '../model/activity';
import type { Reminder, ReminderKey } from '../model/reminder';
import type { Settings } from '../model/settings';
import { type OpContext, readTransaction, writeTransaction } from './context';
import { updateSettings } from './settings';
import { loadSettings, log } from './store';
import { reminderSentDetails, sentReminder } from '../rules/reminder-records';
import { cancelledWebhook, webhookAfterTry } from '../rules/webhook-outbox';

const REMINDER: Actor = { type: 'rule', rule: 'reminder' };

/** What it takes to deliver one reminder, read in one go after the deciding transaction committed. */
export interface ReminderDelivery {
  reminder: Reminder;
  /** False when the client was reactivated, deleted, purged or got another purge date since. */
  current: boolean;
  clientName?: string;
  settings: Settings;
}

function withoutIndexFields(stored: StoredReminder): Reminder {
  const { webhookDueAt: _due, ...reminder } = stored;
  return reminder;
}

export async function reminderDelivery(key: ReminderKey): Promise<ReminderDelivery | undefined> {
  return readTransaction(async () => {
    const stored = await db.reminders.get(key);
    if (!stored) return undefined;
    const [client, settings] = await Promise.all([db.clients.get(stored.orgId), loadSettings()]);
    const current = client !== undefined && client.status === 'inactive' && client.purgeOn === stored.purgeOn;
    return { reminder: withoutIndexFields(stored), current, clientName: client?.name, settings };
  });
}

/** Reminders decided but not shown yet: a stopped worker leaves these, and the next run shows them. */
export async function pendingReminderKeys(): Promise<ReminderKey[]> {
  return db.reminders.where('status').equals('pending').primaryKeys();
}

/** Reminders whose webhook try is due at `now`. */
export async function dueWebhookKeys(now: number): Promise<ReminderKey[]> {
  return db.reminders.where('webhookDueAt').belowOrEqual(now).primaryKeys();
}

/** When the next webhook retry is due, if any is waiting. */
export async function nextWebhookAttemptAt(): Promise<number | undefined> {
  return (await db.reminders.orderBy('webhookDueAt').first())?.webhookDueAt;
}

/**
 * Records that a pending reminder's notification went out (or failed to), once: a reminder
 * no longer pending is left alone, so a second delivery of the same reminder logs nothing.
 * Returns whether this call recorded it.
 */
export async function markReminderSent(key: ReminderKey, outcome: 'shown' | 'failed', now: number): Promise<boolean> {
  return writeTransaction(
    async () => {
      const stored = await db.reminders.get(key);
      if (!stored || stored.status !== 'pending') return false;
      const { webhookDueAt, ...reminder } = stored;
      const sent = sentReminder(reminder, now, outcome);
      await db.reminders.put(webhookDueAt === undefined ? sent : { ...sent, webhookDueAt });
      await log(
        { now, actor: REMINDER },
        { action: 'reminder_sent', orgId: stored.orgId, details: reminderSentDetails(stored, outcome) },
      );
      return true;
    },
    () => [key[0]],
  );
}

/** Drops a reminder that no longer applies (the client is back, gone, or has another purge date). */
export async function cancelReminder(key: ReminderKey): Promise<void> {
  await writeTransaction(
    async () => {
      const stored = await db.reminders.get(key);
      if (!stored) return;
      const { webhookDueAt: _due, ...rest } = stored;
      const webhook = cancelledWebhook(rest.webhook);
      await db.reminders.put({
        ...rest,
        status: stored.status === 'pending' ? 'cancelled' : stored.status,
        ...(webhook ? { webhook } : {}),
      });
    },
    () => [key[0]],
  );
}

/**
 * Records one try at posting a reminder to the webhook and what comes next: delivered,
 * failed for good, or another try after a back-off. A try for a reminder whose webhook is no
 * longer pending (another run got there first) is not recorded.
 */
export async function recordWebhookAttempt(key: ReminderKey, result: string, now: number): Promise<void> {
  await writeTransaction(
    async () => {
      const stored = await db.reminders.get(key);
      if (!stored?.webhook || stored.webhook.status !== 'pending') return;
      const { webhookDueAt: _due, ...rest } = stored;
      await db.reminders.put({ ...rest, ...webhookAfterTry(stored.webhook, result, now) });
    },
    () => [key[0]],
  );
}

/**
 * The reminders that went out or are on their way, newest first, with each webhook
 * delivery's tries and outcome: the delivery log the dashboard shows. Skipped steps are left out.
 */
export async function listReminderDeliveries(options: { orgId?: string; limit?: number } = {}): Promise<Reminder[]> {
  const { orgId, limit = 100 } = options;
  const collection = orgId
    ? db.reminders.where('orgId').equals(orgId.trim().toUpperCase())
    : db.reminders.orderBy('decidedAt').reverse();
  const rows = await collection
    .filter((reminder) => reminder.status !== 'skipped')
    .limit(limit)
    .toArray();
  const reminders = rows.map(withoutIndexFields);
  return orgId ? reminders.sort((a, b) => b.decidedAt - a.decidedAt) : reminders;
}

/**
 * Sets (or, with undefined or '', removes) the address reminders are posted to. It must be
 * https (or http://127.0.0.1); the dashboard asks for the host permission first
 * (lib/platform/permissions.ts requestOriginPermission), from the click that saves it.
 */
export async function setReminderWebhook(url: string | undefined, context?: OpContext): Promise<Settings> {
  return updateSettings({ reminderWebhookUrl: url ?? '' }, context);
}
