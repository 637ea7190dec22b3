import { z } from './zod';

/** The rules that act on their own; each automatic change names the one that made it. */
export const RULES = ['quota', 'billing', 'inactivity', 'purge', 'reminder'] as const;
export type Rule = (typeof RULES)[number];

export const actorSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('person') }),
  z.object({ type: z.literal('rule'), rule: z.enum(RULES) }),
]);
export type Actor = z.infer<typeof actorSchema>;

export const PERSON: Actor = { type: 'person' };

export const ACTIVITY_ACTIONS = [
  'client_created',
  'client_updated',
  'quota_changed',
  'usage_recorded',
  'client_paused',
  'client_unpaused',
  'client_inactivated',
  'client_reactivated',
  'client_deleted',
  'client_purged',
  'experiment_created',
  'experiment_started',
  'experiment_paused',
  'experiment_resumed',
  'experiment_completed',
  'member_added',
  'member_removed',
  'pool_changed',
  'settings_changed',
  'usage_reset',
  'reminder_sent',
  // Partner access (lib/rules/partner-permissions.ts): what the agency or the client's roles did.
  'access_revoked',
  'access_restored',
  'subscription_changed',
  'payment_card_changed',
  'member_role_changed',
  'super_admin_changed',
  'member_password_reset',
  'member_profile_image_changed',
  'member_account_backed_up',
  'two_factor_changed',
  'dashboard_edited',
  'referral_used',
  'contacts_sync_changed',
] as const;
export type ActivityAction = (typeof ACTIVITY_ACTIONS)[number];

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
});
export type ActivityEntry = z.infer<typeof activityEntrySchema>;
