import { formatDateTime, t } from '../../../../lib/i18n';
import type { UsageFeedStatus } from '../../../../lib/model/usage-feed-status';
import { joinSentences } from './sentences';

/** Row problems listed under the status line; the rest are counted. */
export const PROBLEMS_SHOWN = 10;

interface UsageFeedStatusLineProps {
  status: UsageFeedStatus | undefined;
  /** The agency's time zone, in which the times are written. */
  timeZone: string;
}

/**
 * How the last read of the usage source went: when, and what it changed, with the first rows
 * it could not apply; or why the whole answer was refused, and for how many reads in a row.
 */
export function UsageFeedStatusLine({ status, timeZone }: UsageFeedStatusLineProps) {
  const when = (at: number) => formatDateTime(at, undefined, timeZone);
  const failure = status?.failure;
  const shown = failure ? [] : (status?.problems.slice(0, PROBLEMS_SHOWN) ?? []);
  const more = status && !failure ? status.problemCount - shown.length : 0;
  return (
    <div class="usage-feed-status">
      {/* Always there, so that a new outcome put in it is announced. */}
      <p role="status" data-testid="usage-feed-status">
        {status === undefined && t('settings_usageFeedNotRead')}
        {status !== undefined &&
          !failure &&
          joinSentences([
            t('settings_usageFeedRead', {
              time: when(status.at),
              updated: status.updated,
              filed: status.filed,
              unchanged: status.unchanged,
            }),
            status.problemCount > 0 && t('settings_usageFeedProblems', { count: status.problemCount }),
          ])}
      </p>
      {shown.length > 0 && (
        <ul data-testid="usage-feed-problems">
          {shown.map((problem) => (
            <li key={`${problem.line}-${problem.orgId}`}>
              {t('settings_usageFeedProblemRow', { row: problem.line, problem: t(problem.key, problem.params) })}
            </li>
          ))}
          {more > 0 && <li class="muted">{t('settings_usageFeedMoreProblems', { more })}</li>}
        </ul>
      )}
      {status !== undefined && failure && (
        <p role="alert" data-testid="usage-feed-failure">
          {joinSentences([
            t('settings_usageFeedFailed', { time: when(status.at), reason: t(failure.key, failure.params) }),
            status.failuresInRow >= 2 && t('settings_usageFeedFailedInRow', { count: status.failuresInRow }),
            status.lastSuccessAt !== undefined &&
              t('settings_usageFeedLastSuccess', { time: when(status.lastSuccessAt) }),
          ])}
        </p>
      )}
    </div>
  );
}
