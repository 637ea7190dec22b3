import { type Locale, t } from '../i18n';
import { FINAL_STEP } from '../model/reminder';
import type { ReminderDelivery } from '../ops/reminders';
import type { NotificationContent } from '../platform/notifications';
import { reminderNotificationId } from '../rules/reminders';
import { asDate } from '../model/messages';
import { agencyLocale } from './agency-language';

function sentences(delivery: ReminderDelivery, locale: Locale): { title: string; message: string } {
  const params = { name: delivery.clientName ?? delivery.reminder.orgId, date: asDate(delivery.reminder.purgeOn) };
  return delivery.reminder.daysBefore === FINAL_STEP
    ? {
        title: t('background_finalReminderTitle', params, locale),
        message: t('background_finalReminderMessage', params, locale),
      }
    : {
        title: t('background_reminderTitle', params, locale),
        message: t('background_reminderMessage', params, locale),
      };
}

/** The notification of a reminder, in the agency's language: client name, purge date, two buttons. */
export function reminderNotification(delivery: ReminderDelivery): NotificationContent {
  const locale = agencyLocale(delivery.settings);
  return {
    ...sentences(delivery, locale),
    buttons: [t('background_openOverview', {}, locale), t('background_openDashboard', {}, locale)],
  };
}

/**
 * The JSON posted to the webhook. `text` is the notification's sentence, which chat relays
 * (Slack-style incoming webhooks) show as is; `id` is the same for every try of one reminder,
 * so a receiver can drop a repeat.
 */
export function reminderWebhookBody(delivery: ReminderDelivery, now: number) {
  const locale = agencyLocale(delivery.settings);
  const { reminder } = delivery;
  return {
    event: 'purge_reminder',
    id: reminderNotificationId(reminder),
    orgId: reminder.orgId,
    clientName: delivery.clientName ?? '',
    purgeOn: reminder.purgeOn,
    daysBefore: reminder.daysBefore,
    final: reminder.daysBefore === FINAL_STEP,
    agencyName: delivery.settings.agencyName,
    text: sentences(delivery, locale).message,
    sentAt: new Date(now).toISOString(),
  };
}
