import { onDataChanged } from '../ops/events';
import { sendRequest } from './send-request';

/**
 * Asks the background to apply its rules shortly after this page changed data, once per
 * burst of changes (an import or a few quick edits make one run, not hundreds). Nothing waits
 * for the run: without an answer (worker unreachable, e.g. during an update) the periodic alarm
 * catches up.
 * Returns the function that stops it.
 */
export function runRulesAfterChanges(delayMs = 400): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stop = onDataChanged(() => {
    clearTimeout(timer);
    timer = setTimeout(() => void sendRequest('rules/run').catch(() => undefined), delayMs);
  });
  return () => {
    clearTimeout(timer);
    stop();
  };
}
