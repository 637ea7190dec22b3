import { beforeAll, describe, expect, it } from 'vitest';
import { historyOf, putClientStatus, recordKey, rowsOf } from './roster-fixtures';
import { change, NOW, pull, pullAll, push, setUpAgency, pushClient, type TestAgency } from './team';
import { testServer } from './test-server';

const server = testServer();
let team: TestAgency;

beforeAll(async () => {
  team = await setUpAgency(server.db, 100);
});

const newClientOrg = (name: string) => pushClient(server.app, team, name, 10);

async function createExperiment(orgId: string, name = 'Hero banner'): Promise<string> {
  const key = recordKey();
  const [result] = await push(server.app, team.manager, [
    change('experiment.create', { orgId, key, experiment: { name } }),
  ]);
  expect(result).toMatchObject({ status: 'accepted' });
  return key;
}

async function experimentRow(orgId: string, key: string) {
  const { rows } = await pullAll(server.app, team.viewer);
  const found = rowsOf(rows, 'experiment').filter((row) => row.orgId === orgId && row.key === key);
  return found.at(-1);
}

describe('push: experiments', () => {
  it('creates a draft under the key its browser made, and a pull sends the record without a numeric id', async () => {
    const orgId = await newClientOrg('Acme Outdoor');
    const key = recordKey();
    const [result] = await push(server.app, team.manager, [
      change('experiment.create', { orgId, key, experiment: { name: '  Hero banner ' } }),
    ]);
    expect(result).toMatchObject({ status: 'accepted' });
    const page = await pull(server.app, team.viewer);
    const row = rowsOf(page.rows, 'experiment').find((r) => r.key === key);
    expect(row).toEqual({
      version: (result as { version: number }).version,
      entity: 'experiment',
      orgId,
      key,
      deleted: false,
      data: { key, orgId, name: 'Hero banner', status: 'draft', createdAt: NOW, updatedAt: NOW },
    });
    expect(historyOf(page.rows, orgId).at(-1)).toMatchObject({
      action: 'experiment_created',
      orgId,
      actor: { type: 'person' },
      at: NOW,
      details: { experimentKey: key },
    });
  });

  it('refuses a key the org already has, and writes nothing', async () => {
    const orgId = await newClientOrg('Key Clash Ltd');
    const key = await createExperiment(orgId, 'First');
    const before = await pull(server.app, team.owner);
    const [result] = await push(server.app, team.manager, [
      change('experiment.create', { orgId, key, experiment: { name: 'Second' } }),
    ]);
    expect(result).toMatchObject({ status: 'refused', code: 'conflict', key: 'error_recordKeyTaken' });
    expect((await pull(server.app, team.owner)).version).toBe(before.version);
    expect((await experimentRow(orgId, key))?.data).toMatchObject({ name: 'First' });
  });

  it('starts, pauses (by a person), resumes and completes, each with its history line', async () => {
    const orgId = await newClientOrg('Lifecycle Co');
    const key = await createExperiment(orgId);
    const ref = { orgId, key };
    const results = await push(server.app, team.manager, [
      change('experiment.start', ref),
      change('experiment.pause', ref),
    ]);
    expect(results.map((r) => r.status)).toEqual(['accepted', 'accepted']);
    expect((await experimentRow(orgId, key))?.data).toMatchObject({ status: 'paused', pausedBy: 'person' });

    const [resumed] = await push(server.app, team.manager, [change('experiment.start', ref)]);
    expect(resumed).toMatchObject({ status: 'accepted' });
    const running = (await experimentRow(orgId, key))?.data as Record<string, unknown>;
    expect(running).toMatchObject({ status: 'running' });
    expect(running).not.toHaveProperty('pausedBy');

    const [completed] = await push(server.app, team.manager, [change('experiment.complete', ref)]);
    expect(completed).toMatchObject({ status: 'accepted' });
    expect((await experimentRow(orgId, key))?.data).toMatchObject({ status: 'completed' });

    const { rows } = await pullAll(server.app, team.viewer);
    expect(historyOf(rows, orgId).map((entry) => entry.action)).toEqual([
      'client_created',
      'experiment_created',
      'experiment_started',
      'experiment_paused',
      'experiment_resumed',
      'experiment_completed',
    ]);
  });

  it('refuses what the status does not allow, with the reason the dashboard shows', async () => {
    const orgId = await newClientOrg('Strict Status Inc');
    const key = await createExperiment(orgId);
    const ref = { orgId, key };
    const [pauseDraft] = await push(server.app, team.manager, [change('experiment.pause', ref)]);
    expect(pauseDraft).toMatchObject({ status: 'refused', key: 'error_experimentCannotPause' });
    await push(server.app, team.manager, [change('experiment.complete', ref)]);
    const [again] = await push(server.app, team.manager, [change('experiment.complete', ref)]);
    expect(again).toMatchObject({ status: 'refused', key: 'error_experimentCannotComplete' });
    const [restart] = await push(server.app, team.manager, [change('experiment.start', ref)]);
    expect(restart).toMatchObject({ status: 'refused', key: 'error_experimentCannotStart' });
  });

  it('refuses starting while the client is paused or inactive, and creating while it is inactive', async () => {
    const orgId = await newClientOrg('Paused Partners');
    const key = await createExperiment(orgId);
    await putClientStatus(server.db, team.agencyId, orgId, 'paused');
    const [whilePaused] = await push(server.app, team.manager, [change('experiment.start', { orgId, key })]);
    expect(whilePaused).toMatchObject({ status: 'refused', key: 'error_startWhilePaused' });
    // A paused client may still get new drafts.
    await createExperiment(orgId, 'Another draft');

    await putClientStatus(server.db, team.agencyId, orgId, 'inactive');
    const before = await pull(server.app, team.owner);
    const [whileInactive] = await push(server.app, team.manager, [change('experiment.start', { orgId, key })]);
    expect(whileInactive).toMatchObject({ status: 'refused', key: 'error_startWhileInactive' });
    const [create] = await push(server.app, team.manager, [
      change('experiment.create', { orgId, key: recordKey(), experiment: { name: 'Late idea' } }),
    ]);
    expect(create).toMatchObject({ status: 'refused', key: 'error_clientInactive' });
    expect((await pull(server.app, team.owner)).version).toBe(before.version);
  });

  it("answers another org's experiment exactly like one that does not exist", async () => {
    const mine = await newClientOrg('Mine Ltd');
    const theirs = await newClientOrg('Theirs Ltd');
    const key = await createExperiment(theirs);
    for (const name of ['experiment.start', 'experiment.pause', 'experiment.complete'] as const) {
      const [across] = await push(server.app, team.manager, [change(name, { orgId: mine, key })]);
      const [unknown] = await push(server.app, team.manager, [change(name, { orgId: mine, key: recordKey() })]);
      expect(across).toMatchObject({ status: 'refused', code: 'not_found', key: 'error_experimentNotFound' });
      expect(unknown).toEqual({ ...across, id: unknown?.id });
    }
  });

  it("refuses a viewer's experiment change", async () => {
    const orgId = await newClientOrg('Read Only Co');
    const [result] = await push(server.app, team.viewer, [
      change('experiment.create', { orgId, key: recordKey(), experiment: { name: 'Nope' } }),
    ]);
    expect(result).toMatchObject({ status: 'refused', key: 'team_refused_viewer' });
  });
});
