// On a shared roster every operation that changes the roster queues its named change in its own
// transaction (docs/SYNC.md), with the args the server's schema takes; a role that may not make
// it is refused with nothing written; alone, no operation touches the outbox.
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../../lib/db/database';
import type { Client } from '../../../lib/model/client';
import { parseChangeArgs } from '../../../lib/model/sync-schema';
import { CHANGE_NAMES, type ChangeName, type TeamRole } from '../../../lib/model/team';
import {
  addMember,
  changeCard,
  completeExperiment,
  createClient,
  createExperiment,
  deleteClient,
  listActivity,
  markInactive,
  pauseExperiment,
  reactivate,
  reallocateQuota,
  recordRevokedAccess,
  recordUsage,
  removeMember,
  restoreAccess,
  setSubscription,
  setVisitorsUsed,
  startExperiment,
  updateClient,
  updateSettings,
} from '../../../lib/ops';
import { applyImport } from '../../../lib/ops/import';
import { changeMemberRole } from '../../../lib/ops/partner';
import { csvFile, csvRow } from '../import/helpers';
import { clientInput, refusal, resetDb, snapshot, T0 } from '../ops/helpers';
import { connectTestTeam } from './team-fixture';

const NOW = T0 + 60_000;
const ctx = { now: NOW };

/** What was made before the browser connected, for the operation and its expected args. */
interface World {
  client: Client;
  experimentId: number;
  experimentKey: string;
  memberId: number;
  memberKey: string;
}

interface Case {
  name: ChangeName;
  /** A role that may make it: the settings are the owner's. */
  role: TeamRole;
  /** Puts the client where the operation can run (inactive, revoked…), before connecting. */
  prepare?: (world: World) => Promise<unknown>;
  run: (world: World) => Promise<unknown>;
  /** The args the change must carry; `made` is what the operation returned. */
  args: (world: World, made: unknown) => unknown;
}

const DETAILS = {
  name: 'Acme Outdoor Gear',
  contact: { firstName: 'Ana', lastName: 'Silva', email: 'ana@acme.example' },
  company: 'Acme Holdings',
};
const SUBSCRIPTION = {
  plan: 'Growth',
  renewalDate: '2026-12-01',
  billingCycle: 'yearly',
  licensedVisitors: 30,
} as const;
const CARD = { usingCustomersCard: true, brand: 'visa', last4: '4242', expiry: '12/30' } as const;
const AS_CLIENT_ADMIN = { ...ctx, actingAs: 'super_admin' } as const;
const NEW_CLIENT = {
  name: 'Borealis',
  contact: { firstName: 'Bo', lastName: 'Berg', email: 'bo@borealis.example' },
  quota: 15,
};

