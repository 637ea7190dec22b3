import { useEffect, useState } from 'preact/hooks';
import { getLocale, isLocaleLoaded, type Locale, loadLocale, localeFor, setLanguage } from '../../../lib/i18n';
import type { Language } from '../../../lib/model/settings';

/**
 * Makes the page speak `language` (the setting, saved here or in another tab) and returns the
 * locale it speaks. A language whose messages are loaded takes effect before the views render;
 * another one once its catalogue has been read, which redraws the page.
 */
export function useLanguage(language: Language | undefined): Locale {
  const [, setLoads] = useState(0);
  const wanted = language === undefined ? undefined : localeFor(language);
  if (language !== undefined && isLocaleLoaded(localeFor(language))) setLanguage(language);

  useEffect(() => {
    if (wanted === undefined || isLocaleLoaded(wanted)) return;
    let live = true;
    loadLocale(wanted).then(
      () => live && setLoads((loads) => loads + 1),
      (error: unknown) => console.error('Agency Desk: the messages of the chosen language could not be read', error),
    );
    return () => {
      live = false;
    };
  }, [wanted]);
  return getLocale();
}
