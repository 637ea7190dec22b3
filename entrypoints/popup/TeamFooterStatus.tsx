import { teamStatusParts } from '../../components/team/team-status-text';
import { useLiveQuery } from '../../components/useLiveQuery';
import { t } from '../../lib/i18n';
import { getTeamStatus } from '../../lib/ops/team-status';
import { openRefusedChanges } from '../../lib/platform/pages';
import { closePopup } from '../../lib/platform/popup';

/**
 * The popup footer's line about a shared roster: synced or offline, changes waiting, and the
 * refused ones (opening their list in the dashboard). Nothing in single-browser use.
 */
export function TeamFooterStatus() {
  const { value: status } = useLiveQuery(getTeamStatus, []);
  if (!status) return null;
  const parts = teamStatusParts(status);
  return (
    <div class="switcher-footer-line" role="group" aria-label={t('team_statusLabel')} data-testid="popup-team-status">
      <span class={parts.sync.kind === 'offline' ? 'switcher-team-offline' : undefined}>{parts.sync.text}</span>
      {parts.waiting && <span>{parts.waiting}</span>}
      {parts.refused && (
        <button type="button" class="link" onClick={() => void openRefusedChanges().then(closePopup)}>
          {parts.refused}
        </button>
      )}
    </div>
  );
}
