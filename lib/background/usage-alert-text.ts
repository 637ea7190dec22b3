import { type Locale, t } from '../i18n';
import { asDate } from '../model/messages';
import { RUN_OUT_KIND } from '../model/usage-records';
import type { UsageAlertDelivery } from '../ops/usage-alerts';
import type { NotificationContent } from '../platform/notifications';
import { usageAlertNotificationId } from '../rules/usage-alert-id';
import { agencyLocale } from './agency-language';

function sentences(delivery: UsageAlertDelivery, locale: Locale): { title: string; message: string } {
  const { alert } = delivery;
  const name = delivery.clientName ?? alert.orgId;
  if (alert.kind === RUN_OUT_KIND) {
    const params = { name, quota: alert.quota, date: asDate(alert.runsOutOn ?? '') };
    return {
      title: t('background_runOutTitle', params, locale),
      message: t('background_runOutMessage', params, locale),
    };
  }
  const params = { name, level: alert.level ?? 0, quota: alert.quota };
  return {
    title: t('background_usageLevelTitle', params, locale),
    message: t('background_usageLevelMessage', params, locale),
  };
}

/** The notification of a usage warning, in the agency's language; a click opens the client's overview. */
export function usageAlertNotification(delivery: UsageAlertDelivery): NotificationContent {
  const locale = agencyLocale(delivery.settings);
  return { ...sentences(delivery, locale), buttons: [t('background_openOverview', {}, locale)] };
}

/**
 * The JSON posted to the webhook: `quota_threshold` for a warning level, `quota_run_out` for
 * a forecast. `text` is the notification's sentence (chat relays show it as is); `id` is the
 * same for every try of one warning, so a receiver can drop a repeat.
 */
export function usageAlertWebhookBody(delivery: UsageAlertDelivery, now: number) {
  const locale = agencyLocale(delivery.settings);
  const { alert } = delivery;
  return {
    event: alert.kind === RUN_OUT_KIND ? 'quota_run_out' : 'quota_threshold',
    id: usageAlertNotificationId(alert),
    orgId: alert.orgId,
    clientName: delivery.clientName ?? '',
    period: alert.period,
    ...(alert.level !== undefined ? { level: alert.level } : {}),
    ...(alert.runsOutOn !== undefined ? { runsOutOn: alert.runsOutOn } : {}),
    visitorsUsed: alert.used,
    quota: alert.quota,
    agencyName: delivery.settings.agencyName,
    text: sentences(delivery, locale).message,
    sentAt: new Date(now).toISOString(),
  };
}
