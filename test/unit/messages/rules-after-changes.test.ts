import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { runRulesAfterChanges } from '../../../lib/messages/rules-after-changes';
import { emitDataChanged } from '../../../lib/ops/events';

afterEach(() => {
  vi.useRealTimers();
});

describe('runRulesAfterChanges', () => {
  it('asks the background for one run after a burst of changes, and none once stopped', async () => {
    vi.useFakeTimers();
    const received: unknown[] = [];
    fakeBrowser.runtime.onMessage.addListener((message: unknown) => {
      received.push(message);
      return Promise.resolve(undefined);
    });
    const stop = runRulesAfterChanges(400);

    emitDataChanged({ orgIds: ['ORG-00000001'] });
    emitDataChanged({ orgIds: ['ORG-00000002'] });
    await vi.advanceTimersByTimeAsync(399);
    expect(received).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(received).toEqual([{ type: 'rules/run' }]);

    stop();
    emitDataChanged({ orgIds: ['ORG-00000003'] });
    await vi.advanceTimersByTimeAsync(1000);
    expect(received).toHaveLength(1);
  });

  it('lets a run nobody answers be: the page does not fail, the periodic alarm catches up', async () => {
    vi.useFakeTimers();
    const stop = runRulesAfterChanges(400);
    emitDataChanged({ orgIds: ['ORG-00000001'] });
    // An unhandled rejection here would fail the test run.
    await vi.advanceTimersByTimeAsync(400);
    stop();
  });
});
