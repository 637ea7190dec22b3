import { optionalCheckedText } from './fields';
import { isSecureOrLoopbackUrl } from './http-url';
import { LIMITS } from './limits';

/**
 * Where reminders may be posted: https anywhere, or plain http on 127.0.0.1 only, for a relay
 * running on the agency's own computer (loopback traffic never leaves the machine).
 */
export function isWebhookUrl(value: string): boolean {
  return isSecureOrLoopbackUrl(value, ['127.0.0.1']);
}

/** An optional reminder webhook; an empty string means "none" and is stored as absent. */
export const optionalWebhookUrl = optionalCheckedText(LIMITS.url, isWebhookUrl, 'error_webhookNotHttps');
