/**
 * The reminder webhook, posted by the server once per reminder (lib/background/deliver.ts
 * does it in the extension): each due try is claimed first, so that two server processes never
 * both make it, then posted outside any transaction (a slow receiver holds no lock), then
 * recorded with the extension's back-off (lib/rules/webhook.ts) as a change of the agency, so
 * that every browser's delivery log shows it.
 */
import type { Actor } from '../../lib/model/activity';
import type { Client } from '../../lib/model/client';
import type { Reminder } from '../../lib/model/reminder';
import type { Settings } from '../../lib/model/settings';
import { reminderSentences, reminderWebhookPayload } from '../../lib/rules/reminder-message';
import { cancelledWebhook, webhookAfterTry } from '../../lib/rules/webhook-outbox';
import type { Db } from '../db/pool';
import { agencyLocale, message } from '../i18n/catalogues';
import { findClient } from '../store/clients';
import { lockReminder, putReminder } from '../store/reminders';
import { asAgencyChange } from './agency-change';
import { type Fetch, postWebhook } from './post-webhook';
import { webhookHostIsPublic } from './webhook-host';

const REMINDER: Actor = { type: 'rule', rule: 'reminder' };

/**
 * How long a claimed try is kept from other processes: well past a try's 10-second timeout, so
 * only a process that stopped mid-try (its outcome never recorded) lets another try again, as
 * the extension does after a stopped worker. The receiver drops the repeat by its `id`.
 */
export const WEBHOOK_CLAIM_MS = 2 * 60_000;
const CLAIM_BATCH = 50;

interface Claimed {
  agencyId: string;
  key: Pick<Reminder, 'orgId' | 'purgeOn' | 'daysBefore'>;
}

/**
 * Takes up to `limit` tries due at `now`, oldest first, by moving their due time past the
 * claim: a second process's claim skips rows being claimed (SKIP LOCKED) and, once this one
 * commits, no longer finds them due. webhook_due_at is the server's own bookkeeping, not part
 * of what a pull sends, so the claim leaves the rows' versions alone.
 */
async function claimDueTries(db: Db, now: number, limit: number): Promise<Claimed[]> {
  const { rows } = await db.query<{ agency_id: string; org_id: string; purge_on: string; days_before: number }>(
    `UPDATE reminders SET webhook_due_at = to_timestamp($2 / 1000.0)
     WHERE (agency_id, org_id, purge_on, days_before) IN (
       SELECT agency_id, org_id, purge_on, days_before FROM reminders
       WHERE webhook_due_at <= to_timestamp($1 / 1000.0)
       ORDER BY webhook_due_at LIMIT $3 FOR UPDATE SKIP LOCKED)
     RETURNING agency_id, org_id, purge_on::text AS purge_on, days_before`,
    [now, now + WEBHOOK_CLAIM_MS, limit],
  );
  return rows.map((row) => ({
    agencyId: row.agency_id,
    key: { orgId: row.org_id, purgeOn: row.purge_on, daysBefore: row.days_before },
  }));
}

interface TryPlan {
  reminder: Reminder;
  client: Client;
  settings: Settings;
}

/**
 * What a claimed try posts, read under the agency's lock; undefined when there is nothing to
 * post. A reminder that no longer applies (the client was reactivated or got another purge
 * date) has its delivery cancelled, as the extension's cancelReminder does.
 */
async function planTry(db: Db, { agencyId, key }: Claimed, now: number): Promise<TryPlan | undefined> {
  return asAgencyChange(db, agencyId, now, REMINDER, async (ctx) => {
    const reminder = await lockReminder(ctx, key);
    if (reminder?.webhook?.status !== 'pending') return { wrote: false, result: undefined };
    const row = await findClient(ctx, key.orgId);
    const client = row?.client;
    if (client?.status !== 'inactive' || client.purgeOn !== reminder.purgeOn) {
      const webhook = cancelledWebhook(reminder.webhook);
      await putReminder(ctx, {
        ...reminder,
        status: reminder.status === 'pending' ? 'cancelled' : reminder.status,
        ...(webhook ? { webhook } : {}),
      });
      return { wrote: true, result: undefined };
    }
    return { wrote: false, result: { reminder, client, settings: ctx.settings } };
  });
}

/** The body the extension posts, its `text` the reminder's sentence in the agency's language. */
function payload({ reminder, client, settings }: TryPlan, now: number) {
  const sentences = reminderSentences(reminder, client.name);
  const text = message(sentences.message, sentences.params, agencyLocale(settings));
  return reminderWebhookPayload(reminder, { clientName: client.name, agencyName: settings.agencyName, text }, now);
}

/**
 * Records one try and what comes next: delivered, failed for good, or another try after the
 * back-off. A try whose delivery moved on meanwhile (another process's try was recorded
 * first) is not recorded over it.
 */
async function recordTry(db: Db, { agencyId, key }: Claimed, plan: TryPlan, result: string, now: number) {
  await asAgencyChange(db, agencyId, now, REMINDER, async (ctx) => {
    const current = await lockReminder(ctx, key);
    const delivery = current?.webhook;
    if (
      !current ||
      delivery?.status !== 'pending' ||
      delivery.attempts.length !== plan.reminder.webhook?.attempts.length
    )
      return { wrote: false, result: undefined };
    await putReminder(ctx, { ...current, webhook: webhookAfterTry(delivery, result, now).webhook });
    return { wrote: true, result: undefined };
  });
}

/** Posts every reminder whose webhook try is due at `now`; returns how many tries were made. */
export async function deliverDueReminderWebhooks(
  db: Db,
  now: number,
  fetchFn: Fetch,
  privateHosts = false,
): Promise<number> {
  let tries = 0;
  for (;;) {
    const claimed = await claimDueTries(db, now, CLAIM_BATCH);
    for (const one of claimed) {
      const plan = await planTry(db, one, now);
      if (!plan) continue;
      const url = plan.settings.reminderWebhookUrl;
      const result =
        url === undefined
          ? 'no_webhook'
          : !privateHosts && !(await webhookHostIsPublic(url))
            ? 'blocked_host'
            : await postWebhook(fetchFn, url, payload(plan, now));
      await recordTry(db, one, plan, result, now);
      tries += 1;
    }
    if (claimed.length < CLAIM_BATCH) return tries;
  }
}
