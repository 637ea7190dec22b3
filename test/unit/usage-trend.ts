import { setVisitorsUsed } from '../../lib/ops';

const DAY = 86_400_000;

/**
 * Sets a client's visitors used to each of `values` on consecutive days from `start` (one
 * sample a day), which is how a usage trend and its run-out forecast come about.
 */
export async function usageOnDays(orgId: string, start: number, values: number[]): Promise<void> {
  for (const [index, value] of values.entries()) await setVisitorsUsed(orgId, value, { now: start + index * DAY });
}
