/**
 * What each actor may do in a client's organization: the one table that both the dashboard
 * (to show an action disabled, with the reason) and the operations (to refuse it) ask.
 *
 * The agency is each client's partner admin: it may do what the client's super admin can,
 * except what the client keeps to itself (the partner-admin limits below), and it alone
 * changes the client's subscription, licenses and payment card.
 */
import type { MessageKey } from '../model/messages';
import type { MemberRole } from '../model/org-records';
import type { OrgActor } from '../model/partner';
import type { RuleResult } from './quota';

/**
 * - `allowed`: the agency may, as the client's super admin may;
 * - `restricted`: a partner-admin limit, kept by the client's own roles;
 * - `only`: the agency alone (none of the client's roles).
 */
export type PartnerAccess = 'allowed' | 'restricted' | 'only';

export interface OrgActionRule {
  partner: PartnerAccess;
  /** The client's own roles that may do it; empty when only the agency may. */
  clientRoles: readonly MemberRole[];
  /** Names the action, for the list of what the agency cannot do. */
  labelKey: MessageKey;
  /** Why the agency may not (restricted), or why a client's role may not (only). */
  reasonKey?: MessageKey;
}

const EVERY_ROLE: readonly MemberRole[] = ['super_admin', 'admin', 'user'];
const ADMINS: readonly MemberRole[] = ['super_admin', 'admin'];
const SUPER_ADMIN: readonly MemberRole[] = ['super_admin'];

export const ORG_ACTIONS = {
  'experiment.manage': { partner: 'allowed', clientRoles: EVERY_ROLE, labelKey: 'partner_action_experimentManage' },
  'client.edit': { partner: 'allowed', clientRoles: ADMINS, labelKey: 'partner_action_clientEdit' },
  /** Adding a member with the user role; giving the admin or super admin role is below. */
  'member.add': { partner: 'allowed', clientRoles: ADMINS, labelKey: 'partner_action_memberAdd' },
  'usage.record': { partner: 'allowed', clientRoles: ADMINS, labelKey: 'partner_action_usageRecord' },

  'subscription.change': {
    partner: 'only',
    clientRoles: [],
    labelKey: 'partner_action_subscriptionChange',
    reasonKey: 'partner_reason_subscriptionAgencyOnly',
  },
  'payment.change': {
    partner: 'only',
    clientRoles: [],
    labelKey: 'partner_action_paymentChange',
    reasonKey: 'partner_reason_paymentAgencyOnly',
  },

  // The partner-admin limits, in the order the dashboard lists them.
  'superAdmin.change': {
    partner: 'restricted',
    clientRoles: SUPER_ADMIN,
    labelKey: 'partner_action_superAdminChange',
    reasonKey: 'partner_reason_superAdminChange',
  },
  'twoFactor.toggle': {
    partner: 'restricted',
    clientRoles: SUPER_ADMIN,
    labelKey: 'partner_action_twoFactorToggle',
    reasonKey: 'partner_reason_twoFactorToggle',
  },
  'member.adminRole': {
    partner: 'restricted',
    clientRoles: SUPER_ADMIN,
    labelKey: 'partner_action_memberAdminRole',
    reasonKey: 'partner_reason_memberAdminRole',
  },
  'member.profileImage': {
    partner: 'restricted',
    clientRoles: ADMINS,
    labelKey: 'partner_action_memberProfileImage',
    reasonKey: 'partner_reason_memberProfileImage',
  },
  'member.resetPassword': {
    partner: 'restricted',
    clientRoles: ADMINS,
    labelKey: 'partner_action_memberResetPassword',
    reasonKey: 'partner_reason_memberResetPassword',
  },
  'member.delete': {
    partner: 'restricted',
    clientRoles: ADMINS,
    labelKey: 'partner_action_memberDelete',
    reasonKey: 'partner_reason_memberDelete',
  },
  'member.backUp': {
    partner: 'restricted',
    clientRoles: SUPER_ADMIN,
    labelKey: 'partner_action_memberBackUp',
    reasonKey: 'partner_reason_memberBackUp',
  },
  'dashboard.edit': {
    partner: 'restricted',
    clientRoles: EVERY_ROLE,
    labelKey: 'partner_action_dashboardEdit',
    reasonKey: 'partner_reason_dashboardEdit',
  },
  'referral.use': {
    partner: 'restricted',
    clientRoles: SUPER_ADMIN,
    labelKey: 'partner_action_referralUse',
    reasonKey: 'partner_reason_referralUse',
  },
  'contactsSync.change': {
    partner: 'restricted',
    clientRoles: ADMINS,
    labelKey: 'partner_action_contactsSyncChange',
    reasonKey: 'partner_reason_contactsSyncChange',
  },
} as const satisfies Record<string, OrgActionRule>;

