import { parseUsageFeed } from '../io/usage-feed';
import type { UsageFeedStatus } from '../model/usage-feed-status';
import { isAppError } from '../model/errors';
import { applyUsageFeed, FEED_BATCH } from '../ops/usage-feed';
import { feedFailingNow, recordUsageFeedRead, usageSourceForRead } from '../ops/usage-source';
import { FEED_FAILING_NOTIFICATION_ID } from '../rules/usage-alert-id';
import { t } from '../i18n';
import { FEED_FAILURES_BEFORE_NOTICE } from '../model/usage-source';
import { getSettings } from '../ops/settings-reads';
import type { BackgroundPorts } from './ports';
import { loadAgencyLanguage } from './agency-language';

/**
 * Reads the usage source once: fetches the answer, validates all of it, and only then applies
 * it (in batches, through the usage operation); records how it went for Settings. An answer
 * that cannot be used writes nothing but its status. The third failure in a row shows one
 * notification. Returns the status, or undefined when no source is set (or it changed meanwhile).
 */
export async function readUsageFeed(ports: BackgroundPorts): Promise<UsageFeedStatus | undefined> {
  const config = await usageSourceForRead();
  if (!config) return undefined;
  const { url, acceptCorrections } = config.source;
  const answer = await ports.usageFeed.read(url, config.token);
  const parsed = answer.ok ? parseUsageFeed(answer.text, answer.contentType) : undefined;
  const outcome = !answer.ok
    ? { failure: answer.failure }
    : parsed && !parsed.ok
      ? { failure: parsed.failure }
      : await applyUsageFeed(
          parsed?.ok ? parsed.rows : [],
          acceptCorrections,
          ports.clock(),
          FEED_BATCH,
          // On a shared roster a lower number needs a reason (docs/SYNC.md), worded as the agency reads.
          t('usageFeed_correctionReason', {}, await loadAgencyLanguage(await getSettings())),
        );
  let status: UsageFeedStatus;
  try {
    status = await recordUsageFeedRead(outcome, ports.clock(), url);
  } catch (error) {
    // The agency removed or changed the source during the read: nothing to say about it.
    if (isAppError(error) && error.key === 'usageFeed_sourceChanged') return undefined;
    throw error;
  }
  if (feedFailingNow(status)) await tellSourceFailing(ports);
  return status;
}

async function tellSourceFailing(ports: BackgroundPorts): Promise<void> {
  const locale = await loadAgencyLanguage(await getSettings());
  await ports.showNotification(FEED_FAILING_NOTIFICATION_ID, {
    title: t('background_feedFailingTitle', {}, locale),
    message: t('background_feedFailingMessage', { count: FEED_FAILURES_BEFORE_NOTICE }, locale),
    buttons: [],
  });
}

/**
 * Brings the source's alarm in step with the settings and says whether a read is due now:
 * no read yet, or the last one at least one interval ago (the computer slept through the alarm).
 */
export async function syncUsageFeedAlarm(ports: BackgroundPorts): Promise<{ configured: boolean; due: boolean }> {
  const config = await usageSourceForRead();
  await ports.setUsageFeedAlarm(config?.source.intervalMinutes);
  if (!config) return { configured: false, due: false };
  const intervalMs = config.source.intervalMinutes * 60_000;
  return { configured: true, due: config.lastReadAt === undefined || ports.clock() - config.lastReadAt >= intervalMs };
}
