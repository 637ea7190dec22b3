import { beforeAll, describe, expect, it } from 'vitest';
import { generateOrgId } from '../../lib/rules/org-id';
import { agencyState, clientRowOf, experimentsOf, insertExperiment, usageReportsOf } from './org-rows';
import { change, createChange, pullAll, push, setUpAgency, type TestAgency } from './team';
import { testServer } from './test-server';

const server = testServer();
let northwind: TestAgency;
let contoso: TestAgency;
/** Northwind's clients: one active, one inactive (so that a reactivate would be one it could take). */
let active: string;
let inactive: string;

beforeAll(async () => {
  northwind = await setUpAgency(server.db, 100, 'Northwind Digital');
  contoso = await setUpAgency(server.db, 100, 'Contoso Partners');
  active = generateOrgId();
  inactive = generateOrgId();
  const results = await push(server.app, northwind.manager, [
    createChange('Acme Outdoor', 20, active),
    change('client.setVisitorsUsed', { orgId: active, visitors: 5 }),
    createChange('Globex', 10, inactive),
    change('client.markInactive', { orgId: inactive }),
  ]);
  expect(results.map((result) => result.status)).toEqual(['accepted', 'accepted', 'accepted', 'accepted']);
  await insertExperiment(server.db, northwind.agencyId, active, 'exp-running-1', 'running');
});

/** Everything the tables hold of one agency's client. */
async function snapshot(orgId: string) {
  return {
    client: await clientRowOf(server.db, northwind.agencyId, orgId),
    experiments: await experimentsOf(server.db, northwind.agencyId, orgId),
    reports: await usageReportsOf(server.db, northwind.agencyId, orgId),
  };
}

describe("push: another agency's Org ID", () => {
  const changes = () => [
    change('client.setVisitorsUsed', { orgId: active, visitors: 20 }),
    change('client.markInactive', { orgId: active }),
    change('client.reactivate', { orgId: inactive, quota: 10 }),
    change('client.delete', { orgId: active }),
  ];

  it('is unknown to every lifecycle and usage change (error_clientNotFound), which writes nothing in either agency', async () => {
    const before = {
      northwind: await agencyState(server.db, northwind.agencyId),
      contoso: await agencyState(server.db, contoso.agencyId),
      active: await snapshot(active),
      inactive: await snapshot(inactive),
      history: (await pullAll(server.app, northwind.owner)).rows.length,
    };
    const pushed = changes();
    const results = await push(server.app, contoso.manager, pushed);
    expect(results).toEqual(
      pushed.map((sent) => ({
        id: sent.id,
        status: 'refused',
        code: 'not_found',
        key: 'error_clientNotFound',
        params: { orgId: (sent.args as { orgId: string }).orgId },
      })),
    );
    expect(await agencyState(server.db, northwind.agencyId)).toEqual(before.northwind);
    expect(await agencyState(server.db, contoso.agencyId)).toEqual(before.contoso);
    expect(await snapshot(active)).toEqual(before.active);
    expect(await snapshot(inactive)).toEqual(before.inactive);
    expect((await pullAll(server.app, northwind.owner)).rows).toHaveLength(before.history);
    // Contoso holds no row of Northwind's clients, not even a tombstone.
    const { rowCount } = await server.db.query('SELECT 1 FROM clients WHERE agency_id = $1', [contoso.agencyId]);
    expect(rowCount).toBe(0);
    expect((await pullAll(server.app, contoso.owner)).rows.filter((row) => row.orgId !== undefined)).toEqual([]);
  });

  it('would have been taken from Northwind itself (the refusals are about the agency, not the changes)', async () => {
    const results = await push(server.app, northwind.manager, changes());
    expect(results.map((result) => result.status)).toEqual(['accepted', 'accepted', 'accepted', 'accepted']);
  });
});
