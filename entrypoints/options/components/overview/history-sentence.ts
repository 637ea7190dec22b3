import { t } from '../../../../lib/i18n';
import type { ActivityEntry } from '../../../../lib/model/activity';
import { asDate, type MessageKey, type MessageParams } from '../../../../lib/model/messages';
import { PARTNER_HISTORY_KEYS } from '../partner/history-keys';
import { roleLabel } from './labels';

/**
 * The sentence for each kind of change, by action. An action added to the model reads as
 * the general sentence until it gets its own here, rather than breaking the history.
 */
export const HISTORY_KEYS: Readonly<Record<string, MessageKey>> = {
  client_created: 'history_client_created',
  client_updated: 'history_client_updated',
  quota_changed: 'history_quota_changed',
  usage_recorded: 'history_usage_recorded',
  usage_filed: 'history_usage_filed',
  client_paused: 'history_client_paused',
  client_unpaused: 'history_client_unpaused',
  client_inactivated: 'history_client_inactivated',
  client_reactivated: 'history_client_reactivated',
  client_deleted: 'history_client_deleted',
  client_purged: 'history_client_purged',
  experiment_created: 'history_experiment_created',
  experiment_started: 'history_experiment_started',
  experiment_paused: 'history_experiment_paused',
  experiment_resumed: 'history_experiment_resumed',
  experiment_completed: 'history_experiment_completed',
  member_added: 'history_member_added',
  member_removed: 'history_member_removed',
  pool_changed: 'history_pool_changed',
  settings_changed: 'history_settings_changed',
  usage_reset: 'history_usage_reset',
  reminder_sent: 'history_reminder_sent',
  ...PARTNER_HISTORY_KEYS,
};

/** Facts named `before` and `after` where the entry has them (usage changes), else the quota's or the pool's. */
function beforeAfterNames(entry: ActivityEntry): [string, string] {
  if (entry.action === 'pool_changed') return ['poolBefore', 'poolAfter'];
  if (entry.action === 'usage_set' || entry.action === 'usage_filed') return ['before', 'after'];
  return ['quotaBefore', 'quotaAfter'];
}

/** The sentence key of an entry whose wording depends on its facts, not only on its action. */
function keyOf(entry: ActivityEntry): MessageKey {
  if (entry.action === 'usage_set')
    return entry.details?.reason !== undefined ? 'history_usage_corrected' : 'history_usage_set';
  if (entry.action === 'usage_warning_sent')
    return entry.details?.kind === 'run-out' ? 'history_usage_warning_runout' : 'history_usage_warning_level';
  return HISTORY_KEYS[entry.action] ?? 'history_other';
}

/** A number from the entry's facts; an old entry without it reads as 0 rather than a placeholder. */
function count(entry: ActivityEntry, name: string): number {
  const value = entry.details?.[name];
  return typeof value === 'number' ? value : 0;
}

function text(entry: ActivityEntry, name: string): string {
  const value = entry.details?.[name];
  return value === undefined ? '' : String(value);
}

/**
 * One line of the history as a whole sentence in the reader's language. The log holds
 * numbers and ids only; experiment names come from the org's experiments, still there
 * while the client is.
 */
export function historySentence(entry: ActivityEntry, experimentName: (id: number) => string | undefined): string {
  const experimentId = count(entry, 'experimentId');
  const [beforeName, afterName] = beforeAfterNames(entry);
  const params: MessageParams = {
    quota: count(entry, 'quota'),
    before: count(entry, beforeName),
    after: count(entry, afterName),
    visitors: count(entry, 'visitors'),
    period: asDate(text(entry, 'period')),
    used: count(entry, entry.action === 'usage_warning_sent' ? 'used' : 'usedVisitors'),
    paused: count(entry, 'experimentsPaused'),
    resumed: count(entry, 'experimentsResumed'),
    returned: count(entry, 'licensesReturned'),
    date: asDate(text(entry, entry.action === 'usage_warning_sent' ? 'runsOutOn' : 'purgeOn')),
    level: count(entry, 'level'),
    reason: text(entry, 'reason'),
    name: experimentName(experimentId) ?? `#${experimentId}`,
    role: roleLabel(text(entry, 'role')),
  };
  return t(keyOf(entry), params);
}
