import { beforeEach, describe, expect, it } from 'vitest';
import type { Client } from '../../../lib/model/client';
import type { AppError } from '../../../lib/model/errors';
import {
  addMember,
  completeExperiment,
  deleteClient,
  listActivity,
  markInactive,
  markOpened,
  reactivate,
  reallocateQuota,
  updateClient,
  createClient,
  createExperiment,
  listExperiments,
  listMembers,
  listUsageReports,
  pauseExperiment,
  recordUsage,
  removeMember,
  startExperiment,
  updateSettings,
} from '../../../lib/ops';
import { db } from '../../../lib/db/database';
import type { OpContext } from '../../../lib/ops/context';
import {
  backUpMemberAccount,
  changeMemberProfileImage,
  changeMemberRole,
  changeSuperAdmin,
  editOrgDashboard,
  resetMemberPassword,
  setContactsSync,
  setTwoFactorRequired,
  joinReferralProgram,
} from '../../../lib/ops/partner';
import { recordRevokedAccess, restoreAccess } from '../../../lib/ops/revoked';
import { changeCard, setSubscription } from '../../../lib/ops/subscription';
import { clientInput, refusal, resetDb, snapshot, T0 } from './helpers';

interface Org {
  client: Client;
  draft: number;
  running: number;
  paused: number;
  member: number;
}

/** An org with one experiment in each startable/pausable state, a member and a usage report. */
async function makeOrg(label: string): Promise<Org> {
  const client = await createClient(clientInput({ name: `Org ${label}`, quota: 50 }), { now: T0 });
  const make = async (name: string) =>
    (await createExperiment(client.orgId, { name: `${label} ${name}` }, { now: T0 })).id as number;
  const draft = await make('draft');
  const running = await make('running');
  const paused = await make('paused');
  await startExperiment(client.orgId, running, { now: T0 });
  await startExperiment(client.orgId, paused, { now: T0 });
  await pauseExperiment(client.orgId, paused, { now: T0 });
  const member = (
    await addMember(client.orgId, { name: `${label} member`, email: `${label}@example.com`, role: 'user' }, { now: T0 })
  ).id as number;
  await recordUsage(client.orgId, 3, { now: T0 });
  return { client, draft, running, paused, member };
}

let a: Org;
let b: Org;

beforeEach(async () => {
  await resetDb();
  await updateSettings({ poolSize: 200, timeZone: 'UTC' }, { now: T0 });
  a = await makeOrg('A');
  b = await makeOrg('B');
});

function sameRefusal(error: AppError): [string, string, unknown] {
  return [error.code, error.key, error.params];
}

