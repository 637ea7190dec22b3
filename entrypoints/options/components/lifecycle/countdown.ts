import { t } from '../../../../lib/i18n';
import { daysUntilPurge } from '../../../../lib/rules/lifecycle';

/** How long an inactive client has left before it is purged, as people say it. */
export function purgeCountdown(purgeOn: string, now: number, timeZone: string): string {
  const days = daysUntilPurge(purgeOn, now, timeZone);
  if (days === 0) return t('lifecycle_deletedToday');
  if (days === 1) return t('lifecycle_oneDayLeft');
  return t('lifecycle_daysLeft', { days });
}
