import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import { UsageSourceSettings } from '../../../entrypoints/options/components/settings/UsageSourceSettings';
import { db } from '../../../lib/db/database';
import { formatDateTime, setLanguage } from '../../../lib/i18n';
import type { FeedRowProblem, UsageFeedStatus } from '../../../lib/model/usage-feed-status';
import { getSettings, saveUsageSource, updateSettings } from '../../../lib/ops';
import { recordUsageFeedRead } from '../../../lib/ops/usage-source';
import { installFakePermissions } from '../fake-permissions';
import { resetDb, T0 } from '../ops/helpers';
import { renderRootPerTest } from '../render-root';
import { settle } from './settings-dom';

const root = renderRootPerTest();
const URL = 'https://usage.example.test/feed.json';
const ZONE = 'Asia/Tokyo';
const text = (testId: string) => root().querySelector(`[data-testid="${testId}"]`)?.textContent ?? null;

async function renderSource() {
  const settings = await getSettings();
  await act(() => render(<UsageSourceSettings settings={settings} />, root()));
  await settle();
}

function inactiveRow(line: number): FeedRowProblem {
  const orgId = `ORG-${String(line).padStart(8, '0')}`;
  return { key: 'usageFeed_rowInactive', params: { orgId }, orgId, line };
}

describe('the usage source status line', () => {
  beforeEach(async () => {
    await resetDb();
    installFakePermissions(() => true);
    await updateSettings({ timeZone: ZONE }, { now: T0 });
    await saveUsageSource({ url: URL, intervalMinutes: 60, acceptCorrections: false }, { now: T0 });
  });

  it('says that the source was not read yet, then what the last read did, in the agency time zone', async () => {
    await renderSource();
    expect(text('usage-feed-status')).toBe('Not read yet.');

    // Written as the background writes it; the page sees it through liveQuery.
    await recordUsageFeedRead(
      { applied: { updated: 118, filed: 2, unchanged: 3, problems: [], problemCount: 0 } },
      T0,
      URL,
    );
    await settle();
    const when = formatDateTime(T0, 'en', ZONE);
    expect(when).toContain('9:00'); // 12:00 UTC is 21:00 in Tokyo: the page writes the agency's time, not UTC.
    expect(text('usage-feed-status')).toBe(
      `Last read on ${when}. Clients updated: 118; filed under earlier billing periods: 2; unchanged: 3.`,
    );
    expect(text('usage-feed-problems')).toBeNull();
    expect(text('usage-feed-failure')).toBeNull();
  });

  it('lists the first rows that were not applied and counts the rest', async () => {
    const problems = Array.from({ length: 12 }, (_, index) => inactiveRow(index + 2));
    const status: UsageFeedStatus = {
      at: T0,
      updated: 5,
      filed: 0,
      unchanged: 1,
      problems,
      problemCount: 47,
      failuresInRow: 0,
      lastSuccessAt: T0,
    };
    await db.meta.put({ key: 'usageFeedStatus', value: status });
    await renderSource();
    expect(text('usage-feed-status')).toContain('Rows not applied: 47.');
    const items = [...root().querySelectorAll('[data-testid="usage-feed-problems"] li')].map((li) => li.textContent);
    expect(items).toHaveLength(11);
    expect(items[0]).toBe('Row 2: ORG-00000002 is inactive, so its usage was not applied.');
    expect(items[9]).toBe('Row 11: ORG-00000011 is inactive, so its usage was not applied.');
    expect(items[10]).toBe('…and 37 more not shown.');
  });

  it('shows a failed read as an alert: why, that nothing changed, how often in a row and the last success', async () => {
    await recordUsageFeedRead(
      { applied: { updated: 1, filed: 0, unchanged: 0, problems: [], problemCount: 0 } },
      T0,
      URL,
    );
    const failure = { key: 'usageFeed_networkError', params: { host: 'usage.example.test' } } as const;
    await recordUsageFeedRead({ failure }, T0 + 3_600_000, URL);
    await renderSource();
    const failed = root().querySelector('[data-testid="usage-feed-failure"]');
    expect(failed?.getAttribute('role')).toBe('alert');
    expect(failed?.textContent).toBe(
      `The last read, on ${formatDateTime(T0 + 3_600_000, 'en', ZONE)}, failed: The usage source at usage.example.test could not be reached. ` +
        'Check the address and the connection; the next reading tries again. Nothing was changed. ' +
        `The last successful read was on ${formatDateTime(T0, 'en', ZONE)}.`,
    );

    await recordUsageFeedRead({ failure }, T0 + 7_200_000, URL);
    await recordUsageFeedRead({ failure }, T0 + 10_800_000, URL);
    await settle();
    expect(text('usage-feed-failure')).toContain('Nothing was changed. It has failed 3 times in a row.');
    expect(text('usage-feed-status')).toBe('');
  });

  it('speaks Japanese when the dashboard does', async () => {
    setLanguage('ja');
    await recordUsageFeedRead({ failure: { key: 'usageFeed_timeout', params: { seconds: 30 } } }, T0, URL);
    await renderSource();
    expect(text('usage-feed-failure')).toBe(
      `${formatDateTime(T0, 'ja', ZONE)} の読み込みは失敗しました：使用量の取得元から 30 秒以内に応答が最後まで届かなかったため、使用量は読み込まれませんでした。次回の読み込みで再試行します。何も変更されていません。`,
    );
  });
});
