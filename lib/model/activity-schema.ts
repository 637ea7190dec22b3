import { ACTIVITY_ACTIONS, RULES } from './activity';
import { z } from './zod';

export const actorSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('person') }),
  z.object({ type: z.literal('rule'), rule: z.enum(RULES) }),
]);

/**
 * One line of the append-only log. It holds Org IDs and numbers, never names or contact
 * details, so that a purge leaves nothing personal behind in it.
 */
export const activityEntrySchema = z.object({
  id: z.optional(z.number()),
  at: z.number(),
  actor: actorSchema,
  action: z.enum(ACTIVITY_ACTIONS),
  orgId: z.optional(z.string()),
  /** Change to the licenses allocated from the pool: the ledger is the sum of these. */
  quotaDelta: z.optional(z.int()),
  /** Pool size after a pool change. */
  poolSize: z.optional(z.int()),
  /** Facts of the change: numbers, ids and enum values only. */
  details: z.optional(z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]))),
  /**
   * Written in this browser on a shared roster and not yet replaced by the server's copy of the
   * line (lib/ops/team-outbox.ts); indexed, so that the lines the server answered are dropped.
   */
  pending: z.optional(z.literal(1)),
});
