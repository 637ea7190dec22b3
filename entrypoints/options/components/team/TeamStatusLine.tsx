import { useState } from 'preact/hooks';
import { teamStatusParts } from '../../../../components/team/team-status-text';
import { useLiveQuery } from '../../../../components/useLiveQuery';
import { errorMessage, t } from '../../../../lib/i18n';
import { sendRequest } from '../../../../lib/messages/send-request';
import { getTeamStatus } from '../../../../lib/ops/team-status';
import { routeHref } from '../router';
import './team.css';

/**
 * The dashboard header's line about a shared roster: synced when, or offline since when; how
 * many changes wait; how many were refused (a link to their list); and Sync now. Nothing at
 * all in single-browser use.
 */
export function TeamStatusLine() {
  const { value: status } = useLiveQuery(getTeamStatus, []);
  const [syncing, setSyncing] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  if (!status) return null;
  const parts = teamStatusParts(status);

  async function syncNow() {
    setSyncing(true);
    setProblem(null);
    try {
      // How it went shows in the line itself, from the database the worker writes.
      await sendRequest('team/sync');
    } catch (failure) {
      setProblem(errorMessage(failure));
    } finally {
      setSyncing(false);
    }
  }

  return (
    <div class="team-status" role="group" aria-label={t('team_statusLabel')} data-testid="team-status">
      <span class={`team-status-sync team-status-${parts.sync.kind}`} data-testid="team-status-sync">
        {parts.sync.text}
      </span>
      {parts.waiting && <span data-testid="team-status-waiting">{parts.waiting}</span>}
      {parts.refused && (
        <a href={routeHref({ name: 'refused' })} data-testid="team-status-refused">
          {parts.refused}
        </a>
      )}
      <button type="button" class="secondary" disabled={syncing} aria-busy={syncing} onClick={() => void syncNow()}>
        {syncing ? t('team_syncing') : t('team_syncNow')}
      </button>
      {problem && (
        <p role="alert" class="team-status-problem">
          {problem}
        </p>
      )}
    </div>
  );
}
