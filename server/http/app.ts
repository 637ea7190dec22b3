/**
 * The sync server's HTTP side (Fastify): three routes under /v1 and a health check. Fastify
 * was chosen over Hono for what it brings on Node without extra parts: a request body limit
 * enforced while reading, a JSON parser that refuses `__proto__` keys, structured logs
 * (pino) with redaction, an in-process test client (inject), and a rate limiter kept by the
 * same team. Bodies and queries are checked with the shared zod schemas before any SQL.
 */
import { createHash } from 'node:crypto';
import { createServer as createHttpsServer } from 'node:https';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { MessageKey, MessageParams } from '../../lib/model/messages';
import { pullQuerySchema, pushBodySchema } from '../../lib/model/sync-schema';
import { DEFAULT_PULL_LIMIT } from '../../lib/model/team';
import { z } from '../../lib/model/zod';
import { authenticate, type Member } from '../auth/tokens';
import type { Db } from '../db/pool';
import { pullChanges } from '../sync/pull';
import { pushChanges } from '../sync/push';
import { isLoopback } from './loopback';
import { logSafeError } from './log-safe-error';

/** Where log lines go: pino's destination (stdout by default). */
export interface LogStream {
  write(line: string): unknown;
}

export interface AppOptions {
  db: Db;
  /**
   * Largest request body, in bytes. The default holds an import of about 30,000 clients as the
   * one change it is (roster.import: 10,000 CSV rows are about 5.5 MB of JSON).
   */
  bodyLimit?: number;
  /** Requests per token (or per address, without one) per minute. */
  rateLimitPerMinute?: number;
  /**
   * Behind a TLS proxy: trust its X-Forwarded-* headers (the protocol among them), from any
   * hop (true) or from these addresses only.
   */
  trustProxy?: boolean | string[];
  /** Serve https with this certificate and key instead of plain http. */
  https?: { cert: Buffer; key: Buffer };
  /** false for no logs (tests), or the level and where the lines go. */
  logger?: boolean | { level: string; stream?: LogStream };
  clock?: () => number;
}

export const DEFAULT_BODY_LIMIT = 16 * 1024 * 1024;

declare module 'fastify' {
  interface FastifyRequest {
    member?: Member;
  }
}

function sendError(reply: FastifyReply, status: number, key: MessageKey, params: MessageParams = {}) {
  return reply.code(status).send({ error: { key, params } });
}

function tokenKey(request: FastifyRequest): string {
  const header = request.headers.authorization;
  // The limiter keeps keys in memory: a hash of the header, never the token itself.
  return header ? createHash('sha256').update(header).digest('base64url') : `ip:${request.ip}`;
}

const HEALTH_PATH = '/healthz';

interface RateLimited {
  statusCode: 429;
  error: { key: MessageKey; params: MessageParams };
}

function isRateLimited(error: object): error is RateLimited {
  return 'error' in error && typeof error.error === 'object' && error.error !== null;
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { db } = options;
  const clock = options.clock ?? Date.now;
  const tls = options.https;
  const app = Fastify({
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    trustProxy: options.trustProxy ?? false,
    logger:
      options.logger === false || options.logger === undefined
        ? false
        : {
            ...(typeof options.logger === 'object' ? options.logger : {}),
            // The default request serializer has no headers; this keeps it so if one is added.
            redact: ['req.headers.authorization', 'req.headers.cookie'],
            serializers: { err: logSafeError },
          },
    // A request that pauses mid-body is dropped rather than holding a connection.
    requestTimeout: 30_000,
    // https from the server itself (TLS_CERT, TLS_KEY); Fastify then sees its sockets as encrypted.
    serverFactory: tls ? (handler) => createHttpsServer({ cert: tls.cert, key: tls.key }, handler) : undefined,
  });

  await app.register(rateLimit, {
    max: options.rateLimitPerMinute ?? 600,
    timeWindow: 60_000,
    keyGenerator: tokenKey,
    errorResponseBuilder: (_request, context): RateLimited => ({
      statusCode: 429,
      error: { key: 'sync_error_rateLimited', params: { seconds: Math.max(1, Math.ceil(context.ttl / 1000)) } },
    }),
  });

  // Plain http only from this machine: from anywhere else, only through a TLS proxy. The health
  // check is the exception: it carries no token and tells nothing, and load balancers probe a
  // process over plain http on their own network.
  app.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.url === HEALTH_PATH) return;
    if (request.protocol !== 'https' && !isLoopback(request.socket.remoteAddress ?? ''))
      return sendError(reply, 403, 'sync_error_httpsRequired');
  });

  app.setErrorHandler((error: { statusCode?: number; code?: string }, request, reply) => {
    if (error.statusCode === 413) return sendError(reply, 413, 'sync_error_tooLarge');
    // The limiter throws what errorResponseBuilder made; it is answered in the same shape as every refusal.
    if (error.statusCode === 429 && isRateLimited(error)) return reply.code(429).send({ error: error.error });
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500)
      return sendError(reply, 400, 'sync_error_badRequest');
    request.log.error({ err: error }, 'request failed');
    return sendError(reply, 500, 'sync_error_unexpected');
  });
  app.setNotFoundHandler((_request, reply) => sendError(reply, 404, 'sync_error_notFound'));

  const requireMember = async (request: FastifyRequest, reply: FastifyReply) => {
    const member = await authenticate(db, request.headers.authorization);
    if (!member) return sendError(reply, 401, 'sync_error_unauthorized');
    request.member = member;
  };

  app.get(HEALTH_PATH, () => ({ ok: true }));

  app.get('/v1/me', { preHandler: requireMember }, async (request) => {
    const member = request.member as Member;
    const { rows } = await db.query<{ name: string; version: number }>(
      "SELECT settings->>'agencyName' AS name, version FROM agencies WHERE id = $1",
      [member.agencyId],
    );
    return {
      agency: { id: member.agencyId, name: rows[0]?.name ?? '' },
      member: { id: member.memberId, name: member.name, role: member.role },
      version: rows[0]?.version ?? 0,
    };
  });

  app.post('/v1/push', { preHandler: requireMember }, async (request, reply) => {
    const parsed = z.safeParse(pushBodySchema, request.body);
    if (!parsed.success) return sendError(reply, 400, 'sync_error_badRequest');
    const member = request.member as Member;
    const report = await pushChanges(db, member, parsed.data, clock, (error) =>
      request.log.error({ err: error }, 'change failed'),
    );
    const count = (status: string) => report.results.filter((result) => result.status === status).length;
    request.log.info(
      {
        agency: member.agencyId,
        member: member.memberId,
        changes: report.results.length,
        accepted: count('accepted'),
        refused: count('refused'),
        retry: count('retry'),
      },
      'push',
    );
    return report;
  });

  app.get('/v1/pull', { preHandler: requireMember }, async (request, reply) => {
    const parsed = z.safeParse(pullQuerySchema, request.query);
    if (!parsed.success) return sendError(reply, 400, 'sync_error_badRequest');
    const member = request.member as Member;
    const since = Number(parsed.data.since ?? '0');
    const limit = Number(parsed.data.limit ?? DEFAULT_PULL_LIMIT);
    return pullChanges(db, member.agencyId, since, limit);
  });

  return app;
}
