import { type Locale, t } from '../i18n';
import type { ReminderDelivery } from '../ops/reminders';
import type { NotificationContent } from '../platform/notifications';
import { reminderSentences, reminderWebhookPayload } from '../rules/reminder-message';
import { agencyLocale } from './agency-language';

function sentences(delivery: ReminderDelivery, locale: Locale): { title: string; message: string } {
  const { title, message, params } = reminderSentences(delivery.reminder, delivery.clientName);
  return { title: t(title, params, locale), message: t(message, params, locale) };
}

/** The notification of a reminder, in the agency's language: client name, purge date, two buttons. */
export function reminderNotification(delivery: ReminderDelivery): NotificationContent {
  const locale = agencyLocale(delivery.settings);
  return {
    ...sentences(delivery, locale),
    buttons: [t('background_openOverview', {}, locale), t('background_openDashboard', {}, locale)],
  };
}

/** The JSON posted to the webhook (lib/rules/reminder-message.ts), its `text` in the agency's language. */
export function reminderWebhookBody(delivery: ReminderDelivery, now: number) {
  const text = sentences(delivery, agencyLocale(delivery.settings)).message;
  return reminderWebhookPayload(
    delivery.reminder,
    { clientName: delivery.clientName, agencyName: delivery.settings.agencyName, text },
    now,
  );
}