describe('org isolation', () => {
  it.each([
    [
      'startExperiment (draft)',
      (org: string, id: () => number) => startExperiment(org, id(), { now: T0 + 1 }),
      'draft',
    ],
    [
      'startExperiment (paused)',
      (org: string, id: () => number) => startExperiment(org, id(), { now: T0 + 1 }),
      'paused',
    ],
    ['pauseExperiment', (org: string, id: () => number) => pauseExperiment(org, id(), { now: T0 + 1 }), 'running'],
    [
      'completeExperiment',
      (org: string, id: () => number) => completeExperiment(org, id(), { now: T0 + 1 }),
      'running',
    ],
  ] as const)(
    "%s with org A and org B's experiment is refused as not found and changes nothing",
    async (_label, operation, which) => {
      const before = await snapshot();
      const error = await refusal(operation(a.client.orgId, () => b[which]));
      expect(error).toMatchObject({ code: 'not_found', key: 'error_experimentNotFound' });
      expect(await snapshot()).toEqual(before);
      // Indistinguishable from an id that does not exist at all.
      const missing = await refusal(operation(a.client.orgId, () => 999_999));
      expect(sameRefusal(error)).toEqual(sameRefusal(missing));
      // The same call with B's own Org ID goes through.
      await operation(b.client.orgId, () => b[which]);
      expect(await snapshot()).not.toEqual(before);
    },
  );

  it("removeMember with org A and org B's member is refused as not found and changes nothing", async () => {
    // Deleting a user is a partner-admin limit: the client's own super admin does it here.
    const asClient = { now: T0 + 1, actingAs: 'super_admin' } as const;
    const before = await snapshot();
    const error = await refusal(removeMember(a.client.orgId, b.member, asClient));
    expect(error).toMatchObject({ code: 'not_found', key: 'error_memberNotFound' });
    expect(await snapshot()).toEqual(before);
    expect(sameRefusal(error)).toEqual(sameRefusal(await refusal(removeMember(a.client.orgId, 999_999, asClient))));
    await removeMember(b.client.orgId, b.member, asClient);
    expect(await listMembers(b.client.orgId)).toEqual([]);
    expect((await listMembers(a.client.orgId)).map((m) => m.id)).toEqual([a.member]);
  });

  it("lists of org A never contain org B's records", async () => {
    const experimentsA = await listExperiments(a.client.orgId);
    expect(experimentsA.map((e) => e.id).sort()).toEqual([a.draft, a.running, a.paused].sort());
    expect(experimentsA.every((e) => e.orgId === a.client.orgId && e.name.startsWith('A '))).toBe(true);

    const membersA = await listMembers(a.client.orgId);
    expect(membersA.map((m) => [m.id, m.orgId, m.email])).toEqual([[a.member, a.client.orgId, 'a@example.com']]);

    const reportsA = await listUsageReports(a.client.orgId);
    expect(reportsA).toHaveLength(1);
    expect(reportsA[0]).toMatchObject({ orgId: a.client.orgId, visitors: 3 });

    const experimentsB = await listExperiments(b.client.orgId);
    expect(experimentsB.map((e) => e.id).sort()).toEqual([b.draft, b.running, b.paused].sort());
  });

  it("org B's records are unaffected by org A's experiments pausing for quota", async () => {
    await recordUsage(a.client.orgId, 47, { now: T0 + 1 });
    const statesB = Object.fromEntries((await listExperiments(b.client.orgId)).map((e) => [e.id, e.status]));
    expect(statesB).toEqual({ [b.draft]: 'draft', [b.running]: 'running', [b.paused]: 'paused' });
    const runningA = (await listExperiments(a.client.orgId)).find((e) => e.id === a.running);
    expect(runningA).toMatchObject({ status: 'paused', pausedBy: 'quota' });
  });
});

/** Everything that belongs to one org, read straight from the tables. */
async function orgSlice(orgId: string) {
  return {
    client: await db.clients.get(orgId),
    experiments: await db.experiments.where('orgId').equals(orgId).toArray(),
    members: await db.members.where('orgId').equals(orgId).toArray(),
    reports: await db.reports.where('orgId').equals(orgId).toArray(),
    activity: await db.activity.where('orgId').equals(orgId).toArray(),
  };
}

const AS_CLIENT: OpContext = { now: T0 + 1, actingAs: 'super_admin' };

type RecordOp = (org: string, memberId: number, context: OpContext) => Promise<unknown>;

/** Every operation that takes a member of the org. */
const MEMBER_OPS: [string, RecordOp][] = [
  ['removeMember', (org, id, context) => removeMember(org, id, context)],
  ['changeMemberRole', (org, id, context) => changeMemberRole(org, id, 'admin', context)],
  ['changeSuperAdmin', (org, id, context) => changeSuperAdmin(org, id, context)],
  ['resetMemberPassword', (org, id, context) => resetMemberPassword(org, id, context)],
  ['changeMemberProfileImage', (org, id, context) => changeMemberProfileImage(org, id, context)],
  ['backUpMemberAccount', (org, id, context) => backUpMemberAccount(org, id, context)],
];

describe('org isolation of member operations', () => {
  it.each(MEMBER_OPS)(
    "%s with org A and org B's member is refused as not found, like a missing member, and changes nothing",
    async (_label, operation) => {
      const before = await snapshot();
      const error = await refusal(operation(a.client.orgId, b.member, AS_CLIENT));
      expect(error).toMatchObject({ code: 'not_found', key: 'error_memberNotFound' });
      expect(await snapshot()).toEqual(before);
      expect(sameRefusal(error)).toEqual(sameRefusal(await refusal(operation(a.client.orgId, 999_999, AS_CLIENT))));
      // Through its own org, the member is reached.
      await operation(b.client.orgId, b.member, AS_CLIENT);
      expect(await snapshot()).not.toEqual(before);
    },
  );

  it.each(MEMBER_OPS)(
    "%s by the agency is refused with the same partner-admin reason for its own org's member and for another org's",
    async (_label, operation) => {
      const before = await snapshot();
      const across = await refusal(operation(a.client.orgId, b.member, { now: T0 + 1 }));
      const own = await refusal(operation(a.client.orgId, a.member, { now: T0 + 1 }));
      expect(across.code).toBe('rule');
      expect(across.key).toMatch(/^partner_reason_/);
      // The refusal says nothing about whether the member exists or whose it is.
      expect(sameRefusal(across)).toEqual(sameRefusal(own));
      expect(await snapshot()).toEqual(before);
    },
  );
});

