/**
 * The runtime messages between the extension's pages (dashboard, popup) and its background
 * worker. Both ends validate with these schemas; the worker answers through a handler map
 * with one named handler per message type.
 */
import { z } from '../model/zod';

export const runSummarySchema = z.object({
  usagePeriodsStarted: z.int(),
  clientsPaused: z.int(),
  remindersDecided: z.int(),
  notificationsShown: z.int(),
  webhookTries: z.int(),
  clientsPurged: z.int(),
  needingAttention: z.int(),
  /** Steps that threw; the next run tries them again. */
  failedSteps: z.array(z.string()),
});
export type RunSummary = z.infer<typeof runSummarySchema>;

export const runtimeMessageSchema = z.discriminatedUnion('type', [
  /** The data changed (or someone wants the rules applied now): run the background rules. */
  z.object({ type: z.literal('rules/run') }),
]);
export type RuntimeMessage = z.infer<typeof runtimeMessageSchema>;
export type RuntimeMessageType = RuntimeMessage['type'];

/** What each message is answered with. */
export const responseSchemas = {
  'rules/run': runSummarySchema,
} satisfies Record<RuntimeMessageType, z.ZodMiniType>;
export type ResponseTo<T extends RuntimeMessageType> = z.infer<(typeof responseSchemas)[T]>;

export type MessageHandlers = {
  [T in RuntimeMessageType]: (message: Extract<RuntimeMessage, { type: T }>) => Promise<ResponseTo<T>>;
};

/**
 * Hands a raw message to its handler; anything that is not one of these messages gets
 * undefined, leaving it to other listeners.
 */
export function dispatchMessage(handlers: MessageHandlers, raw: unknown): Promise<unknown> | undefined {
  const parsed = z.safeParse(runtimeMessageSchema, raw);
  if (!parsed.success) return undefined;
  const message = parsed.data;
  // TypeScript cannot tie handlers[type] to the message of that type; MessageHandlers does.
  const handler = handlers[message.type] as (message: RuntimeMessage) => Promise<unknown>;
  return handler(message);
}
