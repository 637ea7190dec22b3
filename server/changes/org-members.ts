/**
 * The members of a client's org: lib/ops/members.ts (addMember, removeMember) and
 * lib/ops/partner.ts (changeMemberRole) on the server. The server acts as the agency, the
 * client's partner admin, so the partner-admin limits apply: it adds users only, and under
 * today's table it may neither delete a member nor change a role (the refusals say why).
 */
import type { ChangeArgs } from '../../lib/model/sync-schema';
import { PARTNER } from '../../lib/model/partner';
import { memberEmailRefusal } from '../../lib/rules/org-members';
import {
  actionForGivingRole,
  actionForTargetRole,
  actionsForRemovingMember,
  checkRoleChange,
} from '../../lib/rules/partner-permissions';
import { log } from '../store/activity';
import { requireWritableClient } from '../store/clients';
import { insertMember, isMemberEmailTaken, putMember, requireMember, tombstoneMember } from '../store/org-members';
import { requireOrgAction } from './clients';
import type { ChangeContext } from './context';
import { refuseUnless } from './refuse';

/** Adds a member; the history names it by its key (the extension's entry has `memberId`). */
export async function addMember(ctx: ChangeContext, { orgId, key, member }: ChangeArgs<'orgMember.add'>) {
  // Giving someone the admin or super admin role is a partner-admin limit.
  requireOrgAction(actionForGivingRole(member.role));
  const client = await requireWritableClient(ctx, orgId);
  const refusal = memberEmailRefusal(await isMemberEmailTaken(ctx, client.orgId, member.email));
  if (refusal) throw refusal;
  await insertMember(ctx, { ...member, key, orgId: client.orgId, createdAt: ctx.now });
  await log(ctx, { action: 'member_added', orgId: client.orgId, details: { memberKey: key, role: member.role } });
}

/** Deletes a member, leaving a tombstone; deleting the super administrator also hands over that role. */
export async function removeMember(ctx: ChangeContext, { orgId, key }: ChangeArgs<'orgMember.remove'>) {
  requireOrgAction('member.delete');
  const client = await requireWritableClient(ctx, orgId);
  const member = await requireMember(ctx, client.orgId, key);
  for (const action of actionsForRemovingMember(member.role)) requireOrgAction(action);
  await tombstoneMember(ctx, client.orgId, key);
  await log(ctx, { action: 'member_removed', orgId: client.orgId, details: { memberKey: key } });
}

/** Changes a member's role where the table lets the agency; moving the super administrator is never a role change. */
export async function changeMemberRole(ctx: ChangeContext, { orgId, key, role }: ChangeArgs<'orgMember.changeRole'>) {
  requireOrgAction(actionForTargetRole(role));
  const client = await requireWritableClient(ctx, orgId);
  const member = await requireMember(ctx, client.orgId, key);
  const check = checkRoleChange(PARTNER, member.role, role);
  if (check === undefined) return;
  refuseUnless(check);
  await putMember(ctx, { ...member, role });
  await log(ctx, {
    action: 'member_role_changed',
    orgId: client.orgId,
    details: { memberKey: key, role, roleBefore: member.role },
  });
}
