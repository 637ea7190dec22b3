import { beforeAll, describe, expect, it } from 'vitest';
import type { ActivityEntry } from '../../lib/model/activity';
import { generateOrgId } from '../../lib/rules/org-id';
import { agencyState, clientRowOf, experimentsOf, insertExperiment, usageReportsOf } from './org-rows';
import { change, createChange, newClient, pull, pullAll, push, setUpAgency, type TestAgency } from './team';
import { testServer } from './test-server';

const server = testServer();
let team: TestAgency;
let orgId: string;

const DESK = 'device-desk-01';
const LAPTOP = 'device-laptop-01';

beforeAll(async () => {
  team = await setUpAgency(server.db, 100);
  orgId = generateOrgId();
  const results = await push(
    server.app,
    team.manager,
    [
      createChange('Acme Outdoor', 30, orgId),
      change('client.setVisitorsUsed', { orgId, visitors: 9 }),
      change('client.setVisitorsUsed', { orgId, visitors: 7, reason: 'Counted a bot twice' }),
    ],
    DESK,
  );
  expect(results.map((result) => result.status)).toEqual(['accepted', 'accepted', 'accepted']);
  await insertExperiment(server.db, team.agencyId, orgId, 'exp-running-1', 'running');
});

describe('push: client.delete', () => {
  it('leaves a tombstone that a pull sends without data, and gives the licences back', async () => {
    const since = (await pull(server.app, team.owner)).version;
    const [result] = await push(server.app, team.manager, [change('client.delete', { orgId })], DESK);
    expect(result).toMatchObject({ status: 'accepted' });

    const { rows } = await pull(server.app, team.viewer, since);
    const tombstone = rows.find((row) => row.entity === 'client');
    expect(tombstone).toEqual({
      version: (result as { version: number }).version,
      entity: 'client',
      orgId,
      deleted: true,
    });
    expect(await clientRowOf(server.db, team.agencyId, orgId)).toMatchObject({
      status: null,
      quota: 0,
      data: null,
      deleted: 'deleted',
    });
    // Its org rows are gone with it.
    expect(await experimentsOf(server.db, team.agencyId, orgId)).toEqual({});
    expect(await usageReportsOf(server.db, team.agencyId, orgId)).toEqual([]);

    const entries = rows.filter((row) => row.entity === 'activity').map((row) => row.data as ActivityEntry);
    expect(entries.find((entry) => entry.action === 'client_deleted')).toMatchObject({ orgId, quotaDelta: -30 });
    // The history keeps numbers, but not the reason a person typed for a correction.
    const history = (await pullAll(server.app, team.owner)).rows.filter((row) => row.entity === 'activity');
    const correction = history.map((row) => row.data as ActivityEntry).find((entry) => entry.details?.after === 7);
    expect(correction).toMatchObject({ action: 'usage_set', details: { before: 9, after: 7 } });
    expect(correction?.details).not.toHaveProperty('reason');

    // 70 were free before the delete: 71 needs the licences it gave back.
    expect(await agencyState(server.db, team.agencyId)).toMatchObject({ allocated: 0 });
    const [freed] = await push(server.app, team.manager, [createChange('Needs Them Ltd', 71)], DESK);
    expect(freed).toMatchObject({ status: 'accepted' });
  });

  it('refuses stale offline edits from another device with error_clientDeleted; the client stays deleted', async () => {
    const before = await agencyState(server.db, team.agencyId);
    const { contact, name } = newClient('Acme Outdoor Renamed', 1);
    const stale = await push(
      server.app,
      team.owner,
      [
        change('client.update', { orgId, details: { name, contact } }),
        change('client.reallocate', { orgId, quota: 40 }),
        change('client.setVisitorsUsed', { orgId, visitors: 12 }),
        change('client.markInactive', { orgId }),
        change('client.reactivate', { orgId, quota: 5 }),
        change('client.delete', { orgId }),
      ],
      LAPTOP,
    );
    for (const result of stale)
      expect(result).toMatchObject({ status: 'refused', code: 'rule', key: 'error_clientDeleted', params: { orgId } });
    expect(await agencyState(server.db, team.agencyId)).toEqual(before);

    const client = (await pullAll(server.app, team.manager)).rows.filter(
      (row) => row.entity === 'client' && row.orgId === orgId,
    );
    expect(client).toEqual([{ version: expect.any(Number), entity: 'client', orgId, deleted: true }]);
  });

  it("never issues a deleted client's Org ID again", async () => {
    const [result] = await push(server.app, team.manager, [createChange('Acme Again', 1, orgId)], LAPTOP);
    expect(result).toMatchObject({ status: 'refused', code: 'conflict', key: 'error_orgIdTaken', params: { orgId } });
    expect(await clientRowOf(server.db, team.agencyId, orgId)).toMatchObject({ deleted: 'deleted', data: null });
  });
});
