import { describe, expect, it } from 'vitest';
import { billingPeriodStart } from '../../../lib/rules/billing';

const at = (iso: string) => Date.parse(iso);

describe('billingPeriodStart', () => {
  it('is this month when the billing day has come, else last month', () => {
    expect(billingPeriodStart(at('2026-11-25T12:00:00Z'), 1, 'UTC')).toBe('2026-11-01');
    expect(billingPeriodStart(at('2026-11-25T12:00:00Z'), 25, 'UTC')).toBe('2026-11-25');
    expect(billingPeriodStart(at('2026-11-24T12:00:00Z'), 25, 'UTC')).toBe('2026-10-25');
    expect(billingPeriodStart(at('2027-01-10T12:00:00Z'), 15, 'UTC')).toBe('2026-12-15');
  });

  it('follows the agency time zone at the turn of the day', () => {
    const instant = at('2026-11-30T16:00:00Z'); // 1 Dec 01:00 in Tokyo
    expect(billingPeriodStart(instant, 1, 'UTC')).toBe('2026-11-01');
    expect(billingPeriodStart(instant, 1, 'Asia/Tokyo')).toBe('2026-12-01');
  });
});
