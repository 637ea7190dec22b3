import { browser } from 'wxt/browser';

/**
 * The message catalogue of one language as the extension ships it (_locales/<locale>/messages.json,
 * the file the browser reads for the manifest's name). Pages and the worker read it from the
 * package when they first need that language, rather than carrying both catalogues in their scripts.
 */
export async function readLocaleFile(locale: 'en' | 'ja'): Promise<unknown> {
  const url = browser.runtime.getURL(`/_locales/${locale}/messages.json`);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Reading ${url} failed with HTTP ${response.status}`);
  return response.json();
}
