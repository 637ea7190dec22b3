import { describe, expect, it } from 'vitest';
import type { Experiment } from '../../../lib/model/org-records';
import {
  checkCanComplete,
  checkCanCreate,
  checkCanPause,
  checkCanStart,
  completeTransition,
  pauseTransition,
  startTransition,
} from '../../../lib/rules/experiments';

describe('experiment rules', () => {
  it('refuse to start while the client is paused or inactive, with the reason', () => {
    expect(checkCanStart({ status: 'paused' }, { status: 'draft' })).toMatchObject({
      ok: false,
      key: 'error_startWhilePaused',
    });
    expect(checkCanStart({ status: 'inactive' }, { status: 'paused' })).toMatchObject({
      ok: false,
      key: 'error_startWhileInactive',
    });
    expect(checkCanStart({ status: 'active' }, { status: 'draft' })).toEqual({ ok: true });
    expect(checkCanStart({ status: 'active' }, { status: 'paused' })).toEqual({ ok: true });
    expect(checkCanStart({ status: 'active' }, { status: 'completed' })).toMatchObject({ ok: false });
  });

  it('pause only what runs and complete anything not yet completed', () => {
    expect(checkCanPause({ status: 'running' })).toEqual({ ok: true });
    expect(checkCanPause({ status: 'draft' })).toMatchObject({ ok: false, key: 'error_experimentCannotPause' });
    expect(checkCanComplete({ status: 'paused' })).toEqual({ ok: true });
    expect(checkCanComplete({ status: 'completed' })).toMatchObject({
      ok: false,
      key: 'error_experimentCannotComplete',
    });
  });

  it('refuse a new experiment for an inactive client only', () => {
    expect(checkCanCreate({ status: 'inactive' })).toMatchObject({ ok: false, key: 'error_clientInactive' });
    expect(checkCanCreate({ status: 'paused' })).toEqual({ ok: true });
  });

  it("record a person's pause as theirs, and drop the cause when it runs again or completes, keeping the record's key", () => {
    const draft: Experiment & { key: string } = {
      key: 'browser-made-key',
      orgId: 'ORG-AAAAAAAA',
      name: 'Hero',
      status: 'draft',
      createdAt: 1,
      updatedAt: 1,
    };
    const started = startTransition({ status: 'active' }, draft, 2);
    expect(started).toMatchObject({
      action: 'experiment_started',
      next: { key: draft.key, status: 'running', updatedAt: 2 },
    });
    const paused = pauseTransition(started.next, 3);
    expect(paused).toMatchObject({ action: 'experiment_paused', next: { status: 'paused', pausedBy: 'person' } });
    const resumed = startTransition({ status: 'active' }, paused.next, 4);
    expect(resumed.action).toBe('experiment_resumed');
    expect(resumed.next).not.toHaveProperty('pausedBy');
    const completed = completeTransition(paused.next, 5);
    expect(completed).toMatchObject({ check: { ok: true }, next: { status: 'completed', key: draft.key } });
    expect(completed.next).not.toHaveProperty('pausedBy');
    expect(startTransition({ status: 'paused' }, paused.next, 6).check).toMatchObject({
      key: 'error_startWhilePaused',
    });
  });
});
