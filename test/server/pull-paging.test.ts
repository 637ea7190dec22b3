import { beforeAll, describe, expect, it } from 'vitest';
import { change, createChange, pull, pullAll, push, setUpAgency, type TestAgency } from './team';
import { testServer } from './test-server';

const server = testServer();
let team: TestAgency;
const orgIds: string[] = [];

beforeAll(async () => {
  team = await setUpAgency(server.db, 1000);
  // 30 clients, then every third one edited and every fifth one given more licences: rows written
  // more than once, and changes of several rows (a client and its history line).
  const creates = Array.from({ length: 30 }, (_, i) => createChange(`Client ${String(i).padStart(2, '0')}`, 5));
  for (const create of creates) orgIds.push((create.args as { orgId: string }).orgId);
  await push(server.app, team.manager, creates.slice(0, 15));
  await push(server.app, team.manager, creates.slice(15));
  const edits = orgIds
    .filter((_, i) => i % 3 === 0)
    .map((orgId, i) =>
      change('client.update', {
        orgId,
        details: { name: `Renamed ${i}`, contact: { firstName: 'Ana', lastName: 'Silva', email: 'ana@example.com' } },
      }),
    );
  const quotas = orgIds.filter((_, i) => i % 5 === 0).map((orgId) => change('client.reallocate', { orgId, quota: 9 }));
  await push(server.app, team.manager, [...edits, ...quotas]);
});

const rowId = (row: { entity: string; orgId?: string; key?: string }) => `${row.entity}:${row.orgId}:${row.key}`;

describe('pull', () => {
  it('sends every row exactly once across pages, never splitting a change', async () => {
    const whole = await pull(server.app, team.viewer, 0, 5000);
    expect(whole.more).toBe(false);
    for (const limit of [1, 2, 7, 13]) {
      const { pages, rows } = await pullAll(server.app, team.viewer, 0, limit);
      expect(rows.map(rowId).sort()).toEqual(whole.rows.map(rowId).sort());
      expect(new Set(rows.map(rowId)).size).toBe(rows.length);
      for (const [i, page] of pages.entries()) {
        const next = pages[i + 1];
        if (!next) continue;
        // A later page starts after this page's last version: no change is split between two.
        const last = Math.max(...page.rows.map((row) => row.version));
        expect(page.next).toBe(last);
        expect(Math.min(...next.rows.map((row) => row.version))).toBeGreaterThan(last);
      }
    }
  });

  it('sends each row at its newest version, with the newest data', async () => {
    const { rows } = await pullAll(server.app, team.viewer, 0, 4);
    const first = rows.find((row) => row.entity === 'client' && row.orgId === orgIds[0]);
    expect(first?.data).toMatchObject({ name: 'Renamed 0', quota: 9 });
    expect(rows.filter((row) => row.entity === 'client')).toHaveLength(30);
    expect(rows.filter((row) => row.entity === 'settings')).toHaveLength(1);
  });

  it('from the newest version, sends nothing until the next change', async () => {
    const { next } = await pullAll(server.app, team.viewer, 0, 50);
    expect(await pull(server.app, team.viewer, next)).toMatchObject({ rows: [], more: false, next });
    await push(server.app, team.manager, [change('client.reallocate', { orgId: orgIds[1], quota: 6 })]);
    const after = await pull(server.app, team.viewer, next);
    expect(after.rows.map((row) => [row.entity, row.orgId])).toEqual(
      expect.arrayContaining([
        ['client', orgIds[1]],
        ['activity', orgIds[1]],
      ]),
    );
    expect(after.next).toBe(next + 1);
  });
});
