import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../../lib/db/database';
import {
  createClient,
  getSettings,
  markInactive,
  reallocateQuota,
  setVisitorsUsed,
  updateSettings,
} from '../../../lib/ops';
import { countNeedingAttention } from '../../../lib/ops/attention';
import { needsAttention } from '../../../lib/rules/attention';
import { clientInput, DAY, resetDb, T0 } from './helpers';

beforeEach(async () => {
  await resetDb();
  await updateSettings({ poolSize: 100_000, timeZone: 'UTC', usageWarningLevels: [80, 90] }, { now: T0 });
});

/** What needsAttention says of every stored client: the count must agree with it. */
async function countByRule(now: number): Promise<number> {
  const { timeZone, usageWarningLevels } = await getSettings();
  const clients = await db.clients.toArray();
  return clients.filter((client) => needsAttention(client, now, timeZone, usageWarningLevels)).length;
}

async function clientAt(used: number, quota: number) {
  const client = await createClient(clientInput({ quota }), { now: T0 });
  if (used > 0) await setVisitorsUsed(client.orgId, used, { now: T0 });
  return client;
}

describe('countNeedingAttention', () => {
  it('counts active clients at or over the highest level, and a paused or inactive one only as such', async () => {
    await clientAt(7200, 8000); // 90%: counted
    await clientAt(7199, 8000); // 89.98%: not
    await clientAt(8000, 8000); // paused at 100%: counted once, as paused
    const inactive = await clientAt(7600, 8000); // 95%, then inactive: its purge is months away
    await markInactive(inactive.orgId, { now: T0 });
    await clientAt(0, 8000);
    expect(await countNeedingAttention(T0)).toBe(2);
    expect(await countByRule(T0)).toBe(2);
  });

  it('follows the levels and the quota as they change', async () => {
    const client = await clientAt(7199, 8000);
    expect(await countNeedingAttention(T0)).toBe(0);
    await updateSettings({ usageWarningLevels: [70, 85] }, { now: T0 });
    expect(await countNeedingAttention(T0)).toBe(1);
    await reallocateQuota(client.orgId, 9000, { now: T0 });
    // 7,199 of 9,000 is 79.99%.
    expect(await countNeedingAttention(T0)).toBe(0);
    expect(await countByRule(T0)).toBe(0);
    await updateSettings({ usageWarningLevels: [] }, { now: T0 });
    await setVisitorsUsed(client.orgId, 8999, { now: T0 });
    expect(await countNeedingAttention(T0)).toBe(0);
    await setVisitorsUsed(client.orgId, 9000, { now: T0 });
    expect(await countNeedingAttention(T0)).toBe(1);
  });

  it('counts an inactive client within a week of its purge, whatever its usage', async () => {
    const client = await clientAt(7600, 8000);
    await markInactive(client.orgId, { now: T0 });
    const purgeOn = (await db.clients.get(client.orgId))?.purgeOn ?? '';
    const weekBefore = Date.parse(`${purgeOn}T12:00:00Z`) - 7 * DAY;
    expect(await countNeedingAttention(weekBefore - DAY)).toBe(0);
    expect(await countNeedingAttention(weekBefore)).toBe(1);
    expect(await countByRule(weekBefore)).toBe(1);
  });

  it('counts up to a limit when given one, across paused, soon purged and near-quota clients alike', async () => {
    await clientAt(8000, 8000); // paused
    await clientAt(7600, 8000); // 95%
    const inactive = await clientAt(0, 8000);
    await markInactive(inactive.orgId, { now: T0 });
    const purgeOn = (await db.clients.get(inactive.orgId))?.purgeOn ?? '';
    const soon = Date.parse(`${purgeOn}T12:00:00Z`) - DAY;
    expect(await countNeedingAttention(soon)).toBe(3);
    expect(await countByRule(soon)).toBe(3);
    for (const [limit, count] of [
      [0, 0],
      [1, 1],
      [2, 2],
      [3, 3],
      [10, 3],
    ])
      expect(await countNeedingAttention(soon, limit)).toBe(count);
  });
});
