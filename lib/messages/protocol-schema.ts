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
