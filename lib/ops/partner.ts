/**
 * What a client's organization does with its members and its own settings, where the
 * partner-admin limits apply. Every operation asks the permission table first and refuses,
 * writing nothing, what the acting party may not do; the agency (the default) may do none of
 * these. The extension holds no passwords, images or account data: for those the operation is
 * the point a call to the SaaS would go through, and records in the activity log what was done.
 */
import { db } from '../db/database';
import { AppError } from '../model/errors';
import { MEMBER_ROLES, type Member, type MemberRole } from '../model/org-records';
import { parseOrThrow } from '../model/validate';
import { z } from '../model/zod';
import { actionForTargetRole, checkRoleChange, type OrgAction } from '../rules/partner-permissions';
import { type OpContext, resolve, writeTransaction } from './context';
import { actorOf, requireOrgAction, requireWritableClient } from './org-access';
import { log } from './store';
import { newSyncId } from '../model/sync-ids';
import { queueChange, refuseWhileShared, requireTeamChange } from './team-outbox';
import type { UnsharedOperation } from './team-unshared';

const roleInputSchema = z.object({ role: z.enum(MEMBER_ROLES) });

/** A member of this org; one of another org is answered exactly like one that does not exist. */
async function requireMember(orgId: string, memberId: number): Promise<Member & { id: number }> {
  const member = await db.members.get(memberId);
  if (!member || member.id === undefined || member.orgId !== orgId)
    throw new AppError('not_found', 'error_memberNotFound');
  return { ...member, id: member.id };
}

/**
 * Changes a member's role. Making someone admin, or taking admin away, is a partner-admin
 * limit; so is anything that moves the super administrator role (see changeSuperAdmin).
 */
export async function changeMemberRole(
  orgId: string,
  memberId: number,
  role: MemberRole,
  context?: OpContext,
): Promise<Member> {
  const ctx = resolve(context);
  const { role: to } = parseOrThrow(roleInputSchema, { role }, 'member');
  requireOrgAction(context, actionForTargetRole(to));
  return writeTransaction(
    async () => {
      await requireTeamChange('orgMember.changeRole');
      const client = await requireWritableClient(orgId);
      const member = await requireMember(client.orgId, memberId);
      const check = checkRoleChange(actorOf(context), member.role, to);
      if (check === undefined) return member;
      if (!check.ok) throw new AppError('rule', check.key, check.params);
      // Every member has its key since version 8; one without would get it here.
      const key = member.key ?? newSyncId('m');
      const updated: Member = { ...member, role: to, key };
      await db.members.put(updated);
      await log(ctx, {
        action: 'member_role_changed',
        orgId: client.orgId,
        details: { memberId, role: to, roleBefore: member.role },
      });
      await queueChange(
        'orgMember.changeRole',
        { orgId: client.orgId, key, role: to },
        { orgId: client.orgId, clientName: client.name },
        ctx.now,
      );
      return updated;
    },
    (member) => [member.orgId],
  );
}

/** Hands the super administrator role to a member; whoever held it becomes an admin. */
export async function changeSuperAdmin(orgId: string, memberId: number, context?: OpContext): Promise<Member> {
  const ctx = resolve(context);
  requireOrgAction(context, 'superAdmin.change');
  return writeTransaction(
    async () => {
      await refuseWhileShared('changeSuperAdmin');
      const client = await requireWritableClient(orgId);
      const member = await requireMember(client.orgId, memberId);
      if (member.role === 'super_admin') return member;
      const previous = await db.members
        .where('orgId')
        .equals(client.orgId)
        .and((candidate) => candidate.role === 'super_admin')
        .modify({ role: 'admin' });
      const updated: Member = { ...member, role: 'super_admin' };
      await db.members.put(updated);
      await log(ctx, {
        action: 'super_admin_changed',
        orgId: client.orgId,
        details: { memberId, previousSuperAdmins: previous },
      });
      return updated;
    },
    (member) => [member.orgId],
  );
}

/** One member-level action that the extension only records: the member must be of this org. */
async function recordMemberAction(
  operation: UnsharedOperation,
  orgId: string,
  memberId: number,
  action: OrgAction,
  logged: 'member_password_reset' | 'member_profile_image_changed' | 'member_account_backed_up',
  context: OpContext | undefined,
): Promise<void> {
  await recordOrgAction(operation, orgId, action, logged, { memberId }, context, (clientOrgId) =>
    requireMember(clientOrgId, memberId),
  );
}

export async function resetMemberPassword(orgId: string, memberId: number, context?: OpContext): Promise<void> {
  await recordMemberAction(
    'resetMemberPassword',
    orgId,
    memberId,
    'member.resetPassword',
    'member_password_reset',
    context,
  );
}

export async function changeMemberProfileImage(orgId: string, memberId: number, context?: OpContext): Promise<void> {
  await recordMemberAction(
    'changeMemberProfileImage',
    orgId,
    memberId,
    'member.profileImage',
    'member_profile_image_changed',
    context,
  );
}

export async function backUpMemberAccount(orgId: string, memberId: number, context?: OpContext): Promise<void> {
  await recordMemberAction(
    'backUpMemberAccount',
    orgId,
    memberId,
    'member.backUp',
    'member_account_backed_up',
    context,
  );
}

/** One org-level action that the extension only records; `check` refuses it inside the transaction. */
async function recordOrgAction(
  operation: UnsharedOperation,
  orgId: string,
  action: OrgAction,
  logged:
    | 'two_factor_changed'
    | 'dashboard_edited'
    | 'referral_used'
    | 'contacts_sync_changed'
    | 'member_password_reset'
    | 'member_profile_image_changed'
    | 'member_account_backed_up',
  details: Record<string, string | number | boolean>,
  context: OpContext | undefined,
  check: (orgId: string) => Promise<unknown> = () => Promise.resolve(),
): Promise<void> {
  const ctx = resolve(context);
  requireOrgAction(context, action);
  await writeTransaction(
    async () => {
      // Only recorded in this browser's history, which the server would not have: not shared yet.
      await refuseWhileShared(operation);
      const client = await requireWritableClient(orgId);
      await check(client.orgId);
      await log(ctx, { action: logged, orgId: client.orgId, details });
      return client.orgId;
    },
    (changed) => [changed],
  );
}

/** Turns the organization's two-factor authentication requirement on or off. */
export async function setTwoFactorRequired(orgId: string, enabled: boolean, context?: OpContext): Promise<void> {
  await recordOrgAction(
    'setTwoFactorRequired',
    orgId,
    'twoFactor.toggle',
    'two_factor_changed',
    { enabled: enabled === true },
    context,
  );
}

export async function editOrgDashboard(orgId: string, context?: OpContext): Promise<void> {
  await recordOrgAction('editOrgDashboard', orgId, 'dashboard.edit', 'dashboard_edited', {}, context);
}

export async function joinReferralProgram(orgId: string, context?: OpContext): Promise<void> {
  await recordOrgAction('joinReferralProgram', orgId, 'referral.use', 'referral_used', {}, context);
}

/** Turns the organization's contacts sync on or off. */
export async function setContactsSync(orgId: string, enabled: boolean, context?: OpContext): Promise<void> {
  await recordOrgAction(
    'setContactsSync',
    orgId,
    'contactsSync.change',
    'contacts_sync_changed',
    { enabled: enabled === true },
    context,
  );
}
