import { afterEach, describe, expect, it } from 'vitest';
import type { ActivityEntry } from '../../lib/model/activity';
import { asDate } from '../../lib/model/messages';
import { generateOrgId } from '../../lib/rules/org-id';
import { agencyState, clientRowOf, experimentStates, insertExperiment } from './org-rows';
import { change, createChange, NOW, pull, push, setUpAgency, type TestAgency } from './team';
import { testServer } from './test-server';

let now = NOW;
const server = testServer({ clock: () => now });

/** Three calendar months after 2 Dec 2026, the day the clients here go inactive. */
const PURGE_ON = '2027-03-02';

afterEach(() => {
  now = NOW;
});

/** An agency of its own (pool 100) with a client that used `used` of `quota`, two running experiments, one a person paused. */
async function agencyWithClient(quota: number, used: number): Promise<{ team: TestAgency; orgId: string }> {
  const team = await setUpAgency(server.db, 100);
  const orgId = generateOrgId();
  const results = await push(server.app, team.manager, [
    createChange('Acme Outdoor', quota, orgId),
    ...(used > 0 ? [change('client.setVisitorsUsed', { orgId, visitors: used })] : []),
  ]);
  expect(results.map((result) => result.status)).toEqual(results.map(() => 'accepted'));
  await insertExperiment(server.db, team.agencyId, orgId, 'exp-running-1', 'running');
  await insertExperiment(server.db, team.agencyId, orgId, 'exp-running-2', 'running');
  await insertExperiment(server.db, team.agencyId, orgId, 'exp-by-person', 'paused', 'person');
  return { team, orgId };
}

async function lastEntry(team: TestAgency, since: number): Promise<ActivityEntry | undefined> {
  const { rows } = await pull(server.app, team.owner, since);
  return rows
    .filter((row) => row.entity === 'activity')
    .sort((a, b) => Number(a.key) - Number(b.key))
    .map((row) => row.data as ActivityEntry)
    .at(-1);
}

describe('push: client.markInactive', () => {
  it('pauses the running experiments and returns the unused licences, which a create can then take', async () => {
    const { team, orgId } = await agencyWithClient(60, 15);
    const [tooBig] = await push(server.app, team.manager, [createChange('Second Co', 41)]);
    expect(tooBig).toMatchObject({
      status: 'refused',
      key: 'error_quotaExceedsFree',
      params: { needed: 41, free: 40 },
    });

    const since = (await pull(server.app, team.owner)).version;
    const [result] = await push(server.app, team.manager, [change('client.markInactive', { orgId })]);
    expect(result).toMatchObject({ status: 'accepted' });
    const { rows } = await pull(server.app, team.viewer, since);
    expect(rows.find((row) => row.entity === 'client')?.data).toMatchObject({
      orgId,
      status: 'inactive',
      quota: 15,
      usedVisitors: 15,
      quotaBeforeInactive: 60,
      inactiveSince: NOW,
      purgeOn: PURGE_ON,
    });
    expect(await experimentStates(server.db, team.agencyId, orgId)).toEqual({
      'exp-by-person': { status: 'paused', data: 'paused', by: 'person' },
      'exp-running-1': { status: 'paused', data: 'paused', by: 'inactivity' },
      'exp-running-2': { status: 'paused', data: 'paused', by: 'inactivity' },
    });
    expect(await lastEntry(team, since)).toMatchObject({
      action: 'client_inactivated',
      orgId,
      quotaDelta: -45,
      details: { licensesReturned: 45, experimentsPaused: 2, purgeOn: PURGE_ON },
    });
    expect(await agencyState(server.db, team.agencyId)).toMatchObject({ allocated: 15 });

    const [fits] = await push(server.app, team.manager, [createChange('Second Co', 85)]);
    expect(fits).toMatchObject({ status: 'accepted' });
  });

  it('refuses a client that is inactive already, and a usage change for it', async () => {
    const { team, orgId } = await agencyWithClient(20, 5);
    await push(server.app, team.manager, [change('client.markInactive', { orgId })]);
    const before = await agencyState(server.db, team.agencyId);
    const [again, usage] = await push(server.app, team.manager, [
      change('client.markInactive', { orgId }),
      change('client.setVisitorsUsed', { orgId, visitors: 9 }),
    ]);
    expect(again).toMatchObject({ status: 'refused', code: 'rule', key: 'error_clientAlreadyInactive' });
    expect(usage).toMatchObject({ status: 'refused', code: 'rule', key: 'error_clientInactive' });
    expect(await agencyState(server.db, team.agencyId)).toEqual(before);
  });
});

