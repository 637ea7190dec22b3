import { t } from '../../../../lib/i18n';
import type { Client } from '../../../../lib/model/client';
import { asDate } from '../../../../lib/model/messages';
import type { UsageOverview } from '../../../../lib/ops/usage-samples';
import { addDays } from '../../../../lib/rules/calendar';
import { FORECAST_MIN_SAMPLES, FORECAST_WINDOW_DAYS } from '../../../../lib/rules/usage-forecast';

/**
 * What the overview says about when the client reaches its quota: the forecast day (and
 * whether the billing period ends first), why there is none yet, or nothing at all for a
 * client that is inactive or already at its quota (the numbers beside it say so).
 */
export function forecastSentence(usage: UsageOverview, client: Pick<Client, 'name' | 'status'>): string | undefined {
  if (client.status === 'inactive') return undefined;
  const { name } = client;
  if (usage.runsOutOn !== undefined) {
    const date = asDate(usage.runsOutOn);
    if (usage.runsOutOn < usage.nextPeriod) return t('overview_forecastRunsOut', { name, date });
    return t('overview_forecastAfterPeriod', { name, date, end: asDate(addDays(usage.nextPeriod, -1)) });
  }
  if (usage.usedVisitors >= usage.quota) return undefined;
  // The same count as the forecast's own (lib/rules/usage-forecast.ts usageTrend): too few days, or a rate that never gets there.
  const windowStart = addDays(usage.today, -(FORECAST_WINDOW_DAYS - 1));
  const recent = usage.samples.filter((sample) => sample.day >= windowStart && sample.day <= usage.today).length;
  if (recent < FORECAST_MIN_SAMPLES)
    return t('overview_forecastNotEnough', { days: FORECAST_MIN_SAMPLES, window: FORECAST_WINDOW_DAYS });
  return t('overview_forecastNone', { window: FORECAST_WINDOW_DAYS, name });
}
