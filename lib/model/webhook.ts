import { LIMITS } from './limits';
import { z } from './zod';

/**
 * Where reminders may be posted: https anywhere, or plain http on 127.0.0.1 only, for a relay
 * running on the agency's own computer (loopback traffic never leaves the machine).
 */
export function isWebhookUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username !== '' || url.password !== '') return false;
  if (url.protocol === 'https:') return url.hostname !== '';
  return url.protocol === 'http:' && url.hostname === '127.0.0.1';
}

/** An optional reminder webhook; an empty string means "none" and is stored as absent. */
export const optionalWebhookUrl = z.optional(
  z.pipe(
    z.string().check(z.trim(), z.maxLength(LIMITS.url)),
    z.pipe(
      z.transform((value: string) => (value === '' ? undefined : value)),
      z.optional(z.string().check(z.refine(isWebhookUrl, { error: 'error_webhookNotHttps' }))),
    ),
  ),
);

/** The reminder webhook as Settings asks for it on its own: the address, or nothing. */
export const reminderWebhookSchema = z.object({ reminderWebhookUrl: optionalWebhookUrl });
