import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityEntry } from '../../lib/model/activity';
import type { PulledRow } from '../../lib/model/sync-pull';
import { generateOrgId } from '../../lib/rules/org-id';
import {
  agencyState,
  clientRowOf,
  experimentStates,
  insertExperiment,
  usageReportsOf,
  usageSamplesOf,
} from './org-rows';
import { change, createChange, NOW, pull, push, setUpAgency, type TestAgency } from './team';
import { testServer } from './test-server';

let team: TestAgency;
let now = NOW;
const server = testServer({ clock: () => now });

const DECEMBER = '2026-12-01';
const JANUARY = '2027-01-01';

beforeAll(async () => {
  team = await setUpAgency(server.db, 100);
});
afterEach(() => {
  now = NOW;
});

/** A client with two running experiments, one a person paused and a draft. */
async function clientWithExperiments(quota: number): Promise<string> {
  const orgId = generateOrgId();
  const [created] = await push(server.app, team.manager, [createChange('Acme Outdoor', quota, orgId)]);
  expect(created).toMatchObject({ status: 'accepted' });
  await insertExperiment(server.db, team.agencyId, orgId, 'exp-running-1', 'running');
  await insertExperiment(server.db, team.agencyId, orgId, 'exp-running-2', 'running');
  await insertExperiment(server.db, team.agencyId, orgId, 'exp-by-person', 'paused', 'person');
  await insertExperiment(server.db, team.agencyId, orgId, 'exp-draft', 'draft');
  return orgId;
}

function setVisitors(orgId: string, visitors: number, reason?: string) {
  return change('client.setVisitorsUsed', { orgId, visitors, ...(reason === undefined ? {} : { reason }) });
}

/** The history lines of a pull, in the order they were written. */
function history(rows: PulledRow[]): Pick<ActivityEntry, 'action' | 'actor' | 'details'>[] {
  return rows
    .filter((row) => row.entity === 'activity')
    .sort((a, b) => Number(a.key) - Number(b.key))
    .map((row) => {
      const { action, actor, details } = row.data as ActivityEntry;
      return { action, actor, details };
    });
}

const QUOTA_RULE = { type: 'rule', rule: 'quota' };
const BILLING_RULE = { type: 'rule', rule: 'billing' };
const PERSON = { type: 'person' };

