import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../../lib/db/database';
import {
  createClient,
  listActivity,
  listSwitcherEntries,
  listSwitcherFirstRows,
  markInactive,
  markOpened,
  onDataChanged,
  recordUsage,
  updateSettings,
} from '../../../lib/ops';
import { recordRevokedAccess, restoreAccess } from '../../../lib/ops/revoked';
import { clientInput, DAY, expectKeyInCatalogues, refusal, resetDb, snapshot, T0 } from '../ops/helpers';
import { usageOnDays } from '../usage-trend';

beforeEach(async () => {
  await resetDb();
  await updateSettings({ poolSize: 1000, workspaceUrlTemplate: 'https://app.example.com/orgs/{orgId}' }, { now: T0 });
});

async function roster(names: string[]): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const name of names) ids[name] = (await createClient(clientInput({ name }), { now: T0 })).orgId;
  return ids;
}

const names = (entries: { name: string }[]) => entries.map((entry) => entry.name);

describe('listSwitcherEntries', () => {
  it('projects every client with its status, usage, detail and workspace address', async () => {
    const { orgId } = await createClient(
      clientInput({ name: 'Acme Outdoor', company: 'Acme Outdoor GmbH', domain: 'acme-outdoor.test', quota: 200 }),
      { now: T0 },
    );
    const own = await createClient(
      clientInput({ name: 'Beta', domain: 'beta.test', workspaceUrl: 'https://beta.test/ws', quota: 10 }),
      { now: T0 },
    );
    await recordUsage(orgId, 131, { now: T0 });
    await markInactive(own.orgId, { now: T0 });

    const entries = await listSwitcherEntries();
    expect(entries).toEqual([
      expect.objectContaining({
        orgId,
        name: 'Acme Outdoor',
        detail: 'Acme Outdoor GmbH',
        status: 'active',
        usagePercent: 65,
        workspace: { ok: true, url: `https://app.example.com/orgs/${orgId}` },
      }),
      expect.objectContaining({
        orgId: own.orgId,
        name: 'Beta',
        detail: 'beta.test',
        status: 'inactive',
        workspace: { ok: true, url: 'https://beta.test/ws' },
      }),
    ]);
    expect(entries[0]?.searchText).toContain('acme-outdoor.test');
  });

  it('says why a workspace cannot be opened: no address, or not http(s)', async () => {
    await updateSettings({ workspaceUrlTemplate: undefined }, { now: T0 });
    const { orgId } = await createClient(clientInput({ name: 'No address' }), { now: T0 });
    // Only older or imported data can hold such an address: the schema refuses it on input.
    const bad = await createClient(clientInput({ name: 'Scripted' }), { now: T0 });
    await db.clients.update(bad.orgId, { workspaceUrl: 'javascript:alert(1)' });

    const entries = await listSwitcherEntries();
    expect(entries.map((entry) => [entry.orgId, entry.workspace])).toEqual([
      [orgId, { ok: false, key: 'error_noWorkspaceUrl' }],
      [bad.orgId, { ok: false, key: 'error_workspaceUrlNotHttp' }],
    ]);
  });
});

describe('markOpened', () => {
  it('moves the opened client to the top and returns the address to open, writing nothing else', async () => {
    const ids = await roster(['Charlie', 'Alpha', 'Bravo']);
    expect(names(await listSwitcherEntries())).toEqual(['Alpha', 'Bravo', 'Charlie']);
    const logBefore = await listActivity();

    expect(await markOpened(ids.Charlie!.toLowerCase(), { now: T0 + DAY })).toBe(
      `https://app.example.com/orgs/${ids.Charlie}`,
    );
    await markOpened(ids.Bravo!, { now: T0 + 2 * DAY });

    expect(names(await listSwitcherEntries())).toEqual(['Bravo', 'Charlie', 'Alpha']);
    const bravo = await db.clients.get(ids.Bravo!);
    expect(bravo?.lastOpenedAt).toBe(T0 + 2 * DAY);
    expect(bravo?.updatedAt).toBe(T0);
    expect(await listActivity()).toEqual(logBefore);
  });

  it('tells listeners which client changed once it has committed', async () => {
    const ids = await roster(['Alpha']);
    const heard: string[][] = [];
    const stop = onDataChanged((change) => heard.push(change.orgIds));
    await markOpened(ids.Alpha!, { now: T0 });
    stop();
    expect(heard).toEqual([[ids.Alpha]]);
  });

  it('refuses a client whose address is not http(s), and records nothing', async () => {
    const ids = await roster(['Scripted']);
    await db.clients.update(ids.Scripted!, { workspaceUrl: 'data:text/html,hi' });
    const before = await snapshot();

    const error = await refusal(markOpened(ids.Scripted!, { now: T0 + DAY }));
    expect(error.key).toBe('error_workspaceUrlNotHttp');
    expectKeyInCatalogues(error.key);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses an unknown Org ID', async () => {
    const error = await refusal(markOpened('ORG-00000000', { now: T0 }));
    expect(error.key).toBe('error_clientNotFound');
  });
});

