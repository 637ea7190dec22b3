// The schema is in settings-schema.ts, so that what needs only these values (the popup) loads no zod.
import type { settingsSchema } from './settings-schema';
import { DEFAULT_USAGE_WARNING_LEVELS } from './usage-source';
import type { z } from './zod';

export const ORG_ID_TOKEN = '{orgId}';
export const DEFAULT_REMINDER_DAYS = [30, 7, 1] as const;

export const LANGUAGES = ['auto', 'en', 'ja'] as const;
export type Language = (typeof LANGUAGES)[number];

export type Settings = z.infer<typeof settingsSchema>;
export type SettingsInput = z.input<typeof settingsSchema>;

export function defaultTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function defaultSettings(): Settings {
  return {
    agencyName: 'My agency',
    poolSize: 0,
    reminderDays: [...DEFAULT_REMINDER_DAYS],
    billingDay: 1,
    timeZone: defaultTimeZone(),
    language: 'auto',
    usageWarningLevels: [...DEFAULT_USAGE_WARNING_LEVELS],
  };
}
