import { asDate, type MessageKey, type MessageParams } from '../model/messages';
import { FINAL_STEP, type Reminder } from '../model/reminder';
import { reminderNotificationId } from './reminders';

type ReminderId = Pick<Reminder, 'orgId' | 'purgeOn' | 'daysBefore'>;

/** The sentences of a reminder (message keys and their parameters): client name (else its Org ID) and purge date. */
export interface ReminderSentences {
  title: MessageKey;
  message: MessageKey;
  params: MessageParams;
}

export function reminderSentences(reminder: ReminderId, clientName: string | undefined): ReminderSentences {
  const params = { name: clientName ?? reminder.orgId, date: asDate(reminder.purgeOn) };
  return reminder.daysBefore === FINAL_STEP
    ? { title: 'background_finalReminderTitle', message: 'background_finalReminderMessage', params }
    : { title: 'background_reminderTitle', message: 'background_reminderMessage', params };
}

/**
 * The JSON posted to the reminder webhook, by the extension's worker or by the sync server.
 * `text` is the notification's sentence in the agency's language, which chat relays
 * (Slack-style incoming webhooks) show as is; `id` is the same for every try of one reminder,
 * so a receiver can drop a repeat; `sentAt` is the try's time.
 */
export function reminderWebhookPayload(
  reminder: ReminderId,
  delivery: { clientName: string | undefined; agencyName: string; text: string },
  now: number,
) {
  return {
    event: 'purge_reminder',
    id: reminderNotificationId(reminder),
    orgId: reminder.orgId,
    clientName: delivery.clientName ?? '',
    purgeOn: reminder.purgeOn,
    daysBefore: reminder.daysBefore,
    final: reminder.daysBefore === FINAL_STEP,
    agencyName: delivery.agencyName,
    text: delivery.text,
    sentAt: new Date(now).toISOString(),
  };
}
