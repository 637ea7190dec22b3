import en from '../public/_locales/en/messages.json';
import ja from '../public/_locales/ja/messages.json';
import { type AppError, type FieldProblem, isAppError } from './model/errors';
import type { MessageKey, MessageParams } from './model/messages';
import type { Language } from './model/settings';

export type { MessageKey, MessageParams };
export type Locale = 'en' | 'ja';

interface CatalogEntry {
  message: string;
  placeholders?: Record<string, { content: string }>;
}
type Catalog = Record<string, CatalogEntry>;

// Both catalogues are bundled so that the language setting can differ from the browser's.
const CATALOGS: Record<Locale, Catalog> = { en, ja };

export function resolveLocale(language: Language, browserLanguage: string): Locale {
  if (language !== 'auto') return language;
  return browserLanguage.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

let current: Locale = resolveLocale('auto', typeof navigator === 'undefined' ? 'en' : navigator.language);

export function setLanguage(language: Language): Locale {
  current = resolveLocale(language, typeof navigator === 'undefined' ? 'en' : navigator.language);
  if (typeof document !== 'undefined') document.documentElement.lang = current;
  return current;
}

export function getLocale(): Locale {
  return current;
}

function formatParam(value: string | number, locale: Locale): string {
  if (typeof value === 'number') return formatNumber(value, locale);
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatIsoDate(value, locale) : value;
}

/**
 * The message for `key` in the current language, with its named placeholders filled in.
 * A key missing from Japanese falls back to English rather than showing nothing.
 */
export function t(key: MessageKey, params: MessageParams = {}, locale: Locale = current): string {
  const entry = CATALOGS[locale][key] ?? CATALOGS.en[key];
  if (!entry) return key;
  // Placeholder names are case-insensitive, as in chrome.i18n; one pass, so values are never re-read as patterns.
  const byName = new Map(Object.entries(params).map(([name, value]) => [name.toLowerCase(), value]));
  const declared = new Set(Object.keys(entry.placeholders ?? {}).map((name) => name.toLowerCase()));
  return entry.message.replace(/\$\$|\$([A-Za-z_]+)\$/g, (match, name: string | undefined) => {
    if (name === undefined) return '$';
    const value = byName.get(name.toLowerCase());
    return declared.has(name.toLowerCase()) && value !== undefined ? formatParam(value, locale) : match;
  });
}

export function hasMessage(key: string, locale: Locale = 'en'): key is MessageKey {
  return Object.hasOwn(CATALOGS[locale], key);
}

export function formatNumber(value: number, locale: Locale = current): string {
  return new Intl.NumberFormat(locale).format(value);
}

/** A calendar date (YYYY-MM-DD) written the way the reader expects, without shifting time zones. */
export function formatIsoDate(date: string, locale: Locale = current): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1)),
  );
}

export function formatDateTime(ms: number, locale: Locale = current, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(ms));
}

/** The sentence for one field's problem, naming the field. */
export function fieldMessage(problem: FieldProblem, locale: Locale = current): string {
  return t(problem.key, { ...problem.params, field: t(problem.labelKey, {}, locale) }, locale);
}

/** A sentence for any error an operation throws; unknown errors get the generic one. */
export function errorMessage(error: unknown, locale: Locale = current): string {
  if (isAppError(error)) return appErrorMessage(error, locale);
  return t('error_unexpected', { detail: error instanceof Error ? error.name : 'Error' }, locale);
}

function appErrorMessage(error: AppError, locale: Locale): string {
  const [only] = error.problems;
  if (error.code === 'validation' && error.problems.length === 1 && only) return fieldMessage(only, locale);
  return t(error.key, error.params, locale);
}
