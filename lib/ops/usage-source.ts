/**
 * The agency's usage source: its address, reading interval and corrections choice (in the
 * settings, so a backup keeps them), its access token (kept apart, in its own meta record,
 * which no backup, export or log reads), and how the last read went.
 */
import { db } from '../db/database';
import { AppError, validationError } from '../model/errors';
import type { Settings } from '../model/settings';
import { usageSourceSchema } from '../model/settings-schema';
import { isUsageFeedToken } from '../model/usage-feed';
import { FEED_FAILURES_BEFORE_NOTICE } from '../model/usage-source';
import type { StatusMessage, UsageFeedStatus } from '../model/usage-feed-status';
import { parseOrThrow } from '../model/validate';
import { type OpContext, readTransaction, resolve, writeTransaction } from './context';
import { updateSettings } from './settings';
import { loadSettings, log } from './store';
import type { FeedApplyResult } from './usage-feed';

export type UsageSource = NonNullable<Settings['usageSource']>;

/**
 * A bearer token is sent in an HTTP header (lib/model/usage-feed.ts isUsageFeedToken); '' removes it.
 * Checked here rather than by a schema: parseOrThrow keeps only a refinement's error_ keys, so
 * usageFeed_tokenInvalid would reach the page as "Settings is not valid."
 */
function parseToken(raw: string): string {
  const token = raw.trim();
  if (token !== '' && !isUsageFeedToken(token))
    throw validationError([
      { field: 'token', labelKey: 'field_settings_value', key: 'usageFeed_tokenInvalid', params: {} },
    ]);
  return token;
}

async function loadToken(): Promise<string | undefined> {
  const record = await db.meta.get('usageSourceToken');
  return record?.key === 'usageSourceToken' ? record.value.token : undefined;
}

async function loadStatus(): Promise<UsageFeedStatus | undefined> {
  const record = await db.meta.get('usageFeedStatus');
  return record?.key === 'usageFeedStatus' ? record.value : undefined;
}

export interface UsageSourceInput {
  url: string;
  intervalMinutes: number;
  acceptCorrections: boolean;
  /** A new token; undefined keeps the saved one, '' removes it. */
  token?: string;
}

/**
 * Saves the usage source. The dashboard asks for access to its host first, from the click that
 * saves it (lib/platform/permissions.ts requestOriginPermission). Changing the address starts
 * its status afresh: the last one was about another source.
 */
export async function saveUsageSource(input: UsageSourceInput, context?: OpContext): Promise<UsageSource> {
  const ctx = resolve(context);
  const source = parseOrThrow(
    usageSourceSchema,
    { url: input.url, intervalMinutes: input.intervalMinutes, acceptCorrections: input.acceptCorrections },
    'settings',
  );
  const token = input.token === undefined ? undefined : parseToken(input.token);
  return writeTransaction(
    async () => {
      const before = (await loadSettings()).usageSource;
      await updateSettings({ usageSource: source }, ctx);
      if (before?.url !== source.url) await db.meta.delete('usageFeedStatus');
      // '' is no token: removing one that is not there changes nothing.
      if (token !== undefined && token !== ((await loadToken()) ?? '')) {
        if (token === '') await db.meta.delete('usageSourceToken');
        else await db.meta.put({ key: 'usageSourceToken', value: { token } });
        // The field's name only: the token itself never goes into the log.
        await log(ctx, { action: 'settings_changed', details: { fields: 'usageSourceToken' } });
      }
      return source;
    },
    () => [],
  );
}

/** Removes the usage source, its token and its status; usage already read stays. */
export async function removeUsageSource(context?: OpContext): Promise<void> {
  const ctx = resolve(context);
  await writeTransaction(
    async () => {
      if ((await loadSettings()).usageSource === undefined) return;
      await updateSettings({ usageSource: undefined }, ctx);
      await db.meta.bulkDelete(['usageSourceToken', 'usageFeedStatus']);
    },
    () => [],
  );
}

/** What Settings shows of the source: never the token, only whether one is saved. */
export interface UsageSourceView {
  source?: UsageSource;
  tokenSaved: boolean;
  status?: UsageFeedStatus;
}

export async function getUsageSourceView(): Promise<UsageSourceView> {
  return readTransaction(async () => {
    const [settings, token, status] = await Promise.all([loadSettings(), loadToken(), loadStatus()]);
    return { source: settings.usageSource, tokenSaved: token !== undefined, status };
  });
}

/** What the background needs to read the source: the address, the token and the corrections choice. */
export async function usageSourceForRead(): Promise<
  { source: UsageSource; token?: string; lastReadAt?: number } | undefined
> {
  return readTransaction(async () => {
    const [settings, token, status] = await Promise.all([loadSettings(), loadToken(), loadStatus()]);
    if (!settings.usageSource) return undefined;
    return { source: settings.usageSource, token, lastReadAt: status?.at };
  });
}

/**
 * Records how a read went: the applied rows' counts and problems, or the failure that kept
 * the whole answer out. Returns the status, whose `failuresInRow` reaching
 * FEED_FAILURES_BEFORE_NOTICE tells the background to say so once.
 */
export async function recordUsageFeedRead(
  outcome: { applied: FeedApplyResult } | { failure: StatusMessage },
  now: number,
  url: string,
): Promise<UsageFeedStatus> {
  return writeTransaction(
    async () => {
      const settings = await loadSettings();
      // The source was removed or changed while it was being read: this read is about no source the agency has.
      if (settings.usageSource?.url !== url) throw new AppError('conflict', 'usageFeed_sourceChanged');
      const previous = await loadStatus();
      const status: UsageFeedStatus =
        'applied' in outcome
          ? { at: now, ...outcome.applied, failuresInRow: 0, lastSuccessAt: now }
          : {
              at: now,
              failure: outcome.failure,
              updated: 0,
              filed: 0,
              unchanged: 0,
              problems: [],
              problemCount: 0,
              failuresInRow: (previous?.failuresInRow ?? 0) + 1,
              ...(previous?.lastSuccessAt !== undefined ? { lastSuccessAt: previous.lastSuccessAt } : {}),
            };
      await db.meta.put({ key: 'usageFeedStatus', value: status });
      return status;
    },
    () => [],
  );
}

/** Whether this status is the read that makes the failures in a row worth one notification. */
export function feedFailingNow(status: UsageFeedStatus): boolean {
  return status.failuresInRow === FEED_FAILURES_BEFORE_NOTICE;
}
