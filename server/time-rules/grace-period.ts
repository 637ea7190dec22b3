/** Reminders before a purge and the purge itself, as lib/ops/grace-period.ts applies them, on the server's rows. */
import type { Actor } from '../../lib/model/activity';
import type { Client } from '../../lib/model/client';
import { decidedReminders, reminderSentDetails, sentReminder } from '../../lib/rules/reminder-records';
import { purgeAllowed, remindersDue } from '../../lib/rules/reminders';
import type { ChangeContext } from '../changes/context';
import { log } from '../store/activity';
import { tombstoneClient } from '../store/clients';
import { putReminder, remindersOf } from '../store/reminders';

const PURGE: Actor = { type: 'rule', rule: 'purge' };
const REMINDER: Actor = { type: 'rule', rule: 'reminder' };

export type GraceOutcome = 'reminded' | 'purged' | undefined;

/**
 * Applies the grace-period rules to one inactive client, inside the agency's change: records
 * the reminder it is due (with the steps it replaces as skipped), or purges it once its purge
 * date has come and its last reminder went out at least 24 hours ago (purgeAllowed, the
 * extension's QUIET_BEFORE_PURGE_MS), never both in one pass.
 *
 * The extension records a reminder pending and marks it sent once its notification is shown.
 * The server shows nothing itself: a reminder goes out when it is recorded, for every browser
 * to pull and show (under its notification id, so a second browser's showing replaces rather
 * than adds) and for the server to post to the webhook. So it is recorded sent, with `sentAt`
 * now and the `reminder_sent` entry, in the transaction that decides it; the 24 hours before
 * a purge count from then.
 */
export async function applyGracePeriodRules(ctx: ChangeContext, client: Client): Promise<GraceOutcome> {
  const { orgId, purgeOn } = client;
  if (client.status !== 'inactive' || purgeOn === undefined) return undefined;
  const { reminderDays, timeZone, reminderWebhookUrl } = ctx.settings;
  const recorded = await remindersOf(ctx, orgId, purgeOn);
  const decision = remindersDue(purgeOn, reminderDays, recorded, ctx.now, timeZone);
  if (decision.send !== undefined) {
    const { skipped, reminder } = decidedReminders(
      orgId,
      purgeOn,
      { send: decision.send, skip: decision.skip },
      reminderWebhookUrl !== undefined,
      ctx.now,
    );
    const sent = sentReminder(reminder, ctx.now);
    for (const record of [...skipped, sent]) await putReminder(ctx, record);
    await log(ctx, { action: 'reminder_sent', orgId, details: reminderSentDetails(sent) }, REMINDER);
    return 'reminded';
  }
  if (!purgeAllowed(purgeOn, reminderDays, recorded, ctx.now, timeZone)) return undefined;
  await tombstoneClient(ctx, orgId, 'purged');
  // 0 - quota, not -quota: a client that holds nothing writes 0 to the ledger, not -0.
  await log(ctx, { action: 'client_purged', orgId, quotaDelta: 0 - client.quota, details: { purgeOn } }, PURGE);
  return 'purged';
}
