// One run of the background rules ("rules/run", as the dashboard asks for it) with the same
// ten clients due, whatever the roster's size.

import type { Page } from 'playwright-core';
import { writeStores } from './idb';
import type { DueSet } from './roster';

declare const chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };

export interface RunSummary {
  usagePeriodsStarted: number;
  clientsPaused: number;
  remindersDecided: number;
  clientsPurged: number;
  failedSteps: string[];
}

/** Puts the due clients back as they were before a run: due again, with their experiments and reminders. */
export async function makeDue(page: Page, due: DueSet, allocated: number): Promise<void> {
  await writeStores(
    page,
    {
      clients: due.clients,
      experiments: due.experiments,
      reminders: due.reminders,
      meta: [{ key: 'pool', value: { allocated } }],
    },
    due.orgIds.map((orgId) => ({ store: 'reminders', index: 'orgId', lower: orgId, upper: orgId })),
  );
}

/** Asks the worker to run the rules and returns how long the answer took, in ms, with the run's summary. */
export async function timeRulesRun(page: Page): Promise<{ ms: number; summary: RunSummary }> {
  return page.evaluate(async () => {
    const start = performance.now();
    const reply = (await chrome.runtime.sendMessage({ type: 'rules/run' })) as { ok: boolean; value: RunSummary };
    if (!reply.ok) throw new Error(`The worker refused to run the rules: ${JSON.stringify(reply)}`);
    return { ms: performance.now() - start, summary: reply.value };
  });
}

/**
 * Fails loudly when a run did not do exactly what the ten due clients call for (4 new billing
 * periods, 3 pauses at quota, 2 reminders, 1 purge): the figure would mean nothing.
 */
export function checkSummary(summary: RunSummary): void {
  const { usagePeriodsStarted, clientsPaused, remindersDecided, clientsPurged, failedSteps } = summary;
  if (
    usagePeriodsStarted !== 4 ||
    clientsPaused !== 3 ||
    remindersDecided !== 2 ||
    clientsPurged !== 1 ||
    failedSteps.length > 0
  ) {
    throw new Error(`The background run did not handle the 10 due clients: ${JSON.stringify(summary)}`);
  }
}
