import { type AppError, type FieldProblem, isAppError } from './model/errors';
import { isList, type MessageKey, type MessageParam, type MessageParams } from './model/messages';
import type { Language } from './model/settings';
import { readLocaleFile } from './platform/locale-files';

export type { MessageKey, MessageParams };
export type Locale = 'en' | 'ja';

interface CatalogEntry {
  message: string;
  placeholders?: Record<string, { content: string }>;
}
export type Catalog = Record<string, CatalogEntry>;

/**
 * The catalogues read so far. The language setting may differ from the browser's, so the
 * browser's own chrome.i18n cannot serve; but a page needs one language, not both, so each
 * catalogue is read from the package when first needed (loadLocale) instead of being bundled
 * into every script. t() is synchronous: a context loads its language before it speaks.
 */
const catalogs: Partial<Record<Locale, Catalog>> = {};
const loading = new Map<Locale, Promise<void>>();

/** Puts a catalogue in place without reading it (tests, which import the JSON files). */
export function installCatalog(locale: Locale, catalog: Catalog): void {
  catalogs[locale] = catalog;
}

function isCatalog(value: unknown): value is Catalog {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isLocaleLoaded(locale: Locale): boolean {
  return catalogs[locale] !== undefined;
}

/** Makes `locale`'s messages available to t(); resolves at once when they already are. */
export function loadLocale(locale: Locale): Promise<void> {
  if (catalogs[locale]) return Promise.resolve();
  let pending = loading.get(locale);
  if (!pending) {
    pending = readLocaleFile(locale)
      .then((catalog) => {
        if (!isCatalog(catalog)) throw new Error(`The ${locale} message catalogue is not an object`);
        catalogs[locale] = catalog;
      })
      // A failed read is not kept: the next call tries again.
      .finally(() => loading.delete(locale));
    loading.set(locale, pending);
  }
  return pending;
}

export function resolveLocale(language: Language, browserLanguage: string): Locale {
  if (language !== 'auto') return language;
  return browserLanguage.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

function browserLanguage(): string {
  return typeof navigator === 'undefined' ? 'en' : navigator.language;
}

/** The locale that `language` means in this browser ("auto" follows the browser's language). */
export function localeFor(language: Language): Locale {
  return resolveLocale(language, browserLanguage());
}

let current: Locale = localeFor('auto');

/** Makes `language` the one t() speaks by default; its catalogue must be loaded (switchLanguage does both). */
export function setLanguage(language: Language): Locale {
  current = localeFor(language);
  if (typeof document !== 'undefined') document.documentElement.lang = current;
  return current;
}

/** Loads the catalogue of `language`, then makes it the one t() speaks. */
export async function switchLanguage(language: Language): Promise<Locale> {
  await loadLocale(localeFor(language));
  return setLanguage(language);
}

export function getLocale(): Locale {
  return current;
}

/** A list in a message names at most this many items, then how many more: a header of 10,000 unknown columns stays one line. */
export const LIST_LIMIT = 10;

/** The items of a list parameter, the first LIST_LIMIT of them and then how many more there are. */
export function formatList(items: readonly string[], locale: Locale = current): string {
  const shown = items.slice(0, LIST_LIMIT).join(', ');
  if (items.length <= LIST_LIMIT) return shown;
  return t('list_andMore', { items: shown, more: items.length - LIST_LIMIT }, locale);
}

function formatParam(value: MessageParam, locale: Locale): string {
  if (isList(value)) return formatList(value, locale);
  if (typeof value === 'number') return formatNumber(value, locale);
  if (typeof value === 'string') return value;
  // A date that is not one (an old log entry without it, say) is shown as it is.
  return /^\d{4}-\d{2}-\d{2}$/.test(value.isoDate) ? formatIsoDate(value.isoDate, locale) : value.isoDate;
}

/**
 * The message for `key` in the current language, with its named placeholders filled in.
 * A key missing from Japanese falls back to English (when loaded) rather than showing nothing.
 */
export function t(key: MessageKey, params: MessageParams = {}, locale: Locale = current): string {
  const entry = catalogs[locale]?.[key] ?? catalogs.en?.[key];
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

/**
 * Whether t() has a message for `key` in `locale` (the current language by default), counting
 * the English it falls back to when that is loaded. A page reads only its own language's
 * catalogue, so a Japanese page may have no English one to ask.
 */
export function hasMessage(key: string, locale: Locale = current): key is MessageKey {
  return Object.hasOwn(catalogs[locale] ?? {}, key) || Object.hasOwn(catalogs.en ?? {}, key);
}

// Making an Intl formatter costs ~40 µs, using one well under 1 µs; a page of 50 rows formats hundreds of numbers.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function numberFormat(locale: Locale): Intl.NumberFormat {
  const key = `number|${locale}`;
  let format = formatters.get(key);
  if (!(format instanceof Intl.NumberFormat)) formatters.set(key, (format = new Intl.NumberFormat(locale)));
  return format;
}

function dateFormat(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `date|${locale}|${options.timeStyle ?? ''}|${options.timeZone ?? ''}`;
  let format = formatters.get(key);
  if (!(format instanceof Intl.DateTimeFormat))
    formatters.set(key, (format = new Intl.DateTimeFormat(locale, options)));
  return format;
}

export function formatNumber(value: number, locale: Locale = current): string {
  return numberFormat(locale).format(value);
}

/** A calendar date (YYYY-MM-DD) written the way the reader expects, without shifting time zones. */
export function formatIsoDate(date: string, locale: Locale = current): string {
  const [year, month, day] = date.split('-').map(Number);
  return dateFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1)),
  );
}

export function formatDateTime(ms: number, locale: Locale = current, timeZone?: string): string {
  return dateFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(ms));
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
