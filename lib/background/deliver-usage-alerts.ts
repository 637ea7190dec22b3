import type { UsageAlertKey } from '../model/usage-records';
import {
  dueUsageAlertWebhookKeys,
  markUsageAlertsSent,
  pendingUsageAlertKeys,
  recordUsageAlertWebhookAttempt,
  usageAlertDeliveries,
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
 * The warnings are read in one transaction, shown one after another in their order, and
 * recorded in one more (a worker stopped in between shows them again under the same ids).
 * Returns how many were shown.
 */
export async function deliverPendingUsageAlerts(ports: BackgroundPorts): Promise<number> {
  const keys = await pendingUsageAlertKeys();
  const deliveries = await usageAlertDeliveries(keys);
  const outcomes: { key: UsageAlertKey; outcome: 'shown' | 'failed' | 'dropped' }[] = [];
  let recorded: boolean[] = [];
  try {
    for (const [index, delivery] of deliveries.entries()) {
      const key = keys[index];
      if (!key || delivery?.alert.status !== 'pending') continue;
      if (!delivery.current) {
        outcomes.push({ key, outcome: 'dropped' });
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
      outcomes.push({ key, outcome });
    }
  } finally {
    // What was shown before a failure is recorded all the same, so it is not shown again.
    recorded = await markUsageAlertsSent(outcomes, ports.clock());
  }
  return outcomes.filter(({ outcome }, index) => outcome === 'shown' && recorded[index]).length;
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
