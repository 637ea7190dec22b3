import type { RunSummary } from '../messages/protocol-schema';
import { onAlarm } from '../platform/alarms';
import { clearNotification, onNotificationButtonClicked, onNotificationClicked } from '../platform/notifications';
import { openClientOverview, openDashboard, openSettings } from '../platform/pages';
import { onBrowserStartup, onInstalled } from '../platform/messaging';
import { parseReminderNotificationId } from '../rules/reminders';
import { FEED_FAILING_NOTIFICATION_ID, parseUsageAlertNotificationId } from '../rules/usage-alert-id';
import { type BackgroundPorts, browserPorts, RULES_ALARM, WEBHOOK_RETRY_ALARM } from './ports';
import { runLifecycleRules } from './run-lifecycle-rules';
import { serialRunner } from './serial-runner';

/**
 * Opens what a notification points at: a reminder's client overview (or, second button, the
 * dashboard), a usage warning's client overview, or Settings for a failing usage source.
 */
async function openFromNotification(id: string, buttonIndex: number | undefined): Promise<void> {
  const reminder = parseReminderNotificationId(id);
  const warning = parseUsageAlertNotificationId(id);
  if (reminder) await (buttonIndex === 1 ? openDashboard() : openClientOverview(reminder.orgId));
  else if (warning) await openClientOverview(warning.orgId);
  else if (id === FEED_FAILING_NOTIFICATION_ID) await openSettings();
  else return;
  await clearNotification(id);
}

function report(error: unknown): void {
  console.error('Agency Desk: background rules', error);
}

/**
 * Registers the lifecycle rules' listeners; called synchronously when the worker starts, so
 * that the event that woke it is heard. Runs at install, at browser start, on the periodic
 * alarm, when a page asks (the returned run answers "rules/run") and whenever the worker
 * starts: a run that a stopped worker cut short is finished on the next start. Runs never overlap.
 */
export function registerLifecycleRules(ports: BackgroundPorts = browserPorts()): () => Promise<RunSummary> {
  const run = serialRunner(() => runLifecycleRules(ports));
  const startUp = () => {
    ports.ensureRulesAlarm().catch(report);
    run().catch(report);
  };

  onInstalled(startUp);
  onBrowserStartup(startUp);
  onAlarm((name) => {
    if (name === RULES_ALARM || name === WEBHOOK_RETRY_ALARM) run().catch(report);
  });
  onNotificationClicked((id) => void openFromNotification(id, undefined).catch(report));
  onNotificationButtonClicked((id, index) => void openFromNotification(id, index).catch(report));

  startUp();
  return run;
}
