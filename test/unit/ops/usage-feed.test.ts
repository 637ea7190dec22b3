import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../../lib/db/database';
import { asDate } from '../../../lib/model/messages';
import { FEED_PROBLEMS_KEPT } from '../../../lib/model/usage-feed-status';
import {
  createClient,
  deleteClient,
  getClient,
  listActivity,
  listUsageReports,
  markInactive,
  recordRevokedAccess,
  setVisitorsUsed,
  updateSettings,
} from '../../../lib/ops';
import { applyUsageFeed, type FeedApplyResult, type FeedRow } from '../../../lib/ops/usage-feed';
import {
  clientInput,
  clientWithExperiments,
  DAY,
  expectKeyInCatalogues,
  experimentStates,
  resetDb,
  snapshot,
  T0,
} from './helpers';

// T0 is 2026-01-15 12:00 UTC: with billing day 1, the period of 2026-01-01.
const JAN = '2026-01-01';
const DEC = '2025-12-01';

beforeEach(async () => {
  await resetDb();
  await updateSettings({ poolSize: 100_000, timeZone: 'UTC', billingDay: 1 }, { now: T0 });
});

async function applied(rows: FeedRow[], acceptCorrections = false, now = T0 + 1, batchSize?: number) {
  const outcome = await applyUsageFeed(rows, acceptCorrections, now, batchSize);
  if (!('applied' in outcome)) throw new Error(`refused: ${JSON.stringify(outcome.failure)}`);
  return outcome.applied;
}

function rowsFor(orgIds: string[], visitors: (index: number) => number): FeedRow[] {
  return orgIds.map((orgId, index) => ({ orgId, visitorsUsed: visitors(index), line: index + 2 }));
}

/** Org IDs no client has, in the Crockford alphabet. */
function unknownOrgId(index: number): string {
  return `ORG-ZZZZ${String(index).padStart(4, '0')}`;
}

