import { hasOriginPermission } from './permissions';

/** How one post went: http_<status>, network, timeout or no_permission (see lib/rules/webhook.ts). */
export type WebhookResult = string;

export interface WebhookSender {
  post(url: string, body: unknown): Promise<WebhookResult>;
}

const TIMEOUT_MS = 10_000;

/**
 * Posts JSON with fetch from the extension, which needs the host permission the agency gave
 * when it set the webhook. Nothing but the body is sent: no cookies, no redirects to follow.
 */
export const fetchWebhookSender: WebhookSender = {
  async post(url, body) {
    if (!(await hasOriginPermission(url))) return 'no_permission';
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        credentials: 'omit',
        redirect: 'error',
        cache: 'no-store',
        signal: controller.signal,
      });
      return `http_${response.status}`;
    } catch {
      return controller.signal.aborted ? 'timeout' : 'network';
    } finally {
      clearTimeout(timer);
    }
  },
};