describe('push: client.reactivate', () => {
  it('brings the client back with licences from the pool and resumes what inactivity paused', async () => {
    const { team, orgId } = await agencyWithClient(20, 5);
    await push(server.app, team.manager, [change('client.markInactive', { orgId })]);
    now = NOW + 86_400_000;
    const since = (await pull(server.app, team.owner)).version;
    const [result] = await push(server.app, team.manager, [change('client.reactivate', { orgId, quota: 10 })]);
    expect(result).toMatchObject({ status: 'accepted' });

    const client = (await pull(server.app, team.owner, since)).rows.find((row) => row.entity === 'client')?.data;
    expect(client).toMatchObject({ status: 'active', quota: 10, usedVisitors: 5 });
    for (const field of ['quotaBeforeInactive', 'inactiveSince', 'purgeOn']) expect(client).not.toHaveProperty(field);
    expect(await clientRowOf(server.db, team.agencyId, orgId)).toMatchObject({ status: 'active', quota: 10 });
    expect(await experimentStates(server.db, team.agencyId, orgId)).toEqual({
      'exp-by-person': { status: 'paused', data: 'paused', by: 'person' },
      'exp-running-1': { status: 'running', data: 'running', by: undefined },
      'exp-running-2': { status: 'running', data: 'running', by: undefined },
    });
    expect(await lastEntry(team, since)).toMatchObject({
      action: 'client_reactivated',
      orgId,
      quotaDelta: 5,
      details: { quota: 10, experimentsResumed: 2, paused: false },
    });
    expect(await agencyState(server.db, team.agencyId)).toMatchObject({ allocated: 10 });
  });

  it('comes back paused at 100%, what inactivity paused now waiting for the quota rule', async () => {
    const { team, orgId } = await agencyWithClient(20, 5);
    await push(server.app, team.manager, [change('client.markInactive', { orgId })]);
    const [result] = await push(server.app, team.manager, [change('client.reactivate', { orgId, quota: 5 })]);
    expect(result).toMatchObject({ status: 'accepted' });
    expect(await clientRowOf(server.db, team.agencyId, orgId)).toMatchObject({ status: 'paused', quota: 5 });
    expect(await experimentStates(server.db, team.agencyId, orgId)).toMatchObject({
      'exp-running-1': { status: 'paused', by: 'quota' },
      'exp-running-2': { status: 'paused', by: 'quota' },
      'exp-by-person': { status: 'paused', by: 'person' },
    });
  });

  it('refuses once the purge date has come, with error_reactivateTooLate, and writes nothing', async () => {
    const { team, orgId } = await agencyWithClient(20, 5);
    await push(server.app, team.manager, [change('client.markInactive', { orgId })]);
    const before = await clientRowOf(server.db, team.agencyId, orgId);
    now = Date.UTC(2027, 2, 2, 0, 0, 1);
    const [result] = await push(server.app, team.manager, [change('client.reactivate', { orgId, quota: 10 })]);
    expect(result).toMatchObject({
      status: 'refused',
      code: 'rule',
      key: 'error_reactivateTooLate',
      params: { date: asDate(PURGE_ON) },
    });
    expect(await clientRowOf(server.db, team.agencyId, orgId)).toEqual(before);
  });

  it('refuses more than the free pool gives, with error_quotaExceedsFree, and writes nothing', async () => {
    const { team, orgId } = await agencyWithClient(20, 5);
    await push(server.app, team.manager, [change('client.markInactive', { orgId }), createChange('Other Co', 80)]);
    // The inactive client holds 5 and the other 80: 15 free, so 21 needs 16.
    const before = await agencyState(server.db, team.agencyId);
    const [tooMuch] = await push(server.app, team.manager, [change('client.reactivate', { orgId, quota: 21 })]);
    expect(tooMuch).toMatchObject({
      status: 'refused',
      code: 'rule',
      key: 'error_quotaExceedsFree',
      params: { needed: 16, free: 15 },
    });
    expect(await agencyState(server.db, team.agencyId)).toEqual(before);
    expect(await clientRowOf(server.db, team.agencyId, orgId)).toMatchObject({ status: 'inactive', quota: 5 });
    const [fits] = await push(server.app, team.manager, [change('client.reactivate', { orgId, quota: 20 })]);
    expect(fits).toMatchObject({ status: 'accepted' });
    expect(await agencyState(server.db, team.agencyId)).toMatchObject({ allocated: 100 });
  });

  it('refuses a client that is not inactive, and a quota below the visitors used', async () => {
    const { team, orgId } = await agencyWithClient(20, 5);
    const [active] = await push(server.app, team.manager, [change('client.reactivate', { orgId, quota: 10 })]);
    expect(active).toMatchObject({ status: 'refused', key: 'error_clientNotInactive' });
    await push(server.app, team.manager, [change('client.markInactive', { orgId })]);
    const [below] = await push(server.app, team.manager, [change('client.reactivate', { orgId, quota: 4 })]);
    expect(below).toMatchObject({ status: 'refused', key: 'error_quotaBelowUsage', params: { used: 5 } });
  });
});
