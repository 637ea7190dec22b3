import Dexie from 'dexie';
import { db, type StoredReminder } from '../db/database';
import type { Actor } from '../model/activity';
import { type ReminderKey, reminderKey } from '../model/reminder';
import { localDate } from '../rules/calendar';
import { decidedReminders } from '../rules/reminder-records';
import { purgeAllowed, reminderHorizon, remindersDue } from '../rules/reminders';
import { type ResolvedContext, readTransaction, writeTransaction } from './context';
import { changeAllocated, loadSettings, log, removeClientAndOrgData } from './store';

const PURGE: Actor = { type: 'rule', rule: 'purge' };

/** Inactive clients handled per transaction. */
export const GRACE_BATCH = 50;

/**
 * Org IDs of the inactive clients whose purge date is near enough for a reminder or a purge
 * to be due. Only keys are read, from the purgeOn index (which holds inactive clients only).
 */
export async function gracePeriodCandidates(now: number): Promise<string[]> {
  return readTransaction(async () => {
    const settings = await loadSettings();
    const horizon = reminderHorizon(localDate(now, settings.timeZone), settings.reminderDays);
    return db.clients.where('purgeOn').belowOrEqual(horizon).primaryKeys();
  });
}

async function remindersOf(orgId: string, purgeOn: string): Promise<StoredReminder[]> {
  return db.reminders
    .where('[orgId+purgeOn+daysBefore]')
    .between([orgId, purgeOn, Dexie.minKey], [orgId, purgeOn, Dexie.maxKey], true, true)
    .toArray();
}

export interface GracePeriodResult {
  /** Reminders decided now, waiting to be shown: the caller delivers them after the commit. */
  decided: ReminderKey[];
  purged: string[];
}

/**
 * Applies the grace-period rules to the given clients in one transaction: records the
 * reminder each is due (pending, with the steps it replaces as skipped) and purges those
 * whose purge date has come and whose last reminder went out at least 24 hours ago. The
 * record is the promise to send: nothing is shown here, and a reminder recorded once is
 * never recorded again.
 */
export async function applyGracePeriodRules(orgIds: readonly string[], now: number): Promise<GracePeriodResult> {
  const ctx: ResolvedContext = { now, actor: PURGE };
  return writeTransaction(
    async () => {
      const settings = await loadSettings();
      const result: GracePeriodResult = { decided: [], purged: [] };
      for (const client of await db.clients.bulkGet([...orgIds])) {
        if (!client || client.status !== 'inactive' || client.purgeOn === undefined) continue;
        const { orgId, purgeOn } = client;
        const recorded = await remindersOf(orgId, purgeOn);
        const decision = remindersDue(purgeOn, settings.reminderDays, recorded, now, settings.timeZone);
        if (decision.send !== undefined) {
          const { skipped, reminder } = decidedReminders(
            orgId,
            purgeOn,
            { send: decision.send, skip: decision.skip },
            settings.reminderWebhookUrl !== undefined,
            now,
          );
          // webhookDueAt puts a reminder with a delivery in the index of tries due.
          const pending: StoredReminder = reminder.webhook ? { ...reminder, webhookDueAt: now } : reminder;
          await db.reminders.bulkPut([...skipped, pending]);
          result.decided.push(reminderKey(reminder));
          continue;
        }
        if (!purgeAllowed(purgeOn, settings.reminderDays, recorded, now, settings.timeZone)) continue;
        await removeClientAndOrgData(client);
        // 0 - quota, not -quota: a client that holds nothing writes 0 to the ledger, not -0.
        await changeAllocated(0 - client.quota);
        await log(ctx, { action: 'client_purged', orgId, quotaDelta: 0 - client.quota, details: { purgeOn } });
        result.purged.push(orgId);
      }
      return result;
    },
    (result) => [...result.decided.map(([orgId]) => orgId), ...result.purged],
  );
}
