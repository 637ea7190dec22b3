/**
 * Filling in a message of the catalogues (public/_locales/<locale>/messages.json) with its
 * parameters, the reader's way: numbers, calendar dates and lists. Pure, so that the extension
 * (lib/i18n.ts, which reads the catalogues from the package) and the sync server (which reads
 * the same files from disk) word a sentence the same way from the same catalogue.
 */
import { isList, type MessageKey, type MessageParam, type MessageParams } from '../model/messages';
import type { Language } from '../model/settings';

export type Locale = 'en' | 'ja';

export interface CatalogEntry {
  message: string;
  placeholders?: Record<string, { content: string }>;
}
export type Catalog = Record<string, CatalogEntry>;
/** The catalogues at hand; a key missing from one language falls back to English when it is here. */
export type Catalogs = Partial<Record<Locale, Catalog>>;

export function resolveLocale(language: Language, readerLanguage: string): Locale {
  if (language !== 'auto') return language;
  return readerLanguage.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

/** A list in a message names at most this many items, then how many more: a header of 10,000 unknown columns stays one line. */
export const LIST_LIMIT = 10;

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

export function formatNumberIn(value: number, locale: Locale): string {
  return numberFormat(locale).format(value);
}

/** A calendar date (YYYY-MM-DD) written the way the reader expects, without shifting time zones. */
export function formatIsoDateIn(date: string, locale: Locale): string {
  const [year, month, day] = date.split('-').map(Number);
  return dateFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1)),
  );
}

export function formatDateTimeIn(ms: number, locale: Locale, timeZone?: string): string {
  return dateFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(ms));
}

/** The items of a list parameter, the first LIST_LIMIT of them and then how many more there are. */
export function formatListIn(catalogs: Catalogs, items: readonly string[], locale: Locale): string {
  const shown = items.slice(0, LIST_LIMIT).join(', ');
  if (items.length <= LIST_LIMIT) return shown;
  return formatMessage(catalogs, 'list_andMore', { items: shown, more: items.length - LIST_LIMIT }, locale);
}

function formatParam(catalogs: Catalogs, value: MessageParam, locale: Locale): string {
  if (isList(value)) return formatListIn(catalogs, value, locale);
  if (typeof value === 'number') return formatNumberIn(value, locale);
  if (typeof value === 'string') return value;
  // A date that is not one (an old log entry without it, say) is shown as it is.
  return /^\d{4}-\d{2}-\d{2}$/.test(value.isoDate) ? formatIsoDateIn(value.isoDate, locale) : value.isoDate;
}

/**
 * The message for `key` in `locale`, with its named placeholders filled in. A key missing from
 * Japanese falls back to English (when at hand) rather than showing nothing; a key in neither
 * is returned as it is.
 */
export function formatMessage(catalogs: Catalogs, key: MessageKey, params: MessageParams, locale: Locale): string {
  const entry = catalogs[locale]?.[key] ?? catalogs.en?.[key];
  if (!entry) return key;
  // Placeholder names are case-insensitive, as in chrome.i18n; one pass, so values are never re-read as patterns.
  const byName = new Map(Object.entries(params).map(([name, value]) => [name.toLowerCase(), value]));
  const declared = new Set(Object.keys(entry.placeholders ?? {}).map((name) => name.toLowerCase()));
  return entry.message.replace(/\$\$|\$([A-Za-z_]+)\$/g, (match, name: string | undefined) => {
    if (name === undefined) return '$';
    const value = byName.get(name.toLowerCase());
    return declared.has(name.toLowerCase()) && value !== undefined ? formatParam(catalogs, value, locale) : match;
  });
}
