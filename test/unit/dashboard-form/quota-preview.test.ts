import { describe, expect, it } from 'vitest';
import { quotaPreview } from '../../../entrypoints/options/components/overview/quota-preview';

const client = { quota: 6000, usedVisitors: 5210, status: 'active' as const };

describe('quota preview', () => {
  it('shows the free pool before and after an increase or a decrease', () => {
    expect(quotaPreview(client, '7000', 10_900)).toEqual({ kind: 'allowed', freeNow: 10_900, freeAfter: 9_900 });
    expect(quotaPreview(client, '5,500', 10_900)).toEqual({ kind: 'allowed', freeNow: 10_900, freeAfter: 11_400 });
    expect(quotaPreview(client, '6000', 10_900)).toEqual({ kind: 'unchanged', freeNow: 10_900 });
  });

  it('gives the reason the rules refuse a quota', () => {
    expect(quotaPreview(client, '20000', 10_900)).toMatchObject({
      kind: 'refused',
      reason: 'This needs 14,000 more licenses, but only 10,900 are free in the pool.',
    });
    expect(quotaPreview(client, '5000', 10_900)).toMatchObject({
      kind: 'refused',
      reason: 'The quota cannot be lower than the 5,210 visitors already used in this billing period.',
    });
    expect(quotaPreview({ ...client, status: 'inactive' }, '7000', 10_900)).toMatchObject({
      kind: 'refused',
      reason: 'This client is inactive. Reactivate it first.',
    });
  });

  it('says what is wrong with something that is not a quota', () => {
    expect(quotaPreview(client, '', 10)).toMatchObject({ kind: 'invalid', reason: 'Quota is required.' });
    expect(quotaPreview(client, 'lots', 10)).toMatchObject({
      kind: 'invalid',
      reason: 'Quota must be a whole number.',
    });
    expect(quotaPreview(client, '0', 10)).toMatchObject({ kind: 'invalid', reason: 'Quota must be at least 1.' });
  });
});
