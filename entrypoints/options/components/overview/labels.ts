import { t } from '../../../../lib/i18n';
import type { Actor } from '../../../../lib/model/activity';
import type { MessageKey } from '../../../../lib/model/messages';
import type { Experiment, MemberRole } from '../../../../lib/model/org-records';

export const ROLE_LABEL_KEYS: Record<MemberRole, MessageKey> = {
  super_admin: 'overview_role_super_admin',
  admin: 'overview_role_admin',
  user: 'overview_role_user',
};

export function roleLabel(role: string): string {
  return role in ROLE_LABEL_KEYS ? t(ROLE_LABEL_KEYS[role as MemberRole]) : role;
}

/** An experiment's state in words, saying which rule paused it when one did. */
export function experimentStatusText(experiment: Pick<Experiment, 'status' | 'pausedBy'>): string {
  switch (experiment.status) {
    case 'draft':
      return t('overview_experiment_draft');
    case 'running':
      return t('overview_experiment_running');
    case 'completed':
      return t('overview_experiment_completed');
    case 'paused':
      if (experiment.pausedBy === 'quota') return t('overview_experiment_pausedByQuota');
      if (experiment.pausedBy === 'inactivity') return t('overview_experiment_pausedByInactivity');
      return t('overview_experiment_paused');
  }
}

const RULE_KEYS: Record<Extract<Actor, { type: 'rule' }>['rule'], MessageKey> = {
  quota: 'history_byRule_quota',
  billing: 'history_byRule_billing',
  inactivity: 'history_byRule_inactivity',
  purge: 'history_byRule_purge',
  reminder: 'history_byRule_reminder',
  usage_feed: 'history_byRule_usage_feed',
  usage_warning: 'history_byRule_usage_warning',
};

/** Who made a change: the person at the keyboard, or the rule that acted on its own. */
export function actorText(actor: Actor): string {
  return actor.type === 'person' ? t('history_byPerson') : t(RULE_KEYS[actor.rule]);
}