type OrgOp = [string, (org: string) => Promise<unknown>, ((org: string) => Promise<unknown>)?];

/** Every operation that takes only an Org ID and writes, with what must come first. */
const ORG_OPS: OrgOp[] = [
  ['createExperiment', (org) => createExperiment(org, { name: 'New' }, { now: T0 + 1 })],
  ['addMember', (org) => addMember(org, { name: 'New', email: 'new@example.com', role: 'user' }, { now: T0 + 1 })],
  ['updateClient', (org) => updateClient(org, { ...clientInput({ name: 'Renamed' }) }, { now: T0 + 1 })],
  ['reallocateQuota', (org) => reallocateQuota(org, 60, { now: T0 + 1 })],
  ['recordUsage', (org) => recordUsage(org, 2, { now: T0 + 1 })],
  ['markInactive', (org) => markInactive(org, { now: T0 + 1 })],
  ['reactivate', (org) => reactivate(org, 40, { now: T0 + 2 }), (org) => markInactive(org, { now: T0 + 1 })],
  ['deleteClient', (org) => deleteClient(org, { now: T0 + 1 })],
  [
    'markOpened',
    (org) => markOpened(org, { now: T0 + 1 }),
    () => updateSettings({ workspaceUrlTemplate: 'https://app.example.com/{orgId}' }),
  ],
  ['recordRevokedAccess', (org) => recordRevokedAccess(org, { note: 'By phone' }, { now: T0 + 1 })],
  [
    'restoreAccess',
    (org) => restoreAccess(org, { now: T0 + 2 }),
    (org) => recordRevokedAccess(org, {}, { now: T0 + 1 }),
  ],
  [
    'setSubscription',
    (org) =>
      setSubscription(
        org,
        { plan: 'Business', licensedVisitors: 70, renewalDate: '2026-06-01', billingCycle: 'yearly' },
        { now: T0 + 1 },
      ),
  ],
  [
    'changeCard',
    (org) =>
      changeCard(org, { usingCustomersCard: true, brand: 'visa', last4: '4242', expiry: '12/30' }, { now: T0 + 1 }),
  ],
  ['setTwoFactorRequired', (org) => setTwoFactorRequired(org, true, AS_CLIENT)],
  ['editOrgDashboard', (org) => editOrgDashboard(org, AS_CLIENT)],
  ['joinReferralProgram', (org) => joinReferralProgram(org, AS_CLIENT)],
  ['setContactsSync', (org) => setContactsSync(org, false, AS_CLIENT)],
];

describe('org isolation of org operations', () => {
  it.each(ORG_OPS)(
    "%s on org A changes org A only, never org B's client, experiments, members, reports or log",
    async (_label, operation, setUp) => {
      await setUp?.(a.client.orgId);
      const orgB = await orgSlice(b.client.orgId);
      const orgA = await orgSlice(a.client.orgId);
      await operation(a.client.orgId);
      expect(await orgSlice(b.client.orgId)).toEqual(orgB);
      expect(await orgSlice(a.client.orgId)).not.toEqual(orgA);
    },
  );

  it("reads of org A (usage reports, activity) hold none of org B's records", async () => {
    await recordRevokedAccess(b.client.orgId, { note: 'B only' }, { now: T0 + 1 });
    const activityA = await listActivity({ orgId: a.client.orgId });
    expect(activityA.length).toBeGreaterThan(0);
    expect(activityA.every((entry) => entry.orgId === a.client.orgId)).toBe(true);
    expect((await listUsageReports(a.client.orgId)).every((report) => report.orgId === a.client.orgId)).toBe(true);
  });
});
