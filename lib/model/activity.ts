// The schemas are in activity-schema.ts, so that what needs only these values (the popup) loads no zod.
import type { activityEntrySchema, actorSchema } from './activity-schema';
import type { z } from './zod';

/** The rules that act on their own; each automatic change names the one that made it. */
/** `usage_feed` is the agency's usage source, read by the background (docs/USAGE-FEED.md); `usage_warning` the warning levels and run-out forecast. */
export const RULES = ['quota', 'billing', 'inactivity', 'purge', 'reminder', 'usage_feed', 'usage_warning'] as const;
export type Rule = (typeof RULES)[number];

export type Actor = z.infer<typeof actorSchema>;

export const PERSON: Actor = { type: 'person' };

export const ACTIVITY_ACTIONS = [
  'client_created',
  'client_updated',
  'quota_changed',
  'usage_recorded',
  // Visitors used set to a number (by hand or from the usage source); `reason` when a person lowered it.
  'usage_set',
  // A number for a billing period that has ended, filed under that period's report.
  'usage_filed',
  // A warning level crossed, or a run-out forecast within a week: the notification went out.
  'usage_warning_sent',
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
