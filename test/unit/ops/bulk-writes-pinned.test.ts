// Pins every record the bulk write paths leave in the database, whole: a CSV import, a backup
// restore and a usage feed read, alone and on a shared roster, over one fixture roster that
// gives each path its cases (new, updated, paused and unpaused by the quota rule, warnings,
// billing rollover, past periods, problems). The dumps in __snapshots__ were taken before
// these paths were batched for speed (issue 16); a faster path must write exactly the same.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '../../../lib/db/database';
import { prepareImport } from '../../../lib/io/prepare';
import {
  createClient,
  createExperiment,
  deleteClient,
  markInactive,
  pauseExperiment,
  recordRevokedAccess,
  setVisitorsUsed,
  startExperiment,
  updateSettings,
} from '../../../lib/ops';
import { exportBackup } from '../../../lib/ops/export';
import { applyImport } from '../../../lib/ops/import';
import { applyUsageFeed, type FeedRow } from '../../../lib/ops/usage-feed';
import { connectTestTeam } from '../team/team-fixture';
import { csvFile, csvRow } from '../import/helpers';
import { clientInput, DAY, mulberry32, resetDb, T0 } from './helpers';

/** A seeded source for crypto.getRandomValues: Org IDs, change ids and record keys come out the same every run. */
function seededRandom(seed: number) {
  const next = mulberry32(seed);
  return <T extends ArrayBufferView | null>(array: T): T => {
    if (array) {
      const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
      for (let index = 0; index < bytes.length; index += 1) bytes[index] = Math.floor(next() * 256);
    }
    return array;
  };
}

