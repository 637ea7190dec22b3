import { addMonths, type IsoDate, localDate } from './calendar';

/** First day of the billing period that contains `now`, with periods starting on `billingDay`. */
export function billingPeriodStart(now: number, billingDay: number, timeZone: string): IsoDate {
  const today = localDate(now, timeZone);
  const day = Number(today.slice(8, 10));
  const thisMonthStart = `${today.slice(0, 8)}${String(billingDay).padStart(2, '0')}`;
  return day >= billingDay ? thisMonthStart : addMonths(thisMonthStart, -1);
}
