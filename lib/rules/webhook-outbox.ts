import type { WebhookDelivery } from '../model/reminder';
import { afterWebhookAttempt } from './webhook';

/**
 * A pending webhook delivery after one more try, for any outbox record that posts to the
 * webhook (reminders, usage warnings): the delivery as it now stands, and when the next try
 * is due (undefined once delivered or given up, which takes the record out of the due index).
 */
export function webhookAfterTry(
  delivery: WebhookDelivery,
  result: string,
  now: number,
): { webhook: WebhookDelivery; webhookDueAt?: number } {
  const attempts = [...delivery.attempts, { at: now, result }];
  const next = afterWebhookAttempt(attempts, now);
  if (next.status === 'pending')
    return {
      webhook: { status: 'pending', attempts, nextAttemptAt: next.nextAttemptAt },
      webhookDueAt: next.nextAttemptAt,
    };
  return { webhook: { status: next.status, attempts } };
}

/**
 * A delivery that will not be tried again because its record no longer applies (the client
 * is back, gone, or moved on): a pending one becomes cancelled without a next try; a finished
 * one is kept as it ended.
 */
export function cancelledWebhook(delivery: WebhookDelivery | undefined): WebhookDelivery | undefined {
  if (delivery?.status !== 'pending') return delivery;
  return { status: 'cancelled', attempts: delivery.attempts };
}
