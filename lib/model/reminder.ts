import { orgIdSchema } from './ids-schema';
import { z } from './zod';

/**
 * A reminder before a purge, one per inactive client, purge date and step of the schedule
 * (days before the purge date; 0 is the final reminder sent when the purge date has come
 * without the last step having gone out). Written as 'pending' by the rule that decides to
 * send it, in the same transaction (an outbox); shown and posted after that transaction commits.
 *
 * - pending: decided; the notification is still to be shown.
 * - sent: the notification went out (or failed for good); `sentAt` says when.
 * - skipped: a later step fell due at the same time (the browser was closed), so this one was not sent.
 * - cancelled: the client was reactivated, deleted or got another purge date before it went out.
 */
export const REMINDER_STATUSES = ['pending', 'sent', 'skipped', 'cancelled'] as const;
export type ReminderStatus = (typeof REMINDER_STATUSES)[number];

export const WEBHOOK_STATUSES = ['pending', 'delivered', 'failed', 'cancelled'] as const;

/** One try at posting a reminder to the webhook: `result` is http_<status>, network, timeout, no_permission, no_webhook or (sync server) blocked_host. */
export const webhookAttemptSchema = z.object({ at: z.number(), result: z.string() });
export type WebhookAttempt = z.infer<typeof webhookAttemptSchema>;

export const webhookDeliverySchema = z.object({
  status: z.enum(WEBHOOK_STATUSES),
  attempts: z.array(webhookAttemptSchema),
  /** When the next try is due, while `status` is pending. */
  nextAttemptAt: z.optional(z.number()),
});
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;

/** Final reminder step: the purge date came before the schedule's last step went out. */
export const FINAL_STEP = 0;

export const reminderSchema = z.object({
  orgId: orgIdSchema,
  /** The purge date the reminder is about (YYYY-MM-DD, agency time zone). */
  purgeOn: z.string(),
  daysBefore: z.int().check(z.gte(FINAL_STEP)),
  status: z.enum(REMINDER_STATUSES),
  decidedAt: z.number(),
  /** When the notification was shown (or failed to be); the 24 hours before a purge count from here. */
  sentAt: z.optional(z.number()),
  notification: z.optional(z.enum(['shown', 'failed'])),
  /** Earlier steps that fell due together with this one and were skipped in its favour. */
  skippedSteps: z.optional(z.array(z.int())),
  /** Absent when no webhook was set when the reminder was decided. */
  webhook: z.optional(webhookDeliverySchema),
});
export type Reminder = z.infer<typeof reminderSchema>;

export type ReminderKey = [orgId: string, purgeOn: string, daysBefore: number];

export function reminderKey(reminder: Pick<Reminder, 'orgId' | 'purgeOn' | 'daysBefore'>): ReminderKey {
  return [reminder.orgId, reminder.purgeOn, reminder.daysBefore];
}
