import { LIMITS } from '../model/limits';
import { type FeedFailure, isUsageFeedToken, isUsageFeedUrl, USAGE_FEED_TIMEOUT_MS } from '../model/usage-feed';
import { hasOriginPermission } from './permissions';

export type FeedReadResult = { ok: true; text: string; contentType?: string } | { ok: false; failure: FeedFailure };

export interface UsageFeedReader {
  /** Reads the source's answer as text; `token`, when given, is sent as `Authorization: Bearer <token>`. */
  read(url: string, token: string | undefined): Promise<FeedReadResult>;
}

export interface UsageFeedReaderDeps {
  fetch?: typeof fetch;
  /** Whether the extension may read from the address's host (the agency granted it when it saved the source). */
  hasPermission?: (url: string) => Promise<boolean>;
  /** From the request to the answer's last byte. */
  timeoutMs?: number;
  maxBytes?: number;
}

function failure(key: FeedFailure['key'], params: FeedFailure['params'] = {}): FeedReadResult {
  return { ok: false, failure: { key, params } };
}

/** Thrown inside a reading when its time is up, so that a slow answer is told from a broken one. */
class TimedOut extends Error {}

/** Thrown inside a reading when the answer grows past the limit. */
class TooLarge extends Error {}

/** Settles with `work`, or rejects with TimedOut once `signal` aborts, even if `work` never notices it. */
function beforeDeadline<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new TimedOut());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new TimedOut());
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** Lets go of an answer's body that will not be read; a body already gone or broken needs nothing more. */
function discard(response: Response): void {
  response.body?.cancel().catch(() => undefined);
}

/**
 * Reads the body as UTF-8 (a broken sequence becomes U+FFFD: the parser then finds the bad
 * value), counting bytes as they come and giving up as soon as there are more than `maxBytes`,
 * so that an answer that lied about its length or sent none is never read whole.
 */
async function readBody(response: Response, maxBytes: number, signal: AbortSignal): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder('utf-8');
  let bytes = 0;
  let text = '';
  try {
    for (;;) {
      const { done, value } = await beforeDeadline(reader.read(), signal);
      if (done) break;
      bytes += value.byteLength;
      if (bytes > maxBytes) throw new TooLarge();
      text += decoder.decode(value, { stream: true });
    }
  } catch (error) {
    reader.cancel().catch(() => undefined);
    throw error;
  }
  return text + decoder.decode();
}

/** The size the answer announces, when it announces one. */
function declaredLength(response: Response): number | undefined {
  const header = response.headers.get('content-length');
  if (header === null || !/^\s*\d+\s*$/.test(header)) return undefined;
  return Number(header);
}

function statusFailure(status: number, withToken: boolean): FeedReadResult {
  if (status === 401 || status === 403)
    return failure(withToken ? 'usageFeed_tokenRefused' : 'usageFeed_tokenNeeded', { status });
  return failure('usageFeed_httpStatus', { status });
}

/**
 * Reads a usage source with fetch from the extension, with the host permission the agency gave
 * when it saved the source. Sends no cookies and follows no redirect: a source that moved must
 * be entered again, so that usage is never read from an address the agency did not choose. The
 * token goes only into the Authorization header: no message and no log names it.
 */
export function createUsageFeedReader(deps: UsageFeedReaderDeps = {}): UsageFeedReader {
  // The global is looked up at each reading, not kept, so that it is whatever fetch is then.
  const doFetch: typeof fetch = deps.fetch ?? ((input, init) => fetch(input, init));
  const hasPermission = deps.hasPermission ?? hasOriginPermission;
  const timeoutMs = deps.timeoutMs ?? USAGE_FEED_TIMEOUT_MS;
  const maxBytes = deps.maxBytes ?? LIMITS.usageFeedMaxBytes;
  const tooLarge = () => failure('usageFeed_tooLarge', { max: maxBytes / (1024 * 1024) });

  return {
    async read(url, token) {
      if (!isUsageFeedUrl(url)) return failure('usageFeed_addressNotAllowed');
      const bearer = token?.trim() || undefined;
      if (bearer !== undefined && !isUsageFeedToken(bearer)) return failure('usageFeed_tokenInvalid');
      const host = new URL(url).host;
      const permitted = await hasPermission(url).catch(() => false);
      if (!permitted) return failure('usageFeed_noPermission', { host });

      const headers: Record<string, string> = { Accept: 'application/json, text/csv;q=0.9' };
      if (bearer !== undefined) headers.Authorization = `Bearer ${bearer}`;
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), timeoutMs);
      try {
        const response = await beforeDeadline(
          doFetch(url, {
            method: 'GET',
            headers,
            credentials: 'omit',
            cache: 'no-store',
            redirect: 'manual',
            signal: controller.signal,
          }),
          controller.signal,
        );
        // With redirect 'manual' a browser hands back an opaque response (status 0); other fetches, the 3xx itself.
        if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
          discard(response);
          return failure('usageFeed_redirected');
        }
        if (!response.ok) {
          discard(response);
          return statusFailure(response.status, bearer !== undefined);
        }
        const length = declaredLength(response);
        if (length !== undefined && length > maxBytes) {
          discard(response);
          return tooLarge();
        }
        const text = await readBody(response, maxBytes, controller.signal);
        const contentType = response.headers.get('content-type') ?? undefined;
        return contentType === undefined ? { ok: true, text } : { ok: true, text, contentType };
      } catch (error) {
        if (error instanceof TooLarge) return tooLarge();
        if (error instanceof TimedOut || controller.signal.aborted)
          return failure('usageFeed_timeout', { seconds: timeoutMs / 1000 });
        // The error's text is never shown: it could repeat the request, and with it the token.
        return failure('usageFeed_networkError', { host });
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

export const usageFeedReader: UsageFeedReader = createUsageFeedReader();