beforeEach(async () => {
  vi.spyOn(crypto, 'getRandomValues').mockImplementation(seededRandom(16));
  await resetDb();
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** Every table, whole, in primary-key order. */
async function dump(): Promise<Record<string, unknown[]>> {
  const tables: Record<string, unknown[]> = {};
  for (const table of db.tables) tables[table.name] = await table.toArray();
  return tables;
}

/**
 * The dump with the history lines of each client together, in their order, without their ids:
 * the lines of one feed batch share one moment, and how one client's lines interleave with
 * another's in it is how the batch's writes were scheduled (a row's chain of requests, or one
 * bulk write per table), not something the feed decides.
 */
async function dumpByClient(): Promise<Record<string, unknown>> {
  const tables = await dump();
  const lines = (tables.activity ?? []) as { id: number; orgId?: string }[];
  const byClient: Record<string, unknown[]> = {};
  for (const { id: _id, ...line } of [...lines].sort((a, b) => a.id - b.id))
    (byClient[line.orgId ?? ''] ??= []).push(line);
  return { ...tables, activity: byClient };
}

/** Dates of the fixture: T0 is 2026-01-15 12:00 UTC, in the period of 2026-01-01 (billing day 1). */
const NOW = T0 + 3 * DAY;

interface Fixture {
  /** Active, with a running and a person-paused experiment, usage sampled over several days. */
  steady: string;
  /** Active, one short of its quota, with a running experiment. */
  nearQuota: string;
  /** Paused by the quota rule, with an experiment the rule paused. */
  atQuota: string;
  /** Still counting December's usage (the billing rule has not moved it yet). */
  lastPeriod: string;
  /** Active with no usage yet. */
  fresh: string;
  inactive: string;
  revoked: string;
  /** Deleted: its Org ID retired. */
  retired: string;
}

async function client(name: string, quota: number, now = T0): Promise<string> {
  return (await createClient(clientInput({ name, quota }), { now })).orgId;
}

async function experiment(orgId: string, name: string, state: 'running' | 'paused' | 'draft', now = T0) {
  const id = (await createExperiment(orgId, { name }, { now })).id as number;
  if (state === 'draft') return;
  await startExperiment(orgId, id, { now });
  if (state === 'paused') await pauseExperiment(orgId, id, { now });
}

async function fixture(): Promise<Fixture> {
  await updateSettings(
    {
      poolSize: 100_000,
      timeZone: 'UTC',
      billingDay: 1,
      reminderWebhookUrl: 'https://hooks.example.com/agency',
    },
    { now: T0 - 40 * DAY },
  );
  // Made in December, so that one of them can still count December's usage.
  const lastPeriod = await client('Lastperiod', 100, T0 - 30 * DAY);
  await setVisitorsUsed(lastPeriod, 30, { now: T0 - 30 * DAY });
  const steady = await client('Steady', 1000);
  await experiment(steady, 'running', 'running');
  await experiment(steady, 'person-paused', 'paused');
  await experiment(steady, 'draft', 'draft');
  for (let day = 0; day < 3; day += 1) await setVisitorsUsed(steady, 100 * (day + 1), { now: T0 + day * DAY });
  const nearQuota = await client('Nearquota', 100);
  await experiment(nearQuota, 'running', 'running');
  await setVisitorsUsed(nearQuota, 70, { now: T0 + DAY });
  await setVisitorsUsed(nearQuota, 99, { now: T0 + 2 * DAY });
  const atQuota = await client('Atquota', 50);
  await experiment(atQuota, 'running', 'running');
  await setVisitorsUsed(atQuota, 50, { now: T0 + DAY });
  const fresh = await client('Fresh', 200);
  const inactive = await client('Inactive', 100);
  await setVisitorsUsed(inactive, 10, { now: T0 });
  await markInactive(inactive, { now: T0 + DAY });
  const revoked = await client('Revoked', 100);
  await recordRevokedAccess(revoked, {}, { now: T0 + DAY });
  const retired = await client('Retired', 10);
  await deleteClient(retired, { now: T0 + DAY });
  return { steady, nearQuota, atQuota, lastPeriod, fresh, inactive, revoked, retired };
}

/** The CSV: new clients (with and without Org IDs, one paused, one inactive) and updates of every kind. */
function csv(f: Fixture) {
  return csvFile(
    csvRow({ name: 'New one', quota: 100 }),
    csvRow({ name: 'New two', quota: 100, used_visitors: 100 }),
    csvRow({ name: 'New three', quota: 100, used_visitors: 5, status: 'inactive' }),
    csvRow({ org_id: 'ORG-NEWAB012', name: 'New four', quota: 300, used_visitors: 120 }),
    csvRow({ name: 'New five', quota: 40, used_visitors: 39 }),
    // Usage up past a warning level, with a bigger quota.
    csvRow({ org_id: f.steady, name: 'Steady', quota: 1200, used_visitors: 950 }),
    // Usage to the quota: paused with its running experiment.
    csvRow({ org_id: f.nearQuota, name: 'Nearquota', quota: 100, used_visitors: 100 }),
    // A bigger quota takes it back under: unpaused, its experiment resumed.
    csvRow({ org_id: f.atQuota, name: 'Atquota', quota: 80, used_visitors: 50 }),
    // Still in December: its number is not this period's.
    csvRow({ org_id: f.lastPeriod, name: 'Lastperiod renamed', quota: 100, used_visitors: 40 }),
    csvRow({ org_id: f.fresh, name: 'Fresh', quota: 200, used_visitors: 0 }),
  );
}

/** The feed: raises, a raise to the quota, a correction under it, unchanged numbers, past periods and problems. */
function feed(f: Fixture): FeedRow[] {
  const rows: Omit<FeedRow, 'line'>[] = [
    { orgId: f.steady, visitorsUsed: 960 },
    { orgId: f.nearQuota, visitorsUsed: 100 },
    { orgId: f.atQuota, visitorsUsed: 20 },
    { orgId: f.lastPeriod, visitorsUsed: 12 },
    { orgId: f.fresh, visitorsUsed: 0 },
    { orgId: f.fresh, visitorsUsed: 30, periodStart: '2025-12-01' },
    { orgId: f.steady, visitorsUsed: 777, periodStart: '2025-12-01' },
    { orgId: f.inactive, visitorsUsed: 50 },
    { orgId: f.revoked, visitorsUsed: 50 },
    { orgId: f.retired, visitorsUsed: 5 },
    { orgId: 'ORG-ZZZZ0001', visitorsUsed: 5 },
  ];
  return rows.map((row, index) => ({ ...row, line: index + 1 }));
}

async function applied(rows: FeedRow[], batchSize: number, now = NOW) {
  const outcome = await applyUsageFeed(rows, true, now, batchSize, 'Corrected by the source.');
  if (!('applied' in outcome)) throw new Error(`refused: ${JSON.stringify(outcome.failure)}`);
  return outcome.applied;
}

describe('the records the bulk write paths leave', () => {
  it('a CSV import of new and updated clients', async () => {
    const f = await fixture();
    const result = await applyImport(csv(f), { existing: 'update', restoreSettings: false }, { now: NOW });
    expect(result).toEqual({ created: 5, updated: 5, skipped: 0 });
    await expect(JSON.stringify(await dump(), null, 1)).toMatchFileSnapshot('__snapshots__/pinned-csv-import.json');
  });

  it('a CSV import on a shared roster', async () => {
    const f = await fixture();
    await connectTestTeam('manager');
    await applyImport(csv(f), { existing: 'update', restoreSettings: false }, { now: NOW });
    await expect(JSON.stringify(await dump(), null, 1)).toMatchFileSnapshot(
      '__snapshots__/pinned-csv-import-shared.json',
    );
  });

  it('a backup restored over the roster it was taken from, after changes', async () => {
    const f = await fixture();
    const taken = await exportBackup({ now: NOW });
    // A revoked client is read-only to a restore as to everything else: left out of this one.
    const backup = { ...taken, clients: taken.clients.filter((record) => record.orgId !== f.revoked) };
    await setVisitorsUsed(f.steady, 500, { now: NOW });
    await deleteClient(f.fresh, { now: NOW });
    await client('Made after', 30, NOW);
    const prepared = prepareImport(new TextEncoder().encode(JSON.stringify(backup)));
    await applyImport(prepared, { existing: 'update', restoreSettings: true }, { now: NOW + DAY });
    await expect(JSON.stringify(await dump(), null, 1)).toMatchFileSnapshot('__snapshots__/pinned-backup-restore.json');
  });

  it('a usage feed read in batches', async () => {
    const f = await fixture();
    // Three rows a batch: the feed spans several transactions.
    const result = await applied(feed(f), 3);
    expect(result).toMatchObject({ updated: 4, filed: 2, unchanged: 1, problemCount: 4 });
    // Read again a day later: unchanged numbers sampled, the forecast fitted again.
    await applied(feed(f), 500, NOW + DAY);
    await expect(JSON.stringify(await dumpByClient(), null, 1)).toMatchFileSnapshot(
      '__snapshots__/pinned-usage-feed.json',
    );
  });

  it('a usage feed read on a shared roster', async () => {
    const f = await fixture();
    await connectTestTeam('manager');
    await applied(feed(f), 4);
    await expect(JSON.stringify(await dumpByClient(), null, 1)).toMatchFileSnapshot(
      '__snapshots__/pinned-usage-feed-shared.json',
    );
  });
});
