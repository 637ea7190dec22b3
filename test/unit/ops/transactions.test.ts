import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '../../../lib/db/database';
import { AppError, isAppError } from '../../../lib/model/errors';
import {
  createClient,
  type DataChange,
  deleteClient,
  getClient,
  getPoolSummary,
  onDataChanged,
  poolLedger,
  reallocateQuota,
  recordUsage,
  updateSettings,
} from '../../../lib/ops';
import { writeTransaction } from '../../../lib/ops/context';
import { clientInput, refusal, resetDb, snapshot, T0 } from './helpers';

let changes: DataChange[] = [];
let unsubscribe: () => void = () => {};

beforeEach(async () => {
  await resetDb();
  await updateSettings({ poolSize: 10, timeZone: 'UTC' }, { now: T0 });
  changes = [];
  unsubscribe = onDataChanged((change) => changes.push(change));
});

afterEach(() => unsubscribe());

describe('data change events', () => {
  it('tell listeners which orgs changed, once per committed operation', async () => {
    const client = await createClient(clientInput({ quota: 4 }), { now: T0 });
    expect(changes).toEqual([{ orgIds: [client.orgId] }]);
    await recordUsage(client.orgId, 1, { now: T0 });
    await updateSettings({ poolSize: 12 }, { now: T0 });
    await deleteClient(client.orgId, { now: T0 });
    expect(changes).toEqual([
      { orgIds: [client.orgId] },
      { orgIds: [client.orgId] },
      { orgIds: [] },
      { orgIds: [client.orgId] },
    ]);
  });

  it('are not sent for a refused operation', async () => {
    const client = await createClient(clientInput({ quota: 4 }), { now: T0 });
    changes = [];
    await refusal(reallocateQuota(client.orgId, 11, { now: T0 }));
    await refusal(createClient(clientInput({ name: '' }), { now: T0 }));
    await refusal(updateSettings({ poolSize: 1 }, { now: T0 }));
    expect(changes).toEqual([]);
  });

  it('reach the other listeners when one listener throws, and the change stays committed', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const stop = onDataChanged(() => {
      throw new Error('broken listener');
    });
    const heard: DataChange[] = [];
    const stopHeard = onDataChanged((change) => heard.push(change));
    try {
      const client = await createClient(clientInput({ quota: 4 }), { now: T0 });
      expect(heard).toEqual([{ orgIds: [client.orgId] }]);
      expect(await getClient(client.orgId)).toBeDefined();
      expect(logged).toHaveBeenCalledTimes(1);
    } finally {
      stop();
      stopHeard();
    }
  });

  it('stop after unsubscribing', async () => {
    unsubscribe();
    await createClient(clientInput({ quota: 4 }), { now: T0 });
    expect(changes).toEqual([]);
  });
});

describe('concurrent operations', () => {
  it('cannot together give out more licenses than the pool has', async () => {
    const results = await Promise.allSettled([
      createClient(clientInput({ quota: 6 }), { now: T0 }),
      createClient(clientInput({ quota: 6 }), { now: T0 }),
      createClient(clientInput({ quota: 6 }), { now: T0 }),
    ]);
    const fulfilled = results.filter((r) => r.status === 'fulfilled');
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(fulfilled).toHaveLength(1);
    expect(rejected.map((r) => (isAppError(r.reason) ? r.reason.key : String(r.reason)))).toEqual([
      'error_quotaExceedsFree',
      'error_quotaExceedsFree',
    ]);
    expect(await getPoolSummary()).toEqual({ poolSize: 10, allocated: 6, free: 4 });
    expect(await db.clients.count()).toBe(1);
  });

  it('apply every usage recorded at the same time', async () => {
    const client = await createClient(clientInput({ quota: 10 }), { now: T0 });
    await Promise.all([1, 2, 3].map((n) => recordUsage(client.orgId, n, { now: T0 })));
    const stored = await getClient(client.orgId);
    expect(stored).toMatchObject({ usedVisitors: 6, status: 'active' });
    expect((await db.reports.toArray()).map((r) => r.visitors)).toEqual([6]);
  });

  it('keep the ledger in step when quota changes race', async () => {
    const a = await createClient(clientInput({ quota: 2 }), { now: T0 });
    const b = await createClient(clientInput({ quota: 2 }), { now: T0 });
    await Promise.allSettled([reallocateQuota(a.orgId, 7, { now: T0 }), reallocateQuota(b.orgId, 7, { now: T0 })]);
    const quotas = (await db.clients.toArray()).reduce((sum, c) => sum + c.quota, 0);
    expect(quotas).toBe(9);
    expect((await getPoolSummary()).allocated).toBe(9);
    expect((await poolLedger()).allocated).toBe(9);
  });
});

describe('writeTransaction', () => {
  it('rolls back every write of an operation that refuses after writing, and passes the refusal on', async () => {
    const client = await createClient(clientInput({ quota: 4 }), { now: T0 });
    const before = await snapshot();
    changes = [];
    const error = await refusal(
      writeTransaction(
        async () => {
          await db.clients.update(client.orgId, { usedVisitors: 3 });
          await db.orgIds.add({ orgId: 'ORG-11111111', issuedAt: T0 });
          await db.meta.put({ key: 'pool', value: { allocated: 99 } });
          throw new AppError('rule', 'error_quotaExceedsFree', { needed: 1, free: 0 });
        },
        () => [client.orgId],
      ),
    );
    expect(error).toMatchObject({ code: 'rule', key: 'error_quotaExceedsFree', params: { needed: 1, free: 0 } });
    expect(await snapshot()).toEqual(before);
    expect(changes).toEqual([]);
  });

  it('reports any other failure as unexpected, also rolled back', async () => {
    const before = await snapshot();
    const error = await refusal(
      writeTransaction(
        async () => {
          await db.orgIds.add({ orgId: 'ORG-11111111', issuedAt: T0 });
          // A second add of the same key fails inside IndexedDB.
          await db.orgIds.add({ orgId: 'ORG-11111111', issuedAt: T0 });
        },
        () => [],
      ),
    );
    expect(error).toMatchObject({ code: 'unexpected', key: 'error_unexpected', params: { detail: 'ConstraintError' } });
    expect(await snapshot()).toEqual(before);
  });
});
