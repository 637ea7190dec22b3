// The sync server's client: what it sends, and one message for every way an answer can go wrong,
// never with the token in it.
import { describe, expect, it } from 'vitest';
import { type AppError, isAppError } from '../../../lib/model/errors';
import { createTeamServer, type TeamServerDeps } from '../../../lib/platform/team-server';
import { expectKeyInCatalogues } from '../ops/helpers';

const BASE = 'https://sync.example.com';
const TOKEN = 'adt_s3cr3t-T0KEN_value';
const ME = {
  agency: { id: 'a1', name: 'Northwind Digital' },
  member: { id: 'm1', name: 'Max Manager', role: 'manager' },
  version: 3,
};

interface Call {
  url: string;
  init: RequestInit;
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

function client(respond: (call: Call) => Response | Promise<Response>, deps: TeamServerDeps = {}) {
  const calls: Call[] = [];
  const fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    // The client passes the address as a string; a Request or URL would be a change worth seeing.
    const call = { url: typeof input === 'string' ? input : 'not a string', init: init ?? {} };
    calls.push(call);
    return Promise.resolve().then(() => respond(call));
  };
  return { calls, server: createTeamServer({ hasPermission: async () => true, fetch, ...deps }) };
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) {
      expect(JSON.stringify({ ...error, message: error.message })).not.toContain(TOKEN);
      expectKeyInCatalogues(error.key);
      return error;
    }
    throw error;
  }
  throw new Error('expected a failure');
}

describe('the sync server client', () => {
  it('asks /v1/me with the token in the Authorization header only, and checks the answer', async () => {
    const { calls, server } = client(() => json(200, ME));
    expect(await server.me(`${BASE}/`, TOKEN)).toEqual(ME);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toBe(`${BASE}/v1/me`);
    expect(calls[0]?.init.headers).toMatchObject({ Authorization: `Bearer ${TOKEN}` });
    expect(calls[0]?.init.credentials).toBe('omit');
    expect(calls[0]?.init.signal).toBeInstanceOf(AbortSignal);
  });

  it('pushes the body as JSON and pulls from a version', async () => {
    const { calls, server } = client((call) =>
      call.url.endsWith('/v1/push')
        ? json(200, { results: [{ id: 'c-12345678', status: 'accepted', version: 4 }] })
        : json(200, { rows: [], next: 4, more: false, version: 4 }),
    );
    const body = { deviceId: 'd-12345678', changes: [{ id: 'c-12345678', name: 'client.delete' as const, args: {} }] };
    expect(await server.push(BASE, TOKEN, body)).toEqual([{ id: 'c-12345678', status: 'accepted', version: 4 }]);
    expect(calls[0]?.init).toMatchObject({ method: 'POST', body: JSON.stringify(body) });
    expect(await server.pull(BASE, TOKEN, 3)).toEqual({ rows: [], next: 4, more: false, version: 4 });
    expect(calls[1]?.url).toBe(`${BASE}/v1/pull?since=3`);
  });

  it('refuses an address that would send the token in clear text, before any request', async () => {
    const { calls, server } = client(() => json(200, ME));
    for (const url of ['http://sync.example.com', 'ftp://sync.example.com', 'https://user:pw@sync.example.com', 'sync'])
      expect((await failure(server.me(url, TOKEN))).key).toBe('team_error_serverUrlInvalid');
    expect(calls).toEqual([]);
    // This computer's own server, as `npm run server:dev` serves it, is fine over http.
    expect(await server.me('http://127.0.0.1:8787', TOKEN)).toEqual(ME);
    expect(await server.me('http://localhost:8787', TOKEN)).toEqual(ME);
  });

  it('says when the host permission for the server is missing', async () => {
    const { calls, server } = client(() => json(200, ME), { hasPermission: async () => false });
    const error = await failure(server.me(BASE, TOKEN));
    expect([error.key, error.params]).toEqual(['team_error_noAccess', { host: 'sync.example.com' }]);
    expect(calls).toEqual([]);
  });

  it('says the server could not be reached when the network fails or the answer takes too long', async () => {
    const down = client(() => Promise.reject(new TypeError(`fetch failed for Bearer ${TOKEN}`)));
    expect(await failure(down.server.me(BASE, TOKEN))).toMatchObject({
      key: 'team_error_unreachable',
      params: { host: 'sync.example.com' },
    });
    const slow = client(
      (call) =>
        new Promise<Response>((_resolve, reject) =>
          call.init.signal?.addEventListener('abort', () => reject(new DOMException('timed out', 'TimeoutError'))),
        ),
      { timeoutMs: 20 },
    );
    expect((await failure(slow.server.pull(BASE, TOKEN, 0))).key).toBe('team_error_unreachable');
  });

  it("answers with the server's own message key and parameters", async () => {
    const cases: [number, unknown, string, string][] = [
      [401, { error: { key: 'sync_error_unauthorized' } }, 'sync_error_unauthorized', 'rule'],
      [429, { error: { key: 'sync_error_rateLimited', params: { seconds: 12 } } }, 'sync_error_rateLimited', 'rule'],
      [413, { error: { key: 'sync_error_tooLarge', params: {} } }, 'sync_error_tooLarge', 'validation'],
      [500, { error: { key: 'sync_error_unexpected', params: {} } }, 'sync_error_unexpected', 'unexpected'],
    ];
    for (const [status, body, key, code] of cases) {
      const { server } = client(() => json(status, body));
      const error = await failure(server.me(BASE, TOKEN));
      expect([error.key, error.code]).toEqual([key, code]);
      if (status === 429) expect(error.params).toEqual({ seconds: 12 });
    }
  });

  it('treats a 5xx without the protocol body (a proxy, a server shutting down) as a failure to try again later', async () => {
    const { server } = client(() => new Response('Service Unavailable', { status: 503 }));
    expect(await failure(server.me(BASE, TOKEN))).toMatchObject({ key: 'sync_error_unexpected', code: 'unexpected' });
  });

  it('says when what answered is not a sync server: not JSON, the wrong shape, a redirect, results that do not match', async () => {
    const answers = [
      () => new Response('<html>hello</html>', { status: 200 }),
      () => json(200, { agency: 'Northwind' }),
      () => new Response(null, { status: 302, headers: { location: 'https://elsewhere.example.com' } }),
      () => new Response('Not Found', { status: 404 }),
    ];
    for (const answer of answers) {
      const { server } = client(answer);
      expect((await failure(server.me(BASE, TOKEN))).key).toBe('team_error_badAnswer');
    }
    const { server } = client(() => json(200, { results: [{ id: 'c-other-999', status: 'accepted', version: 1 }] }));
    const body = { deviceId: 'd-12345678', changes: [{ id: 'c-12345678', name: 'client.delete' as const, args: {} }] };
    expect((await failure(server.push(BASE, TOKEN, body))).key).toBe('team_error_badAnswer');
  });
});
