/**
 * What a sync tells the person outside the dashboard: one notification for the changes the
 * server refused, and each reminder the team's server sent, once per browser. Worded in the
 * agency's language, as the local reminders are.
 */
import { t } from '../i18n';
import { getSettings } from '../ops/settings-reads';
import { reminderDelivery } from '../ops/reminders';
import { markTeamRemindersShown, unshownTeamReminders } from '../ops/team-reminders';
import type { NotificationContent } from '../platform/notifications';
import { reminderNotificationId } from '../rules/reminders';
import { loadAgencyLanguage } from './agency-language';
import { reminderNotification } from './reminder-text';

/** One id for every refusal notice: a newer one replaces the one still in the notification centre. */
export const TEAM_REFUSED_NOTIFICATION_ID = 'team-refused';

interface NoticePorts {
  showNotification(id: string, content: NotificationContent): Promise<void>;
}

export async function showRefusalNotice(ports: NoticePorts, count: number): Promise<void> {
  try {
    const locale = await loadAgencyLanguage(await getSettings());
    await ports.showNotification(TEAM_REFUSED_NOTIFICATION_ID, {
      title: t('team_refusedNotificationTitle', {}, locale),
      message:
        count === 1
          ? t('team_refusedNotificationOne', {}, locale)
          : t('team_refusedNotificationMany', { count }, locale),
      buttons: [t('background_openDashboard', {}, locale)],
    });
  } catch (error) {
    // The refused list in the dashboard holds them whatever the notification centre did.
    console.error('Agency Desk: the refused changes notification could not be shown', error);
  }
}

/**
 * Shows the reminders pulled from the team's server that this browser has not shown, with the
 * text the local reminders use; one whose client is back, gone or has another purge date by
 * now is recorded as shown without a notification. Returns how many were shown.
 */
export async function showTeamReminders(ports: NoticePorts): Promise<number> {
  let shown = 0;
  try {
    const keys = await unshownTeamReminders();
    for (const key of keys) {
      const delivery = await reminderDelivery(key);
      if (!delivery?.current) continue;
      await loadAgencyLanguage(delivery.settings);
      try {
        await ports.showNotification(reminderNotificationId(delivery.reminder), reminderNotification(delivery));
        shown += 1;
      } catch (error) {
        console.error('Agency Desk: a reminder notification could not be shown', error);
      }
    }
    await markTeamRemindersShown(keys);
  } catch (error) {
    console.error('Agency Desk: the team reminders could not be shown', error);
  }
  return shown;
}
