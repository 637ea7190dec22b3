import { beforeAll, describe, expect, it } from 'vitest';
import { historyOf, recordKey, rowsOf } from './roster-fixtures';
import { change, newClient, NOW, pull, pullAll, push, setUpAgency, pushClient, type TestAgency } from './team';
import { testServer } from './test-server';

const server = testServer();
let team: TestAgency;

beforeAll(async () => {
  team = await setUpAgency(server.db, 100);
});

const newClientOrg = (name: string) => pushClient(server.app, team, name, 10);

async function clientData(orgId: string): Promise<Record<string, unknown>> {
  const { rows } = await pullAll(server.app, team.viewer);
  return rowsOf(rows, 'client')
    .filter((row) => row.orgId === orgId)
    .at(-1)?.data as Record<string, unknown>;
}

/** One write of each kind a revoked client must refuse. */
function writesTo(orgId: string) {
  const { name, contact } = newClient('Renamed', 1);
  return [
    change('client.update', { orgId, details: { name, contact } }),
    change('client.reallocate', { orgId, quota: 11 }),
    change('experiment.create', { orgId, key: recordKey(), experiment: { name: 'Blocked' } }),
    change('orgMember.add', {
      orgId,
      key: recordKey(),
      member: { name: 'Uma', email: 'uma@example.com', role: 'user' },
    }),
    change('client.setSubscription', {
      orgId,
      subscription: { plan: 'Growth', renewalDate: '2027-06-01', billingCycle: 'monthly', licensedVisitors: 12 },
    }),
    change('client.changeCard', {
      orgId,
      card: { usingCustomersCard: true, brand: 'visa', last4: '4242', expiry: '12/27' },
    }),
  ];
}

describe('push: revoked access', () => {
  it('records when and the note, and logs it without the note', async () => {
    const orgId = await newClientOrg('Acme Outdoor');
    const [result] = await push(server.app, team.manager, [
      change('client.recordRevokedAccess', { orgId, revoke: { note: 'Asked by their CTO' } }),
    ]);
    expect(result).toMatchObject({ status: 'accepted' });
    expect(await clientData(orgId)).toMatchObject({ revokedAt: NOW, revokeNote: 'Asked by their CTO' });
    const { rows } = await pullAll(server.app, team.viewer);
    const entry = historyOf(rows, orgId).at(-1);
    expect(entry).toMatchObject({ action: 'access_revoked', orgId });
    expect(JSON.stringify(entry)).not.toContain('CTO');
  });

  it('refuses every write until access is restored, then takes them again', async () => {
    const orgId = await newClientOrg('Read Only Ltd');
    await push(server.app, team.manager, [change('client.recordRevokedAccess', { orgId, revoke: {} })]);
    const before = await pull(server.app, team.owner);
    const refused = await push(server.app, team.manager, writesTo(orgId));
    expect(refused.map((r) => [r.status, 'key' in r ? r.key : undefined])).toEqual(
      refused.map(() => ['refused', 'revoked_readOnly']),
    );
    expect((await pull(server.app, team.owner)).version).toBe(before.version);

    const [restored] = await push(server.app, team.manager, [change('client.restoreAccess', { orgId })]);
    expect(restored).toMatchObject({ status: 'accepted' });
    const data = await clientData(orgId);
    expect(data).not.toHaveProperty('revokedAt');
    expect(data).not.toHaveProperty('revokeNote');
    const accepted = await push(server.app, team.manager, writesTo(orgId));
    expect(accepted.map((r) => r.status)).toEqual(accepted.map(() => 'accepted'));
    const { rows } = await pullAll(server.app, team.viewer);
    expect(historyOf(rows, orgId).map((e) => e.action)).toContain('access_restored');
  });

  it('refuses recording it twice, and restoring a client that has not revoked', async () => {
    const orgId = await newClientOrg('Twice Revoked Co');
    const [notRevoked] = await push(server.app, team.manager, [change('client.restoreAccess', { orgId })]);
    expect(notRevoked).toMatchObject({ status: 'refused', key: 'revoked_notRevoked' });
    await push(server.app, team.manager, [change('client.recordRevokedAccess', { orgId, revoke: { note: 'First' } })]);
    const [twice] = await push(server.app, team.manager, [
      change('client.recordRevokedAccess', { orgId, revoke: { note: 'Second' } }),
    ]);
    expect(twice).toMatchObject({ status: 'refused', key: 'revoked_alreadyRevoked' });
    expect(await clientData(orgId)).toMatchObject({ revokeNote: 'First' });
  });

  it('drops an earlier note when access is revoked again without one', async () => {
    const orgId = await newClientOrg('Note Ltd');
    await push(server.app, team.manager, [
      change('client.recordRevokedAccess', { orgId, revoke: { note: 'Old reason' } }),
      change('client.restoreAccess', { orgId }),
      change('client.recordRevokedAccess', { orgId, revoke: {} }),
    ]);
    const data = await clientData(orgId);
    expect(data).toMatchObject({ revokedAt: NOW });
    expect(data).not.toHaveProperty('revokeNote');
  });
});
