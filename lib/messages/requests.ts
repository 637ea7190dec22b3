import { sendRuntimeMessage } from '../platform/messaging';
import { z } from '../model/zod';
import { type RunSummary, responseSchemas, type RuntimeMessage } from './protocol';

/**
 * Asks the background worker to apply its rules now (auto-pause, billing period, reminders,
 * purge, badge) and resolves with what the run did once it has finished. Views call it after
 * an operation changed data; it never throws: without an answer (worker unreachable, e.g.
 * during an update) it resolves to undefined and the periodic alarm catches up.
 */
export async function requestRulesRun(): Promise<RunSummary | undefined> {
  const message: RuntimeMessage = { type: 'rules/run' };
  try {
    const parsed = z.safeParse(responseSchemas['rules/run'], await sendRuntimeMessage(message));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
