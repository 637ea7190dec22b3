import { optionalText } from './fields';
import { orgIdSchema } from './ids-schema';
import { LIMITS } from './limits';
import { webhookDeliverySchema } from './reminder';
import { z } from './zod';

/**
 * Why a person lowered a client's visitors used (a correction): trimmed, so that spaces are no
 * reason, and kept in the client's history. The operation and the sync change parse it alike.
 */
export const usageReasonSchema = optionalText(LIMITS.usageReason);

/**
 * Visitors a client had used in its billing period by the end of one calendar day (agency
 * time zone): the last number seen that day. The run-out forecast fits its line through
 * these (lib/rules/usage-forecast.ts); the background prunes those older than a few periods.
 */
export const usageSampleSchema = z.object({
  orgId: orgIdSchema,
  day: z.string(),
  /** The billing period the number counts in. */
  period: z.string(),
  used: z.int().check(z.gte(0)),
});
export type UsageSample = z.infer<typeof usageSampleSchema>;

/**
 * A usage warning, one per client, billing period and kind: `level-<n>` when usage reached n%
 * of the quota, `run-out` when the forecast day fell within a week and before the period's
 * end. Written as 'pending' by the usage change that called for it, in the same transaction
 * (an outbox), like the reminders; the background shows it and posts it to the webhook.
 * 'skipped' levels were reached together with a higher one, which went out instead.
 */
export const USAGE_ALERT_STATUSES = ['pending', 'sent', 'skipped'] as const;

export const usageAlertSchema = z.object({
  orgId: orgIdSchema,
  period: z.string(),
  kind: z.string(),
  status: z.enum(USAGE_ALERT_STATUSES),
  /** The level in percent, for a level warning. */
  level: z.optional(z.int()),
  /** The forecast day, for a run-out warning. */
  runsOutOn: z.optional(z.string()),
  /** Visitors used and the quota when it was decided: the numbers the notification says. */
  used: z.int(),
  quota: z.int(),
  decidedAt: z.number(),
  sentAt: z.optional(z.number()),
  notification: z.optional(z.enum(['shown', 'failed'])),
  /** Absent when no webhook was set when the warning was decided. */
  webhook: z.optional(webhookDeliverySchema),
});
export type UsageAlert = z.infer<typeof usageAlertSchema>;
export type UsageAlertKey = [orgId: string, period: string, kind: string];

export const RUN_OUT_KIND = 'run-out';

export function levelKind(level: number): string {
  return `level-${level}`;
}

export function usageAlertKey(alert: Pick<UsageAlert, 'orgId' | 'period' | 'kind'>): UsageAlertKey {
  return [alert.orgId, alert.period, alert.kind];
}
