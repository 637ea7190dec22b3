import { type AppError, type FieldProblem, isAppError } from './model/errors';
import type { MessageKey, MessageParams } from './model/messages';
import type { Language } from './model/settings';
import { readLocaleFile } from './platform/locale-files';
import {
  type Catalog,
  type Catalogs,
  formatDateTimeIn,
  formatIsoDateIn,
  formatListIn,
  formatMessage,
  formatNumberIn,
  type Locale,
  resolveLocale,
} from './rules/message-format';

export type { MessageKey, MessageParams };
export type { Catalog, Locale };
export { LIST_LIMIT, resolveLocale } from './rules/message-format';

/**
 * The catalogues read so far. The language setting may differ from the browser's, so the
 * browser's own chrome.i18n cannot serve; but a page needs one language, not both, so each
 * catalogue is read from the package when first needed (loadLocale) instead of being bundled
 * into every script. t() is synchronous: a context loads its language before it speaks.
 */
const catalogs: Catalogs = {};
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

/** The items of a list parameter, the first LIST_LIMIT of them and then how many more there are. */
export function formatList(items: readonly string[], locale: Locale = current): string {
  return formatListIn(catalogs, items, locale);
}

/**
 * The message for `key` in the current language, with its named placeholders filled in.
 * A key missing from Japanese falls back to English (when loaded) rather than showing nothing.
 */
export function t(key: MessageKey, params: MessageParams = {}, locale: Locale = current): string {
  return formatMessage(catalogs, key, params, locale);
}

/**
 * Whether t() has a message for `key` in `locale` (the current language by default), counting
 * the English it falls back to when that is loaded. A page reads only its own language's
 * catalogue, so a Japanese page may have no English one to ask.
 */
export function hasMessage(key: string, locale: Locale = current): key is MessageKey {
  return Object.hasOwn(catalogs[locale] ?? {}, key) || Object.hasOwn(catalogs.en ?? {}, key);
}

export function formatNumber(value: number, locale: Locale = current): string {
  return formatNumberIn(value, locale);
}

/** A calendar date (YYYY-MM-DD) written the way the reader expects, without shifting time zones. */
export function formatIsoDate(date: string, locale: Locale = current): string {
  return formatIsoDateIn(date, locale);
}

export function formatDateTime(ms: number, locale: Locale = current, timeZone?: string): string {
  return formatDateTimeIn(ms, locale, timeZone);
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
