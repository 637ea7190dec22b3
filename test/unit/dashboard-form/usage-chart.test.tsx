import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { UsageChart } from '../../../entrypoints/options/components/overview/UsageChart';
import {
  CHART,
  chartLayout,
  dayTicks,
  niceStep,
} from '../../../entrypoints/options/components/overview/usage-chart-layout';
import { setLanguage } from '../../../lib/i18n';
import type { UsageOverview } from '../../../lib/ops';
import { renderRootPerTest } from '../render-root';

const root = renderRootPerTest();

/** January 2026, three days of samples growing by 200 a day, forecast to reach 8,000 on Jan 25. */
const USAGE: UsageOverview = {
  period: '2026-01-01',
  nextPeriod: '2026-02-01',
  today: '2026-01-17',
  usedVisitors: 6_400,
  quota: 8_000,
  samples: [
    { day: '2026-01-15', used: 6_000 },
    { day: '2026-01-16', used: 6_200 },
    { day: '2026-01-17', used: 6_400 },
  ],
  runsOutOn: '2026-01-25',
  perDay: 200,
};

async function show(usage: UsageOverview, forecast = true) {
  await act(() => render(<UsageChart usage={usage} forecast={forecast} />, root()));
}

const svg = () => root().querySelector('svg');
const rows = () =>
  [...root().querySelectorAll('tbody tr')].map((row) => [...row.children].map((cell) => cell.textContent));
const headers = () => [...root().querySelectorAll('thead th')].map((cell) => cell.textContent);

describe('UsageChart', () => {
  it('draws a point a day, and says the same numbers in its label and its table', async () => {
    await show(USAGE);
    expect(svg()?.getAttribute('role')).toBe('img');
    expect(svg()?.getAttribute('aria-label')).toBe(
      'Chart of visitors used in this billing period: 6,400 of the quota of 8,000 as of Jan 17, 2026. ' +
        'At this rate, the quota is reached on Jan 25, 2026.',
    );
    expect(root().querySelectorAll('circle.usage-chart-point')).toHaveLength(3);
    expect(root().querySelector('summary')?.textContent).toBe('Show the numbers');
    expect(root().querySelector('caption')?.textContent).toBe('Visitors used by day, Jan 1, 2026 to Jan 31, 2026');
    expect(headers()).toEqual(['Date', 'Visitors used', 'New that day']);
    expect(rows()).toEqual([
      ['Jan 15, 2026', '6,000', '6,000'],
      ['Jan 16, 2026', '6,200', '200'],
      ['Jan 17, 2026', '6,400', '200'],
    ]);
    expect(root().textContent).toContain('Quota 8,000');
    expect(root().querySelector('[data-testid="usage-chart-forecast"]')).not.toBeNull();
  });

  it('speaks Japanese, numbers and dates included', async () => {
    setLanguage('ja');
    await show(USAGE);
    expect(svg()?.getAttribute('aria-label')).toBe(
      '今回の請求期間の使用済み訪問者数のグラフ：2026/01/17時点で、クォータ8,000のうち6,400を使用。' +
        'このペースでは2026/01/25にクォータに達します。',
    );
    expect(root().querySelector('summary')?.textContent).toBe('数値を表示');
    expect(headers()).toEqual(['日付', '使用済み訪問者数', 'その日の増加分']);
    expect(rows()[1]).toEqual(['2026/01/16', '6,200', '200']);
    expect(root().textContent).toContain('2026/01/01');
  });

  it('draws and says no forecast when told not to (an inactive client)', async () => {
    await show(USAGE, false);
    expect(svg()?.getAttribute('aria-label')).toBe(
      'Chart of visitors used in this billing period: 6,400 of the quota of 8,000 as of Jan 17, 2026.',
    );
    expect(root().querySelector('[data-testid="usage-chart-forecast"]')).toBeNull();
  });

  it('cuts the forecast at the end of the period when the quota is reached after it, and says so', async () => {
    await show({ ...USAGE, quota: 10_000, runsOutOn: '2026-02-04' });
    const line = root().querySelector('[data-testid="usage-chart-forecast"]');
    expect(Number(line?.getAttribute('x2'))).toBe(CHART.width - CHART.right);
    expect(svg()?.getAttribute('aria-label')).toBe(
      'Chart of visitors used in this billing period: 6,400 of the quota of 10,000 as of Jan 17, 2026. ' +
        'At this rate, the billing period ends on Jan 31, 2026 before the quota is reached.',
    );
  });

  it('says so when the period has no usage yet, and draws nothing', async () => {
    await show({ ...USAGE, usedVisitors: 0, samples: [], runsOutOn: undefined });
    expect(svg()).toBeNull();
    expect(root().textContent).toBe('No usage recorded in this billing period yet.');
  });

  it('shows a lowered number (a correction) as a negative change', async () => {
    await show({ ...USAGE, samples: [...USAGE.samples, { day: '2026-01-18', used: 6_100 }], runsOutOn: undefined });
    expect(rows()[3]).toEqual(['Jan 18, 2026', '6,100', '-300']);
    expect(root().querySelectorAll('circle.usage-chart-point')).toHaveLength(4);
  });
});

describe('the chart layout', () => {
  it('puts the days on the period from its first to its last day and the visitors on a round scale', () => {
    const layout = chartLayout(USAGE);
    expect(layout.lastDay).toBe('2026-01-31');
    expect(layout.xTicks.map((tick) => tick.day)).toEqual([
      '2026-01-01',
      '2026-01-08',
      '2026-01-15',
      '2026-01-22',
      '2026-01-31',
    ]);
    expect(layout.xTicks[0]?.x).toBe(CHART.left);
    expect(layout.xTicks[4]?.x).toBe(CHART.width - CHART.right);
    expect(layout.yTicks.map((tick) => tick.value)).toEqual([0, 2_000, 4_000, 6_000, 8_000]);
    // The quota is the top of this scale; the forecast ends on it, on Jan 25.
    expect(layout.quotaY).toBe(CHART.top);
    expect(layout.forecast?.y2).toBe(CHART.top);
    expect(layout.forecast?.reached).toBe(true);
  });

  it('picks round steps and keeps the last day as a tick', () => {
    expect([1, 9, 100, 1_234, 10_000, 75_000].map(niceStep)).toEqual([1, 5, 50, 500, 5_000, 20_000]);
    expect(dayTicks(27)).toEqual([0, 7, 14, 21, 27]);
    expect(dayTicks(30)).toEqual([0, 7, 14, 21, 30]);
  });
});
