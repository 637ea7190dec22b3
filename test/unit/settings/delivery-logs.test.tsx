import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import { ReminderLog } from '../../../entrypoints/options/components/settings/ReminderLog';
import { UsageWarningLog } from '../../../entrypoints/options/components/settings/UsageWarningLog';
import { db } from '../../../lib/db/database';
import { formatDateTime, setLanguage } from '../../../lib/i18n';
import { createClient, updateSettings } from '../../../lib/ops';
import { clientInput, resetDb, T0 } from '../ops/helpers';
import { renderRootPerTest } from '../render-root';
import { settle } from './settings-dom';

const root = renderRootPerTest();
const ZONE = 'America/New_York';
const HOUR = 3_600_000;

function rows(section: string): string[][] {
  return [...root().querySelectorAll(`.${section} tbody tr`)].map((row) =>
    [...row.querySelectorAll('td')].map((cell) => cell.textContent ?? ''),
  );
}

describe('the usage warnings sent, in Settings', () => {
  beforeEach(resetDb);

  it('says so while none was sent', async () => {
    await act(() => render(<UsageWarningLog timeZone={ZONE} />, root()));
    await settle();
    expect(root().textContent).toContain('Usage warnings sent');
    expect(root().textContent).toContain('No usage warning has been sent yet.');
  });

  it('lists each warning, newest first, with its client, what it said, its notification and its webhook', async () => {
    await updateSettings({ poolSize: 10_000 }, { now: T0 });
    const client = await createClient(clientInput({ name: 'Acme Outdoor', quota: 8000 }), { now: T0 });
    await db.usageAlerts.bulkPut([
      {
        orgId: client.orgId,
        period: '2026-01-01',
        kind: 'level-80',
        level: 80,
        status: 'sent',
        used: 6400,
        quota: 8000,
        decidedAt: T0,
        sentAt: T0 + 60_000,
        notification: 'shown',
        webhook: { status: 'delivered', attempts: [{ at: T0 + 60_000, result: 'http_200' }] },
      },
      {
        orgId: client.orgId,
        period: '2026-01-01',
        kind: 'run-out',
        runsOutOn: '2026-01-24',
        status: 'pending',
        used: 6900,
        quota: 8000,
        decidedAt: T0 + HOUR,
      },
      // A client deleted since: its Org ID alone.
      {
        orgId: 'ORG-GONE0000',
        period: '2026-01-01',
        kind: 'level-90',
        level: 90,
        status: 'sent',
        used: 90,
        quota: 100,
        decidedAt: T0 - HOUR,
        sentAt: T0 - HOUR,
        notification: 'failed',
        webhook: { status: 'failed', attempts: [{ at: T0 - HOUR, result: 'http_404' }] },
      },
      // Reached together with a higher level, so never sent: not in the log.
      {
        orgId: client.orgId,
        period: '2026-01-01',
        kind: 'level-50',
        level: 50,
        status: 'skipped',
        used: 6400,
        quota: 8000,
        decidedAt: T0,
      },
    ]);
    await act(() => render(<UsageWarningLog timeZone={ZONE} />, root()));
    await settle();
    expect(rows('settings-usage-warning-log')).toEqual([
      [
        `Acme Outdoor (${client.orgId})`,
        'Forecast to reach the quota on Jan 24, 2026',
        'Waiting to be shown',
        'No webhook was set',
      ],
      [
        `Acme Outdoor (${client.orgId})`,
        '80% of the quota used (6,400 of 8,000 visitors)',
        `Shown · ${formatDateTime(T0 + 60_000, 'en', ZONE)}`,
        'Delivered. Tries: 1; last result: http_200.',
      ],
      [
        'ORG-GONE0000',
        '90% of the quota used (90 of 100 visitors)',
        `Could not be shown · ${formatDateTime(T0 - HOUR, 'en', ZONE)}`,
        'Failed. Tries: 1; last result: http_404.',
      ],
    ]);
  });

  it('speaks Japanese when the dashboard does', async () => {
    setLanguage('ja');
    await db.usageAlerts.put({
      orgId: 'ORG-GONE0000',
      period: '2026-01-01',
      kind: 'level-80',
      level: 80,
      status: 'pending',
      used: 80,
      quota: 100,
      decidedAt: T0,
    });
    await act(() => render(<UsageWarningLog timeZone={ZONE} />, root()));
    await settle();
    expect(rows('settings-usage-warning-log')[0]?.slice(1, 3)).toEqual([
      'クォータの80%を使用（100人中80人）',
      '表示待ち',
    ]);
  });
});

describe('the reminders sent, in Settings', () => {
  beforeEach(resetDb);

  it('writes the times in the agency time zone', async () => {
    await db.reminders.put({
      orgId: 'ORG-GONE0000',
      purgeOn: '2026-02-14',
      daysBefore: 7,
      status: 'sent',
      decidedAt: T0,
      sentAt: T0,
    });
    await act(() => render(<ReminderLog timeZone={ZONE} />, root()));
    await settle();
    expect(rows('settings-reminder-log')).toEqual([
      [
        'ORG-GONE0000, to be deleted on Feb 14, 2026',
        '7 days before',
        `Shown · ${formatDateTime(T0, 'en', ZONE)}`,
        'No webhook was set',
      ],
    ]);
    expect(formatDateTime(T0, 'en', ZONE)).toContain('7:00'); // 12:00 UTC is 7:00 in New York
  });
});
