// The JSON answer of a usage source (docs/USAGE-FEED.md). A CSV answer is turned into the same
// entries, so both are checked by the one entry schema. Keys the schema does not name are
// ignored, so that a source may send more than Agency Desk reads.
import { licenseCount } from './fields';
import { normalizeOrgId, ORG_ID_PATTERN } from './ids';
import { isIsoDate } from './iso-date';
import { LIMITS } from './limits';
import { z } from './zod';

/** An Org ID as a source may write it (any case, surrounding spaces), normalized before it is checked. */
export const usageFeedOrgIdSchema = z.string().check(z.overwrite(normalizeOrgId), z.regex(ORG_ID_PATTERN));

/** The first day of a billing period; null, like a missing key, means the current period. */
export const usageFeedPeriodStartSchema = z.optional(
  z.pipe(
    z.nullable(z.string().check(z.refine(isIsoDate))),
    z.transform((value: string | null) => value ?? undefined),
  ),
);

export const usageFeedEntrySchema = z.object({
  org_id: usageFeedOrgIdSchema,
  /** Visitors the client used in the period: a whole number, at most what any pool can hold. */
  visitors_used: licenseCount(0),
  period_start: usageFeedPeriodStartSchema,
});

/**
 * A date and time with its offset (Z or ±hh:mm), e.g. 2026-04-15T09:00:00Z; kept as the UTC
 * time it names, so that two answers' times compare as text.
 */
export const usageFeedGeneratedAtSchema = z.pipe(
  z.iso.datetime({ offset: true }),
  z.transform((value: string) => new Date(value).toISOString()),
);

export const usageFeedSchema = z.object({
  generated_at: usageFeedGeneratedAtSchema,
  usage: z.array(usageFeedEntrySchema).check(z.maxLength(LIMITS.usageFeedMaxRows)),
});
