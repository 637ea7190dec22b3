import { onDataChanged } from '../ops/events';
import { requestRulesRun } from './requests';

/**
 * Asks the background to apply its rules shortly after this page changed data, once per
 * burst of changes (an import or a few quick edits make one run, not hundreds).
 * Returns the function that stops it.
 */
export function runRulesAfterChanges(delayMs = 400): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stop = onDataChanged(() => {
    clearTimeout(timer);
    timer = setTimeout(() => void requestRulesRun(), delayMs);
  });
  return () => {
    clearTimeout(timer);
    stop();
  };
}
