import { beforeAll, describe, expect, it } from 'vitest';
import type { Settings } from '../../lib/model/settings';
import { rowsOf } from './roster-fixtures';
import { change, createChange, pull, pullAll, push, setUpAgency, type TestAgency } from './team';
import { testServer } from './test-server';

const server = testServer();
let team: TestAgency;

beforeAll(async () => {
  team = await setUpAgency(server.db, 100);
  const [created] = await push(server.app, team.manager, [createChange('Acme Outdoor', 40)]);
  expect(created).toMatchObject({ status: 'accepted' });
});

async function settingsNow(): Promise<Settings> {
  const { rows } = await pullAll(server.app, team.viewer);
  return rowsOf(rows, 'settings').at(-1)?.data as Settings;
}

/** The history lines of the agency itself (no client), newest last. */
async function agencyHistory(since: number): Promise<Record<string, unknown>[]> {
  const { rows } = await pullAll(server.app, team.viewer, since);
  return rowsOf(rows, 'activity')
    .filter((row) => row.orgId === undefined)
    .map((row) => row.data as Record<string, unknown>);
}

describe('push: settings', () => {
  it("applies the owner's patch to the current settings, and a pull sends them whole", async () => {
    const before = await settingsNow();
    const since = (await pull(server.app, team.owner)).version;
    const [result] = await push(server.app, team.owner, [
      change('settings.update', { patch: { agencyName: 'Northwind Group', poolSize: 120, reminderDays: [1, 30] } }),
    ]);
    expect(result).toMatchObject({ status: 'accepted' });
    const { rows } = await pullAll(server.app, team.viewer, since);
    expect(rowsOf(rows, 'settings')).toEqual([
      {
        version: (result as { version: number }).version,
        entity: 'settings',
        deleted: false,
        data: { ...before, agencyName: 'Northwind Group', poolSize: 120, reminderDays: [30, 1] },
      },
    ]);
    expect(await agencyHistory(since)).toMatchObject([
      { action: 'pool_changed', poolSize: 120, details: { poolBefore: 100, poolAfter: 120 } },
      { action: 'settings_changed', details: { fields: 'agencyName,reminderDays' } },
    ]);
  });

  it('keeps the warning levels that the patch does not name', async () => {
    const [levels] = await push(server.app, team.owner, [
      change('settings.update', { patch: { usageWarningLevels: [50] } }),
    ]);
    expect(levels).toMatchObject({ status: 'accepted' });
    const [rename] = await push(server.app, team.owner, [
      change('settings.update', { patch: { agencyName: 'Renamed' } }),
    ]);
    expect(rename).toMatchObject({ status: 'accepted' });
    expect(await settingsNow()).toMatchObject({ agencyName: 'Renamed', usageWarningLevels: [50] });
  });

  it('clears an optional setting given as empty text, as the dashboard clears it', async () => {
    const url = 'https://relay.example/hooks/agency-desk';
    const template = 'https://app.example/org/{orgId}';
    await push(server.app, team.owner, [
      change('settings.update', { patch: { reminderWebhookUrl: url, workspaceUrlTemplate: template } }),
    ]);
    expect(await settingsNow()).toMatchObject({ reminderWebhookUrl: url, workspaceUrlTemplate: template });
    const [cleared] = await push(server.app, team.owner, [
      change('settings.update', { patch: { reminderWebhookUrl: '' } }),
    ]);
    expect(cleared).toMatchObject({ status: 'accepted' });
    const after = await settingsNow();
    expect(after).not.toHaveProperty('reminderWebhookUrl');
    expect(after).toMatchObject({ workspaceUrlTemplate: template });
  });

  it('the pool guard sees the new pool size: licences up to it can be given', async () => {
    const pool = (await settingsNow()).poolSize;
    const [result] = await push(server.app, team.manager, [createChange('Fills The Pool', pool - 40)]);
    expect(result).toMatchObject({ status: 'accepted' });
    const [over] = await push(server.app, team.manager, [createChange('One Too Many', 1)]);
    expect(over).toMatchObject({ status: 'refused', key: 'error_quotaExceedsFree' });
  });

  it('refuses shrinking the pool below what clients hold, and writes nothing', async () => {
    const { poolSize } = await settingsNow();
    const before = await pull(server.app, team.owner);
    const [result] = await push(server.app, team.owner, [
      change('settings.update', { patch: { poolSize: poolSize - 1 } }),
    ]);
    expect(result).toMatchObject({
      status: 'refused',
      code: 'rule',
      key: 'error_poolBelowAllocated',
      params: { allocated: poolSize },
    });
    expect((await pull(server.app, team.owner)).version).toBe(before.version);
  });

  it("refuses a viewer's and a manager's settings change: the owner's alone", async () => {
    const before = await pull(server.app, team.owner);
    const [viewer] = await push(server.app, team.viewer, [
      change('settings.update', { patch: { agencyName: 'Viewer' } }),
    ]);
    expect(viewer).toMatchObject({ status: 'refused', key: 'team_refused_ownerOnly' });
    const [manager] = await push(server.app, team.manager, [
      change('settings.update', { patch: { agencyName: 'Manager' } }),
    ]);
    expect(manager).toMatchObject({ status: 'refused', key: 'team_refused_ownerOnly' });
    expect((await pull(server.app, team.owner)).version).toBe(before.version);
  });

  it('leaves out the usage source, which stays in each browser, and names bad fields as the form does', async () => {
    const since = (await pull(server.app, team.owner)).version;
    const [source] = await push(server.app, team.owner, [
      change('settings.update', {
        patch: {
          agencyName: 'With A Source',
          usageSource: { url: 'https://usage.example.com/feed', intervalMinutes: 60, acceptCorrections: false },
        },
      }),
    ]);
    expect(source).toMatchObject({ status: 'accepted' });
    const shared = await settingsNow();
    expect(shared).toMatchObject({ agencyName: 'With A Source' });
    expect(shared).not.toHaveProperty('usageSource');
    expect(await agencyHistory(since)).toMatchObject([{ details: { fields: 'agencyName' } }]);

    const [bad] = await push(server.app, team.owner, [
      change('settings.update', { patch: { billingDay: 31, timeZone: 'Mars/Olympus' } }),
    ]);
    expect(bad).toMatchObject({ status: 'refused', code: 'validation' });
    const fields = (bad as unknown as { problems: { field: string }[] }).problems.map((p) => p.field);
    expect(fields).toEqual(expect.arrayContaining(['billingDay', 'timeZone']));
  });

  it('writes no history line for a patch that changes nothing', async () => {
    const current = await settingsNow();
    const since = (await pull(server.app, team.owner)).version;
    const [result] = await push(server.app, team.owner, [
      change('settings.update', { patch: { agencyName: current.agencyName } }),
    ]);
    expect(result).toMatchObject({ status: 'accepted' });
    expect(await agencyHistory(since)).toEqual([]);
  });
});
