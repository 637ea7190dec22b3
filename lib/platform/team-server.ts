/**
 * The sync server's three routes (docs/SYNC.md, "Protocol"), called with fetch from the
 * background: GET /v1/me, POST /v1/push, GET /v1/pull. Every answer is parsed and checked
 * before anyone trusts it, and every failure is an AppError whose message key the dashboard
 * shows: the server's own (`sync_error_*`), or `team_error_*` for what the server cannot say
 * (not reached, no host access, an answer that is not the protocol's). The token goes only
 * into the Authorization header: no error, message or log holds it.
 */
import { AppError, type ErrorCode } from '../model/errors';
import type { MessageKey } from '../model/messages';
import {
  errorAnswerSchema,
  type MeAnswer,
  meAnswerSchema,
  pullPageSchema,
  pushAnswerSchema,
} from '../model/sync-answer-schema';
import type { ChangeResult } from '../model/sync-outcome';
import type { PullPage } from '../model/sync-pull';
import type { PushBody } from '../model/sync-schema';
import { normalizeTeamServerUrl } from '../model/team-server-url';
import type { z } from '../model/zod';
import { hasOriginPermission } from './permissions';

export interface TeamServer {
  /** Who the token belongs to, and the agency's version. */
  me(serverUrl: string, token: string): Promise<MeAnswer>;
  /** One result per change, in the order sent. */
  push(serverUrl: string, token: string, body: PushBody): Promise<ChangeResult[]>;
  /** The rows changed after `since`, one page. */
  pull(serverUrl: string, token: string, since: number, limit?: number): Promise<PullPage>;
}

export interface TeamServerDeps {
  fetch?: typeof fetch;
  /** Whether the extension may reach the server's origin (asked for when the person connected). */
  hasPermission?: (url: string) => Promise<boolean>;
  /** From the request to the answer's last byte. */
  timeoutMs?: number;
}

/** A pull page of 5,000 rows from a loaded server takes a few seconds; a minute is a dead connection. */
export const TEAM_SERVER_TIMEOUT_MS = 60_000;

/** What kind of refusal each status is, for callers that branch; the key is for people. */
function codeOf(status: number): ErrorCode {
  if (status === 400 || status === 413) return 'validation';
  if (status === 404) return 'not_found';
  if (status >= 500) return 'unexpected';
  return 'rule';
}

/** The server's address, checked: https, or http on this computer's loopback only. */
export function teamServerBase(serverUrl: string): string {
  const base = normalizeTeamServerUrl(serverUrl);
  if (base === undefined) throw new AppError('validation', 'team_error_serverUrlInvalid');
  return base;
}

export function createTeamServer(deps: TeamServerDeps = {}): TeamServer {
  // Looked up at each request, not kept, so that it is whatever fetch is then.
  const doFetch: typeof fetch = deps.fetch ?? ((input, init) => fetch(input, init));
  const hasPermission = deps.hasPermission ?? hasOriginPermission;
  const timeoutMs = deps.timeoutMs ?? TEAM_SERVER_TIMEOUT_MS;

  async function request<S extends z.ZodMiniType>(
    serverUrl: string,
    token: string,
    path: string,
    schema: S,
    body?: unknown,
  ): Promise<z.output<S>> {
    const base = teamServerBase(serverUrl);
    const host = new URL(base).host;
    if (!(await hasPermission(base).catch(() => false))) throw new AppError('rule', 'team_error_noAccess', { host });
    const unreadable = () => new AppError('unexpected', 'team_error_badAnswer', { host });
    const headers: Record<string, string> = { Accept: 'application/json', Authorization: `Bearer ${token}` };
    if (body !== undefined) headers['Content-Type'] = 'application/json';

    let response: Response;
    let text: string;
    try {
      const signal = AbortSignal.timeout(timeoutMs);
      response = await doFetch(`${base}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'omit',
        cache: 'no-store',
        redirect: 'manual',
        signal,
      });
      text = await response.text();
    } catch {
      // Timed out or not reached. The error's own text is never shown: it could repeat the request.
      throw new AppError('unexpected', 'team_error_unreachable', { host });
    }
    // With redirect 'manual' a browser hands back an opaque response (status 0); Node, the 3xx itself.
    if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) throw unreadable();

    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (!response.ok) {
      const error = errorAnswerSchema.safeParse(json);
      if (error.success)
        throw new AppError(codeOf(response.status), error.data.error.key as MessageKey, error.data.error.params ?? {});
      // A proxy's or Fastify's own body (503 while the server shuts down): the server could not answer; later.
      if (response.status >= 500) throw new AppError('unexpected', 'sync_error_unexpected');
      throw unreadable();
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw unreadable();
    return parsed.data;
  }

  return {
    me: (serverUrl, token) => request(serverUrl, token, '/v1/me', meAnswerSchema),
    async push(serverUrl, token, body) {
      const { results } = await request(serverUrl, token, '/v1/push', pushAnswerSchema, body);
      // One answer per change, in order: anything else cannot be matched to the outbox.
      const inOrder =
        results.length === body.changes.length && results.every((result, i) => result.id === body.changes[i]?.id);
      if (!inOrder)
        throw new AppError('unexpected', 'team_error_badAnswer', { host: new URL(teamServerBase(serverUrl)).host });
      return results as ChangeResult[];
    },
    pull: (serverUrl, token, since, limit) =>
      request(
        serverUrl,
        token,
        `/v1/pull?since=${since}${limit === undefined ? '' : `&limit=${limit}`}`,
        pullPageSchema,
      ),
  };
}

export const teamServer: TeamServer = createTeamServer();
