// The schemas are in activity-schema.ts, so that what needs only these values (the popup) loads no zod.
import type { activityEntrySchema, actorSchema } from './activity-schema';
import type { z } from './zod';

/** The rules that act on their own; each automatic change names the one that made it. */
export const RULES = ['quota', 'billing', 'inactivity', 'purge', 'reminder'] as const;
export type Rule = (typeof RULES)[number];

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

export type ActivityEntry = z.infer<typeof activityEntrySchema>;
