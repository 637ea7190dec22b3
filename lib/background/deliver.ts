import {
  cancelReminder,
  dueWebhookKeys,
  markReminderSent,
  pendingReminderKeys,
  recordWebhookAttempt,
  reminderDelivery,
} from '../ops/reminders';
import { reminderNotificationId } from '../rules/reminders';
import type { BackgroundPorts } from './ports';
import { loadAgencyLanguage } from './agency-language';
import { reminderNotification, reminderWebhookBody } from './reminder-text';

/**
 * Shows every reminder that was decided but not yet shown: this run's, and any that a
 * stopped worker left behind. The notification id comes from the reminder, so if the worker
 * stopped after showing one but before recording it, showing it again replaces it rather
 * than adding a second. Returns how many were shown.
 */
export async function deliverPendingReminders(ports: BackgroundPorts): Promise<number> {
  let shown = 0;
  for (const key of await pendingReminderKeys()) {
    const delivery = await reminderDelivery(key);
    if (delivery?.reminder.status !== 'pending') continue;
    if (!delivery.current) {
      await cancelReminder(key);
      continue;
    }
    // Outside the try: a catalogue that cannot be read fails the step (tried again next run), not the reminder.
    await loadAgencyLanguage(delivery.settings);
    let outcome: 'shown' | 'failed' = 'shown';
    try {
      await ports.showNotification(reminderNotificationId(delivery.reminder), reminderNotification(delivery));
    } catch (error) {
      // Recorded as failed rather than retried forever: a purge must not wait on a broken notification centre.
      console.error('Agency Desk: a reminder notification could not be shown', error);
      outcome = 'failed';
    }
    if ((await markReminderSent(key, outcome, ports.clock())) && outcome === 'shown') shown += 1;
  }
  return shown;
}

/**
 * Posts the reminders whose webhook try is due, and records each outcome (with the next try
 * after a back-off when the failure may pass). A try cut short by a stopped worker is made
 * again; the body's `id` lets the receiver drop the repeat. Returns how many tries were made.
 */
export async function deliverDueWebhooks(ports: BackgroundPorts): Promise<number> {
  let tries = 0;
  for (const key of await dueWebhookKeys(ports.clock())) {
    const delivery = await reminderDelivery(key);
    if (delivery?.reminder.webhook?.status !== 'pending') continue;
    if (!delivery.current) {
      await cancelReminder(key);
      continue;
    }
    const url = delivery.settings.reminderWebhookUrl;
    await loadAgencyLanguage(delivery.settings);
    const result =
      url === undefined ? 'no_webhook' : await ports.webhook.post(url, reminderWebhookBody(delivery, ports.clock()));
    await recordWebhookAttempt(key, result, ports.clock());
    tries += 1;
  }
  return tries;
}
