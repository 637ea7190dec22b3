import { useEffect, useRef, useState } from 'preact/hooks';
import { Notice } from '../components/Notice';
import { problemLines, reasonText, triedText } from '../components/team/refused-text';
import { useLiveQuery } from '../../../components/useLiveQuery';
import { errorMessage, formatDateTime, t } from '../../../lib/i18n';
import {
  dismissAllRefusedChanges,
  dismissRefusedChange,
  listRefusedChanges,
  markRefusedChangesSeen,
} from '../../../lib/ops/team-refused';
import '../components/client-list.css';
import '../components/team/team.css';

/**
 * Changes refused: each change made here that the team's server refused, what was tried, when
 * and why, with Dismiss. Open, it marks every refusal seen (the dashboard's notice goes), those
 * arriving while it is open included.
 */
export function RefusedView() {
  const { value: changes } = useLiveQuery(listRefusedChanges, []);
  const [notice, setNotice] = useState<Notice | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const unseen = changes?.filter((change) => change.seen === 0).length ?? 0;

  useEffect(() => {
    if (unseen > 0) markRefusedChangesSeen().catch(() => undefined);
  }, [unseen]);

  async function dismiss(id: number) {
    try {
      await dismissRefusedChange(id);
      setNotice({ key: 'team_refusedDismissed', error: false });
      // The row and its button are gone: the heading keeps the place.
      headingRef.current?.focus();
    } catch (failure) {
      setNotice({ text: errorMessage(failure), error: true });
    }
  }

  async function dismissAll() {
    try {
      await dismissAllRefusedChanges();
      setNotice({ key: 'team_refusedAllDismissed', error: false });
      headingRef.current?.focus();
    } catch (failure) {
      setNotice({ text: errorMessage(failure), error: true });
    }
  }

  return (
    <section aria-labelledby="refused-heading" data-testid="refused-view">
      <h2 id="refused-heading" class="list-heading" ref={headingRef} tabIndex={-1}>
        {t('team_refusedHeading')}
      </h2>
      <p>{t('team_refusedIntro')}</p>
      <Notice notice={notice} testId="refused-view-notice" />
      {changes && changes.length === 0 && <p data-testid="refused-empty">{t('team_refusedEmpty')}</p>}
      {changes && changes.length > 0 && (
        <>
          <table class="client-table" aria-labelledby="refused-heading" data-testid="refused-list">
            <thead>
              <tr>
                <th scope="col">{t('team_refusedColumnChange')}</th>
                <th scope="col">{t('team_refusedColumnWhen')}</th>
                <th scope="col">{t('team_refusedColumnWhy')}</th>
                <th scope="col">{t('overview_columnActions')}</th>
              </tr>
            </thead>
            <tbody>
              {changes.map((change) => {
                const problems = problemLines(change);
                const triedId = `refused-${change.id}-tried`;
                return (
                  <tr key={change.id} data-refused-id={change.id}>
                    <td id={triedId} data-testid="refused-tried">
                      {triedText(change)}
                    </td>
                    <td>
                      <time dateTime={new Date(change.refusedAt).toISOString()}>
                        {formatDateTime(change.refusedAt)}
                      </time>
                    </td>
                    <td data-testid="refused-reason">
                      {reasonText(change)}
                      {problems.length > 0 && (
                        <ul class="refused-problems">
                          {problems.map((problem, index) => (
                            <li key={index}>
                              {problem.where && <span class="muted">{problem.where} </span>}
                              {problem.text}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                    <td>
                      <button
                        type="button"
                        class="secondary"
                        aria-describedby={triedId}
                        onClick={() => void dismiss(change.id)}
                      >
                        {t('team_refusedDismiss')}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <div class="refused-actions">
            <button type="button" class="secondary" onClick={() => void dismissAll()}>
              {t('team_refusedDismissAll')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