describe('applyUsageFeed', () => {
  it('applies every row of a feed read in several small batches', async () => {
    const clients = [];
    for (let index = 0; index < 12; index += 1)
      clients.push(await createClient(clientInput({ quota: 1000 }), { now: T0 }));
    const ids = clients.map((client) => client.orgId);
    const result = await applied(
      rowsFor(ids, (index) => 10 * (index + 1)),
      false,
      T0 + 1,
      5,
    );
    expect(result).toEqual<FeedApplyResult>({ updated: 12, filed: 0, unchanged: 0, problems: [], problemCount: 0 });
    for (const [index, orgId] of ids.entries()) {
      expect((await getClient(orgId))?.usedVisitors).toBe(10 * (index + 1));
      const [entry] = await listActivity({ orgId, limit: 1 });
      expect(entry).toMatchObject({
        action: 'usage_set',
        actor: { type: 'rule', rule: 'usage_feed' },
        details: { before: 0, after: 10 * (index + 1), period: JAN },
      });
    }
    // The same feed again: nothing changes, every row unchanged.
    const again = await applied(
      rowsFor(ids, (index) => 10 * (index + 1)),
      false,
      T0 + 2,
      5,
    );
    expect(again).toMatchObject({ updated: 0, unchanged: 12, problemCount: 0 });
  });

  it('lists a problem per row that cannot apply, and applies the others', async () => {
    const fine = await createClient(clientInput({ quota: 1000 }), { now: T0 });
    const inactive = await createClient(clientInput({ quota: 1000 }), { now: T0 });
    await markInactive(inactive.orgId, { now: T0 });
    const revoked = await createClient(clientInput({ quota: 1000 }), { now: T0 });
    await recordRevokedAccess(revoked.orgId, {}, { now: T0 });
    const deleted = await createClient(clientInput({ quota: 1000 }), { now: T0 });
    await deleteClient(deleted.orgId, { now: T0 });
    const rows: FeedRow[] = [
      { orgId: unknownOrgId(1), visitorsUsed: 1, line: 2 },
      { orgId: inactive.orgId, visitorsUsed: 2, line: 3 },
      { orgId: fine.orgId, visitorsUsed: 300, line: 4 },
      { orgId: revoked.orgId, visitorsUsed: 4, line: 5 },
      { orgId: deleted.orgId, visitorsUsed: 5, line: 6 },
      { orgId: fine.orgId, visitorsUsed: 6, periodStart: '2026-02-01', line: 7 },
    ];
    const result = await applied(rows, false, T0 + 1, 2);
    expect(result.updated).toBe(1);
    expect(result.problemCount).toBe(5);
    expect(result.problems.map((problem) => [problem.line, problem.orgId, problem.key])).toEqual([
      [2, unknownOrgId(1), 'usageFeed_rowUnknown'],
      [3, inactive.orgId, 'usageFeed_rowInactive'],
      [5, revoked.orgId, 'usageFeed_rowRevoked'],
      [6, deleted.orgId, 'usageFeed_rowDeleted'],
      [7, fine.orgId, 'usageFeed_rowFuturePeriod'],
    ]);
    expect(result.problems.at(-1)?.params).toEqual({ orgId: fine.orgId, period: asDate('2026-02-01') });
    for (const problem of result.problems) expectKeyInCatalogues(problem.key);
    expect((await getClient(fine.orgId))?.usedVisitors).toBe(300);
    expect((await getClient(inactive.orgId))?.usedVisitors).toBe(0);
    expect((await getClient(revoked.orgId))?.usedVisitors).toBe(0);
  });

  it("files a past period's number under its report without touching the current usage", async () => {
    const client = await createClient(clientInput({ quota: 1000 }), { now: T0 });
    await setVisitorsUsed(client.orgId, 200, { now: T0 });
    const result = await applied([{ orgId: client.orgId, visitorsUsed: 750, periodStart: '2025-12-10', line: 2 }]);
    expect(result).toMatchObject({ updated: 0, filed: 1, unchanged: 0, problemCount: 0 });
    expect((await getClient(client.orgId))?.usedVisitors).toBe(200);
    expect((await listUsageReports(client.orgId)).map((report) => [report.period, report.visitors])).toEqual([
      [JAN, 200],
      [DEC, 750],
    ]);
    expect((await listActivity({ orgId: client.orgId, limit: 1 }))[0]).toMatchObject({
      action: 'usage_filed',
      actor: { type: 'rule', rule: 'usage_feed' },
      details: { period: DEC, before: 0, after: 750 },
    });
    // No sample or trend for an ended period.
    expect(await db.usageSamples.where('orgId').equals(client.orgId).toArray()).toEqual([
      { orgId: client.orgId, day: '2026-01-15', period: JAN, used: 200 },
    ]);
    // A lower number for that period is a decrease like any other.
    const lower = await applied([{ orgId: client.orgId, visitorsUsed: 700, periodStart: DEC, line: 2 }]);
    expect(lower.problems.map((problem) => [problem.key, problem.params])).toEqual([
      ['usageFeed_rowDecrease', { orgId: client.orgId, before: 750, after: 700 }],
    ]);
  });

  it('lists a lower number as a problem unless corrections are accepted', async () => {
    const client = await createClient(clientInput({ quota: 1000 }), { now: T0 });
    await setVisitorsUsed(client.orgId, 500, { now: T0 });
    const before = await snapshot();
    const refused = await applied([{ orgId: client.orgId, visitorsUsed: 450, line: 9 }]);
    expect(refused).toMatchObject({ updated: 0, problemCount: 1 });
    expect(refused.problems).toEqual([
      {
        orgId: client.orgId,
        line: 9,
        key: 'usageFeed_rowDecrease',
        params: { orgId: client.orgId, before: 500, after: 450 },
      },
    ]);
    expect(await snapshot()).toEqual(before);
    const accepted = await applied([{ orgId: client.orgId, visitorsUsed: 450, line: 9 }], true);
    expect(accepted).toMatchObject({ updated: 1, problemCount: 0 });
    expect((await getClient(client.orgId))?.usedVisitors).toBe(450);
    expect((await listActivity({ orgId: client.orgId, limit: 1 }))[0]?.details).toEqual({
      before: 500,
      after: 450,
      period: JAN,
    });
  });

  it('refuses an answer listing a client twice for one period, writing nothing', async () => {
    const client = await createClient(clientInput({ quota: 1000 }), { now: T0 });
    const other = await createClient(clientInput({ quota: 1000 }), { now: T0 });
    const before = await snapshot();
    const outcome = await applyUsageFeed(
      [
        { orgId: other.orgId, visitorsUsed: 10, line: 2 },
        { orgId: client.orgId, visitorsUsed: 10, line: 3 },
        { orgId: client.orgId, visitorsUsed: 12, periodStart: '2026-01-15', line: 4 },
      ],
      false,
      T0 + 1,
      1,
    );
    expect(outcome).toEqual({
      failure: {
        key: 'usageFeed_duplicateOrgIdInPeriod',
        params: { orgId: client.orgId, period: asDate(JAN), first: 3, second: 4 },
      },
    });
    expectKeyInCatalogues('usageFeed_duplicateOrgIdInPeriod');
    expect(await snapshot()).toEqual(before);
  });

  it('pauses a client the feed takes to 100%, with its running experiments', async () => {
    const client = await clientWithExperiments(20);
    const result = await applied([{ orgId: client.orgId, visitorsUsed: 21, line: 2 }]);
    expect(result.updated).toBe(1);
    expect(await getClient(client.orgId)).toMatchObject({ status: 'paused', usedVisitors: 21 });
    expect((await experimentStates(client.orgId)).running).toEqual(['paused', 'quota']);
    const [paused, set] = await listActivity({ orgId: client.orgId, limit: 2 });
    expect(set).toMatchObject({ action: 'usage_set', actor: { type: 'rule', rule: 'usage_feed' } });
    expect(paused).toMatchObject({ action: 'client_paused', actor: { type: 'rule', rule: 'quota' } });
  });

  it('lifts the quota pause when an accepted correction takes the client under its quota', async () => {
    const client = await clientWithExperiments(20);
    await applied([{ orgId: client.orgId, visitorsUsed: 21, line: 2 }]);
    const refused = await applied([{ orgId: client.orgId, visitorsUsed: 15, line: 2 }], false, T0 + 2);
    expect(refused.problems.map((problem) => problem.key)).toEqual(['usageFeed_rowDecrease']);
    expect((await getClient(client.orgId))?.status).toBe('paused');
    await applied([{ orgId: client.orgId, visitorsUsed: 15, line: 2 }], true, T0 + 3);
    expect(await getClient(client.orgId)).toMatchObject({ status: 'active', usedVisitors: 15 });
    expect(await experimentStates(client.orgId)).toEqual({
      running: ['running', undefined],
      'person-paused': ['paused', 'person'],
      draft: ['draft', undefined],
    });
  });

  it('decides the warnings a feed row calls for, as any usage change does', async () => {
    const client = await createClient(clientInput({ quota: 1000 }), { now: T0 });
    await applied([{ orgId: client.orgId, visitorsUsed: 950, line: 2 }]);
    const rows = await db.usageAlerts.where('orgId').equals(client.orgId).toArray();
    expect(rows.map((alert) => [alert.kind, alert.status])).toEqual([
      ['level-80', 'skipped'],
      ['level-90', 'pending'],
    ]);
  });

  it('keeps the first FEED_PROBLEMS_KEPT problems and counts them all', async () => {
    const client = await createClient(clientInput({ quota: 1000 }), { now: T0 });
    const total = FEED_PROBLEMS_KEPT + 37;
    const rows: FeedRow[] = Array.from({ length: total }, (_, index) => ({
      orgId: unknownOrgId(index),
      visitorsUsed: 1,
      line: index + 2,
    }));
    rows.splice(60, 0, { orgId: client.orgId, visitorsUsed: 5, line: 9999 });
    const result = await applied(rows, false, T0 + 1, 30);
    expect(result.problemCount).toBe(total);
    expect(result.problems).toHaveLength(FEED_PROBLEMS_KEPT);
    expect(result.problems.map((problem) => problem.line)).toEqual(
      Array.from({ length: FEED_PROBLEMS_KEPT }, (_, index) => index + 2),
    );
    expect(result.updated).toBe(1);
  });

  it('samples an unchanged number so that a flat day counts in the forecast', async () => {
    const client = await createClient(clientInput({ quota: 10_000 }), { now: T0 });
    await applied([{ orgId: client.orgId, visitorsUsed: 100, line: 2 }], false, T0);
    await applied([{ orgId: client.orgId, visitorsUsed: 200, line: 2 }], false, T0 + DAY);
    const result = await applied([{ orgId: client.orgId, visitorsUsed: 200, line: 2 }], false, T0 + 2 * DAY);
    expect(result).toMatchObject({ updated: 0, unchanged: 1 });
    expect((await db.usageSamples.where('orgId').equals(client.orgId).toArray()).map((sample) => sample.used)).toEqual([
      100, 200, 200,
    ]);
    expect((await db.clients.get(client.orgId))?.usageTrend).toEqual({ period: JAN, perDay: 50, day: '2026-01-17' });
  });

  it('counts a client not yet moved to the new period from 0, and moves it', async () => {
    const client = await clientWithExperiments(20);
    await setVisitorsUsed(client.orgId, 20, { now: T0 });
    const inFeb = Date.UTC(2026, 1, 2, 12);
    const result = await applied([{ orgId: client.orgId, visitorsUsed: 3, line: 2 }], false, inFeb);
    expect(result).toMatchObject({ updated: 1, problemCount: 0 });
    expect(await getClient(client.orgId)).toMatchObject({
      status: 'active',
      usedVisitors: 3,
      usagePeriod: '2026-02-01',
    });
  });
});
