import type { RunSummary } from '../messages/protocol-schema';
import { pauseClientsAtQuota } from '../ops/auto-pause';
import { countNeedingAttention } from '../ops/attention';
import { rollOverBillingPeriods } from '../ops/billing';
import { applyGracePeriodRules, GRACE_BATCH, gracePeriodCandidates } from '../ops/grace-period';
import { nextWebhookAttemptAt } from '../ops/reminders';
import { BADGE_COUNT_LIMIT, badgeText } from '../rules/attention';
import { nextUsageAlertWebhookAt, scanRunOutWarnings } from '../ops/usage-alerts';
import { pruneUsageSamples } from '../ops/usage-samples';
import { deliverDueWebhooks, deliverPendingReminders } from './deliver';
import { deliverDueUsageAlertWebhooks, deliverPendingUsageAlerts } from './deliver-usage-alerts';
import { syncUsageFeedAlarm } from './read-usage-feed';
import { loadTeamConnection } from '../ops/team-outbox';
import { browserRunsTimeRule, type TimeRuleStep } from '../rules/team-time-rules';
import type { BackgroundPorts } from './ports';

/** A run that did nothing: where every run's counts start. */
export function emptyRunSummary(): RunSummary {
  return {
    usagePeriodsStarted: 0,
    clientsPaused: 0,
    remindersDecided: 0,
    notificationsShown: 0,
    usageWarningsShown: 0,
    webhookTries: 0,
    clientsPurged: 0,
    needingAttention: 0,
    failedSteps: [],
  };
}

/** The earlier of two due times, either of which may be absent. */
function earliest(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  return b === undefined ? a : Math.min(a, b);
}

/**
 * One run of the lifecycle rules, in this order: new billing periods (which may lift quota
 * pauses), auto-pause of clients at quota, reminders and purges of inactive clients, the
 * reminders' and usage warnings' notifications and webhooks, old usage samples pruned, then
 * the badge. On a shared roster the browser leaves the roster's own rules to the server
 * (lib/rules/team-time-rules.ts) and runs the rest. Every write is an operation of a
 * batch of clients in one transaction, and every step only looks at what is due (by index),
 * so a run stopped anywhere leaves whole clients behind and the next run carries on.
 */
export async function runLifecycleRules(ports: BackgroundPorts): Promise<RunSummary> {
  const summary = emptyRunSummary();
  let shared = false;
  try {
    shared = (await loadTeamConnection()) !== undefined;
  } catch (error) {
    // Unknown whether the roster is shared: run nothing the server may run too.
    console.error('Agency Desk: the team connection could not be read', error);
    shared = true;
  }
  const runs = (name: TimeRuleStep) => browserRunsTimeRule(name, shared);
  const step = async (name: TimeRuleStep | 'webhooks', work: () => Promise<void>) => {
    if (name !== 'webhooks' && !runs(name)) return;
    try {
      await work();
    } catch (error) {
      // One failing step must not keep the others from running; the next run tries it again.
      console.error(`Agency Desk: background step "${name}" failed`, error);
      summary.failedSteps.push(name);
    }
  };

  await step('billing', async () => {
    for (let more = true; more;) {
      const batch = await rollOverBillingPeriods(ports.clock());
      summary.usagePeriodsStarted += batch.orgIds.length;
      more = batch.more;
    }
  });
  await step('quota', async () => {
    for (let more = true; more;) {
      const batch = await pauseClientsAtQuota(ports.clock());
      summary.clientsPaused += batch.orgIds.length;
      more = batch.more;
    }
  });
  await step('grace-period', async () => {
    const candidates = await gracePeriodCandidates(ports.clock());
    for (let start = 0; start < candidates.length; start += GRACE_BATCH) {
      const batch = await applyGracePeriodRules(candidates.slice(start, start + GRACE_BATCH), ports.clock());
      summary.remindersDecided += batch.decided.length;
      summary.clientsPurged += batch.purged.length;
    }
  });
  await step('notifications', async () => {
    summary.notificationsShown = await deliverPendingReminders(ports);
  });
  await step('run-out-scan', async () => {
    await scanRunOutWarnings(ports.clock());
  });
  await step('usage-warnings', async () => {
    summary.usageWarningsShown = await deliverPendingUsageAlerts(ports);
  });
  await step('webhooks', async () => {
    const reminders = runs('reminder-webhooks');
    const warnings = runs('usage-warning-webhooks');
    if (reminders) summary.webhookTries += await deliverDueWebhooks(ports);
    if (warnings) summary.webhookTries += await deliverDueUsageAlertWebhooks(ports);
    await ports.scheduleWebhookRetry(
      earliest(
        reminders ? await nextWebhookAttemptAt() : undefined,
        warnings ? await nextUsageAlertWebhookAt() : undefined,
      ),
    );
  });
  await step('usage-samples', async () => {
    for (let more = true; more;) more = (await pruneUsageSamples(ports.clock())).more;
  });
  // A usage source that arrived without Settings (a restored backup) gets its alarm here.
  await step('usage-source-alarm', async () => {
    await syncUsageFeedAlarm(ports);
  });
  await step('badge', async () => {
    summary.needingAttention = await countNeedingAttention(ports.clock(), BADGE_COUNT_LIMIT);
    await ports.setBadgeText(badgeText(summary.needingAttention));
  });
  return summary;
}
