/** A client's usage records: one report per billing period, one sample per day; each in the caller's transaction. */
import type { UsageReport } from '../../lib/model/org-records';
import type { UsageSample } from '../../lib/model/usage-records';
import type { ChangeContext } from '../changes/context';
import { asJsonRows, inChunks } from './bulk';

/** Stores usage reports by client and period, replacing (or bringing back) the one there. */
export async function putUsageReports(ctx: ChangeContext, reports: readonly UsageReport[]): Promise<void> {
  await inChunks(reports, (chunk) =>
    ctx.tx.query(
      `INSERT INTO usage_reports (agency_id, org_id, period, data, deleted, version)
       SELECT $1, r->>'orgId', (r->>'period')::date, r, false, $2 FROM jsonb_array_elements($3::jsonb) AS r
       ON CONFLICT (agency_id, org_id, period) DO UPDATE SET data = EXCLUDED.data, deleted = false, version = EXCLUDED.version`,
      [ctx.agencyId, ctx.version, asJsonRows(chunk)],
    ),
  );
}

/** Stores daily usage samples by client and day, replacing (or bringing back) the one there. */
export async function putUsageSamples(ctx: ChangeContext, samples: readonly UsageSample[]): Promise<void> {
  await inChunks(samples, (chunk) =>
    ctx.tx.query(
      `INSERT INTO usage_samples (agency_id, org_id, day, data, deleted, version)
       SELECT $1, s->>'orgId', (s->>'day')::date, s, false, $2 FROM jsonb_array_elements($3::jsonb) AS s
       ON CONFLICT (agency_id, org_id, day) DO UPDATE SET data = EXCLUDED.data, deleted = false, version = EXCLUDED.version`,
      [ctx.agencyId, ctx.version, asJsonRows(chunk)],
    ),
  );
}

/**
 * Stores the period's report as the extension keeps it (the period's latest number replaces the
 * last, and brings back one that a restore left as a tombstone).
 */
export function putUsageReport(ctx: ChangeContext, report: UsageReport): Promise<void> {
  return putUsageReports(ctx, [report]);
}

/** Stores the day's sample as the extension keeps it: the last number of the day wins (a tombstone's too). */
export function putUsageSample(ctx: ChangeContext, sample: UsageSample): Promise<void> {
  return putUsageSamples(ctx, [sample]);
}