describe('push: client.setVisitorsUsed', () => {
  it('pauses a client that reaches its quota with its running experiments, in the same change', async () => {
    const orgId = await clientWithExperiments(10);
    const since = (await pull(server.app, team.owner)).version;
    const [result] = await push(server.app, team.manager, [setVisitors(orgId, 10)]);
    expect(result).toMatchObject({ status: 'accepted' });
    const version = (result as { version: number }).version;

    const { rows } = await pull(server.app, team.viewer, since);
    expect(rows.every((row) => row.version === version)).toBe(true);
    expect(rows.find((row) => row.entity === 'client')?.data).toMatchObject({
      orgId,
      status: 'paused',
      usedVisitors: 10,
      usagePeriod: DECEMBER,
    });
    expect(
      rows
        .filter((row) => row.entity === 'experiment')
        .map((row) => [row.key, (row.data as { status: string; pausedBy?: string }).pausedBy]),
    ).toEqual([
      ['exp-running-1', 'quota'],
      ['exp-running-2', 'quota'],
    ]);
    expect(await experimentStates(server.db, team.agencyId, orgId)).toEqual({
      'exp-by-person': { status: 'paused', data: 'paused', by: 'person' },
      'exp-draft': { status: 'draft', data: 'draft', by: undefined },
      'exp-running-1': { status: 'paused', data: 'paused', by: 'quota' },
      'exp-running-2': { status: 'paused', data: 'paused', by: 'quota' },
    });
    expect(history(rows)).toEqual([
      { action: 'usage_set', actor: PERSON, details: { before: 0, after: 10, period: DECEMBER } },
      {
        action: 'client_paused',
        actor: QUOTA_RULE,
        details: { usedVisitors: 10, quota: 10, experimentsPaused: 2 },
      },
    ]);
    // The period's report and today's sample, in the extension's shapes.
    expect(await usageReportsOf(server.db, team.agencyId, orgId)).toEqual([
      { period: DECEMBER, data: { orgId, period: DECEMBER, visitors: 10, updatedAt: NOW } },
    ]);
    expect(await usageSamplesOf(server.db, team.agencyId, orgId)).toEqual([
      { day: '2026-12-02', data: { orgId, day: '2026-12-02', period: DECEMBER, used: 10 } },
    ]);
    expect(rows.filter((row) => row.entity === 'usageReport' || row.entity === 'usageSample')).toHaveLength(2);
  });

  it('refuses a lower number without a reason with the key the dashboard shows, and writes nothing', async () => {
    const orgId = await clientWithExperiments(10);
    await push(server.app, team.manager, [setVisitors(orgId, 10)]);
    const before = await agencyState(server.db, team.agencyId);
    const [bare] = await push(server.app, team.manager, [setVisitors(orgId, 8)]);
    expect(bare).toMatchObject({
      status: 'refused',
      code: 'rule',
      key: 'error_usageLowerNeedsReason',
      params: { before: 10, after: 8 },
    });
    // A reason of spaces is no reason, as in the dashboard.
    const [spaces] = await push(server.app, team.manager, [setVisitors(orgId, 8, '   ')]);
    expect(spaces).toMatchObject({ status: 'refused', key: 'error_usageLowerNeedsReason' });
    expect(await agencyState(server.db, team.agencyId)).toEqual(before);
    expect(await clientRowOf(server.db, team.agencyId, orgId)).toMatchObject({ status: 'paused', used_visitors: 10 });
  });

  it('takes a correction with a reason below the quota and resumes exactly what the quota rule paused', async () => {
    const orgId = await clientWithExperiments(10);
    await push(server.app, team.manager, [setVisitors(orgId, 12)]);
    const since = (await pull(server.app, team.owner)).version;
    const [result] = await push(server.app, team.manager, [setVisitors(orgId, 8, '  Counted a bot twice ')]);
    expect(result).toMatchObject({ status: 'accepted' });

    const { rows } = await pull(server.app, team.owner, since);
    expect(rows.find((row) => row.entity === 'client')?.data).toMatchObject({ status: 'active', usedVisitors: 8 });
    expect(await experimentStates(server.db, team.agencyId, orgId)).toEqual({
      'exp-by-person': { status: 'paused', data: 'paused', by: 'person' },
      'exp-draft': { status: 'draft', data: 'draft', by: undefined },
      'exp-running-1': { status: 'running', data: 'running', by: undefined },
      'exp-running-2': { status: 'running', data: 'running', by: undefined },
    });
    expect(history(rows)).toEqual([
      {
        action: 'usage_set',
        actor: PERSON,
        details: { before: 12, after: 8, period: DECEMBER, reason: 'Counted a bot twice' },
      },
      {
        action: 'client_unpaused',
        actor: QUOTA_RULE,
        details: { usedVisitors: 8, quota: 10, experimentsResumed: 2 },
      },
    ]);
    expect((await usageReportsOf(server.db, team.agencyId, orgId)).map((row) => row.data.visitors)).toEqual([8]);
  });

  it("starts a new billing period from 0 first, keeping the old period's report", async () => {
    const orgId = await clientWithExperiments(10);
    await push(server.app, team.manager, [setVisitors(orgId, 10)]);
    now = Date.UTC(2027, 0, 3, 9, 0, 0);
    const since = (await pull(server.app, team.owner)).version;
    // Lower than December's number, yet no correction: January has used nothing yet.
    const [result] = await push(server.app, team.manager, [setVisitors(orgId, 4)]);
    expect(result).toMatchObject({ status: 'accepted' });

    const { rows } = await pull(server.app, team.owner, since);
    expect(rows.find((row) => row.entity === 'client')?.data).toMatchObject({
      status: 'active',
      usedVisitors: 4,
      usagePeriod: JANUARY,
    });
    expect(history(rows)).toEqual([
      {
        action: 'usage_reset',
        actor: BILLING_RULE,
        details: { period: JANUARY, usedVisitors: 10, licensesReturned: 0 },
      },
      {
        action: 'client_unpaused',
        actor: BILLING_RULE,
        details: { usedVisitors: 0, quota: 10, experimentsResumed: 2 },
      },
      { action: 'usage_set', actor: PERSON, details: { before: 0, after: 4, period: JANUARY } },
    ]);
    expect(await usageReportsOf(server.db, team.agencyId, orgId)).toEqual([
      { period: DECEMBER, data: { orgId, period: DECEMBER, visitors: 10, updatedAt: NOW } },
      { period: JANUARY, data: { orgId, period: JANUARY, visitors: 4, updatedAt: now } },
    ]);
    expect((await usageSamplesOf(server.db, team.agencyId, orgId)).map((row) => row.data)).toEqual([
      { orgId, day: '2026-12-02', period: DECEMBER, used: 10 },
      { orgId, day: '2027-01-03', period: JANUARY, used: 4 },
    ]);
    expect(await experimentStates(server.db, team.agencyId, orgId)).toMatchObject({
      'exp-running-1': { status: 'running', by: undefined },
      'exp-running-2': { status: 'running', by: undefined },
      'exp-by-person': { status: 'paused', by: 'person' },
    });
  });

  it('writes nothing but the version when the number is the one stored', async () => {
    const orgId = await clientWithExperiments(10);
    await push(server.app, team.manager, [setVisitors(orgId, 3)]);
    const since = (await pull(server.app, team.owner)).version;
    const [result] = await push(server.app, team.manager, [setVisitors(orgId, 3)]);
    expect(result).toMatchObject({ status: 'accepted' });
    expect((await pull(server.app, team.owner, since)).rows).toEqual([]);
  });
});
