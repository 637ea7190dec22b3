import { ORG_ID_PATTERN } from '../model/ids';
import type { UsageAlert } from '../model/usage-records';

/** The id of a usage warning's notification: the same warning always gets the same id, so showing it again replaces it. */
export function usageAlertNotificationId(alert: Pick<UsageAlert, 'orgId' | 'period' | 'kind'>): string {
  return `usage:${alert.orgId}:${alert.period}:${alert.kind}`;
}

const NOTIFICATION_ID = /^usage:(ORG-[0-9A-Z]{8}):(\d{4}-\d{2}-\d{2}):(level-\d{1,2}|run-out)$/;

/** The warning a notification id stands for, or undefined for any other id. */
export function parseUsageAlertNotificationId(id: string): Pick<UsageAlert, 'orgId' | 'period' | 'kind'> | undefined {
  const match = NOTIFICATION_ID.exec(id);
  if (!match || !ORG_ID_PATTERN.test(match[1] ?? '')) return undefined;
  return { orgId: match[1] as string, period: match[2] as string, kind: match[3] as string };
}

/** The one notification that says the usage source keeps failing; a later one replaces it. */
export const FEED_FAILING_NOTIFICATION_ID = 'usage-feed:failing';
