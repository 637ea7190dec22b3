import { useLiveQuery } from '../../../../components/useLiveQuery';
import { t } from '../../../../lib/i18n';
import { asDate } from '../../../../lib/model/messages';
import type { UsageAlert } from '../../../../lib/model/usage-records';
import { getClient, listUsageAlertDeliveries } from '../../../../lib/ops';
import { DeliveryLog, type DeliveryRow } from './DeliveryLog';

function what(alert: UsageAlert): string {
  if (alert.runsOutOn !== undefined) return t('settings_usageWarningRunOut', { date: asDate(alert.runsOutOn) });
  return t('settings_usageWarningLevel', { level: alert.level ?? 0, used: alert.used, quota: alert.quota });
}

function notification(alert: UsageAlert): string {
  if (alert.status === 'pending') return t('settings_reminderPending');
  return t(alert.notification === 'failed' ? 'settings_usageWarningNotShown' : 'settings_reminderShown');
}

function rowOf(alert: UsageAlert, name: string | undefined): DeliveryRow {
  return {
    key: `${alert.orgId}-${alert.period}-${alert.kind}`,
    client: name === undefined ? alert.orgId : t('settings_usageWarningClient', { name, orgId: alert.orgId }),
    what: what(alert),
    notification: notification(alert),
    sentAt: alert.sentAt,
    webhook: alert.webhook,
  };
}

/** The warnings with their clients' names; words are put to them when drawn, in the language of the moment. */
async function warningsWithNames(): Promise<{ alert: UsageAlert; name: string | undefined }[]> {
  const alerts = await listUsageAlertDeliveries(50);
  const orgIds = [...new Set(alerts.map((alert) => alert.orgId))];
  // A client deleted since keeps its row, under its Org ID alone.
  const clients = await Promise.all(orgIds.map((orgId) => getClient(orgId)));
  const names = new Map(clients.flatMap((client) => (client ? [[client.orgId, client.name] as const] : [])));
  return alerts.map((alert) => ({ alert, name: names.get(alert.orgId) }));
}

/** The usage warnings (levels reached, run-out forecasts) that went out, beside the reminders' log. */
export function UsageWarningLog({ timeZone }: { timeZone: string }) {
  const { value: warnings } = useLiveQuery(warningsWithNames, []);
  const rows = warnings?.map(({ alert, name }) => rowOf(alert, name));
  return (
    <DeliveryLog
      class="settings-usage-warning-log"
      headingId="usage-warning-log-heading"
      heading={t('settings_usageWarningLogHeading')}
      empty={t('settings_usageWarningLogEmpty')}
      clientColumn={t('settings_usageWarningColumnClient')}
      whatColumn={t('settings_usageWarningColumnWarning')}
      rows={rows}
      timeZone={timeZone}
    />
  );
}
