import { useLiveQuery } from '../../../../components/useLiveQuery';
import { t } from '../../../../lib/i18n';
import { asDate, type MessageKey } from '../../../../lib/model/messages';
import type { Reminder } from '../../../../lib/model/reminder';
import { listReminderDeliveries } from '../../../../lib/ops/reminders';
import { DeliveryLog, type DeliveryRow } from './DeliveryLog';

const NOTIFICATION: Record<Reminder['status'], MessageKey> = {
  pending: 'settings_reminderPending',
  sent: 'settings_reminderShown',
  skipped: 'settings_reminderShown',
  cancelled: 'settings_reminderCancelled',
};

function step(reminder: Reminder): string {
  return reminder.daysBefore === 0
    ? t('settings_reminderStepFinal')
    : t('settings_reminderStepDays', { days: reminder.daysBefore });
}

function rowOf(reminder: Reminder): DeliveryRow {
  return {
    key: `${reminder.orgId}-${reminder.purgeOn}-${reminder.daysBefore}`,
    client: t('settings_reminderClient', { orgId: reminder.orgId, date: asDate(reminder.purgeOn) }),
    what: step(reminder),
    notification: t(NOTIFICATION[reminder.status]),
    sentAt: reminder.sentAt,
    webhook: reminder.webhook,
  };
}

/** The reminders that went out, with what became of each notification and webhook post. */
export function ReminderLog({ timeZone }: { timeZone: string }) {
  const { value: reminders } = useLiveQuery(() => listReminderDeliveries({ limit: 50 }), []);
  return (
    <DeliveryLog
      class="settings-reminder-log"
      headingId="reminder-log-heading"
      heading={t('settings_reminderLogHeading')}
      empty={t('settings_reminderLogEmpty')}
      clientColumn={t('settings_reminderColumnClient')}
      whatColumn={t('settings_reminderColumnStep')}
      rows={reminders?.map(rowOf)}
      timeZone={timeZone}
    />
  );
}
