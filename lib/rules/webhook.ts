import type { WebhookAttempt } from '../model/reminder';

/** Tries before a reminder's webhook delivery is given up. */
export const WEBHOOK_MAX_ATTEMPTS = 6;
const FIRST_RETRY_MS = 60_000;
const LONGEST_RETRY_MS = 60 * 60_000;

/** The match pattern of the host permission a webhook URL needs: its scheme and host, any path. */
export function originPatternFor(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.hostname}/*`;
}

/** Results a later try can fix: the server or the network was down, or the permission is still missing. */
export function isRetryable(result: string): boolean {
  if (result === 'network' || result === 'timeout' || result === 'no_permission') return true;
  const status = /^http_(\d{3})$/.exec(result);
  if (!status) return false;
  const code = Number(status[1]);
  return code >= 500 || code === 408 || code === 429;
}

export type WebhookNext = { status: 'delivered' | 'failed' } | { status: 'pending'; nextAttemptAt: number };

/**
 * After a try: delivered on any 2xx; otherwise retried with exponential back-off (1, 2, 4, 8,
 * 16 minutes, at most an hour) while the failure may pass, up to WEBHOOK_MAX_ATTEMPTS tries.
 */
export function afterWebhookAttempt(attempts: readonly WebhookAttempt[], now: number): WebhookNext {
  const last = attempts[attempts.length - 1];
  if (last && /^http_2\d\d$/.test(last.result)) return { status: 'delivered' };
  if (!last || !isRetryable(last.result) || attempts.length >= WEBHOOK_MAX_ATTEMPTS) return { status: 'failed' };
  const delay = Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** (attempts.length - 1));
  return { status: 'pending', nextAttemptAt: now + delay };
}