describe('the run-out day in the switcher', () => {
  it('comes with a client whose forecast day is at most 7 days away, and with no other', async () => {
    await updateSettings({ timeZone: 'UTC' }, { now: T0 });
    const ids: Record<string, string> = {};
    for (const name of ['Soon', 'Later', 'Flat', 'Gone'])
      ids[name] = (await createClient(clientInput({ name, quota: 100 }), { now: T0 })).orgId;
    await usageOnDays(ids.Soon!, T0, [10, 20, 30]); // 10 a day from Jan 17: Jan 24, 7 days on
    await usageOnDays(ids.Later!, T0, [5, 15, 25]); // 10 a day from Jan 17, 75 to go: Jan 25, 8 days on
    await usageOnDays(ids.Flat!, T0, [10, 10, 10]);
    await usageOnDays(ids.Gone!, T0, [10, 40, 70]);
    await markInactive(ids.Gone!, { now: T0 + 2 * DAY });
    const runsOut = (entries: Awaited<ReturnType<typeof listSwitcherEntries>>) =>
      Object.fromEntries(entries.map((entry) => [entry.name, entry.runsOutOn]));

    const expected = { Soon: '2026-01-24', Later: undefined, Flat: undefined, Gone: undefined };
    expect(runsOut(await listSwitcherEntries(T0 + 2 * DAY))).toEqual(expected);
    expect(runsOut(await listSwitcherFirstRows(10, T0 + 2 * DAY))).toEqual(expected);
    // A day later, Later is 7 days away too.
    expect(runsOut(await listSwitcherEntries(T0 + 3 * DAY))).toEqual({ ...expected, Later: '2026-01-25' });
  });
});

describe('listSwitcherFirstRows', () => {
  it('gives the first rows of the full order: recently opened first, then by name', async () => {
    const ids = await roster(['Echo', 'Delta', 'Charlie', 'Bravo', 'Alpha', 'さくら', 'ｱｸﾒ']);
    await markOpened(ids.Delta!, { now: T0 + DAY });
    await markOpened(ids.Bravo!, { now: T0 + 2 * DAY });
    const all = await listSwitcherEntries();
    expect(names(all)).toEqual(['Bravo', 'Delta', 'Alpha', 'Charlie', 'Echo', 'ｱｸﾒ', 'さくら']);

    for (const limit of [1, 2, 3, 5, 7, 20]) {
      expect(await listSwitcherFirstRows(limit), `limit ${limit}`).toEqual(all.slice(0, limit));
    }
  });

  it('gives the first rows of the full order when names sort differently by alphabet and by code (Émile, Zed)', async () => {
    await roster(['Fred', 'Émile', 'Zed', 'Ängel', 'Anna']);
    const all = await listSwitcherEntries();

    for (const limit of [1, 2, 3, 4, 5]) {
      expect(names(await listSwitcherFirstRows(limit)), `limit ${limit}`).toEqual(names(all.slice(0, limit)));
    }
  });

  it('leaves out clients that revoked the agency access, in both reads, until access is restored', async () => {
    const ids = await roster(['Alpha', 'Bravo', 'Charlie', 'Delta']);
    await markOpened(ids.Bravo!, { now: T0 + DAY });
    await markOpened(ids.Delta!, { now: T0 + 2 * DAY });
    await recordRevokedAccess(ids.Delta!, {}, { now: T0 + 3 * DAY });
    await recordRevokedAccess(ids.Alpha!, {}, { now: T0 + 3 * DAY });

    expect(names(await listSwitcherEntries())).toEqual(['Bravo', 'Charlie']);
    for (const limit of [1, 2, 5]) {
      expect(names(await listSwitcherFirstRows(limit)), `limit ${limit}`).toEqual(['Bravo', 'Charlie'].slice(0, limit));
    }

    await restoreAccess(ids.Delta!, { now: T0 + 4 * DAY });
    expect(names(await listSwitcherEntries())).toEqual(['Delta', 'Bravo', 'Charlie']);
    expect(names(await listSwitcherFirstRows(2))).toEqual(['Delta', 'Bravo']);
  });

  it('is empty for an empty roster', async () => {
    expect(await listSwitcherFirstRows(10)).toEqual([]);
    expect(await listSwitcherEntries()).toEqual([]);
  });
});
