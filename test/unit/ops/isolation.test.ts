import { beforeEach, describe, expect, it } from 'vitest';
import type { Client } from '../../../lib/model/client';
import type { AppError } from '../../../lib/model/errors';
import {
  addMember,
  completeExperiment,
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
    ['startExperiment (draft)', (org: string, id: () => number) => startExperiment(org, id(), { now: T0 + 1 }), 'draft'],
    ['startExperiment (paused)', (org: string, id: () => number) => startExperiment(org, id(), { now: T0 + 1 }), 'paused'],
    ['pauseExperiment', (org: string, id: () => number) => pauseExperiment(org, id(), { now: T0 + 1 }), 'running'],
    ['completeExperiment', (org: string, id: () => number) => completeExperiment(org, id(), { now: T0 + 1 }), 'running'],
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
    const before = await snapshot();
    const error = await refusal(removeMember(a.client.orgId, b.member, { now: T0 + 1 }));
    expect(error).toMatchObject({ code: 'not_found', key: 'error_memberNotFound' });
    expect(await snapshot()).toEqual(before);
    expect(sameRefusal(error)).toEqual(sameRefusal(await refusal(removeMember(a.client.orgId, 999_999, { now: T0 + 1 }))));
    await removeMember(b.client.orgId, b.member, { now: T0 + 1 });
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
