import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../../lib/db/database';
import { AppError } from '../../../lib/model/errors';
import { rollOverBillingPeriods } from '../../../lib/ops/billing';
import {
  createClient,
  getPoolSummary,
  getUsageOverview,
  listClientPage,
  listExperiments,
  loadSampleData,
  onDataChanged,
  updateSettings,
} from '../../../lib/ops';

const NOW = Date.parse('2026-11-25T09:00:00Z');

beforeEach(async () => {
  await db.delete();
  await db.open();
});

describe('loadSampleData', () => {
  it('fills an empty roster with active, paused and inactive clients inside the pool', async () => {
    const changes: string[][] = [];
    const stop = onDataChanged((change) => changes.push(change.orgIds));
    const count = await loadSampleData({ now: NOW });
    stop();

    const { items, total } = await listClientPage({ limit: 100 });
    expect(total).toBe(count);
    expect(new Set(items.map((client) => client.status))).toEqual(new Set(['active', 'paused', 'inactive']));
    const pool = await getPoolSummary();
    expect(pool.allocated).toBe(items.reduce((sum, client) => sum + client.quota, 0));
    expect(pool.allocated).toBeLessThanOrEqual(pool.poolSize);
    for (const client of items.filter((c) => c.status === 'inactive'))
      expect(client.purgeOn! > '2026-11-25').toBe(true);
    const paused = items.find((client) => client.status === 'paused')!;
    expect((await listExperiments(paused.orgId)).some((experiment) => experiment.status === 'running')).toBe(false);
    // One notification for the whole load, after it committed.
    expect(changes).toHaveLength(1);
    expect(changes[0]).toHaveLength(count);
  });

  it('gives the active clients a week of daily usage, so the chart and the run-out forecast show', async () => {
    await loadSampleData({ now: NOW });
    const acme = (await listClientPage({ query: 'Acme Outdoor' })).items[0]!;
    const overview = await getUsageOverview(acme.orgId, NOW);
    expect(overview.samples).toHaveLength(8);
    expect(overview.samples.at(-1)).toEqual({ day: '2026-11-25', used: 5210 });
    expect(overview.samples.map((sample) => sample.used)).toEqual(
      [...overview.samples.map((sample) => sample.used)].sort((a, b) => a - b),
    );
    expect(overview.runsOutOn! > '2026-11-25').toBe(true);
  });

  it('refuses a roster that already has clients and changes nothing', async () => {
    await updateSettings({ poolSize: 100 }, { now: NOW });
    await createClient(
      { name: 'Own client', contact: { firstName: 'A', lastName: 'B', email: 'a@b.test' }, quota: 10 },
      { now: NOW },
    );
    const before = await getPoolSummary();
    await expect(loadSampleData({ now: NOW })).rejects.toMatchObject({ key: 'error_sampleNeedsEmptyRoster' });
    await expect(loadSampleData({ now: NOW })).rejects.toBeInstanceOf(AppError);
    expect((await listClientPage()).total).toBe(1);
    expect(await getPoolSummary()).toEqual(before);
  });
});

describe('sample data and the background rules', () => {
  it('leave nothing for the billing rule to redo', async () => {
    await loadSampleData({ now: NOW });
    const before = await getPoolSummary();
    expect(await rollOverBillingPeriods(NOW)).toEqual({ orgIds: [], more: false });
    expect(await getPoolSummary()).toEqual(before);
  });
});
