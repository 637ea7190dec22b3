import { beforeAll, describe, expect, it } from 'vitest';
import { change, createChange, pull, push, setUpAgency, type TestAgency } from './team';
import { testServer } from './test-server';

const server = testServer();
let team: TestAgency;

beforeAll(async () => {
  team = await setUpAgency(server.db, 100);
});

describe('push: clients', () => {
  it('creates a client with the Org ID its browser made, and a pull sends it', async () => {
    const create = createChange('Acme Outdoor', 40);
    const [result] = await push(server.app, team.manager, [create]);
    expect(result).toMatchObject({ id: create.id, status: 'accepted' });
    const page = await pull(server.app, team.viewer);
    const client = page.rows.find((row) => row.entity === 'client');
    expect(client).toMatchObject({
      orgId: (create.args as { orgId: string }).orgId,
      deleted: false,
      data: { name: 'Acme Outdoor', quota: 40, status: 'active', usedVisitors: 0 },
    });
  });

  it('refuses what the pool cannot give, with the message the dashboard shows', async () => {
    const [result] = await push(server.app, team.manager, [createChange('Too Big', 61)]);
    expect(result).toMatchObject({
      status: 'refused',
      key: 'error_quotaExceedsFree',
      params: { needed: 61, free: 60 },
    });
  });

  it('answers a change sent twice as before and applies it once', async () => {
    const create = createChange('Twice Ltd', 10);
    const first = await push(server.app, team.manager, [create]);
    const second = await push(server.app, team.manager, [create]);
    expect(second[0]).toMatchObject({ ...first[0], repeated: true });
    const rows = (await pull(server.app, team.owner)).rows.filter(
      (row) => row.entity === 'client' && (row.data as { name?: string } | undefined)?.name === 'Twice Ltd',
    );
    expect(rows).toHaveLength(1);
  });

  it("refuses a viewer's change and writes nothing", async () => {
    const before = await pull(server.app, team.owner);
    const [result] = await push(server.app, team.viewer, [createChange('Viewer Co', 1)]);
    expect(result).toMatchObject({ status: 'refused', key: 'team_refused_viewer' });
    expect((await pull(server.app, team.owner)).version).toBe(before.version);
  });

  it('names each bad field as the form does, before any write', async () => {
    const [result] = await push(server.app, team.manager, [
      change('client.create', { orgId: 'ORG-AAAAAAAA', client: { name: '', quota: 0, contact: {} } }),
    ]);
    expect(result).toMatchObject({ status: 'refused', code: 'validation' });
    const fields = (result as unknown as { problems: { field: string; labelKey: string }[] }).problems.map(
      (p) => p.field,
    );
    expect(fields).toEqual(expect.arrayContaining(['name', 'quota', 'contact.firstName']));
  });
});
