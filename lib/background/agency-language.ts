import { type Locale, loadLocale, resolveLocale } from '../i18n';
import type { Settings } from '../model/settings';

/** The language the background words its notifications and webhook texts in: the agency's, else the browser's. */
export function agencyLocale(settings: Settings): Locale {
  return resolveLocale(settings.language, typeof navigator === 'undefined' ? 'en' : navigator.language);
}

/** Reads the messages of the agency's language, which those texts need; returns it. */
export async function loadAgencyLanguage(settings: Settings): Promise<Locale> {
  const locale = agencyLocale(settings);
  await loadLocale(locale);
  return locale;
}
