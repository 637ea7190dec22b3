/**
 * The server's settings, read from the environment (`npm run server`), each checked with a
 * message that says what to set. The one refusal that is not about a malformed value: plain
 * http on an address other machines can reach, since tokens would then cross the network in
 * clear text.
 */
import { readFileSync } from 'node:fs';
import { isLoopback } from './http/loopback';

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 8787;
// Big enough for a browser's whole roster uploaded as one import when it first connects
// (10,000 clients are about 5.5 MB of JSON); the app's own default (server/http/app.ts).
export const DEFAULT_BODY_LIMIT = 16 * 1024 * 1024;
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 600;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** A setting that is missing or malformed: its message names the variable and what it takes. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export interface ServeConfig {
  databaseUrl: string;
  host: string;
  port: number;
  /** The certificate and key the server serves https with itself (TLS_CERT, TLS_KEY). */
  tls?: { cert: Buffer; key: Buffer };
  /** TRUST_PROXY: true for any hop, or the proxies' addresses (Fastify's trustProxy). */
  trustProxy: boolean | string[];
  bodyLimit: number;
  rateLimitPerMinute: number;
  logLevel: LogLevel;
  /** PRIVATE_WEBHOOKS=1: post reminder webhooks to loopback and private addresses too (server/time-rules/webhook-host.ts). */
  privateWebhookHosts: boolean;
}

export type Env = Readonly<Record<string, string | undefined>>;

function setting(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

export function loadDatabaseUrl(env: Env): string {
  const url = setting(env, 'DATABASE_URL');
  if (url === undefined)
    throw new ConfigError(
      'DATABASE_URL is not set. Set it to the PostgreSQL database the server keeps its data in, e.g. ' +
        'DATABASE_URL=postgres://agency_desk@127.0.0.1:5432/agency_desk npm run server ' +
        '(or try it without one: npm run server:dev).',
    );
  if (!/^postgres(ql)?:\/\//.test(url))
    throw new ConfigError('DATABASE_URL must be a PostgreSQL connection string starting with postgres://.');
  return url;
}

function wholeNumber(env: Env, name: string, fallback: number, min: number, max: number): number {
  const text = setting(env, name);
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max)
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max} (it is "${text}").`);
  return value;
}

function readPem(env: Env, name: string): Buffer {
  const path = setting(env, name) ?? '';
  try {
    return readFileSync(path);
  } catch (error) {
    const reason = (error as { code?: string }).code ?? String(error);
    throw new ConfigError(`${name} names ${path}, which cannot be read (${reason}).`);
  }
}

function loadTls(env: Env): ServeConfig['tls'] {
  const cert = setting(env, 'TLS_CERT');
  const key = setting(env, 'TLS_KEY');
  if (cert === undefined && key === undefined) return undefined;
  if (cert === undefined || key === undefined)
    throw new ConfigError('Set both TLS_CERT and TLS_KEY (paths to PEM files) to serve https, or neither.');
  return { cert: readPem(env, 'TLS_CERT'), key: readPem(env, 'TLS_KEY') };
}

/** TRUST_PROXY=1 trusts any proxy in front; a comma-separated list trusts only those addresses or ranges. */
function loadTrustProxy(env: Env): boolean | string[] {
  const text = setting(env, 'TRUST_PROXY');
  if (text === undefined || text === '0' || text === 'false') return false;
  if (text === '1' || text === 'true') return true;
  const addresses = text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  if (addresses.some((address) => !/^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(address)))
    throw new ConfigError(
      `TRUST_PROXY must be 1, or the proxies' addresses (e.g. 10.0.0.5,10.0.1.0/24); it is "${text}".`,
    );
  return addresses;
}

function loadFlag(env: Env, name: string): boolean {
  const text = setting(env, name);
  if (text === undefined || text === '0' || text === 'false') return false;
  if (text === '1' || text === 'true') return true;
  throw new ConfigError(`${name} must be 1 or 0 (it is "${text}").`);
}

export function loadLogLevel(env: Env): LogLevel {
  const text = setting(env, 'LOG_LEVEL') ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(text))
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (it is "${text}").`);
  return text as LogLevel;
}

export const PLAIN_HTTP_REFUSAL =
  'refuses to serve plain http on a non-loopback address: tokens would cross the network unencrypted. ' +
  'Either serve https itself (TLS_CERT=/path/cert.pem TLS_KEY=/path/key.pem), or keep HOST=127.0.0.1 and put a ' +
  'TLS proxy (Caddy, nginx) in front, or, when the proxy is on another machine, set TRUST_PROXY=1 (or its ' +
  'address) so that the server trusts its X-Forwarded-Proto header (docs/SYNC.md, "Behind a TLS proxy").';

/** PORT, 8787 by default; 0 takes any free port (the log says which). */
export function loadPort(env: Env): number {
  return wholeNumber(env, 'PORT', DEFAULT_PORT, 0, 65_535);
}

export function loadServeConfig(env: Env): ServeConfig {
  const databaseUrl = loadDatabaseUrl(env);
  const host = setting(env, 'HOST') ?? DEFAULT_HOST;
  const port = loadPort(env);
  const tls = loadTls(env);
  const trustProxy = loadTrustProxy(env);
  if (!tls && trustProxy === false && !isLoopback(host))
    throw new ConfigError(`HOST=${host}: the server ${PLAIN_HTTP_REFUSAL}`);
  return {
    databaseUrl,
    host,
    port,
    ...(tls ? { tls } : {}),
    trustProxy,
    // At least 1 KiB: a push of one small change must fit.
    bodyLimit: wholeNumber(env, 'BODY_LIMIT', DEFAULT_BODY_LIMIT, 1024, 64 * 1024 * 1024),
    rateLimitPerMinute: wholeNumber(env, 'RATE_LIMIT_PER_MINUTE', DEFAULT_RATE_LIMIT_PER_MINUTE, 1, 1_000_000),
    logLevel: loadLogLevel(env),
    privateWebhookHosts: loadFlag(env, 'PRIVATE_WEBHOOKS'),
  };
}
