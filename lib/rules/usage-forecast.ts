/**
 * The run-out forecast: the day a client reaches 100% of its quota at its recent rate.
 *
 * Method: a least-squares line through the client's daily usage samples (visitors used so far
 * in the period, one sample per calendar day, the last value of that day) of the last
 * FORECAST_WINDOW_DAYS days of the current billing period. Its slope is the recent rate in
 * visitors per day. From the latest sample's day and the visitors used now, the remaining
 * visitors divided by that rate, rounded up, give the run-out day. No forecast with fewer than
 * FORECAST_MIN_SAMPLES samples, a rate of zero or less (usage is not growing), a line older
 * than the window (the usage stopped coming in) or a client already at its quota.
 *
 * Days are calendar days in the agency's time zone (IsoDate), counted with daysBetween, so a
 * clock change or a month without a 31st moves nothing.
 */
import { addDays, daysBetween, type IsoDate } from './calendar';
import { nextPeriodStart } from './billing';

export const FORECAST_WINDOW_DAYS = 7;
export const FORECAST_MIN_SAMPLES = 3;
/** A warning goes out when the forecast day is at most this many days away. */
export const RUN_OUT_WARNING_DAYS = 7;
/** Beyond this a rate is too slow to call a forecast: "in 6 years" helps nobody plan. */
const LONGEST_FORECAST_DAYS = 366;

/** Visitors used in the period as of the end of `day` (the last value seen that day). */
export interface UsageSample {
  day: IsoDate;
  used: number;
}

/** The fitted line, as stored with the client: its period, the rate, and the day of the latest sample. */
export interface UsageTrend {
  period: IsoDate;
  /** Visitors per day. */
  perDay: number;
  /** The latest sample's day: the line is about the days up to it. */
  day: IsoDate;
}

/**
 * The trend of the samples of `period` within the window that ends on `today`, or undefined
 * when there are too few. Samples outside the period or the window are left out.
 */
export function usageTrend(samples: readonly UsageSample[], period: IsoDate, today: IsoDate): UsageTrend | undefined {
  const windowStart = addDays(today, -(FORECAST_WINDOW_DAYS - 1));
  const used = samples.filter((sample) => sample.day >= period && sample.day >= windowStart && sample.day <= today);
  if (used.length < FORECAST_MIN_SAMPLES) return undefined;
  const points = used.map((sample) => ({ x: daysBetween(period, sample.day), y: sample.used }));
  const meanX = points.reduce((sum, point) => sum + point.x, 0) / points.length;
  const meanY = points.reduce((sum, point) => sum + point.y, 0) / points.length;
  let covariance = 0;
  let variance = 0;
  for (const point of points) {
    covariance += (point.x - meanX) * (point.y - meanY);
    variance += (point.x - meanX) ** 2;
  }
  // Samples are one per day, so with three or more the days differ; kept as a guard.
  if (variance === 0) return undefined;
  const latest = used.reduce((last, sample) => (sample.day > last ? sample.day : last), used[0]?.day ?? today);
  return { period, perDay: covariance / variance, day: latest };
}

/** What the forecast needs of the client: what it used, its quota and the period its usage counts in. */
export interface ForecastClient {
  usedVisitors: number;
  quota: number;
  usagePeriod?: IsoDate;
}

/**
 * The day the client reaches its quota at the trend's rate, or undefined when no forecast can
 * be made (see the module comment) or the trend's billing period has ended. A day already past
 * (the usage stopped arriving while the line says it should have run out) is today: it may run
 * out any moment.
 */
export function runOutDay(trend: UsageTrend | undefined, client: ForecastClient, today: IsoDate): IsoDate | undefined {
  if (!trend || trend.period !== client.usagePeriod) return undefined;
  // The period has ended (the client is not moved to the new one yet): its usage starts again from 0.
  if (today >= nextPeriodStart(trend.period)) return undefined;
  if (client.usedVisitors >= client.quota || trend.perDay <= 0) return undefined;
  if (daysBetween(trend.day, today) >= FORECAST_WINDOW_DAYS) return undefined;
  const days = Math.ceil((client.quota - client.usedVisitors) / trend.perDay);
  if (days > LONGEST_FORECAST_DAYS) return undefined;
  const day = addDays(trend.day, days);
  return day < today ? today : day;
}

/**
 * The run-out day as of the trend's own latest day: what the database keeps (and indexes) with
 * the client, so that the background finds, without reading every client, those whose day
 * comes within the week as time passes. Whether it still holds today is runOutDay's to say.
 */
export function trendRunOutDay(trend: UsageTrend | undefined, client: ForecastClient): IsoDate | undefined {
  return trend ? runOutDay(trend, client, trend.day) : undefined;
}

/**
 * Whether a run-out day calls for a warning: it falls before the billing period ends (a
 * new period would reset the usage first) and at most RUN_OUT_WARNING_DAYS days from today.
 */
export function runOutWarningDue(day: IsoDate | undefined, period: IsoDate, today: IsoDate): boolean {
  if (day === undefined) return false;
  return day < nextPeriodStart(period) && daysBetween(today, day) <= RUN_OUT_WARNING_DAYS;
}

/** Whether a run-out day is close enough to show in the switcher's row. */
export function runOutSoon(day: IsoDate | undefined, today: IsoDate): boolean {
  return day !== undefined && daysBetween(today, day) <= RUN_OUT_WARNING_DAYS;
}
