import { beforeAll, describe, expect, it } from 'vitest';
import type { MemberRole } from '../../lib/model/org-records';
import { PERSON } from '../../lib/model/activity';
import type { ChangeContext } from '../../server/changes/context';
import { lockAgency } from '../../server/store/agency';
import { tombstoneMember } from '../../server/store/org-members';
import { historyOf, recordKey, rowsOf } from './roster-fixtures';
import { change, NOW, pull, pullAll, push, setUpAgency, pushClient, type TestAgency } from './team';
import { testServer } from './test-server';

const server = testServer();
let team: TestAgency;

beforeAll(async () => {
  team = await setUpAgency(server.db, 100);
});

const newClientOrg = (name: string) => pushClient(server.app, team, name, 10);

function addChange(orgId: string, email: string, role: MemberRole = 'user', key = recordKey()) {
  return change('orgMember.add', { orgId, key, member: { name: 'Uma User', email, role } });
}

async function addUser(orgId: string, email: string): Promise<string> {
  const add = addChange(orgId, email);
  const [result] = await push(server.app, team.manager, [add]);
  expect(result).toMatchObject({ status: 'accepted' });
  return (add.args as { key: string }).key;
}

/** Pushes a change that must be refused with `key`, and checks that nothing was written. */
async function expectRefused(changeToPush: ReturnType<typeof change>, key: string) {
  const before = await pull(server.app, team.owner);
  const [result] = await push(server.app, team.manager, [changeToPush]);
  expect(result).toMatchObject({ status: 'refused', key });
  expect((await pull(server.app, team.owner)).version).toBe(before.version);
  return result;
}

describe('push: org members', () => {
  it('adds a user under the key its browser made, and a pull sends the member record', async () => {
    const orgId = await newClientOrg('Acme Outdoor');
    const add = addChange(orgId, 'Uma@Example.com');
    const key = (add.args as { key: string }).key;
    const [result] = await push(server.app, team.manager, [add]);
    expect(result).toMatchObject({ status: 'accepted' });
    const page = await pull(server.app, team.viewer);
    expect(rowsOf(page.rows, 'orgMember')).toEqual([
      {
        version: (result as { version: number }).version,
        entity: 'orgMember',
        orgId,
        key,
        deleted: false,
        data: { key, orgId, name: 'Uma User', email: 'uma@example.com', role: 'user', createdAt: NOW },
      },
    ]);
    expect(historyOf(page.rows, orgId).at(-1)).toMatchObject({
      action: 'member_added',
      orgId,
      details: { memberKey: key, role: 'user' },
    });
  });

  it('refuses an email the org already has (whatever its case), at the email field', async () => {
    const orgId = await newClientOrg('Duplicate Email Co');
    await addUser(orgId, 'sam@example.com');
    const result = await expectRefused(addChange(orgId, 'SAM@example.com'), 'error_memberEmailTaken');
    expect(result).toMatchObject({
      code: 'conflict',
      problems: [{ field: 'email', labelKey: 'field_member_email', key: 'error_memberEmailTaken' }],
    });
    // Another org may have the same person.
    await addUser(await newClientOrg('Other Org'), 'sam@example.com');
  });

  it('refuses a key the org already has', async () => {
    const orgId = await newClientOrg('Key Clash Ltd');
    const key = await addUser(orgId, 'first@example.com');
    await expectRefused(addChange(orgId, 'second@example.com', 'user', key), 'error_recordKeyTaken');
  });

  it('refuses giving a new member the admin or super admin role: a partner-admin limit', async () => {
    const orgId = await newClientOrg('Limits Inc');
    await expectRefused(addChange(orgId, 'ada@example.com', 'admin'), 'partner_reason_memberAdminRole');
    await expectRefused(addChange(orgId, 'sue@example.com', 'super_admin'), 'partner_reason_superAdminChange');
  });

  it('refuses deleting a member, a partner-admin limit, and keeps the member', async () => {
    const orgId = await newClientOrg('Keep Members Ltd');
    const key = await addUser(orgId, 'kept@example.com');
    await expectRefused(change('orgMember.remove', { orgId, key }), 'partner_reason_memberDelete');
    const { rows } = await pullAll(server.app, team.viewer);
    expect(rowsOf(rows, 'orgMember').find((row) => row.key === key)).toMatchObject({ deleted: false });
  });

  it('refuses every role change the agency may not make, as the dashboard does', async () => {
    const orgId = await newClientOrg('Roles Co');
    const key = await addUser(orgId, 'role@example.com');
    await expectRefused(
      change('orgMember.changeRole', { orgId, key, role: 'admin' }),
      'partner_reason_memberAdminRole',
    );
    await expectRefused(
      change('orgMember.changeRole', { orgId, key, role: 'super_admin' }),
      'partner_reason_superAdminChange',
    );
    // Taking the admin role away is the same limit, asked before the member is even read.
    await expectRefused(change('orgMember.changeRole', { orgId, key, role: 'user' }), 'partner_reason_memberAdminRole');
  });

  it('refuses a change of a client that is not there', async () => {
    await expectRefused(addChange('ORG-ZZZZZZZZ', 'nobody@example.com'), 'error_clientNotFound');
  });

  // The agency may not delete a member today (the table's partner-admin limit), so no change
  // reaches the tombstone; the store's own write is read back through pull here.
  it("sends a removed member's tombstone as deleted, keeping nothing of the person, and frees the email", async () => {
    const orgId = await newClientOrg('Tombstone Ltd');
    const key = await addUser(orgId, 'gone@example.com');
    const tx = await server.db.connect();
    try {
      await tx.query('BEGIN');
      const agency = await lockAgency(tx, team.agencyId);
      if (!agency) throw new Error('no agency');
      const ctx: ChangeContext = {
        tx,
        agencyId: agency.id,
        version: agency.version + 1,
        now: NOW,
        actor: PERSON,
        memberId: null,
        role: 'owner',
        settings: agency.settings,
      };
      await tombstoneMember(ctx, orgId, key);
      await tx.query('UPDATE agencies SET version = $2 WHERE id = $1', [agency.id, ctx.version]);
      await tx.query('COMMIT');
    } finally {
      tx.release();
    }
    const { rows } = await pullAll(server.app, team.viewer);
    const tombstone = rowsOf(rows, 'orgMember')
      .filter((row) => row.key === key)
      .at(-1);
    expect(tombstone).toEqual({ version: expect.any(Number), entity: 'orgMember', orgId, key, deleted: true });
    const stored = await server.db.query('SELECT email, data FROM org_members WHERE org_id = $1 AND key = $2', [
      orgId,
      key,
    ]);
    expect(stored.rows).toEqual([{ email: '', data: null }]);
    await addUser(orgId, 'gone@example.com');
    await expectRefused(addChange(orgId, 'new@example.com', 'user', key), 'error_recordKeyTaken');
  });
});
