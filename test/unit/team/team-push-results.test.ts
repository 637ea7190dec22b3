// What the server answered a push, written to the outbox and the refused list: accepted changes
// leave, refused ones are kept with the server's words, and a change to retry waits; a push sent
// again after a cut writes nothing twice.
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../../lib/db/database';
import type { ChangeResult } from '../../../lib/model/sync-outcome';
import { applyPushResults, outboxBatch } from '../../../lib/ops/team-push-results';
import { resetDb, T0 } from '../ops/helpers';
import { connectHere, DEVICE, syncState } from './sync-fixture';

const A = 'ORG-7K2M9QXA';

async function queue(id: string, quota: number) {
  await db.outbox.add({
    id,
    name: 'client.reallocate',
    args: { orgId: A, quota },
    orgId: A,
    clientName: 'Acme Outdoor',
    madeAt: T0,
  });
}

const RESULTS: ChangeResult[] = [
  { id: 'c-accepted-1', status: 'accepted', version: 7 },
  {
    id: 'c-refused-01',
    status: 'refused',
    code: 'rule',
    key: 'error_quotaExceedsFree',
    params: { needed: 80, free: 60 },
    problems: [
      {
        field: 'quota',
        labelKey: 'field_client_quota',
        key: 'error_quotaExceedsFree',
        params: { needed: 80, free: 60 },
      },
    ],
  },
];

beforeEach(async () => {
  await resetDb();
  await connectHere();
  await queue('c-accepted-1', 20);
  await queue('c-refused-01', 80);
  await queue('c-retry-0001', 30);
});

describe('push results', () => {
  it('sends the oldest changes first, at most as many as asked', async () => {
    expect((await outboxBatch(2)).map((change) => change.id)).toEqual(['c-accepted-1', 'c-refused-01']);
  });

  it('drops the accepted change, keeps the refused one in the list and asks for a resync, and keeps the one to retry', async () => {
    const tally = await applyPushResults(
      DEVICE,
      [...RESULTS, { id: 'c-retry-0001', status: 'retry', key: 'sync_error_unexpected' }],
      T0 + 1000,
    );
    expect(tally).toEqual({ accepted: 1, refused: 1, retry: 1 });
    expect((await db.outbox.toArray()).map((change) => change.id)).toEqual(['c-retry-0001']);
    expect(await db.refusedChanges.toArray()).toEqual([
      {
        id: 1,
        changeId: 'c-refused-01',
        name: 'client.reallocate',
        args: { orgId: A, quota: 80 },
        orgId: A,
        clientName: 'Acme Outdoor',
        madeAt: T0,
        refusedAt: T0 + 1000,
        code: 'rule',
        key: 'error_quotaExceedsFree',
        params: { needed: 80, free: 60 },
        problems: RESULTS[1]?.status === 'refused' ? RESULTS[1].problems : [],
        seen: 0,
      },
    ]);
    expect(await syncState()).toEqual({ pulledVersion: 0, resyncNeeded: true });
  });

  it('writes the answers once when the same push is answered again (repeated)', async () => {
    await applyPushResults(DEVICE, RESULTS, T0);
    const repeated = RESULTS.map((result) => ({ ...result, repeated: true as const }));
    expect(await applyPushResults(DEVICE, repeated, T0)).toEqual({ accepted: 0, refused: 0, retry: 0 });
    expect(await db.refusedChanges.count()).toBe(1);
    expect(await db.outbox.count()).toBe(1);
  });

  it('keeps an import refusal’s located problems', async () => {
    await db.outbox.add({ id: 'c-import-001', name: 'roster.import', args: {}, madeAt: T0 });
    const importProblems = [
      { where: { kind: 'file' as const }, field: '', key: 'import_poolTooSmall' as const, params: { needed: 5 } },
    ];
    await applyPushResults(
      DEVICE,
      [
        {
          id: 'c-import-001',
          status: 'refused',
          code: 'validation',
          key: 'import_refused',
          params: { count: 1 },
          importProblems,
        },
      ],
      T0,
    );
    expect((await db.refusedChanges.toArray())[0]).toMatchObject({ key: 'import_refused', importProblems });
  });

  it('writes nothing for a connection that is gone', async () => {
    expect(await applyPushResults('d-another-device', RESULTS, T0)).toEqual({ accepted: 0, refused: 0, retry: 0 });
    expect(await db.outbox.count()).toBe(3);
    expect(await db.refusedChanges.count()).toBe(0);
  });
});
