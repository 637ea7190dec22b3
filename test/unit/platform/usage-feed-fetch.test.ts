// Reading a usage source: the request Agency Desk sends, and one clear failure for every way the
// answer can go wrong, without ever reading more than the limit or naming the token.
import { describe, expect, it, vi } from 'vitest';
import { t } from '../../../lib/i18n';
import { LIMITS } from '../../../lib/model/limits';
import type { FeedFailure } from '../../../lib/model/usage-feed';
import {
  createUsageFeedReader,
  type FeedReadResult,
  type UsageFeedReaderDeps,
  usageFeedReader,
} from '../../../lib/platform/usage-feed-fetch';
import { installFakePermissions } from '../fake-permissions';
import { expectKeyInCatalogues } from '../ops/helpers';

const URL_ = 'https://usage.example.com/feed.json';
const TOKEN = 's3cr3t-T0KEN.value';
const FEED = '{"generated_at":"2026-04-15T09:00:00Z","usage":[]}';

interface Call {
  url: string;
  init: RequestInit;
}

/** A fetch that answers with `respond` and keeps every request it was given. */
function fakeFetch(respond: (init: RequestInit) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fetch = vi.fn((input: RequestInfo | URL, init?: RequestInit) => {
    // The reader passes the address as a string; a Request or URL would be a change worth seeing.
    calls.push({ url: typeof input === 'string' ? input : 'not a string', init: init ?? {} });
    return Promise.resolve().then(() => respond(init ?? {}));
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls };
}

function reader(respond: (init: RequestInit) => Response | Promise<Response>, deps: UsageFeedReaderDeps = {}) {
  const fake = fakeFetch(respond);
  return {
    calls: fake.calls,
    reader: createUsageFeedReader({ hasPermission: async () => true, fetch: fake.fetch, ...deps }),
  };
}

/** A body of `chunk`-byte pieces that never ends, counting how many pieces were asked for. */
function endlessBody(chunk: number) {
  const seen = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      seen.pulled += 1;
      controller.enqueue(new Uint8Array(chunk).fill(0x61));
    },
    cancel() {
      seen.cancelled = true;
    },
  });
  return { stream, seen };
}

function refused(result: FeedReadResult): FeedFailure {
  if (result.ok) throw new Error(`expected a failure, got ${result.text.length} characters`);
  expectKeyInCatalogues(result.failure.key);
  for (const locale of ['en', 'ja'] as const) {
    const message = t(result.failure.key, result.failure.params, locale);
    expect(message).not.toMatch(/\$[A-Z_]+\$/);
    expect(message).not.toContain(TOKEN);
  }
  expect(JSON.stringify(result.failure)).not.toContain(TOKEN);
  return result.failure;
}

const headerOf = (call: Call | undefined, name: string) => new Headers(call?.init.headers).get(name);

describe('reading a usage source', () => {
  it('gets the answer as text with its content type, asking without cookies, cache or redirects', async () => {
    const { reader: feed, calls } = reader(
      () => new Response(FEED, { headers: { 'content-type': 'application/json; charset=utf-8' } }),
    );
    expect(await feed.read(URL_, undefined)).toEqual({
      ok: true,
      text: FEED,
      contentType: 'application/json; charset=utf-8',
    });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toBe(URL_);
    expect(calls[0]?.init).toMatchObject({
      method: 'GET',
      credentials: 'omit',
      cache: 'no-store',
      redirect: 'manual',
    });
    expect(calls[0]?.init.signal).toBeInstanceOf(AbortSignal);
    expect(headerOf(calls[0], 'accept')).toBe('application/json, text/csv;q=0.9');
  });

  it('sends the token as a Bearer header only when there is one', async () => {
    const { reader: feed, calls } = reader(() => new Response('org_id,used_visitors\n'));
    await feed.read(URL_, TOKEN);
    await feed.read(URL_, undefined);
    await feed.read(URL_, '   ');
    await feed.read(URL_, `  ${TOKEN}\n`);
    expect(calls.map((call) => headerOf(call, 'authorization'))).toEqual([
      `Bearer ${TOKEN}`,
      null,
      null,
      `Bearer ${TOKEN}`,
    ]);
  });

  it('leaves the content type out when the answer has none', async () => {
    const { reader: feed } = reader(() => {
      const response = new Response(new Blob([new TextEncoder().encode('org_id,used_visitors\n')]));
      response.headers.delete('content-type');
      return response;
    });
    const result = await feed.read(URL_, undefined);
    expect(result).toEqual({ ok: true, text: 'org_id,used_visitors\n' });
  });

  it('reads plain http only from this computer', async () => {
    const { reader: feed, calls } = reader(() => new Response(FEED));
    for (const url of ['http://127.0.0.1:8787/usage', 'http://localhost/usage.csv']) {
      expect((await feed.read(url, undefined)).ok).toBe(true);
    }
    for (const url of [
      'http://usage.example.com/feed',
      'ftp://usage.example.com/feed',
      'https://user:pass@usage.example.com/feed',
      'usage.example.com/feed',
      '',
    ]) {
      expect(refused(await feed.read(url, undefined)).key).toBe('usageFeed_addressNotAllowed');
    }
    expect(calls).toHaveLength(2);
  });

  it('refuses a token that could not go into a header, without asking', async () => {
    const { reader: feed, calls } = reader(() => new Response(FEED));
    for (const token of ['two words', 'line\nbreak', 'トークン']) {
      expect(refused(await feed.read(URL_, token)).key).toBe('usageFeed_tokenInvalid');
    }
    expect(calls).toHaveLength(0);
  });

  it('asks for nothing without the host permission, and says to save the source again', async () => {
    const asked: string[] = [];
    const { reader: feed, calls } = reader(() => new Response(FEED), {
      hasPermission: async (url) => {
        asked.push(url);
        return false;
      },
    });
    const failure = refused(await feed.read(URL_, TOKEN));
    expect(failure).toEqual({ key: 'usageFeed_noPermission', params: { host: 'usage.example.com' } });
    expect(t(failure.key, failure.params, 'en')).toContain('Save the usage source again');
    expect(asked).toEqual([URL_]);
    expect(calls).toHaveLength(0);
  });

  it('treats a permission check that fails as no permission', async () => {
    const { reader: feed } = reader(() => new Response(FEED), {
      hasPermission: () => Promise.reject(new Error('no permissions API')),
    });
    expect(refused(await feed.read(URL_, undefined)).key).toBe('usageFeed_noPermission');
  });
});

