/** A test world for the background rules: a clock the test moves, and ports that record what they were asked. */
import { browser } from 'wxt/browser';
import {
  type BackgroundPorts,
  RULES_ALARM,
  RULES_PERIOD_MINUTES,
  USAGE_FEED_ALARM,
  WEBHOOK_RETRY_ALARM,
} from '../../../lib/background/ports';
import type { FeedReadResult } from '../../../lib/platform/usage-feed-fetch';
import { runLifecycleRules } from '../../../lib/background/run-lifecycle-rules';
import type { RunSummary } from '../../../lib/messages/protocol-schema';
import { ensurePeriodicAlarm, scheduleAlarmAt } from '../../../lib/platform/alarms';
import { getBadgeText, setBadgeText } from '../../../lib/platform/badge';
import { type NotificationContent, showNotification } from '../../../lib/platform/notifications';

export interface WebhookPost {
  url: string;
  body: Record<string, unknown>;
}

export interface World {
  now: number;
  ports: BackgroundPorts;
  /** Every notification shown, in order, with its content. */
  shown: { id: string; at: number; content: NotificationContent }[];
  posts: WebhookPost[];
  /** Answers the fake webhook gives, in turn; http_200 once they run out. */
  replies: string[];
  /** Every read of the usage source, with the token it carried. */
  feedReads: { url: string; token: string | undefined }[];
  /** Answers the fake usage source gives, in turn; an empty feed once they run out. */
  feedAnswers: FeedReadResult[];
  run(at?: number): Promise<RunSummary>;
  notificationIds(): Promise<string[]>;
  badge(): Promise<string>;
}

export function createWorld(start: number): World {
  const world: World = {
    now: start,
    shown: [],
    posts: [],
    replies: [],
    feedReads: [],
    feedAnswers: [],
    ports: {
      clock: () => world.now,
      async showNotification(id, content) {
        await showNotification(id, content);
        world.shown.push({ id, at: world.now, content });
      },
      setBadgeText,
      webhook: {
        async post(url, body) {
          world.posts.push({ url, body: body as Record<string, unknown> });
          return world.replies.shift() ?? 'http_200';
        },
      },
      scheduleWebhookRetry: (when) => scheduleAlarmAt(WEBHOOK_RETRY_ALARM, when, world.now),
      ensureRulesAlarm: async () => {
        await ensurePeriodicAlarm(RULES_ALARM, RULES_PERIOD_MINUTES);
      },
      usageFeed: {
        async read(url, token) {
          world.feedReads.push({ url, token });
          return (
            world.feedAnswers.shift() ?? {
              ok: true,
              text: '{"generated_at":"2026-01-01T00:00:00Z","usage":[]}',
              contentType: 'application/json',
            }
          );
        },
      },
      setUsageFeedAlarm: async (minutes) => {
        if (minutes === undefined) await browser.alarms.clear(USAGE_FEED_ALARM);
        else await ensurePeriodicAlarm(USAGE_FEED_ALARM, minutes);
      },
    },
    async run(at) {
      if (at !== undefined) world.now = at;
      return runLifecycleRules(world.ports);
    },
    async notificationIds() {
      return Object.keys(await browser.notifications.getAll()).sort();
    },
    badge: getBadgeText,
  };
  return world;
}

export const HOUR = 3_600_000;