const CASES: Case[] = [
  {
    name: 'client.create',
    role: 'manager',
    run: () => createClient(NEW_CLIENT, ctx),
    // The Org ID made here goes with it.
    args: (_world, made) => ({ orgId: (made as Client).orgId, client: NEW_CLIENT }),
  },
  {
    name: 'client.update',
    role: 'manager',
    run: ({ client }) => updateClient(client.orgId, DETAILS, ctx),
    args: ({ client }) => ({ orgId: client.orgId, details: DETAILS }),
  },
  {
    name: 'client.reallocate',
    role: 'manager',
    run: ({ client }) => reallocateQuota(client.orgId, 25, ctx),
    args: ({ client }) => ({ orgId: client.orgId, quota: 25 }),
  },
  {
    name: 'client.setVisitorsUsed',
    role: 'manager',
    run: ({ client }) => setVisitorsUsed(client.orgId, 1, { ...ctx, reason: ' Counted twice ' }),
    args: ({ client }) => ({ orgId: client.orgId, visitors: 1, reason: 'Counted twice' }),
  },
  {
    name: 'client.markInactive',
    role: 'manager',
    run: ({ client }) => markInactive(client.orgId, ctx),
    args: ({ client }) => ({ orgId: client.orgId }),
  },
  {
    name: 'client.reactivate',
    role: 'manager',
    prepare: ({ client }) => markInactive(client.orgId, { now: T0 + 10 }),
    run: ({ client }) => reactivate(client.orgId, 12, ctx),
    args: ({ client }) => ({ orgId: client.orgId, quota: 12 }),
  },
  {
    name: 'client.delete',
    role: 'manager',
    run: ({ client }) => deleteClient(client.orgId, ctx),
    args: ({ client }) => ({ orgId: client.orgId }),
  },
  {
    name: 'experiment.create',
    role: 'manager',
    run: ({ client }) => createExperiment(client.orgId, { name: '  Pricing page  ' }, ctx),
    args: ({ client }, made) => ({
      orgId: client.orgId,
      key: (made as { key: string }).key,
      experiment: { name: 'Pricing page' },
    }),
  },
  {
    name: 'experiment.start',
    role: 'manager',
    run: ({ client, experimentId }) => startExperiment(client.orgId, experimentId, ctx),
    args: ({ client, experimentKey }) => ({ orgId: client.orgId, key: experimentKey }),
  },
  {
    name: 'experiment.pause',
    role: 'manager',
    prepare: ({ client, experimentId }) => startExperiment(client.orgId, experimentId, { now: T0 + 10 }),
    run: ({ client, experimentId }) => pauseExperiment(client.orgId, experimentId, ctx),
    args: ({ client, experimentKey }) => ({ orgId: client.orgId, key: experimentKey }),
  },
  {
    name: 'experiment.complete',
    role: 'manager',
    prepare: ({ client, experimentId }) => startExperiment(client.orgId, experimentId, { now: T0 + 10 }),
    run: ({ client, experimentId }) => completeExperiment(client.orgId, experimentId, ctx),
    args: ({ client, experimentKey }) => ({ orgId: client.orgId, key: experimentKey }),
  },
  {
    name: 'orgMember.add',
    role: 'manager',
    run: ({ client }) => addMember(client.orgId, { name: 'Bo Berg', email: 'Bo@Acme.example', role: 'user' }, ctx),
    args: ({ client }, made) => ({
      orgId: client.orgId,
      key: (made as { key: string }).key,
      member: { name: 'Bo Berg', email: 'bo@acme.example', role: 'user' },
    }),
  },
  {
    name: 'orgMember.remove',
    role: 'manager',
    run: ({ client, memberId }) => removeMember(client.orgId, memberId, AS_CLIENT_ADMIN),
    args: ({ client, memberKey }) => ({ orgId: client.orgId, key: memberKey }),
  },
  {
    name: 'orgMember.changeRole',
    role: 'manager',
    run: ({ client, memberId }) => changeMemberRole(client.orgId, memberId, 'admin', AS_CLIENT_ADMIN),
    args: ({ client, memberKey }) => ({ orgId: client.orgId, key: memberKey, role: 'admin' }),
  },
  {
    name: 'client.setSubscription',
    role: 'manager',
    run: ({ client }) => setSubscription(client.orgId, SUBSCRIPTION, ctx),
    // The licences move within this change: no client.reallocate of their own.
    args: ({ client }) => ({ orgId: client.orgId, subscription: SUBSCRIPTION }),
  },
  {
    name: 'client.changeCard',
    role: 'manager',
    run: ({ client }) => changeCard(client.orgId, CARD, ctx),
    args: ({ client }) => ({ orgId: client.orgId, card: CARD }),
  },
  {
    name: 'client.recordRevokedAccess',
    role: 'manager',
    run: ({ client }) => recordRevokedAccess(client.orgId, { note: ' Ended the contract ' }, ctx),
    args: ({ client }) => ({ orgId: client.orgId, revoke: { note: 'Ended the contract' } }),
  },
  {
    name: 'client.restoreAccess',
    role: 'manager',
    prepare: ({ client }) => recordRevokedAccess(client.orgId, {}, { now: T0 + 10 }),
    run: ({ client }) => restoreAccess(client.orgId, ctx),
    args: ({ client }) => ({ orgId: client.orgId }),
  },
  {
    name: 'settings.update',
    role: 'owner',
    run: () => updateSettings({ poolSize: 500, reminderDays: [1, 30, 7], workspaceUrlTemplate: undefined }, ctx),
    // As stored (the days sorted); the cleared template as empty text, which JSON keeps.
    args: () => ({ patch: { poolSize: 500, reminderDays: [30, 7, 1], workspaceUrlTemplate: '' } }),
  },
  {
    name: 'roster.import',
    role: 'manager',
    run: () =>
      applyImport(csvFile(csvRow({ name: 'Cobalt', quota: 5 })), { existing: 'update', restoreSettings: false }, ctx),
    // The new client's Org ID, issued here, goes with its row, so that the server's client has it.
    args: async () => {
      const made = await db.clients.where('nameKey').equals('cobalt').first();
      const prepared = csvFile(csvRow({ name: 'Cobalt', quota: 5 }));
      if (prepared.kind !== 'csv' || !made) throw new Error('a CSV import that made Cobalt');
      return {
        prepared: { ...prepared, rows: prepared.rows.map((row) => ({ ...row, orgId: made.orgId })) },
        choices: { existing: 'update', restoreSettings: false },
      };
    },
  },
];

