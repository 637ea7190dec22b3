/**
 * The one protocol of runtime messages between the extension's pages and scripts and its
 * background worker: for each request type, the payload it carries and the answer it gets.
 * The background validates every request (and its own answer) with these schemas before
 * anything acts on it (lib/messages/dispatch-request.ts); senders import this module only as
 * `import type` (lib/messages/send-request.ts), so a page that sends loads no zod for it.
 * A refusal travels back as the AppError's code, key, parameters and problems
 * (lib/messages/envelope.ts).
 */
import { CLIENT_STATUSES } from '../model/client';
import { TEAM_ROLES } from '../model/team';
import { z } from '../model/zod';

export const runSummarySchema = z.object({
  usagePeriodsStarted: z.int(),
  clientsPaused: z.int(),
  remindersDecided: z.int(),
  notificationsShown: z.int(),
  /** Usage warnings (levels crossed, run-out forecasts) shown. */
  usageWarningsShown: z.int(),
  webhookTries: z.int(),
  clientsPurged: z.int(),
  /** Clients needing attention, counted up to BADGE_COUNT_LIMIT (the badge shows 999+ past it). */
  needingAttention: z.int(),
  /** Steps that threw; the next run tries them again. */
  failedSteps: z.array(z.string()),
});
export type RunSummary = z.infer<typeof runSummarySchema>;

/** Everything the "currently managing" bar says, in one language, as the background words it. */
const workspaceBarTextSchema = z.object({
  lang: z.enum(['en', 'ja']),
  message: z.string(),
  status: z.string(),
  statusKind: z.enum(CLIENT_STATUSES),
  close: z.string(),
  closeLabel: z.string(),
  regionLabel: z.string(),
});
export type WorkspaceBarText = z.infer<typeof workspaceBarTextSchema>;

/** Who a team token belongs to, and whether the server's roster and this browser's have clients. */
const teamCheckSchema = z.object({
  agencyName: z.string(),
  memberName: z.string(),
  role: z.enum(TEAM_ROLES),
  serverClients: z.int(),
  localClients: z.int(),
});
export type TeamCheck = z.infer<typeof teamCheckSchema>;

/** A request that carries nothing: the payload may be left out. */
const noPayload = z.optional(z.object({}));

export const protocolSchemas = {
  /** The data changed (or someone wants the rules applied now): run the background rules. */
  'rules/run': { request: noPayload, response: runSummarySchema },
  /**
   * Which client is this page a workspace page of? The page is the sender's, as the browser
   * reports it: nothing in the payload says where it runs.
   */
  'banner/lookup': {
    request: noPayload,
    response: z.object({
      /** The bar's words, when the page is a workspace page of a client the agency manages. */
      banner: z.optional(workspaceBarTextSchema),
    }),
  },
  /** Register (or move, or drop) the bar's script for the template's origin, as access allows. */
  'banner/sync': {
    request: noPayload,
    response: z.object({
      /** The pattern the bar's script is registered for now; absent when it is not registered. */
      registeredFor: z.optional(z.string()),
      /** A template is set, but host access for its origin has not been granted. */
      needsAccess: z.boolean(),
    }),
  },
  /**
   * Read the usage source now (Settings' Read now, and after the source is saved), bringing its
   * alarm in step with the saved interval first. The status it leaves is read from the database.
   */
  'usageFeed/read': {
    request: noPayload,
    response: z.object({
      /** False when no usage source is set (the alarm was removed). */
      read: z.boolean(),
    }),
  },
  /**
   * A shared roster (docs/SYNC.md). The page asks for host access to the server's origin first
   * (a prompt needs the click); the background does all talking to the server. Refusals are
   * AppErrors with the server's sync_error_* keys or team_error_* ones (unreachable, no access).
   *
   * Check: who the token belongs to and whether either roster has clients, so that the page
   * can offer the right first step. Stores nothing.
   */
  'team/check': {
    request: z.object({ serverUrl: z.string(), token: z.string() }),
    response: teamCheckSchema,
  },
  /**
   * Connect: `download` replaces this browser's roster with the team's (the page has offered a
   * backup first when this browser had clients); `upload` sends this browser's roster to a
   * server that has none, as one import. Refused when the rosters changed since the check in a
   * way that would merge them.
   */
  'team/connect': {
    request: z.object({ serverUrl: z.string(), token: z.string(), start: z.enum(['download', 'upload']) }),
    response: teamCheckSchema,
  },
  /** Push what waits and pull what changed, now (the header's Sync now, and after each change). */
  'team/sync': { request: noPayload, response: z.object({ synced: z.boolean() }) },
  /** Forget the connection and its token; this browser keeps its copy of the roster. */
  'team/disconnect': {
    request: noPayload,
    response: z.object({ keptClients: z.int(), droppedChanges: z.int() }),
  },
} satisfies Record<string, { request: z.ZodMiniType; response: z.ZodMiniType }>;

type Protocol = typeof protocolSchemas;
export type RequestType = keyof Protocol;
/** What a sender passes with a request of type T. */
export type PayloadOf<T extends RequestType> = z.input<Protocol[T]['request']>;
/** The payload of a request of type T as its handler gets it, validated. */
export type ParsedPayloadOf<T extends RequestType> = z.output<Protocol[T]['request']>;
/** What a request of type T is answered with. */
export type ResponseTo<T extends RequestType> = z.infer<Protocol[T]['response']>;

/** Who sent a request, as the browser reports it (never as the message claims). */
export interface RequestSender {
  /** The address of the page or extension page that sent it. */
  url: string | undefined;
}

/** One handler per request type; a handler refuses by throwing an AppError. */
export type RequestHandlers = {
  [T in RequestType]: (payload: ParsedPayloadOf<T>, sender: RequestSender) => Promise<ResponseTo<T>>;
};
