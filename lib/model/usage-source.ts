/** How often the source may be read, in minutes: every 15 minutes at most, once a day at least. */
export const USAGE_SOURCE_INTERVALS = [15, 30, 60, 120, 240, 360, 720, 1440] as const;
export const DEFAULT_USAGE_SOURCE_INTERVAL = 60;

/** Warning levels when the agency has set none: 80% and 90% of each client's quota. */
export const DEFAULT_USAGE_WARNING_LEVELS = [80, 90] as const;

/** Failures in a row after which one notification says that the source is failing. */
export const FEED_FAILURES_BEFORE_NOTICE = 3;
