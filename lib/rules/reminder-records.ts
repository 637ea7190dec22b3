import type { ActivityEntry } from '../model/activity';
import type { Reminder } from '../model/reminder';

/** What deciding a reminder records: the steps it replaces, as skipped, and the reminder itself, pending. */
export interface DecidedReminders {
  skipped: Reminder[];
  reminder: Reminder;
}

/**
 * The records of a reminder decided at `now` (remindersDue's `send` and `skip`) for a client
 * due to be purged on `purgeOn`. With a reminder webhook set, the reminder carries its
 * delivery, due at once; without one it has none, and setting a webhook later posts nothing
 * for it. The extension's worker and the sync server record the same shapes.
 */
export function decidedReminders(
  orgId: string,
  purgeOn: string,
  decision: { send: number; skip: readonly number[] },
  withWebhook: boolean,
  now: number,
): DecidedReminders {
  const skipped = decision.skip.map((daysBefore): Reminder => ({
    orgId,
    purgeOn,
    daysBefore,
    status: 'skipped',
    decidedAt: now,
  }));
  const reminder: Reminder = { orgId, purgeOn, daysBefore: decision.send, status: 'pending', decidedAt: now };
  if (decision.skip.length > 0) reminder.skippedSteps = [...decision.skip];
  if (withWebhook) reminder.webhook = { status: 'pending', attempts: [], nextAttemptAt: now };
  return { skipped, reminder };
}

/**
 * A pending reminder once it went out at `now`: from then the 24 hours before a purge count.
 * `notification` is what became of the browser's notification; the server, which shows none
 * itself, leaves it out.
 */
export function sentReminder(reminder: Reminder, now: number, notification?: 'shown' | 'failed'): Reminder {
  return { ...reminder, status: 'sent', sentAt: now, ...(notification ? { notification } : {}) };
}

/** The facts the history keeps of a reminder that went out (the `reminder_sent` entry). */
export function reminderSentDetails(
  reminder: Pick<Reminder, 'purgeOn' | 'daysBefore' | 'skippedSteps'>,
  notification?: 'shown' | 'failed',
): NonNullable<ActivityEntry['details']> {
  return {
    purgeOn: reminder.purgeOn,
    daysBefore: reminder.daysBefore,
    ...(notification ? { notification } : {}),
    skippedSteps: (reminder.skippedSteps ?? []).join(','),
  };
}
