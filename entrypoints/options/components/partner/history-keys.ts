import type { ActivityAction } from '../../../../lib/model/activity';
import type { MessageKey } from '../../../../lib/model/messages';

/** The history sentence of each partner-access action, for the client's history list. */
export const PARTNER_HISTORY_KEYS = {
  access_revoked: 'partner_history_access_revoked',
  access_restored: 'partner_history_access_restored',
  subscription_changed: 'partner_history_subscription_changed',
  payment_card_changed: 'partner_history_payment_card_changed',
  member_role_changed: 'partner_history_member_role_changed',
  super_admin_changed: 'partner_history_super_admin_changed',
  member_password_reset: 'partner_history_member_password_reset',
  member_profile_image_changed: 'partner_history_member_profile_image_changed',
  member_account_backed_up: 'partner_history_member_account_backed_up',
  two_factor_changed: 'partner_history_two_factor_changed',
  dashboard_edited: 'partner_history_dashboard_edited',
  referral_used: 'partner_history_referral_used',
  contacts_sync_changed: 'partner_history_contacts_sync_changed',
} as const satisfies Partial<Record<ActivityAction, MessageKey>>;
