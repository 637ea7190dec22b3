// What a shared roster does with what has no named change: the usage feed's numbers go to the
// server as usage sets; what the server cannot run is refused while connected (or, for a past
// period's number, listed as a problem); what is this browser's own stays local.
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../../lib/db/database';
import { parseChangeArgs } from '../../../lib/model/sync-schema';
import {
  addMember,
  createClient,
  listActivity,
  loadSampleData,
  markOpened,
  saveUsageSource,
  setVisitorsUsed,
  updateSettings,
} from '../../../lib/ops';
import {
  backUpMemberAccount,
  changeMemberProfileImage,
  changeSuperAdmin,
  editOrgDashboard,
  joinReferralProgram,
  resetMemberPassword,
  setContactsSync,
  setTwoFactorRequired,
} from '../../../lib/ops/partner';
import { applyUsageFeed } from '../../../lib/ops/usage-feed';
import { clientInput, expectKeyInCatalogues, refusal, resetDb, snapshot, T0 } from '../ops/helpers';
import { connectTestTeam } from './team-fixture';

const NOW = T0 + 60_000;
const AS_SUPER_ADMIN = { now: NOW, actingAs: 'super_admin' } as const;

beforeEach(async () => {
  await resetDb();
  await updateSettings(
    { poolSize: 1000, timeZone: 'UTC', billingDay: 1, workspaceUrlTemplate: 'https://app.example.com/{orgId}' },
    { now: T0 },
  );
});

async function clientWithMember() {
  const client = await createClient(clientInput({ name: 'Acme Outdoor', quota: 100 }), { now: T0 });
  const member = await addMember(
    client.orgId,
    { name: 'Sara Lind', email: 'sara@acme.example', role: 'user' },
    { now: T0 + 1 },
  );
  return { client, memberId: member.id ?? -1 };
}

describe('operations without a named change, while connected', () => {
  const unshared: [string, (orgId: string, memberId: number) => Promise<unknown>][] = [
    ['changeSuperAdmin', (orgId, memberId) => changeSuperAdmin(orgId, memberId, AS_SUPER_ADMIN)],
    ['resetMemberPassword', (orgId, memberId) => resetMemberPassword(orgId, memberId, AS_SUPER_ADMIN)],
    ['changeMemberProfileImage', (orgId, memberId) => changeMemberProfileImage(orgId, memberId, AS_SUPER_ADMIN)],
    ['backUpMemberAccount', (orgId, memberId) => backUpMemberAccount(orgId, memberId, AS_SUPER_ADMIN)],
    ['setTwoFactorRequired', (orgId) => setTwoFactorRequired(orgId, true, AS_SUPER_ADMIN)],
    ['editOrgDashboard', (orgId) => editOrgDashboard(orgId, AS_SUPER_ADMIN)],
    ['joinReferralProgram', (orgId) => joinReferralProgram(orgId, AS_SUPER_ADMIN)],
    ['setContactsSync', (orgId) => setContactsSync(orgId, true, AS_SUPER_ADMIN)],
  ];

  for (const [name, run] of unshared) {
    it(`${name} is refused as not shared yet, writing nothing`, async () => {
      const { client, memberId } = await clientWithMember();
      await connectTestTeam('owner');
      const before = await snapshot();
      expect((await refusal(run(client.orgId, memberId))).key).toBe('team_error_notShared');
      expect(await snapshot()).toEqual(before);
    });

    it(`${name} works alone, as before`, async () => {
      const { client, memberId } = await clientWithMember();
      await run(client.orgId, memberId);
      expect(await db.outbox.count()).toBe(0);
    });
  }

  it('the sample data is refused with its own reason, writing nothing', async () => {
    await connectTestTeam('owner');
    const before = await snapshot();
    expect((await refusal(loadSampleData({ now: NOW }))).key).toBe('team_error_sampleData');
    expect(await snapshot()).toEqual(before);
    expectKeyInCatalogues('team_error_sampleData');
    expectKeyInCatalogues('team_error_notShared');
  });

  it("opening a workspace and the usage source stay this browser's own: nothing queued, nothing pending", async () => {
    const { client } = await clientWithMember();
    await connectTestTeam('viewer');
    await markOpened(client.orgId, { now: NOW });
    await saveUsageSource(
      { url: 'https://usage.example.com/usage.json', intervalMinutes: 60, acceptCorrections: false, token: 'secret-1' },
      { now: NOW },
    );
    expect((await db.clients.get(client.orgId))?.lastOpenedAt).toBe(NOW);
    expect(await db.outbox.count()).toBe(0);
    const lines = await listActivity({ limit: 5 });
    expect(lines[0]).toMatchObject({ action: 'settings_changed', at: NOW });
    expect(lines.map((line) => line.pending)).not.toContain(1);
  });
});

describe('the usage feed on a shared roster', () => {
  async function threeClients() {
    const ids: string[] = [];
    for (const name of ['Acme', 'Borealis', 'Cobalt']) {
      const client = await createClient(clientInput({ name, quota: 100 }), { now: T0 });
      ids.push(client.orgId);
    }
    const [a = '', b = '', c = ''] = ids;
    await setVisitorsUsed(a, 40, { now: T0 + 1 });
    await setVisitorsUsed(b, 30, { now: T0 + 1 });
    return { a, b, c };
  }

  it('queues one usage set per client whose number changed, a lower one with the reason given', async () => {
    const { a, b, c } = await threeClients();
    await connectTestTeam('manager');
    const outcome = await applyUsageFeed(
      [
        { orgId: a, visitorsUsed: 55, line: 1 },
        { orgId: b, visitorsUsed: 20, line: 2 },
        { orgId: c, visitorsUsed: 0, line: 3 },
      ],
      true,
      NOW,
      500,
      'Corrected by the usage source.',
    );
    expect(outcome).toMatchObject({ applied: { updated: 2, unchanged: 1, problemCount: 0 } });
    const changes = await db.outbox.toArray();
    expect(changes.map((change) => [change.name, change.args])).toEqual([
      ['client.setVisitorsUsed', { orgId: a, visitors: 55 }],
      ['client.setVisitorsUsed', { orgId: b, visitors: 20, reason: 'Corrected by the usage source.' }],
    ]);
    for (const change of changes) expect(() => parseChangeArgs('client.setVisitorsUsed', change.args)).not.toThrow();
    expect((await db.clients.get(b))?.usedVisitors).toBe(20);
  });

  it("lists a past period's number as a problem rather than filing it here alone", async () => {
    const { a } = await threeClients();
    await connectTestTeam('manager');
    const outcome = await applyUsageFeed(
      [{ orgId: a, visitorsUsed: 70, periodStart: '2025-12-01', line: 4 }],
      false,
      NOW,
    );
    expect(outcome).toMatchObject({
      applied: {
        filed: 0,
        problemCount: 1,
        problems: [{ orgId: a, line: 4, key: 'usageFeed_rowPastNotShared' }],
      },
    });
    expect(await db.reports.where('[orgId+period]').equals([a, '2025-12-01']).count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    expectKeyInCatalogues('usageFeed_rowPastNotShared');
  });

  it("a viewer's browser applies none of it, and says why", async () => {
    const { a } = await threeClients();
    await connectTestTeam('viewer');
    const before = await snapshot();
    const outcome = await applyUsageFeed([{ orgId: a, visitorsUsed: 90, line: 1 }], false, NOW);
    expect(outcome).toEqual({ failure: { key: 'team_refused_viewer', params: {} } });
    expect(await snapshot()).toEqual(before);
  });
});
