/**
 * Which of the background's rules on the clock a browser runs (lib/background/run-lifecycle-rules.ts).
 * Alone, it runs them all. On a shared roster the server runs the rules that change the roster
 * (docs/SYNC.md): new billing periods, the pause at quota, the reminders before a purge with
 * their webhook, and the purge. Run in every browser as well, each would make them once more,
 * and the server's own would then meet a roster already changed. What stays in each browser is
 * its own: the usage warnings and the run-out forecast, their notifications and webhooks, the
 * pruning of its old usage samples, the usage source's alarm and the badge. The reminders the
 * server decided come with the pull and are shown by the sync engine, once each.
 */

/** The background's steps; the webhooks' one posts the reminders' and the usage warnings' apart. */
export const TIME_RULE_STEPS = [
  'billing',
  'quota',
  'grace-period',
  'notifications',
  'run-out-scan',
  'usage-warnings',
  'reminder-webhooks',
  'usage-warning-webhooks',
  'usage-samples',
  'usage-source-alarm',
  'badge',
] as const;
export type TimeRuleStep = (typeof TIME_RULE_STEPS)[number];

/** The steps the server runs once for the whole team. */
const SERVER_STEPS: ReadonlySet<TimeRuleStep> = new Set([
  'billing',
  'quota',
  // Reminder decisions and the purge.
  'grace-period',
  // The reminders this browser decided: on a shared roster it decides none.
  'notifications',
  'reminder-webhooks',
]);

/** Whether this browser runs `step`: all of them alone, only its own on a shared roster (`shared`). */
export function browserRunsTimeRule(step: TimeRuleStep, shared: boolean): boolean {
  return !shared || !SERVER_STEPS.has(step);
}
