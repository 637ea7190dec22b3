import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../../lib/db/database';
import { ORG_ID_PATTERN } from '../../../lib/model/ids';
import { createClient, deleteClient, getClient, getPoolSummary, updateSettings } from '../../../lib/ops';
import { clientInput, expectKeyInCatalogues, refusal, resetDb, sequenceRandom, snapshot, T0 } from './helpers';

const ORG_ID_FORMAT = /^ORG-[0-9A-HJKMNP-TV-Z]{8}$/;

beforeEach(resetDb);

describe('createClient', () => {
  it('takes the quota from the free pool and refuses a quota the pool cannot give', async () => {
    await updateSettings({ poolSize: 25 }, { now: T0 });
    await createClient(clientInput({ quota: 10 }), { now: T0 });
    await createClient(clientInput({ quota: 10 }), { now: T0 });
    expect(await getPoolSummary()).toEqual({ poolSize: 25, allocated: 20, free: 5 });

    const error = await refusal(createClient(clientInput({ quota: 6 }), { now: T0 }));
    expect(error.code).toBe('rule');
    expect(error.key).toBe('error_quotaExceedsFree');
    expect(error.params).toEqual({ needed: 6, free: 5 });
    expect(error.problems.map((p) => [p.field, p.key, p.labelKey])).toEqual([
      ['quota', 'error_quotaExceedsFree', 'field_client_quota'],
    ]);
    expectKeyInCatalogues(error.key);

    await createClient(clientInput({ quota: 5 }), { now: T0 });
    expect(await getPoolSummary()).toEqual({ poolSize: 25, allocated: 25, free: 0 });
  });

  it('refuses any quota while the pool is empty', async () => {
    const error = await refusal(createClient(clientInput({ quota: 1 }), { now: T0 }));
    expect(error.key).toBe('error_quotaExceedsFree');
    expect(await db.clients.count()).toBe(0);
  });

  it('returns an active client with a generated Org ID, stored as returned', async () => {
    await updateSettings({ poolSize: 100 }, { now: T0 });
    const client = await createClient(clientInput({ name: '  Acme Corp  ', quota: 40, company: 'Acme Holdings' }), {
      now: T0 + 5,
    });
    expect(client.orgId).toMatch(ORG_ID_FORMAT);
    expect(client.orgId).toMatch(ORG_ID_PATTERN);
    expect(client).toMatchObject({
      name: 'Acme Corp',
      company: 'Acme Holdings',
      status: 'active',
      quota: 40,
      usedVisitors: 0,
      createdAt: T0 + 5,
      updatedAt: T0 + 5,
    });
    expect((await db.clients.get(client.orgId))?.searchText).toContain('acme corp');
    expect(await getClient(client.orgId)).toEqual(client);
    // The client's own record takes its Org ID: a new client writes no second record.
    expect(await db.orgIds.get(client.orgId)).toBeUndefined();
  });

  it('issues a different Org ID to every client', async () => {
    await updateSettings({ poolSize: 1000 }, { now: T0 });
    const ids = new Set<string>();
    for (let i = 0; i < 40; i += 1) ids.add((await createClient(clientInput({ quota: 1 }), { now: T0 })).orgId);
    expect(ids.size).toBe(40);
    for (const id of ids) expect(id).toMatch(ORG_ID_FORMAT);
  });

  it('maps the random bytes onto the Crockford alphabet', async () => {
    await updateSettings({ poolSize: 10 }, { now: T0 });
    const client = await createClient(clientInput({ quota: 1 }), {
      now: T0,
      random: sequenceRandom([0, 9, 10, 17, 18, 20, 27, 31 + 32 * 7]),
    });
    // 10 -> A, 17 -> H, 18 -> J (no I), 20 -> M (no L), 27 -> V (no U), 255 % 32 = 31 -> Z.
    expect(client.orgId).toBe('ORG-09AHJMVZ');
  });

  it('never issues an Org ID again, even after its client was deleted', async () => {
    await updateSettings({ poolSize: 10 }, { now: T0 });
    const first = [0, 1, 2, 3, 4, 5, 6, 7];
    const second = [8, 9, 10, 11, 12, 13, 14, 15];
    const random = sequenceRandom(first, first, second);

    const a = await createClient(clientInput({ quota: 1 }), { now: T0, random });
    expect(a.orgId).toBe('ORG-01234567');
    await deleteClient(a.orgId, { now: T0 + 1 });
    expect(await getClient(a.orgId)).toBeUndefined();

    const b = await createClient(clientInput({ quota: 1 }), { now: T0 + 2, random });
    expect(random.calls).toBe(3);
    expect(b.orgId).not.toBe(a.orgId);
    expect(b.orgId).toBe('ORG-89ABCDEF');
    // Deleting retired the first ID, kept with when it was issued.
    expect(await db.orgIds.toArray()).toEqual([{ orgId: 'ORG-01234567', issuedAt: T0 }]);
  });

  it('gives up with a conflict when every candidate is taken, writing nothing', async () => {
    await updateSettings({ poolSize: 10 }, { now: T0 });
    const same = [1, 1, 1, 1, 1, 1, 1, 1];
    await createClient(clientInput({ quota: 1 }), { now: T0, random: sequenceRandom(same) });
    const before = await snapshot();
    const error = await refusal(createClient(clientInput({ quota: 1 }), { now: T0, random: sequenceRandom(same) }));
    expect(error.code).toBe('conflict');
    expect(error.key).toBe('error_orgIdExhausted');
    expectKeyInCatalogues(error.key);
    expect(await snapshot()).toEqual(before);
  });

  it('writes nothing when it is refused', async () => {
    await updateSettings({ poolSize: 10 }, { now: T0 });
    await createClient(clientInput({ quota: 4 }), { now: T0 });
    const before = await snapshot();

    await refusal(createClient(clientInput({ quota: 7 }), { now: T0 + 1 }));
    await refusal(createClient(clientInput({ name: '' }), { now: T0 + 1 }));
    await refusal(
      createClient(clientInput({ contact: { firstName: 'A', lastName: 'B', email: 'nope' } }), { now: T0 + 1 }),
    );

    expect(await snapshot()).toEqual(before);
  });
});
