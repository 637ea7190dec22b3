import { describe, expect, it } from 'vitest';
import { t } from '../../../lib/i18n';
import { asDate } from '../../../lib/model/messages';

// A name is a name, whatever it looks like: only a parameter passed as a date is written as one.
describe('t() formats dates only when they are passed as dates', () => {
  it('shows a client named "2026-01-15" by its name, in English and Japanese', () => {
    for (const locale of ['en', 'ja'] as const) {
      const text = t('lifecycle_inactivatedNotice', { name: '2026-01-15', date: asDate('2026-04-15') }, locale);
      expect(text).toContain('2026-01-15');
    }
    expect(t('lifecycle_inactivatedNotice', { name: '2026-01-15', date: asDate('2026-04-15') }, 'en')).toContain(
      'Apr 15, 2026',
    );
  });

  it("writes a date the reader's way in each language", () => {
    expect(t('overview_inactiveNote', { date: asDate('2026-04-15') }, 'en')).toContain('Apr 15, 2026');
    expect(t('overview_inactiveNote', { date: asDate('2026-04-15') }, 'ja')).toContain('2026/04/15');
  });

  it('keeps text that is not a date as it is, even when passed as one', () => {
    expect(t('overview_inactiveNote', { date: asDate('') }, 'en')).not.toContain('1970');
  });
});
