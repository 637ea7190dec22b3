/** `npm run server` (serve) in-process: its settings, what it refuses, and serving over http and https. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadServeConfig } from '../../server/config';
import { after, cli, startCli, TOKEN_PATTERN } from './cli-io';
import { emptyDatabase, freshDatabase } from './database';
import { setUpAgency, testApp } from './team';
import { pushClient, useVisitors } from './time-rules-world';

const DATABASE_URL = 'postgres://agency_desk@127.0.0.1:5432/agency_desk';

function configError(env: Record<string, string>): string {
  try {
    loadServeConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('no ConfigError');
}

describe('settings', () => {
  it('serves on 127.0.0.1:8787 by default, with the default limits', () => {
    expect(loadServeConfig({ DATABASE_URL })).toEqual({
      databaseUrl: DATABASE_URL,
      host: '127.0.0.1',
      port: 8787,
      trustProxy: false,
      bodyLimit: 16 * 1024 * 1024,
      rateLimitPerMinute: 600,
      logLevel: 'info',
      privateWebhookHosts: false,
    });
    expect(loadServeConfig({ DATABASE_URL, PRIVATE_WEBHOOKS: '1' }).privateWebhookHosts).toBe(true);
    expect(configError({ DATABASE_URL, PRIVATE_WEBHOOKS: 'yes' })).toContain('PRIVATE_WEBHOOKS must be 1 or 0');
  });

  it('refuses plain http on 0.0.0.0, and says how to run it behind a TLS proxy', () => {
    const message = configError({ DATABASE_URL, HOST: '0.0.0.0' });
    expect(message).toContain('HOST=0.0.0.0');
    expect(message).toContain('TLS_CERT');
    expect(message).toContain('TRUST_PROXY=1');
    expect(message).toContain('docs/SYNC.md');
    expect(configError({ DATABASE_URL, HOST: '::' })).toContain('plain http');
  });

  it('serves 0.0.0.0 behind a TLS proxy it trusts', () => {
    expect(loadServeConfig({ DATABASE_URL, HOST: '0.0.0.0', TRUST_PROXY: '1' })).toMatchObject({ trustProxy: true });
    expect(loadServeConfig({ DATABASE_URL, HOST: '10.0.0.2', TRUST_PROXY: '10.0.0.5, 10.0.1.0/24' })).toMatchObject({
      trustProxy: ['10.0.0.5', '10.0.1.0/24'],
    });
  });

  it.each([
    [{}, 'DATABASE_URL is not set'],
    [{ DATABASE_URL: 'mysql://x' }, 'must be a PostgreSQL connection string'],
    [{ DATABASE_URL, PORT: 'http' }, 'PORT must be a whole number from 0 to 65535 (it is "http")'],
    [{ DATABASE_URL, PORT: '70000' }, 'PORT must be a whole number'],
    [{ DATABASE_URL, BODY_LIMIT: '1mb' }, 'BODY_LIMIT must be a whole number'],
    [{ DATABASE_URL, RATE_LIMIT_PER_MINUTE: '0' }, 'RATE_LIMIT_PER_MINUTE must be a whole number from 1'],
    [{ DATABASE_URL, LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent'],
    [{ DATABASE_URL, TLS_CERT: '/tmp/cert.pem' }, 'Set both TLS_CERT and TLS_KEY'],
    [
      { DATABASE_URL, TLS_CERT: '/nonexistent/c.pem', TLS_KEY: '/nonexistent/k.pem' },
      'TLS_CERT names /nonexistent/c.pem, which cannot be read (ENOENT)',
    ],
    [{ DATABASE_URL, TRUST_PROXY: 'yes please' }, 'TRUST_PROXY must be 1'],
  ])('%j: %s', (env, message) => {
    expect(configError(env)).toContain(message);
  });

  it('exits 2 with the message before it listens', async () => {
    const run = await cli(['serve'], { DATABASE_URL, HOST: '0.0.0.0' });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('refuses to serve plain http on a non-loopback address');
  });
});

describe('serving', () => {
  it('migrates an empty database, serves /v1/me to a token init made, and stops cleanly', async () => {
    const env = { DATABASE_URL: await emptyDatabase(), PORT: '0', LOG_LEVEL: 'info' };
    const server = startCli(['serve'], env);
    const address = await server.listening();
    expect(address).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const init = await cli(
      ['init', '--agency', 'Served Co', '--pool', '10', '--owner-name', 'O', '--owner-email', 'o@example.com'],
      env,
    );
    const token = after(init.stdout, 'Token:', TOKEN_PATTERN);
    const response = await fetch(`${address}/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ agency: { name: 'Served Co' }, member: { role: 'owner' } });
    expect(await server.stop()).toBe(0);
    const lines = server.stdout.text
      .trim()
      .split('\n')
      .map((text) => JSON.parse(text));
    expect(lines.map((entry) => entry.msg)).toEqual(
      expect.arrayContaining(['migrations ran', 'shutting down', 'stopped']),
    );
    expect(server.stdout.text).not.toContain(token);
    await expect(fetch(`${address}/healthz`)).rejects.toThrow();
  });

  it('runs the time rules: a client at its quota is paused by the server, with no browser open', async () => {
    const database = await freshDatabase();
    const app = await testApp(database.db, Date.now);
    try {
      const team = await setUpAgency(database.db, 100);
      const orgId = await pushClient(app, team, 'Quota Reached Ltd', 10);
      await useVisitors(database.db, team.agencyId, Date.now(), orgId, 10);
      const status = async () =>
        (await database.db.query<{ status: string }>('SELECT status FROM clients WHERE org_id = $1', [orgId])).rows[0]
          ?.status;
      expect(await status()).toBe('active');
      const server = startCli(['serve'], { DATABASE_URL: database.url, PORT: '0' });
      await server.listening();
      for (let waited = 0; (await status()) !== 'paused' && waited < 15_000; waited += 100)
        await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await status()).toBe('paused');
      expect(await server.stop()).toBe(0);
      expect(server.stdout.text).toContain('time rules pass');
    } finally {
      await app.close();
      await database.close();
    }
  });

  const openssl = (() => {
    try {
      execFileSync('openssl', ['version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();

  it.skipIf(!openssl)('serves https itself with TLS_CERT and TLS_KEY, on any address', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'agency-desk-tls-'));
    const cert = join(dir, 'cert.pem');
    const key = join(dir, 'key.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
      ],
      { stdio: 'ignore' },
    );
    const env = { DATABASE_URL: await emptyDatabase(), PORT: '0', HOST: '0.0.0.0', TLS_CERT: cert, TLS_KEY: key };
    const server = startCli(['serve'], env);
    const address = await server.listening();
    expect(address).toMatch(/^https:\/\//);
    const port = new URL(address).port;
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/healthz', rejectUnauthorized: false }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(answer).toEqual({ status: 200, body: '{"ok":true}' });
    expect(await server.stop()).toBe(0);
  });
});
