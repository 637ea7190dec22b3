/** An agency with a team, a server in front of it, and push and pull as a browser makes them. */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { NewClientInput } from '../../lib/model/client';
import type { ChangeResult } from '../../lib/model/sync-outcome';
import type { PullPage } from '../../lib/model/sync-pull';
import type { ChangeName } from '../../lib/model/team';
import { generateOrgId } from '../../lib/rules/org-id';
import { addMember, createAgency } from '../../server/admin/team';
import type { Db } from '../../server/db/pool';
import { buildApp } from '../../server/http/app';

export const NOW = Date.UTC(2026, 11, 2, 9, 0, 0);

export interface TestAgency {
  agencyId: string;
  owner: string;
  manager: string;
  viewer: string;
}

export async function setUpAgency(db: Db, poolSize = 100, agencyName = 'Northwind Digital'): Promise<TestAgency> {
  const owner = await createAgency(db, {
    agencyName,
    poolSize,
    timeZone: 'UTC',
    ownerName: 'Olivia Owner',
    ownerEmail: 'olivia@example.com',
  });
  const manager = await addMember(db, owner.agencyId, {
    name: 'Max Manager',
    email: 'max@example.com',
    role: 'manager',
  });
  const viewer = await addMember(db, owner.agencyId, {
    name: 'Vera Viewer',
    email: 'vera@example.com',
    role: 'viewer',
  });
  return { agencyId: owner.agencyId, owner: owner.token, manager: manager.token, viewer: viewer.token };
}

export async function testApp(db: Db, clock: () => number = () => NOW, rateLimitPerMinute = 100_000) {
  return buildApp({ db, clock, rateLimitPerMinute });
}

export function changeId(): string {
  return randomBytes(12).toString('base64url');
}

export function change<N extends ChangeName>(name: N, args: unknown, id = changeId()) {
  return { id, name, args };
}

export function newClient(name: string, quota: number): NewClientInput {
  return {
    name,
    quota,
    contact: { firstName: 'Ana', lastName: 'Silva', email: 'ana@example.com' },
  };
}

export function createChange(name: string, quota: number, orgId = generateOrgId()) {
  return change('client.create', { orgId, client: newClient(name, quota) });
}

export async function push(
  app: FastifyInstance,
  token: string,
  changes: ReturnType<typeof change>[],
  deviceId = 'device-test-1',
): Promise<ChangeResult[]> {
  const response = await app.inject({
    method: 'POST',
    url: '/v1/push',
    headers: { authorization: `Bearer ${token}` },
    payload: { deviceId, changes },
  });
  if (response.statusCode !== 200) throw new Error(`push answered ${response.statusCode}: ${response.body}`);
  return response.json<{ results: ChangeResult[] }>().results;
}

export async function pull(app: FastifyInstance, token: string, since = 0, limit?: number): Promise<PullPage> {
  const response = await app.inject({
    method: 'GET',
    url: `/v1/pull?since=${since}${limit === undefined ? '' : `&limit=${limit}`}`,
    headers: { authorization: `Bearer ${token}` },
  });
  if (response.statusCode !== 200) throw new Error(`pull answered ${response.statusCode}: ${response.body}`);
  return response.json<PullPage>();
}

/** Every page from `since` on, as a browser catching up reads them. */
export async function pullAll(app: FastifyInstance, token: string, since = 0, limit?: number) {
  const pages: PullPage[] = [];
  let next = since;
  for (;;) {
    const page = await pull(app, token, next, limit);
    pages.push(page);
    next = page.next;
    if (!page.more) return { pages, rows: pages.flatMap((p) => p.rows), next };
  }
}

/** A client created by a push at `now`, as a browser makes one; returns its Org ID. */
export async function pushClient(app: FastifyInstance, team: TestAgency, name: string, quota: number) {
  const create = createChange(name, quota);
  const [result] = await push(app, team.manager, [create]);
  if (result?.status !== 'accepted') throw new Error(`creating ${name}: ${JSON.stringify(result)}`);
  return (create.args as { orgId: string }).orgId;
}