describe('an answer that is refused', () => {
  it.each([301, 302, 303, 307, 308])('refuses a %i redirect, asking for the address it leads to', async (status) => {
    const { reader: feed } = reader(
      () => new Response(null, { status, headers: { location: 'https://elsewhere.example.com/' } }),
    );
    const failure = refused(await feed.read(URL_, TOKEN));
    expect(failure.key).toBe('usageFeed_redirected');
    expect(t(failure.key, failure.params, 'en')).toContain('Enter the address it leads to');
  });

  it("refuses the browser's opaque answer to a redirect", async () => {
    const opaque = {
      type: 'opaqueredirect',
      status: 0,
      ok: false,
      headers: new Headers(),
      body: null,
    } as unknown as Response;
    const { reader: feed } = reader(() => opaque);
    expect(refused(await feed.read(URL_, undefined)).key).toBe('usageFeed_redirected');
  });

  it.each([401, 403])('says a %i refused the token, or that one is needed when none was sent', async (status) => {
    const { reader: feed } = reader(() => new Response('denied', { status }));
    expect(refused(await feed.read(URL_, TOKEN))).toEqual({ key: 'usageFeed_tokenRefused', params: { status } });
    expect(refused(await feed.read(URL_, undefined))).toEqual({ key: 'usageFeed_tokenNeeded', params: { status } });
  });

  it.each([404, 500, 503])('names the HTTP status %i', async (status) => {
    const { reader: feed } = reader(() => new Response('<html>Error</html>', { status }));
    const failure = refused(await feed.read(URL_, TOKEN));
    expect(failure).toEqual({ key: 'usageFeed_httpStatus', params: { status } });
    expect(t(failure.key, failure.params, 'en')).toContain(String(status));
  });

  it('says the source could not be reached on a network error, without repeating the error', async () => {
    const { reader: feed } = reader(() => Promise.reject(new TypeError(`Failed to fetch ${URL_} Bearer ${TOKEN}`)));
    expect(refused(await feed.read(URL_, TOKEN))).toEqual({
      key: 'usageFeed_networkError',
      params: { host: 'usage.example.com' },
    });
  });

  it('gives up on a fetch that never answers, even one that ignores the abort', async () => {
    const signals: AbortSignal[] = [];
    const { reader: feed } = reader(
      (init) => {
        if (init.signal) signals.push(init.signal);
        return new Promise<Response>(() => undefined);
      },
      { timeoutMs: 30 },
    );
    const failure = refused(await feed.read(URL_, undefined));
    expect(failure).toEqual({ key: 'usageFeed_timeout', params: { seconds: 0.03 } });
    expect(signals[0]?.aborted).toBe(true);
  });

  it('gives up on a fetch that rejects when aborted, as a browser does', async () => {
    const { reader: feed } = reader(
      (init) =>
        new Promise<Response>((_, reject) =>
          init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
        ),
      { timeoutMs: 30 },
    );
    expect(refused(await feed.read(URL_, undefined)).key).toBe('usageFeed_timeout');
  });

  it('gives up on an answer whose body stops coming', async () => {
    const seen = { cancelled: false };
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('org_id,used_visitors\n'));
      },
      cancel() {
        seen.cancelled = true;
      },
    });
    const { reader: feed } = reader(() => new Response(stream), { timeoutMs: 30 });
    expect(refused(await feed.read(URL_, undefined)).key).toBe('usageFeed_timeout');
    expect(seen.cancelled).toBe(true);
  });

  it('times out after 30 seconds by default', async () => {
    vi.useFakeTimers();
    try {
      const { reader: feed } = reader(() => new Promise<Response>(() => undefined));
      const reading = feed.read(URL_, undefined);
      await vi.advanceTimersByTimeAsync(29_999);
      let settled = false;
      void reading.then(() => (settled = true));
      await vi.advanceTimersByTimeAsync(0);
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(refused(await reading)).toEqual({ key: 'usageFeed_timeout', params: { seconds: 30 } });
    } finally {
      vi.useRealTimers();
    }
  });

  it('refuses an answer that announces more than the limit, without reading its body', async () => {
    const body = endlessBody(1024);
    const { reader: feed } = reader(
      () => new Response(body.stream, { headers: { 'content-length': String(LIMITS.usageFeedMaxBytes + 1) } }),
    );
    const failure = refused(await feed.read(URL_, undefined));
    expect(failure).toEqual({ key: 'usageFeed_tooLarge', params: { max: 10 } });
    expect(t(failure.key, failure.params, 'en')).toContain('10 MB');
    // A stream fills its queue with one piece on its own before anyone reads; nothing more was asked for.
    expect(body.seen.pulled).toBeLessThanOrEqual(1);
    expect(body.seen.cancelled).toBe(true);
  });

  it('stops reading a body without a length as soon as it passes the limit', async () => {
    const body = endlessBody(1024);
    const { reader: feed } = reader(() => new Response(body.stream), { maxBytes: 10 * 1024 });
    expect(refused(await feed.read(URL_, undefined)).key).toBe('usageFeed_tooLarge');
    expect(body.seen.pulled).toBeLessThanOrEqual(13);
    expect(body.seen.cancelled).toBe(true);
  });

  it('stops reading a body that is longer than its announced length', async () => {
    const body = endlessBody(1024);
    const { reader: feed } = reader(() => new Response(body.stream, { headers: { 'content-length': '100' } }), {
      maxBytes: 4096,
    });
    expect(refused(await feed.read(URL_, undefined)).key).toBe('usageFeed_tooLarge');
    expect(body.seen.cancelled).toBe(true);
  });

  it('reads a body of exactly the limit', async () => {
    const { reader: feed } = reader(() => new Response('a'.repeat(4096)), { maxBytes: 4096 });
    const result = await feed.read(URL_, undefined);
    expect(result.ok && result.text.length).toBe(4096);
  });
});

