import { useLiveQuery } from '../../../../components/useLiveQuery';
import { t } from '../../../../lib/i18n';
import { listUnseenRefusedChanges } from '../../../../lib/ops/team-refused';
import { routeHref } from '../router';
import { reasonText, triedText } from './refused-text';
import './team.css';

/**
 * The dashboard's notice of changes the team's server refused that the person has not seen:
 * the one change and why, or how many, with a link to their list (opening it marks them seen).
 * A status region that is always there, so that a refusal arriving from the worker is announced.
 */
export function RefusedNotice() {
  const { value: unseen } = useLiveQuery(listUnseenRefusedChanges, []);
  const [only] = unseen ?? [];
  return (
    <div role="status" class="notice-area">
      {only && unseen && (
        <div class="team-refused-notice" data-testid="refused-notice">
          <p>
            {unseen.length === 1
              ? t('team_refusedNoticeOne', { change: triedText(only), reason: reasonText(only) })
              : t('team_refusedNoticeMany', { count: unseen.length })}
          </p>
          <a href={routeHref({ name: 'refused' })}>{t('team_refusedNoticeLink')}</a>
        </div>
      )}
    </div>
  );
}
