import { db } from '../db/database';
import { AppError } from '../model/errors';
import { type Member, type MemberInput, memberInputSchema } from '../model/org-records';
import { parseOrThrow } from '../model/validate';
import { type OpContext, readTransaction, resolve, writeTransaction } from './context';
import { memberEmailRefusal } from '../rules/org-members';
import { actionForGivingRole, actionsForRemovingMember } from '../rules/partner-permissions';
import { requireOrgAction, requireWritableClient } from './org-access';
import { log, requireClient } from './store';
import { newSyncId } from '../model/sync-ids';
import { queueChange, requireTeamChange } from './team-outbox';

export async function addMember(orgId: string, input: MemberInput, context?: OpContext): Promise<Member> {
  const ctx = resolve(context);
  const details = parseOrThrow(memberInputSchema, input, 'member');
  // Giving someone the admin or super admin role is a partner-admin limit.
  requireOrgAction(context, actionForGivingRole(details.role));
  return writeTransaction(
    async () => {
      await requireTeamChange('orgMember.add');
      const client = await requireWritableClient(orgId);
      const taken = await db.members.where('[orgId+email]').equals([client.orgId, details.email]).count();
      const refusal = memberEmailRefusal(taken > 0);
      if (refusal) throw refusal;
      // The key a shared roster names the member by, made here as an experiment's is.
      const key = newSyncId('m');
      const member: Member = { ...details, key, orgId: client.orgId, createdAt: ctx.now };
      const id = await db.members.add(member);
      await log(ctx, { action: 'member_added', orgId: client.orgId, details: { memberId: id, role: details.role } });
      await queueChange(
        'orgMember.add',
        { orgId: client.orgId, key, member: details },
        { orgId: client.orgId, clientName: client.name },
        ctx.now,
      );
      return { ...member, id };
    },
    (member) => [member.orgId],
  );
}

/**
 * Deletes a user of this org; an id from another org is answered as not found. Deleting a
 * user is a partner-admin limit, and deleting the super administrator hands over that role.
 */
export async function removeMember(orgId: string, memberId: number, context?: OpContext): Promise<void> {
  const ctx = resolve(context);
  requireOrgAction(context, 'member.delete');
  await writeTransaction(
    async () => {
      await requireTeamChange('orgMember.remove');
      const client = await requireWritableClient(orgId);
      const member = await db.members.get(memberId);
      if (!member || member.orgId !== client.orgId) throw new AppError('not_found', 'error_memberNotFound');
      for (const action of actionsForRemovingMember(member.role)) requireOrgAction(context, action);
      await db.members.delete(memberId);
      await log(ctx, { action: 'member_removed', orgId: client.orgId, details: { memberId } });
      // A member without a key (none since version 8) was never on the server: nothing to tell it.
      if (member.key !== undefined)
        await queueChange(
          'orgMember.remove',
          { orgId: client.orgId, key: member.key },
          { orgId: client.orgId, clientName: client.name },
          ctx.now,
        );
      return client.orgId;
    },
    (changed) => [changed],
  );
}

export async function listMembers(orgId: string): Promise<Member[]> {
  return readTransaction(async () => {
    const client = await requireClient(orgId);
    const members = await db.members.where('orgId').equals(client.orgId).toArray();
    return members.sort((a, b) => a.name.localeCompare(b.name));
  });
}
