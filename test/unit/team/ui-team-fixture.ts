// For the dashboard's and popup's tests of a shared roster: the connection and the sync state
// written straight into the database, as the sync engine leaves them.
import { db } from '../../../lib/db/database';
import type { TeamRole } from '../../../lib/model/team';
import type { RefusedChange, SyncState, TeamConnection } from '../../../lib/model/team-connection';
import { T0 } from '../ops/helpers';

export const TEST_AGENCY = 'Northwind Digital';

/** Connects this browser to a test team as a member with `role`, and a sync state if given. */
export async function connectUiTeam(role: TeamRole, sync?: SyncState): Promise<TeamConnection> {
  const connection: TeamConnection = {
    serverUrl: 'https://sync.example.test',
    agency: { id: 'agency-1', name: TEST_AGENCY },
    member: { id: 'member-1', name: 'Max Manager', role },
    deviceId: 'device-0001',
    connectedAt: T0,
  };
  await db.meta.put({ key: 'team', value: connection });
  if (sync) await db.meta.put({ key: 'sync', value: sync });
  return connection;
}

/** Puts `count` changes in the outbox, as operations waiting for the server would. */
export async function queueTestChanges(count: number): Promise<void> {
  for (let index = 0; index < count; index += 1)
    await db.outbox.add({
      id: `c-test-${index}-0000`,
      name: 'client.markInactive',
      args: { orgId: 'ORG-TEST0001' },
      madeAt: T0,
    });
}

/** A change the server refused: the quota move of Acme Outdoor, refused for the pool, unless overridden. */
export async function addRefusedChange(overrides: Partial<RefusedChange> = {}): Promise<number> {
  return db.refusedChanges.add({
    changeId: `c-refused-${Math.random().toString(36).slice(2, 10)}`,
    name: 'client.reallocate',
    args: { orgId: 'ORG-ACME0001', quota: 45 },
    orgId: 'ORG-ACME0001',
    clientName: 'Acme Outdoor',
    madeAt: T0,
    refusedAt: T0 + 60_000,
    code: 'rule',
    key: 'error_quotaExceedsFree',
    params: { needed: 80, free: 60 },
    seen: 0,
    ...overrides,
  });
}
