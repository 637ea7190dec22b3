import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../../lib/db/database';
import type { Client } from '../../../lib/model/client';
import {
  addMember,
  createClient,
  listActivity,
  listMembers,
  reallocateQuota,
  removeMember,
  updateSettings,
} from '../../../lib/ops';
import type { OpContext } from '../../../lib/ops/context';
import {
  backUpMemberAccount,
  changeMemberProfileImage,
  changeMemberRole,
  changeSuperAdmin,
  editOrgDashboard,
  resetMemberPassword,
  setContactsSync,
  setTwoFactorRequired,
  joinReferralProgram,
} from '../../../lib/ops/partner';
import { t } from '../../../lib/i18n';
import { clientInput, refusal, resetDb, snapshot, T0 } from '../ops/helpers';

const AS_SUPER_ADMIN: OpContext = { now: T0 + 1, actingAs: 'super_admin' };

let client: Client;
let owner: number;
let user: number;

beforeEach(async () => {
  await resetDb();
  await updateSettings({ poolSize: 100, timeZone: 'UTC' }, { now: T0 });
  client = await createClient(clientInput({ quota: 10 }), { now: T0 });
  owner = (
    await addMember(
      client.orgId,
      { name: 'Olga Owner', email: 'olga@example.com', role: 'super_admin' },
      { now: T0, actingAs: 'super_admin' },
    )
  ).id as number;
  user = (await addMember(client.orgId, { name: 'Uma User', email: 'uma@example.com', role: 'user' }, { now: T0 }))
    .id as number;
});

/** Each partner-admin limit as an operation on this client, and the sentence the agency is refused with. */
const LIMITED: [string, (context?: OpContext) => Promise<unknown>, string][] = [
  [
    'change the super administrator',
    (context) => changeSuperAdmin(client.orgId, user, context),
    "As the partner admin, you can't change the super administrator; only the client's own super administrator can.",
  ],
  [
    'turn two-factor authentication on',
    (context) => setTwoFactorRequired(client.orgId, true, context),
    "As the partner admin, you can't turn the organization's two-factor authentication on or off; only the client's own super administrator can.",
  ],
  [
    'make a user admin',
    (context) => changeMemberRole(client.orgId, user, 'admin', context),
    "As the partner admin, you can't give a user the admin role or take it away; only the client's own super administrator can.",
  ],
  [
    "change a user's profile image",
    (context) => changeMemberProfileImage(client.orgId, user, context),
    "As the partner admin, you can't change users' profile images; only the client's own administrators can.",
  ],
  [
    "reset a user's password",
    (context) => resetMemberPassword(client.orgId, user, context),
    "As the partner admin, you can't reset a user's password; only the client's own administrators can.",
  ],
  [
    'delete a user',
    (context) => removeMember(client.orgId, user, context),
    "As the partner admin, you can't delete a user; only the client's own administrators can.",
  ],
  [
    "back up a user's account",
    (context) => backUpMemberAccount(client.orgId, user, context),
    "As the partner admin, you can't back up a user's account; only the client's own super administrator can.",
  ],
  [
    'edit the dashboard',
    (context) => editOrgDashboard(client.orgId, context),
    "As the partner admin, you can't edit the client's dashboard; only the client's own users can.",
  ],
  [
    'use the referral program',
    (context) => joinReferralProgram(client.orgId, context),
    "As the partner admin, you can't use the client's referral program; only the client's own super administrator can.",
  ],
  [
    'change the contacts sync settings',
    (context) => setContactsSync(client.orgId, true, context),
    "As the partner admin, you can't change the contacts sync settings; only the client's own administrators can.",
  ],
];

describe('partner-admin limits in the operations', () => {
  it.each(LIMITED)(
    'the agency may not %s: refused with the reason, nothing written',
    async (_label, operation, reason) => {
      const before = await snapshot();
      const error = await refusal(operation({ now: T0 + 1 }));
      expect(error.code).toBe('rule');
      expect(t(error.key, error.params, 'en')).toBe(reason);
      expect(await snapshot()).toEqual(before);
    },
  );

  it.each(LIMITED)("the client's own super admin may %s, and it is logged", async (_label, operation) => {
    const before = (await listActivity({ orgId: client.orgId })).length;
    await operation(AS_SUPER_ADMIN);
    expect((await listActivity({ orgId: client.orgId })).length).toBe(before + 1);
  });

  it('refuses the agency giving a new member the admin or super admin role, but adds users', async () => {
    const admin = await refusal(
      addMember(client.orgId, { name: 'Ann', email: 'ann@example.com', role: 'admin' }, { now: T0 + 1 }),
    );
    expect(admin.key).toBe('partner_reason_memberAdminRole');
    const superAdmin = await refusal(
      addMember(client.orgId, { name: 'Sam', email: 'sam@example.com', role: 'super_admin' }, { now: T0 + 1 }),
    );
    expect(superAdmin.key).toBe('partner_reason_superAdminChange');
    await addMember(client.orgId, { name: 'Ula', email: 'ula@example.com', role: 'user' }, { now: T0 + 1 });
    expect((await listMembers(client.orgId)).map((member) => member.role).sort()).toEqual([
      'super_admin',
      'user',
      'user',
    ]);
  });

  it("refuses the client's own admin changing the licenses: only the agency does", async () => {
    const error = await refusal(reallocateQuota(client.orgId, 20, { now: T0 + 1, actingAs: 'admin' }));
    expect(error.key).toBe('partner_reason_subscriptionAgencyOnly');
    expect((await db.clients.get(client.orgId))?.quota).toBe(10);
    expect((await reallocateQuota(client.orgId, 20, { now: T0 + 1 })).quota).toBe(20);
  });
});

describe("the client's own roles", () => {
  it('hand over the super administrator: the previous one becomes an admin', async () => {
    await changeSuperAdmin(client.orgId, user, AS_SUPER_ADMIN);
    const roles = Object.fromEntries((await listMembers(client.orgId)).map((member) => [member.id, member.role]));
    expect(roles).toEqual({ [owner]: 'admin', [user]: 'super_admin' });
    const [entry] = await listActivity({ orgId: client.orgId, limit: 1 });
    expect(entry).toMatchObject({ action: 'super_admin_changed', details: { memberId: user, previousSuperAdmins: 1 } });
  });

  it('change roles between user and admin, but never move the super administrator that way', async () => {
    expect((await changeMemberRole(client.orgId, user, 'admin', AS_SUPER_ADMIN)).role).toBe('admin');
    expect((await changeMemberRole(client.orgId, user, 'user', AS_SUPER_ADMIN)).role).toBe('user');
    const error = await refusal(changeMemberRole(client.orgId, owner, 'user', AS_SUPER_ADMIN));
    expect(error.key).toBe('partner_useChangeSuperAdmin');
    // A client admin may not change admin roles either.
    expect((await refusal(changeMemberRole(client.orgId, user, 'admin', { now: T0 + 1, actingAs: 'admin' }))).key).toBe(
      'partner_reason_roleCannot',
    );
  });

  it("keep a user's role change in the log with numbers and enum values only", async () => {
    await changeMemberRole(client.orgId, user, 'admin', AS_SUPER_ADMIN);
    const [entry] = await listActivity({ orgId: client.orgId, limit: 1 });
    expect(entry).toMatchObject({
      action: 'member_role_changed',
      details: { memberId: user, role: 'admin', roleBefore: 'user' },
    });
    expect(JSON.stringify(entry)).not.toMatch(/Uma|uma@/);
  });
});