export type OrgAction = keyof typeof ORG_ACTIONS;

function ruleOf(action: OrgAction): OrgActionRule {
  return ORG_ACTIONS[action];
}

/** Whether `actor` may do `action` in a client's organization. */
export function canActor(actor: OrgActor, action: OrgAction): boolean {
  const rule = ruleOf(action);
  if (actor === 'partner') return rule.partner !== 'restricted';
  return rule.partner !== 'only' && rule.clientRoles.includes(actor);
}

/** Whether the agency, as partner admin, may do `action`. */
export function canPartner(action: OrgAction): boolean {
  return canActor('partner', action);
}

/** The same answer with the reason when it is no: what a disabled button and a refusal say. */
export function checkOrgAction(actor: OrgActor, action: OrgAction): RuleResult {
  if (canActor(actor, action)) return { ok: true };
  const rule = ruleOf(action);
  const key: MessageKey =
    actor === 'partner' || rule.partner === 'only'
      ? (rule.reasonKey ?? 'partner_reason_roleCannot')
      : 'partner_reason_roleCannot';
  return { ok: false, key, params: {} };
}

/** The partner-admin limits, in the table's order: what the dashboard lists as disabled. */
export const PARTNER_LIMITS: readonly OrgAction[] = (Object.keys(ORG_ACTIONS) as OrgAction[]).filter(
  (action) => ORG_ACTIONS[action].partner === 'restricted',
);

/** The action that giving a member `role` is: the user role is an ordinary addition. */
export function actionForGivingRole(role: MemberRole): OrgAction {
  if (role === 'super_admin') return 'superAdmin.change';
  if (role === 'admin') return 'member.adminRole';
  return 'member.add';
}

/**
 * The action that moving a member from `from` to `to` is: any move to or from super admin
 * hands over the super administrator; any other move to or from admin is the admin role.
 * Undefined when nothing changes.
 */
export function actionForRoleChange(from: MemberRole, to: MemberRole): OrgAction | undefined {
  if (from === to) return undefined;
  if (from === 'super_admin' || to === 'super_admin') return 'superAdmin.change';
  return 'member.adminRole';
}

/**
 * The action that giving `role` by a role change asks for before the member's current role is
 * known: a move to super admin hands over the super administrator; a move to admin gives the
 * admin role, and one to user can only take it away.
 */
export function actionForTargetRole(role: MemberRole): OrgAction {
  return role === 'super_admin' ? 'superAdmin.change' : 'member.adminRole';
}

/**
 * Whether `actor` may move a member from `from` to `to` by a role change; undefined when
 * nothing changes. Moving the super administrator is never a role change, even for one who
 * may: it is handed over (changeSuperAdmin), so that the org keeps exactly one.
 */
export function checkRoleChange(actor: OrgActor, from: MemberRole, to: MemberRole): RuleResult | undefined {
  const action = actionForRoleChange(from, to);
  if (action === undefined) return undefined;
  const check = checkOrgAction(actor, action);
  if (!check.ok || action !== 'superAdmin.change') return check;
  return { ok: false, key: 'partner_useChangeSuperAdmin', params: {} };
}

/** The actions that deleting a member with `role` asks for: deleting the super administrator also hands over that role. */
export function actionsForRemovingMember(role: MemberRole): readonly OrgAction[] {
  return role === 'super_admin' ? ['member.delete', 'superAdmin.change'] : ['member.delete'];
}
