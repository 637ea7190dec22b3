import type { RunSummary } from '../messages/protocol-schema';
import { onAlarm } from '../platform/alarms';
import { clearNotification, onNotificationButtonClicked, onNotificationClicked } from '../platform/notifications';
import { openClientOverview, openDashboard } from '../platform/pages';
import { onBrowserStartup, onInstalled } from '../platform/messaging';
import { parseReminderNotificationId } from '../rules/reminders';
import { type BackgroundPorts, browserPorts, RULES_ALARM, WEBHOOK_RETRY_ALARM } from './ports';
import { runLifecycleRules } from './run-lifecycle-rules';
import { serialRunner } from './serial-runner';

/** Opens what a reminder's notification points at: the client's overview, or (second button) the dashboard. */
async function openFromNotification(id: string, buttonIndex: number | undefined): Promise<void> {
  const reminder = parseReminderNotificationId(id);
  if (!reminder) return;
  await (buttonIndex === 1 ? openDashboard() : openClientOverview(reminder.orgId));
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
