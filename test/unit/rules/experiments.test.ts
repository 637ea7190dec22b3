import { describe, expect, it } from 'vitest';
import { checkCanComplete, checkCanPause, checkCanStart } from '../../../lib/rules/experiments';

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
});
