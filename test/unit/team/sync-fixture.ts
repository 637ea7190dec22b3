/** A browser connected to a team, written straight into the database, and pulled rows as the server sends them. */
import { db } from '../../../lib/db/database';
import type { Client } from '../../../lib/model/client';
import type { PulledRow, PullPage } from '../../../lib/model/sync-pull';
import type { TeamRole } from '../../../lib/model/team';
import type { TeamConnection } from '../../../lib/model/team-connection';
import { T0 } from '../ops/helpers';

export const SERVER_URL = 'https://sync.example.com';
export const DEVICE = 'd-test-device-1';

export function teamConnection(role: TeamRole = 'manager', deviceId = DEVICE): TeamConnection {
  return {
    serverUrl: SERVER_URL,
    agency: { id: 'agency-1', name: 'Northwind Digital' },
    member: { id: 'member-1', name: 'Max Manager', role },
    deviceId,
    connectedAt: T0,
  };
}

/** Connects this browser as if it had pulled up to `pulledVersion`. */
export async function connectHere(role: TeamRole = 'manager', pulledVersion = 0): Promise<TeamConnection> {
  const connection = teamConnection(role);
  await db.meta.bulkPut([
    { key: 'team', value: connection },
    { key: 'sync', value: { pulledVersion } },
  ]);
  return connection;
}

export async function syncState() {
  const record = await db.meta.get('sync');
  return record?.key === 'sync' ? record.value : undefined;
}

export async function allocated(): Promise<number | undefined> {
  const record = await db.meta.get('pool');
  return record?.key === 'pool' ? record.value.allocated : undefined;
}

export function serverClient(orgId: string, overrides: Partial<Client> = {}): Client {
  return {
    orgId,
    name: `Client ${orgId}`,
    contact: { firstName: 'Ana', lastName: 'Silva', email: 'ana@example.com' },
    status: 'active',
    quota: 10,
    usedVisitors: 0,
    usagePeriod: '2026-01-01',
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

export function row(version: number, entity: PulledRow['entity'], fields: Partial<PulledRow> = {}): PulledRow {
  return { version, entity, deleted: false, ...fields };
}

export function page(rows: PulledRow[], next: number, more = false, version = next): PullPage {
  return { rows, next, more, version };
}
