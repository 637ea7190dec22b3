import { db } from '../db/database';
import type { ActivityEntry } from '../model/activity';
import type { UsageReport } from '../model/org-records';
import { normalizeOrgId } from '../model/ids';
import { readTransaction } from './context';
import { requireClient } from './store';

/** Usage per billing period of one org, latest period first. */
export async function listUsageReports(orgId: string): Promise<UsageReport[]> {
  return readTransaction(async () => {
    const client = await requireClient(orgId);
    const reports = await db.reports.where('orgId').equals(client.orgId).toArray();
    return reports.sort((a, b) => b.period.localeCompare(a.period));
  });
}

/** The activity log, newest first; of one org when `orgId` is given (even one that is gone). */
export async function listActivity(options: { orgId?: string; limit?: number } = {}): Promise<ActivityEntry[]> {
  const { orgId, limit = 200 } = options;
  const collection = orgId
    ? db.activity.where('orgId').equals(normalizeOrgId(orgId)).reverse()
    : db.activity.orderBy('id').reverse();
  return collection.limit(limit).toArray();
}

/**
 * The pool's ledger read back from the log: every change of an allocation and of the pool
 * size, in order, with the running totals.
 */
export async function poolLedger(): Promise<{ entries: ActivityEntry[]; allocated: number; poolSize: number }> {
  const entries = await db.activity
    .orderBy('id')
    .filter((entry) => entry.quotaDelta !== undefined || entry.action === 'pool_changed')
    .toArray();
  let allocated = 0;
  let poolSize = 0;
  for (const entry of entries) {
    allocated += entry.quotaDelta ?? 0;
    if (entry.poolSize !== undefined) poolSize = entry.poolSize;
  }
  return { entries, allocated, poolSize };
}
