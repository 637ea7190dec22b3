import { licenseCount, requiredText } from './fields';
import { isHttpUrl } from './http-url';
import { LIMITS } from './limits';
import { LANGUAGES, ORG_ID_TOKEN } from './settings';
import { isUsageFeedUrl } from './usage-feed';
import { DEFAULT_USAGE_WARNING_LEVELS, USAGE_SOURCE_INTERVALS } from './usage-source';
import { optionalWebhookUrl } from './webhook';
import { z } from './zod';

/** Whether a workspace URL template, with a sample Org ID put in, is an http(s) URL. */
function templateIsHttp(template: string): boolean {
  return isHttpUrl(template.replaceAll(ORG_ID_TOKEN, 'ORG-00000000'));
}

export const workspaceTemplateSchema = requiredText(LIMITS.url).check(
  z.refine((value) => value.includes(ORG_ID_TOKEN), { error: 'error_templateMissingOrgId' }),
  z.refine(templateIsHttp, { error: 'error_templateNotHttp' }),
);

export const reminderDaysSchema = z.pipe(
  z.array(z.int().check(z.gte(1), z.lte(LIMITS.reminderMaxDays))).check(
    z.maxLength(LIMITS.reminderSteps),
    z.refine((days) => new Set(days).size === days.length, { error: 'error_reminderDaysDuplicate' }),
  ),
  // Stored largest first: the order in which the reminders fall due.
  z.transform((days: number[]) => [...days].sort((a, b) => b - a)),
);

export const usageWarningLevelsSchema = z.pipe(
  z.array(z.int().check(z.gte(1), z.lte(99))).check(
    z.maxLength(LIMITS.usageWarningLevels),
    z.refine((levels) => new Set(levels).size === levels.length, { error: 'error_usageLevelsDuplicate' }),
  ),
  // Stored smallest first: the order in which a client reaches them.
  z.transform((levels: number[]) => [...levels].sort((a, b) => a - b)),
);

/** The usage feed's address and how it is read; its access token is kept apart (lib/ops/usage-source.ts). */
export const usageSourceSchema = z.object({
  url: requiredText(LIMITS.url).check(z.refine(isUsageFeedUrl, { error: 'error_usageSourceNotHttps' })),
  intervalMinutes: z.int().check(
    z.refine((minutes) => (USAGE_SOURCE_INTERVALS as readonly number[]).includes(minutes), {
      error: 'error_usageSourceInterval',
    }),
  ),
  /** Numbers lower than the stored ones are applied rather than listed as problems. */
  acceptCorrections: z.boolean(),
});

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const settingsSchema = z.object({
  agencyName: requiredText(LIMITS.agencyName),
  /** Visitor licenses the agency bought: the pool every client's quota comes from. */
  poolSize: licenseCount(0),
  /** Opens a client's workspace; unset until the agency enters it. */
  workspaceUrlTemplate: z.optional(workspaceTemplateSchema),
  /** Days before a purge on which a reminder goes out. */
  reminderDays: reminderDaysSchema,
  /** Where reminders are also posted as JSON (a chat or email relay); unset for notifications only. */
  reminderWebhookUrl: optionalWebhookUrl,
  /** Day of the month on which a billing period starts; capped at 28 so every month has it. */
  billingDay: z.int().check(z.gte(1), z.lte(28)),
  /** IANA time zone in which calendar dates (purge dates, billing periods) are counted. */
  timeZone: z.string().check(z.minLength(1), z.refine(isTimeZone, { error: 'error_timeZoneInvalid' })),
  language: z.enum(LANGUAGES),
  /** Percentages of a client's quota at which the agency is warned, once per level and period. */
  usageWarningLevels: z._default(usageWarningLevelsSchema, [...DEFAULT_USAGE_WARNING_LEVELS]),
  /** Where the background reads usage from; unset until the agency sets one. */
  usageSource: z.optional(usageSourceSchema),
});

/** The reminder webhook on its own, as its form checks it before asking for access to the host. */
export const reminderWebhookSchema = z.pick(settingsSchema, { reminderWebhookUrl: true });
