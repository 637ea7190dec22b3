/**
 * The extension's message catalogues (public/_locales/<locale>/messages.json), read from disk
 * once, so that what the server words (the reminder webhook's text) is the sentence the
 * extension shows, filled in by the same formatter (lib/rules/message-format.ts).
 */
import { readFileSync } from 'node:fs';
import type { MessageKey, MessageParams } from '../../lib/model/messages';
import type { Settings } from '../../lib/model/settings';
import { type Catalog, type Catalogs, formatMessage, type Locale, resolveLocale } from '../../lib/rules/message-format';

const LOCALES_DIR = new URL('../../public/_locales/', import.meta.url);
const catalogs: Catalogs = {};

function catalog(locale: Locale): Catalog {
  let read = catalogs[locale];
  if (!read) {
    read = JSON.parse(readFileSync(new URL(`${locale}/messages.json`, LOCALES_DIR), 'utf8')) as Catalog;
    catalogs[locale] = read;
  }
  return read;
}

/**
 * The agency's language. A browser reads "auto" as its own language; the server has no reader
 * to ask, so it speaks English, as a browser whose language is not Japanese would.
 */
export function agencyLocale(settings: Pick<Settings, 'language'>): Locale {
  return resolveLocale(settings.language, 'en');
}

/** The message for `key` in `locale`, falling back to English as the extension does. */
export function message(key: MessageKey, params: MessageParams, locale: Locale): string {
  catalog('en');
  catalog(locale);
  return formatMessage(catalogs, key, params, locale);
}
