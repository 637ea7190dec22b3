/** How one post of a webhook went: http_<status>, network or timeout, as the extension records it (lib/rules/webhook.ts). */
export type WebhookResult = string;

export type Fetch = typeof fetch;

const TIMEOUT_MS = 10_000;

/**
 * Posts JSON as the extension's sender does (lib/platform/webhook.ts): nothing but the body,
 * no redirects followed, given up after 10 seconds. The server needs no host permission, so
 * `no_permission` never comes from here.
 */
export async function postWebhook(fetchFn: Fetch, url: string, body: unknown): Promise<WebhookResult> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  try {
    const response = await fetchFn(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      redirect: 'error',
      signal: controller.signal,
    });
    // The answer's body is not read; dropping it frees the connection.
    await response.body?.cancel().catch(() => undefined);
    return `http_${response.status}`;
  } catch {
    return controller.signal.aborted ? 'timeout' : 'network';
  } finally {
    clearTimeout(timer);
  }
}
