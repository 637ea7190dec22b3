import type { Settings } from '../model/settings';
import { billingPeriodStart } from '../rules/billing';
import { type IsoDate, localDate } from '../rules/calendar';

/** Where a usage change stands in time: the agency's settings, the current period and today. */
export interface UsageClock {
  settings: Settings;
  period: IsoDate;
  today: IsoDate;
}

export function usageClock(settings: Settings, now: number): UsageClock {
  return {
    settings,
    period: billingPeriodStart(now, settings.billingDay, settings.timeZone),
    today: localDate(now, settings.timeZone),
  };
}
