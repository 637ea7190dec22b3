import { describe, expect, it } from 'vitest';
import { change, createChange, newClient, pull, pullAll, push, setUpAgency } from './team';
import { testServer } from './test-server';

const server = testServer();

async function heldLicences(agencyId: string) {
  const { rows } = await server.db.query<{ held: number; allocated: number; pool: number }>(
    `SELECT COALESCE((SELECT sum(quota) FROM clients WHERE agency_id = $1), 0) AS held,
            allocated, pool_size AS pool FROM agencies WHERE id = $1`,
    [agencyId],
  );
  return rows[0] ?? { held: 0, allocated: 0, pool: 0 };
}

/** What a browser holds after pulling everything: its clients by Org ID. */
async function rosterSeenBy(token: string) {
  const { rows } = await pullAll(server.app, token);
  const roster = new Map<string, { quota: number }>();
  for (const row of rows.filter((r) => r.entity === 'client')) {
    if (row.deleted) roster.delete(row.orgId ?? '');
    else roster.set(row.orgId ?? '', row.data as { quota: number });
  }
  return roster;
}

describe('the pool holds when managers allocate at the same moment', () => {
  it('two devices back from offline: exactly the changes that fit are accepted, and both converge', async () => {
    const team = await setUpAgency(server.db, 100);
    // Each device planned within the pool it saw (100 free); together they ask for 150.
    const deviceA = [createChange('A1', 40), createChange('A2', 35)];
    const deviceB = [createChange('B1', 45), createChange('B2', 30)];
    const [resultsA, resultsB] = await Promise.all([
      push(server.app, team.manager, deviceA, 'device-aaaaaaaa'),
      push(server.app, team.owner, deviceB, 'device-bbbbbbbb'),
    ]);
    const all = [...resultsA, ...resultsB];
    const quotaOf = new Map(
      [...deviceA, ...deviceB].map((c) => [c.id, (c.args as { client: { quota: number } }).client.quota]),
    );
    const accepted = all.filter((r) => r.status === 'accepted');
    const refused = all.filter((r) => r.status === 'refused');
    const acceptedTotal = accepted.reduce((sum, r) => sum + (quotaOf.get(r.id) ?? 0), 0);
    expect(acceptedTotal).toBeLessThanOrEqual(100);
    expect(refused.length).toBeGreaterThan(0);
    // Every refusal says why, with the numbers at the moment it was decided, and the refused change did not fit.
    for (const r of refused) {
      expect(r).toMatchObject({ key: 'error_quotaExceedsFree' });
      const { needed, free } = (r as unknown as { params: { needed: number; free: number } }).params;
      expect(needed).toBe(quotaOf.get(r.id));
      expect(needed).toBeGreaterThan(free);
    }
    // Each refused change would not have fitted next to what was accepted.
    for (const r of refused) expect(acceptedTotal + (quotaOf.get(r.id) ?? 0)).toBeGreaterThan(100);

    const seenByA = await rosterSeenBy(team.manager);
    const seenByB = await rosterSeenBy(team.owner);
    expect([...seenByA.entries()]).toEqual([...seenByB.entries()]);
    expect([...seenByA.values()].reduce((sum, c) => sum + c.quota, 0)).toBe(acceptedTotal);
    expect(await heldLicences(team.agencyId)).toEqual({ held: acceptedTotal, allocated: acceptedTotal, pool: 100 });
  });

  it('50 pushes at once never allocate more than the pool', async () => {
    const team = await setUpAgency(server.db, 100);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        push(server.app, i % 2 ? team.manager : team.owner, [createChange(`C${i}`, 3)]),
      ),
    );
    const accepted = results.flat().filter((r) => r.status === 'accepted');
    expect(accepted).toHaveLength(33);
    expect(results.flat().filter((r) => r.status === 'refused')).toHaveLength(17);
    expect(await heldLicences(team.agencyId)).toEqual({ held: 99, allocated: 99, pool: 100 });
    // Versions are handed out one per accepted change, none twice.
    const versions = accepted.map((r) => (r as { version: number }).version);
    expect(new Set(versions).size).toBe(33);
    expect((await pull(server.app, team.viewer)).version).toBe(Math.max(...versions));
  });

  it('the database refuses a direct SQL write that over-allocates the pool', async () => {
    const team = await setUpAgency(server.db, 100);
    const create = createChange('Direct', 60);
    await push(server.app, team.manager, [create]);
    const orgId = (create.args as { orgId: string }).orgId;
    await expect(
      server.db.query('UPDATE clients SET quota = 101 WHERE agency_id = $1 AND org_id = $2', [team.agencyId, orgId]),
    ).rejects.toMatchObject({ code: '23514', constraint: 'pool_guard' });
    await expect(
      server.db.query('UPDATE agencies SET pool_size = 59 WHERE id = $1', [team.agencyId]),
    ).rejects.toMatchObject({ code: '23514' });
    expect(await heldLicences(team.agencyId)).toEqual({ held: 60, allocated: 60, pool: 100 });
    // Moving licences inside one transaction is judged as it commits, not statement by statement.
    const second = createChange('Second', 40);
    await push(server.app, team.manager, [second]);
    const client = await server.db.connect();
    try {
      await client.query('BEGIN');
      await client.query('UPDATE clients SET quota = 70 WHERE agency_id = $1 AND org_id = $2', [team.agencyId, orgId]);
      await client.query('UPDATE clients SET quota = 30 WHERE agency_id = $1 AND org_id = $2', [
        team.agencyId,
        (second.args as { orgId: string }).orgId,
      ]);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    expect(await heldLicences(team.agencyId)).toEqual({ held: 100, allocated: 100, pool: 100 });
  });

  it('a change the rules let through but the pool guard refuses is refused alone, and the push goes on', async () => {
    const team = await setUpAgency(server.db, 100);
    const big = createChange('Big', 60);
    await push(server.app, team.manager, [big]);
    const orgId = (big.args as { orgId: string }).orgId;
    // Someone shrank the pool behind the server's back, past its own guard (triggers off for the session).
    const admin = await server.db.connect();
    try {
      await admin.query("SET session_replication_role = 'replica'");
      await admin.query('UPDATE agencies SET pool_size = 40 WHERE id = $1', [team.agencyId]);
      await admin.query("SET session_replication_role = 'origin'");
    } finally {
      admin.release();
    }
    // Giving back 10 licences passes the quota rule (it frees some), but still leaves 50 held of 40.
    const [shrink, rename] = await push(server.app, team.manager, [
      change('client.reallocate', { orgId, quota: 50 }),
      change('client.update', { orgId, details: newClient('Big, renamed', 1) }),
    ]);
    expect(shrink).toMatchObject({ status: 'refused', code: 'rule', key: 'error_poolGuard' });
    expect(rename).toMatchObject({ status: 'accepted' });
    const row = (await pull(server.app, team.viewer)).rows.find((r) => r.entity === 'client' && r.orgId === orgId);
    expect(row?.data).toMatchObject({ name: 'Big, renamed', quota: 60 });
  });
});
