import { wholeNumberFromText } from '../../../../lib/io/whole-number';
import { t } from '../../../../lib/i18n';
import { LANGUAGES, type Settings, type SettingsInput } from '../../../../lib/model/settings';
import { settingsSchema } from '../../../../lib/model/settings-schema';
import type { FormChecks } from '../form';

/** The settings form as typed: every box holds text until it is saved. */
export interface SettingsValues {
  agencyName: string;
  poolSize: string;
  workspaceUrlTemplate: string;
  reminderDays: string;
  billingDay: string;
  usageWarningLevels: string;
  timeZone: string;
  language: string;
}

export type SettingsField = keyof SettingsValues;

export function valuesFrom(settings: Settings): SettingsValues {
  return {
    agencyName: settings.agencyName,
    poolSize: String(settings.poolSize),
    workspaceUrlTemplate: settings.workspaceUrlTemplate ?? '',
    reminderDays: settings.reminderDays.join(', '),
    billingDay: String(settings.billingDay),
    usageWarningLevels: settings.usageWarningLevels.join(', '),
    timeZone: settings.timeZone,
    language: settings.language,
  };
}

/** Commas, Japanese commas and spaces all separate days: "30、7、1" is read like "30, 7, 1". */
function dayTokens(text: string): string[] {
  return text
    .normalize('NFKC')
    .split(/[,、\s]+/)
    .filter(Boolean);
}

export function reminderDaysAreNumbers(text: string): boolean {
  return dayTokens(text).every((token) => /^\d+$/.test(token));
}

/** Warning levels are separated as days are; a level may keep the percent sign it is shown with ("80%, 90%"). */
function levelTokens(text: string): string[] {
  return dayTokens(text).map((token) => token.replace(/%$/, ''));
}

export function usageLevelsAreNumbers(text: string): boolean {
  return levelTokens(text).every((token) => /^\d+$/.test(token));
}

/** What the form asks to save; the schema does the checking. */
export function patchFrom(values: SettingsValues): Partial<SettingsInput> {
  return {
    agencyName: values.agencyName,
    poolSize: wholeNumberFromText(values.poolSize),
    workspaceUrlTemplate: values.workspaceUrlTemplate.trim() === '' ? undefined : values.workspaceUrlTemplate,
    reminderDays: dayTokens(values.reminderDays).map(Number),
    billingDay: Number(values.billingDay),
    usageWarningLevels: levelTokens(values.usageWarningLevels).map(Number),
    timeZone: values.timeZone,
    language: LANGUAGES.find((language) => language === values.language),
  };
}

/** The form's own check that the schema cannot phrase well: a list that is not made of numbers. */
export function reminderFormatError(values: SettingsValues): string | undefined {
  if (reminderDaysAreNumbers(values.reminderDays)) return undefined;
  return t('settings_reminderFormat', { field: t('field_settings_reminderDays') });
}

/** The same for the warning levels: "80, ninety" would otherwise read as a level that is not a number. */
export function usageLevelsFormatError(values: SettingsValues): string | undefined {
  if (usageLevelsAreNumbers(values.usageWarningLevels)) return undefined;
  return t('settings_usageLevelsFormat', { field: t('field_settings_usageWarningLevels') });
}

/**
 * How the settings form is checked: the schema on the settings as they would be saved, a
 * reminder or warning-level list not made of numbers said in its own words, and a pool smaller than the
 * licenses clients hold (`allocated`, once known; the operation refuses the same).
 */
export function settingsChecks(saved: Settings, allocated: number | undefined): FormChecks<SettingsValues> {
  return {
    scope: 'settings',
    schema: settingsSchema,
    toInput: (values) => ({ ...saved, ...patchFrom(values) }),
    check: (values, errors) => {
      const poolSize = patchFrom(values).poolSize;
      const belowAllocated =
        errors.poolSize === undefined && allocated !== undefined && poolSize !== undefined && poolSize < allocated;
      return {
        reminderDays: reminderFormatError(values),
        usageWarningLevels: usageLevelsFormatError(values),
        poolSize: belowAllocated ? t('error_poolBelowAllocated', { allocated }) : undefined,
      };
    },
  };
}

/** Every IANA zone the browser knows, plus UTC and the current one, which the list may omit. */
export function timeZoneOptions(current: string): string[] {
  const zones = new Set(Intl.supportedValuesOf('timeZone'));
  zones.add('UTC');
  zones.add(current);
  return [...zones].sort();
}
