/** What the app does at its door: https only from afar, the body limit, the rate limit, and what it logs. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/http/app';
import { logSafeError } from '../../server/http/log-safe-error';
import { collector } from './cli-io';
import { freshDatabase } from './database';
import { createChange, NOW, push, setUpAgency, type TestAgency } from './team';

let database: Awaited<ReturnType<typeof freshDatabase>>;
let team: TestAgency;
const apps: FastifyInstance[] = [];

async function app(options: Omit<Parameters<typeof buildApp>[0], 'db'> = {}) {
  const built = await buildApp({ db: database.db, clock: () => NOW, ...options });
  apps.push(built);
  return built;
}

beforeAll(async () => {
  database = await freshDatabase();
  team = await setUpAgency(database.db, 100);
});
afterAll(async () => {
  await Promise.all(apps.map((built) => built.close()));
  await database.close();
});

function me(
  server: FastifyInstance,
  token: string,
  extra: { remoteAddress?: string; headers?: Record<string, string> } = {},
) {
  return server.inject({
    method: 'GET',
    url: '/v1/me',
    headers: { authorization: `Bearer ${token}`, ...extra.headers },
    ...(extra.remoteAddress ? { remoteAddress: extra.remoteAddress } : {}),
  });
}

async function agencyState() {
  const { rows } = await database.db.query<{ version: number; clients: number }>(
    'SELECT version, (SELECT count(*)::int FROM clients WHERE agency_id = $1) AS clients FROM agencies WHERE id = $1',
    [team.agencyId],
  );
  return rows[0];
}

describe('https from other machines', () => {
  it('answers plain http from another address with sync_error_httpsRequired', async () => {
    const response = await me(await app(), team.owner, { remoteAddress: '203.0.113.7' });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toEqual({ error: { key: 'sync_error_httpsRequired', params: {} } });
  });

  it('serves plain http from this machine', async () => {
    expect((await me(await app(), team.owner, { remoteAddress: '::ffff:127.0.0.1' })).statusCode).toBe(200);
  });

  it("behind a trusted TLS proxy, takes the proxy's word that the request came over https", async () => {
    const proxied = await app({ trustProxy: true });
    const viaTls = await me(proxied, team.owner, {
      remoteAddress: '10.0.0.5',
      headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '198.51.100.20' },
    });
    expect(viaTls.statusCode).toBe(200);
    expect(viaTls.json()).toMatchObject({ member: { role: 'owner' } });
    const viaHttp = await me(proxied, team.owner, {
      remoteAddress: '10.0.0.5',
      headers: { 'x-forwarded-proto': 'http' },
    });
    expect(viaHttp.statusCode).toBe(403);
  });

  it('trusts the header only from the proxies it is told of', async () => {
    const proxied = await app({ trustProxy: ['10.0.0.5'] });
    const headers = { 'x-forwarded-proto': 'https' };
    expect((await me(proxied, team.owner, { remoteAddress: '10.0.0.5', headers })).statusCode).toBe(200);
    expect((await me(proxied, team.owner, { remoteAddress: '203.0.113.7', headers })).statusCode).toBe(403);
  });

  it('answers a health check from a load balancer over plain http', async () => {
    const response = await (await app()).inject({ method: 'GET', url: '/healthz', remoteAddress: '10.0.0.9' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ ok: true });
  });
});

describe('the body limit', () => {
  it('refuses a push over the limit with sync_error_tooLarge and writes nothing', async () => {
    const limited = await app({ bodyLimit: 2048 });
    const before = await agencyState();
    const changes = Array.from({ length: 20 }, (_, i) => createChange(`Client number ${i} with a long enough name`, 1));
    const response = await limited.inject({
      method: 'POST',
      url: '/v1/push',
      headers: { authorization: `Bearer ${team.manager}` },
      payload: { deviceId: 'device-test-1', changes },
    });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toEqual({ error: { key: 'sync_error_tooLarge', params: {} } });
    expect(await agencyState()).toEqual(before);
    // The same push in two halves fits.
    expect(await push(limited, team.manager, changes.slice(0, 2))).toHaveLength(2);
  });
});

describe('the rate limit', () => {
  it('answers sync_error_rateLimited past the limit, per token: another token is still served', async () => {
    const limited = await app({ rateLimitPerMinute: 3 });
    for (let i = 0; i < 3; i += 1) expect((await me(limited, team.manager)).statusCode).toBe(200);
    const refused = await me(limited, team.manager);
    expect(refused.statusCode).toBe(429);
    const body = refused.json();
    expect(body).toEqual({ error: { key: 'sync_error_rateLimited', params: { seconds: expect.any(Number) } } });
    expect(body.error.params.seconds).toBeGreaterThan(0);
    expect(body.error.params.seconds).toBeLessThanOrEqual(60);
    expect(refused.headers['retry-after']).toBeDefined();
    expect((await me(limited, team.viewer)).statusCode).toBe(200);
  });
});

describe('the log', () => {
  it("records a push with its counts and without the token or anybody's e-mail", async () => {
    const log = collector();
    const logged = await app({ logger: { level: 'info', stream: log } });
    const create = createChange('Logged Ltd', 3);
    const [result] = await push(logged, team.manager, [create]);
    expect(result).toMatchObject({ status: 'accepted' });
    const lines = log.text
      .trim()
      .split('\n')
      .map((text) => JSON.parse(text));
    expect(lines.find((entry) => entry.msg === 'push')).toMatchObject({
      agency: team.agencyId,
      changes: 1,
      accepted: 1,
      refused: 0,
    });
    expect(log.text).not.toContain(team.manager);
    expect(log.text).not.toContain(team.manager.slice(4));
    // The change carried the client's contact e-mail (ana@example.com); the team's are …@example.com too.
    expect(log.text).not.toContain('@example.com');
    expect(log.text).not.toContain('Logged Ltd');
  });

  it("writes a database error without the row's values PostgreSQL puts in it", async () => {
    const failed = await database.db
      .query(
        "INSERT INTO members (agency_id, name, email, role, token_hash) VALUES ($1, 'Eve', 'eve@example.com', 'admin', '\\x00')",
        [team.agencyId],
      )
      .catch((error: unknown) => error as Error & { detail?: string });
    expect(failed).toBeInstanceOf(Error);
    // PostgreSQL's own error names the row's contents …
    expect((failed as { detail?: string }).detail).toContain('eve@example.com');
    // … the logged one keeps what names the failure only.
    const written = JSON.stringify(logSafeError(failed));
    expect(written).not.toContain('eve@example.com');
    expect(logSafeError(failed)).toMatchObject({
      code: '23514',
      table: 'members',
      message: expect.stringContaining('members'),
    });
  });
});