/** A client with an experiment and a member, made in single-browser use. */
async function makeWorld(): Promise<World> {
  await updateSettings(
    { poolSize: 100, timeZone: 'UTC', workspaceUrlTemplate: 'https://app.example.com/{orgId}' },
    { now: T0 },
  );
  const client = await createClient(clientInput({ name: 'Acme Outdoor', quota: 20 }), { now: T0 });
  await recordUsage(client.orgId, 3, { now: T0 + 1 });
  const experiment = await createExperiment(client.orgId, { name: 'Hero' }, { now: T0 + 2 });
  const member = await addMember(
    client.orgId,
    { name: 'Sara Lind', email: 'sara@acme.example', role: 'user' },
    { now: T0 + 3 },
  );
  return {
    client: (await db.clients.get(client.orgId)) ?? client,
    experimentId: experiment.id ?? -1,
    experimentKey: experiment.key ?? '',
    memberId: member.id ?? -1,
    memberKey: member.key ?? '',
  };
}

async function prepared(item: Case): Promise<World> {
  const world = await makeWorld();
  await item.prepare?.(world);
  return world;
}

/** As the push sends it. */
const overTheWire = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

beforeEach(resetDb);

describe('operations on a shared roster', () => {
  it('has a case for every change name', () => {
    expect(new Set(CASES.map((item) => item.name))).toEqual(new Set(CHANGE_NAMES));
    expect(CASES).toHaveLength(CHANGE_NAMES.length);
  });

  for (const item of CASES)
    it(`${item.name}: queues exactly one change, with the args the server takes`, async () => {
      const world = await prepared(item);
      await connectTestTeam(item.role);
      const made = await item.run(world);
      const outbox = await db.outbox.toArray();
      expect(outbox.map((change) => change.name)).toEqual([item.name]);
      const [change] = outbox;
      expect(overTheWire(change?.args)).toEqual(overTheWire(await item.args(world, made)));
      expect(() => parseChangeArgs(item.name, overTheWire(change?.args))).not.toThrow();
      expect(change?.madeAt).toBe(NOW);
      if (item.name !== 'client.create' && item.name !== 'settings.update' && item.name !== 'roster.import')
        expect(change).toMatchObject({ orgId: world.client.orgId, clientName: world.client.name });
    });

  for (const item of CASES)
    it(`${item.name}: alone, writes nothing to the outbox`, async () => {
      const world = await prepared(item);
      await item.run(world);
      expect(await db.outbox.count()).toBe(0);
      expect(await db.activity.where('pending').equals(1).count()).toBe(0);
    });

  for (const item of CASES)
    it(`${item.name}: a viewer is refused, and nothing is written`, async () => {
      const world = await prepared(item);
      await connectTestTeam('viewer');
      const before = await snapshot();
      // The agency's settings are refused to anyone but the owner, a viewer included, as the server words it.
      const key = item.name === 'settings.update' ? 'team_refused_ownerOnly' : 'team_refused_viewer';
      expect((await refusal(item.run(world))).key).toBe(key);
      expect(await snapshot()).toEqual(before);
    });

  it("a manager's settings change is refused as the owner's, and nothing is written", async () => {
    await makeWorld();
    await connectTestTeam('manager');
    const before = await snapshot();
    expect((await refusal(updateSettings({ poolSize: 500 }, ctx))).key).toBe('team_refused_ownerOnly');
    expect(await snapshot()).toEqual(before);
  });

  it('the history lines of a queued change are pending, those written alone are not', async () => {
    const { client } = await makeWorld();
    await connectTestTeam('owner');
    // Down to its usage: the quota rule pauses it in the same change, its line before the change is queued.
    await reallocateQuota(client.orgId, 3, ctx);
    const lines = await listActivity({ orgId: client.orgId });
    const fromChange = lines.filter((line) => line.at === NOW);
    expect(fromChange.map((line) => line.action).sort()).toEqual(['client_paused', 'quota_changed']);
    expect(fromChange.map((line) => line.pending)).toEqual([1, 1]);
    expect(lines.filter((line) => line.at < NOW).map((line) => line.pending)).not.toContain(1);
    expect((await db.outbox.toArray()).map((change) => change.name)).toEqual(['client.reallocate']);
  });

  it('the same quota again changes nothing, so queues nothing', async () => {
    const { client } = await makeWorld();
    await connectTestTeam('manager');
    await reallocateQuota(client.orgId, 20, ctx);
    expect(await db.outbox.count()).toBe(0);
  });
});
