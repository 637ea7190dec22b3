/**
 * A client's org rows read and written with plain SQL, for tests that need experiments before
 * the experiment changes run on the server, and that read back what a change left in the tables.
 */
import type { Experiment, ExperimentStatus, PauseCause, UsageReport } from '../../lib/model/org-records';
import type { UsageSample } from '../../lib/model/usage-records';
import type { Db } from '../../server/db/pool';
import { NOW } from './team';

/** An experiment in the extension's shape, written at the agency's current version. */
export async function insertExperiment(
  db: Db,
  agencyId: string,
  orgId: string,
  key: string,
  status: ExperimentStatus,
  pausedBy?: PauseCause,
): Promise<void> {
  const data: Experiment = {
    orgId,
    name: `Experiment ${key}`,
    status,
    ...(pausedBy ? { pausedBy } : {}),
    createdAt: NOW,
    updatedAt: NOW,
  };
  await db.query(
    `INSERT INTO experiments (agency_id, org_id, key, status, data, version)
     SELECT $1, $2, $3, $4, $5, version FROM agencies WHERE id = $1`,
    [agencyId, orgId, key, status, data],
  );
}

/** Each experiment's status column and record, by key. */
export async function experimentsOf(db: Db, agencyId: string, orgId: string) {
  const { rows } = await db.query<{ key: string; status: string; data: Experiment; version: number }>(
    'SELECT key, status, data, version FROM experiments WHERE agency_id = $1 AND org_id = $2 ORDER BY key',
    [agencyId, orgId],
  );
  return Object.fromEntries(rows.map((row) => [row.key, row]));
}

/** The status and pause cause of each experiment, by key: what a pause or resume changes. */
export async function experimentStates(db: Db, agencyId: string, orgId: string) {
  const rows = await experimentsOf(db, agencyId, orgId);
  return Object.fromEntries(
    Object.entries(rows).map(([key, row]) => [
      key,
      { status: row.status, data: row.data.status, by: row.data.pausedBy },
    ]),
  );
}

export async function usageReportsOf(db: Db, agencyId: string, orgId: string) {
  const { rows } = await db.query<{ period: string; data: UsageReport }>(
    'SELECT period::text AS period, data FROM usage_reports WHERE agency_id = $1 AND org_id = $2 ORDER BY period',
    [agencyId, orgId],
  );
  return rows;
}

export async function usageSamplesOf(db: Db, agencyId: string, orgId: string) {
  const { rows } = await db.query<{ day: string; data: UsageSample }>(
    'SELECT day::text AS day, data FROM usage_samples WHERE agency_id = $1 AND org_id = $2 ORDER BY day',
    [agencyId, orgId],
  );
  return rows;
}

/** The client's row as the tables hold it (columns and record), or undefined. */
export async function clientRowOf(db: Db, agencyId: string, orgId: string) {
  const { rows } = await db.query<{
    status: string | null;
    quota: number;
    used_visitors: number;
    usage_period: string | null;
    data: Record<string, unknown> | null;
    deleted: string | null;
    version: number;
  }>(
    `SELECT status, quota, used_visitors, usage_period::text AS usage_period, data, deleted, version
     FROM clients WHERE agency_id = $1 AND org_id = $2`,
    [agencyId, orgId],
  );
  return rows[0];
}

/** The agency's licences held and its version: what a refused change must leave as it was. */
export async function agencyState(db: Db, agencyId: string) {
  const { rows } = await db.query<{ version: number; allocated: number }>(
    'SELECT version, allocated FROM agencies WHERE id = $1',
    [agencyId],
  );
  return rows[0];
}
