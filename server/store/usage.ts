/** A client's usage records: one report per billing period, one sample per day; each in the caller's transaction. */
import type { UsageReport } from '../../lib/model/org-records';
import type { UsageSample } from '../../lib/model/usage-records';
import type { ChangeContext } from '../changes/context';

/**
 * Stores the period's report as the extension keeps it (the period's latest number replaces the
 * last, and brings back one that a restore left as a tombstone).
 */
export async function putUsageReport(ctx: ChangeContext, report: UsageReport): Promise<void> {
  await ctx.tx.query(
    `INSERT INTO usage_reports (agency_id, org_id, period, data, version) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (agency_id, org_id, period) DO UPDATE SET data = EXCLUDED.data, deleted = false, version = EXCLUDED.version`,
    [ctx.agencyId, report.orgId, report.period, report, ctx.version],
  );
}

/** Stores the day's sample as the extension keeps it: the last number of the day wins (a tombstone's too). */
export async function putUsageSample(ctx: ChangeContext, sample: UsageSample): Promise<void> {
  await ctx.tx.query(
    `INSERT INTO usage_samples (agency_id, org_id, day, data, version) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (agency_id, org_id, day) DO UPDATE SET data = EXCLUDED.data, deleted = false, version = EXCLUDED.version`,
    [ctx.agencyId, sample.orgId, sample.day, sample, ctx.version],
  );
}
