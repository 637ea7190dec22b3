import { clearAlarm, ensurePeriodicAlarm, scheduleAlarmAt } from '../platform/alarms';
import { setBadgeText } from '../platform/badge';
import { type NotificationContent, showNotification } from '../platform/notifications';
import { type UsageFeedReader, usageFeedReader } from '../platform/usage-feed-fetch';
import { fetchWebhookSender, type WebhookSender } from '../platform/webhook';

/** The alarm that runs the rules while nobody looks. */
export const RULES_ALARM = 'lifecycle-rules';
export const RULES_PERIOD_MINUTES = 30;
/** A one-off alarm at the next webhook retry. */
export const WEBHOOK_RETRY_ALARM = 'reminder-webhook-retry';
/** The usage source's reads, at the interval the agency chose; it exists only while a source is set. */
export const USAGE_FEED_ALARM = 'usage-feed';

/** What a run of the rules needs from the outside world; tests hand in fakes. */
export interface BackgroundPorts {
  clock(): number;
  showNotification(id: string, content: NotificationContent): Promise<void>;
  setBadgeText(text: string): Promise<void>;
  webhook: WebhookSender;
  scheduleWebhookRetry(when: number | undefined): Promise<void>;
  ensureRulesAlarm(): Promise<void>;
  usageFeed: UsageFeedReader;
  /** Keeps the usage source's alarm at this period, or removes it (undefined: no source). */
  setUsageFeedAlarm(periodInMinutes: number | undefined): Promise<void>;
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
    usageFeed: usageFeedReader,
    setUsageFeedAlarm: async (minutes) => {
      if (minutes === undefined) await clearAlarm(USAGE_FEED_ALARM);
      else await ensurePeriodicAlarm(USAGE_FEED_ALARM, minutes);
    },
  };
}
