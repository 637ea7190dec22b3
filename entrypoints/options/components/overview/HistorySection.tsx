import { formatDateTime, t } from '../../../../lib/i18n';
import type { ActivityEntry } from '../../../../lib/model/activity';
import type { Experiment } from '../../../../lib/model/org-records';
import { historySentence } from './history-sentence';
import { actorText } from './labels';

interface HistorySectionProps {
  entries: readonly ActivityEntry[];
  experiments: readonly Experiment[];
  /** The agency's time zone, in which the times are written. */
  timeZone: string;
}

/** The client's activity log, newest first: what happened, who or which rule did it, and when. */
export function HistorySection({ entries, experiments, timeZone }: HistorySectionProps) {
  const names = new Map(experiments.map((experiment) => [experiment.id, experiment.name]));
  // Newest first by when it happened; entries of one moment (a quota change and the pause it lifted) by the order written.
  const newestFirst = [...entries].sort((a, b) => b.at - a.at || (b.id ?? 0) - (a.id ?? 0));
  return (
    <section class="overview-section" aria-labelledby="history-heading">
      <h3 id="history-heading">{t('overview_historyHeading')}</h3>
      {entries.length === 0 ? (
        <p>{t('overview_noHistory')}</p>
      ) : (
        <ol class="overview-history" data-testid="history">
          {newestFirst.map((entry) => (
            <li key={entry.id}>
              <span class="overview-history-what">{historySentence(entry, (id) => names.get(id))}</span>
              <span class="overview-history-meta muted">
                {actorText(entry.actor)} ·{' '}
                <time dateTime={new Date(entry.at).toISOString()}>{formatDateTime(entry.at, undefined, timeZone)}</time>
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
