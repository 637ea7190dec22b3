import { db } from '../db/database';
import type { Actor } from '../model/activity';
import type { BatchResult } from './billing';
import { type ResolvedContext, writeTransaction } from './context';
import { pauseForQuota } from './quota';

const QUOTA: Actor = { type: 'rule', rule: 'quota' };
export const AUTO_PAUSE_BATCH = 50;

/**
 * Pauses, with their running experiments, up to `limit` active clients whose usage has
 * reached their quota, however the usage got there (an import writes it without
 * recordUsage). Found through the [status+atQuota] index, so only those clients are read.
 */
export async function pauseClientsAtQuota(now: number, limit = AUTO_PAUSE_BATCH): Promise<BatchResult> {
  const ctx: ResolvedContext = { now, actor: QUOTA };
  return writeTransaction(
    async () => {
      const due = await db.clients.where('[status+atQuota]').equals(['active', 1]).limit(limit).toArray();
      for (const client of due) await pauseForQuota(client, ctx);
      return { orgIds: due.map((client) => client.orgId), more: due.length === limit };
    },
    (result) => result.orgIds,
  );
}
