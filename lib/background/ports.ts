import { ensurePeriodicAlarm, scheduleAlarmAt } from '../platform/alarms';
import { setBadgeText } from '../platform/badge';
import { type NotificationContent, showNotification } from '../platform/notifications';
import { fetchWebhookSender, type WebhookSender } from '../platform/webhook';

/** The alarm that runs the rules while nobody looks. */
export const RULES_ALARM = 'lifecycle-rules';
export const RULES_PERIOD_MINUTES = 30;
/** A one-off alarm at the next webhook retry. */
export const WEBHOOK_RETRY_ALARM = 'reminder-webhook-retry';

/** What a run of the rules needs from the outside world; tests hand in fakes. */
export interface BackgroundPorts {
  clock(): number;
  showNotification(id: string, content: NotificationContent): Promise<void>;
  setBadgeText(text: string): Promise<void>;
  webhook: WebhookSender;
  scheduleWebhookRetry(when: number | undefined): Promise<void>;
  ensureRulesAlarm(): Promise<void>;
}

export function browserPorts(): BackgroundPorts {
  return {
    clock: () => Date.now(),
    showNotification,
    setBadgeText,
    webhook: fetchWebhookSender,
    scheduleWebhookRetry: (when) => scheduleAlarmAt(WEBHOOK_RETRY_ALARM, when),
    ensureRulesAlarm: async () => {
      await ensurePeriodicAlarm(RULES_ALARM, RULES_PERIOD_MINUTES);
    },
  };
}
