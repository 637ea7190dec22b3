import { formatDateTime, t } from '../../lib/i18n';
import type { TeamStatus } from '../../lib/ops/team-status';

/** What a status line says about a shared roster, part by part, for the header and the popup alike. */
export interface TeamStatusParts {
  /** Synced (when), not synced yet, or offline since when. */
  sync: { kind: 'synced' | 'notSynced' | 'offline'; text: string };
  /** "Changes waiting: N", when any wait. */
  waiting?: string;
  /** "Refused: N", when any are in the list (the caller makes it a link to it). */
  refused?: string;
}

/**
 * The parts of the status line. Times are in this computer's own time zone: the line is about
 * when this browser last reached the server, read by the person sitting at it.
 */
export function teamStatusParts(status: TeamStatus): TeamStatusParts {
  const { sync } = status;
  const line: TeamStatusParts = {
    sync:
      sync.offlineSince !== undefined
        ? { kind: 'offline', text: t('team_statusOffline', { time: formatDateTime(sync.offlineSince) }) }
        : sync.syncedAt !== undefined
          ? { kind: 'synced', text: t('team_statusSynced', { time: formatDateTime(sync.syncedAt) }) }
          : { kind: 'notSynced', text: t('team_statusNotSynced') },
  };
  if (status.waiting > 0) line.waiting = t('team_statusWaiting', { count: status.waiting });
  if (status.refused > 0) line.refused = t('team_statusRefused', { count: status.refused });
  return line;
}
