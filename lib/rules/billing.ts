import { addMonths, type IsoDate, localDate } from './calendar';

/** First day of the billing period that contains the calendar day `date`, with periods starting on `billingDay`. */
export function billingPeriodOf(date: IsoDate, billingDay: number): IsoDate {
  const day = Number(date.slice(8, 10));
  const thisMonthStart = `${date.slice(0, 8)}${String(billingDay).padStart(2, '0')}`;
  return day >= billingDay ? thisMonthStart : addMonths(thisMonthStart, -1);
}

/** First day of the billing period that contains `now`, with periods starting on `billingDay`. */
export function billingPeriodStart(now: number, billingDay: number, timeZone: string): IsoDate {
  return billingPeriodOf(localDate(now, timeZone), billingDay);
}

/**
 * The first day of the period after the one starting on `periodStart`: the period runs up to,
 * not including, that day. billingDay is at most 28, so every month has it.
 */
export function nextPeriodStart(periodStart: IsoDate): IsoDate {
  return addMonths(periodStart, 1);
}
