// Pure (settings and now only), so that the sync server places a usage change in time as the extension does.
import type { Settings } from '../model/settings';
import { billingPeriodStart } from './billing';
import { type IsoDate, localDate } from './calendar';

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
