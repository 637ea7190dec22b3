import { formatIsoDate, formatNumber, t } from '../../../../lib/i18n';
import { asDate } from '../../../../lib/model/messages';
import type { UsageOverview } from '../../../../lib/ops/usage-samples';
import { CHART, chartLayout, type ChartLayout } from './usage-chart-layout';

interface UsageChartProps {
  usage: UsageOverview;
  /** Whether the forecast is drawn and said: an inactive client's last line forecasts nothing. */
  forecast: boolean;
}

/** What a screen reader hears for the chart: the latest number against the quota, and the forecast. */
function summary(usage: UsageOverview, layout: ChartLayout, runsOutOn: string | undefined): string {
  const last = layout.points[layout.points.length - 1];
  const params = { used: last?.used ?? 0, quota: usage.quota, date: asDate(last?.day ?? usage.today) };
  if (runsOutOn === undefined) return t('overview_chartSummary', params);
  if (runsOutOn < usage.nextPeriod) return t('overview_chartSummaryRunsOut', { ...params, runout: asDate(runsOutOn) });
  return t('overview_chartSummaryAfterPeriod', { ...params, end: asDate(layout.lastDay) });
}

/**
 * Visitors used in the current billing period, day by day (a running total, as the samples
 * are), against the quota line, with the forecast dashed up to the run-out day or the end of
 * the period. Drawn as inline SVG: no chart library for one line. The numbers are in a table
 * beside it, in the page's language, for anyone who cannot see the chart.
 */
export function UsageChart({ usage, forecast }: UsageChartProps) {
  if (usage.samples.length === 0)
    return (
      <p class="usage-chart-empty" data-testid="usage-chart-empty">
        {t('overview_chartEmpty')}
      </p>
    );
  const runsOutOn = forecast ? usage.runsOutOn : undefined;
  const layout = chartLayout({ ...usage, runsOutOn });
  const { points, forecast: line } = layout;
  const plotRight = CHART.width - CHART.right;
  const plotBottom = CHART.height - CHART.bottom;
  return (
    <figure class="usage-chart">
      <svg
        viewBox={`0 0 ${CHART.width} ${CHART.height}`}
        role="img"
        aria-label={summary(usage, layout, runsOutOn)}
        data-testid="usage-chart"
      >
        <g class="usage-chart-grid">
          {layout.yTicks.map((tick) => (
            <g key={tick.value}>
              <line x1={CHART.left} x2={plotRight} y1={tick.y} y2={tick.y} />
              <text x={CHART.left - 6} y={tick.y} text-anchor="end" dominant-baseline="middle">
                {formatNumber(tick.value)}
              </text>
            </g>
          ))}
          {layout.xTicks.map((tick, index) => (
            <text
              key={tick.day}
              x={tick.x}
              y={plotBottom + 18}
              text-anchor={index === 0 ? 'start' : index === layout.xTicks.length - 1 ? 'end' : 'middle'}
            >
              {formatIsoDate(tick.day)}
            </text>
          ))}
        </g>
        <line class="usage-chart-quota" x1={CHART.left} x2={plotRight} y1={layout.quotaY} y2={layout.quotaY} />
        <text class="usage-chart-quota-label" x={plotRight} y={layout.quotaY - 6} text-anchor="end">
          {t('overview_chartQuota', { quota: usage.quota })}
        </text>
        {line && (
          <line
            class="usage-chart-forecast"
            data-testid="usage-chart-forecast"
            x1={line.x1}
            y1={line.y1}
            x2={line.x2}
            y2={line.y2}
          />
        )}
        <polyline class="usage-chart-line" points={points.map((point) => `${point.x},${point.y}`).join(' ')} />
        {points.map((point) => (
          <circle key={point.day} class="usage-chart-point" cx={point.x} cy={point.y} r={3} />
        ))}
      </svg>
      <details class="usage-chart-numbers">
        <summary>{t('overview_chartShowNumbers')}</summary>
        <table class="overview-table" data-testid="usage-chart-table">
          <caption>{t('overview_chartCaption', { from: asDate(usage.period), to: asDate(layout.lastDay) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('overview_chartDate')}</th>
              <th scope="col">{t('overview_chartUsed')}</th>
              <th scope="col">{t('overview_chartNew')}</th>
            </tr>
          </thead>
          <tbody>
            {points.map((point, index) => (
              <tr key={point.day}>
                <th scope="row">{formatIsoDate(point.day)}</th>
                <td>{formatNumber(point.used)}</td>
                <td>{formatNumber(point.used - (points[index - 1]?.used ?? 0))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