describe('the text of an answer', () => {
  it('decodes UTF-8 split across pieces, drops a byte order mark, and replaces broken bytes', async () => {
    const bytes = new TextEncoder().encode('\uFEFForg_id,used_visitors,name\nORG-7K2M9QXD,5,山田\n');
    const pieces = [bytes.slice(0, 40), bytes.slice(40, 51), bytes.slice(51), Uint8Array.from([0xff, 0x0a])];
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const piece of pieces) controller.enqueue(piece);
        controller.close();
      },
    });
    const { reader: feed } = reader(() => new Response(stream, { headers: { 'content-type': 'text/csv' } }));
    expect(await feed.read(URL_, undefined)).toEqual({
      ok: true,
      text: 'org_id,used_visitors,name\nORG-7K2M9QXD,5,山田\n\uFFFD\n',
      contentType: 'text/csv',
    });
  });

  it('is empty for an answer without a body', async () => {
    const { reader: feed } = reader(() => new Response(null, { status: 204 }));
    expect(await feed.read(URL_, undefined)).toMatchObject({ ok: true, text: '' });
  });
});

describe('the reader the extension uses', () => {
  it('asks the browser for the host permission and reads with the global fetch', async () => {
    const permissions = installFakePermissions();
    const fetch = vi.fn(() => Promise.resolve(new Response(FEED, { headers: { 'content-type': 'application/json' } })));
    vi.stubGlobal('fetch', fetch);
    try {
      expect(refused(await usageFeedReader.read(URL_, TOKEN)).key).toBe('usageFeed_noPermission');
      expect(fetch).not.toHaveBeenCalled();
      permissions.grant('https://usage.example.com/*');
      expect(await usageFeedReader.read(URL_, TOKEN)).toMatchObject({ ok: true, text: FEED });
      expect(fetch).toHaveBeenCalledTimes(1);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
