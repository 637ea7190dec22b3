import {
  dueUsageAlertWebhookKeys,
  markUsageAlertSent,
  pendingUsageAlertKeys,
  recordUsageAlertWebhookAttempt,
  usageAlertDelivery,
} from '../ops/usage-alerts';
import { usageAlertNotificationId } from '../rules/usage-alert-id';
import type { BackgroundPorts } from './ports';
import { loadAgencyLanguage } from './agency-language';
import { usageAlertNotification, usageAlertWebhookBody } from './usage-alert-text';

/**
 * Shows every usage warning decided but not yet shown: this run's, and any that a stopped
 * worker left behind. The notification id comes from the warning, so showing it again after a
 * stop replaces it rather than adding a second, and the record makes sure it is never decided
 * again. A warning that no longer applies (client gone, inactive or in a new period) is dropped.
 * Returns how many were shown.
 */
export async function deliverPendingUsageAlerts(ports: BackgroundPorts): Promise<number> {
  let shown = 0;
  for (const key of await pendingUsageAlertKeys()) {
    const delivery = await usageAlertDelivery(key);
    if (delivery?.alert.status !== 'pending') continue;
    if (!delivery.current) {
      await markUsageAlertSent(key, 'dropped', ports.clock());
      continue;
    }
    await loadAgencyLanguage(delivery.settings);
    let outcome: 'shown' | 'failed' = 'shown';
    try {
      await ports.showNotification(usageAlertNotificationId(delivery.alert), usageAlertNotification(delivery));
    } catch (error) {
      console.error('Agency Desk: a usage warning could not be shown', error);
      outcome = 'failed';
    }
    if ((await markUsageAlertSent(key, outcome, ports.clock())) && outcome === 'shown') shown += 1;
  }
  return shown;
}

/** Posts the usage warnings whose webhook try is due, and records each outcome (as the reminders' are). */
export async function deliverDueUsageAlertWebhooks(ports: BackgroundPorts): Promise<number> {
  let tries = 0;
  for (const key of await dueUsageAlertWebhookKeys(ports.clock())) {
    const delivery = await usageAlertDelivery(key);
    if (delivery?.alert.webhook?.status !== 'pending') continue;
    const url = delivery.settings.reminderWebhookUrl;
    await loadAgencyLanguage(delivery.settings);
    const result =
      url === undefined ? 'no_webhook' : await ports.webhook.post(url, usageAlertWebhookBody(delivery, ports.clock()));
    await recordUsageAlertWebhookAttempt(key, result, ports.clock());
    tries += 1;
  }
  return tries;
}
