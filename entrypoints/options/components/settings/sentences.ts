import { getLocale } from '../../../../lib/i18n';

/**
 * Whole sentences written one after the other, as the reader's language spaces them: English
 * puts a space after the full stop, Japanese nothing after its 。.
 */
export function joinSentences(sentences: readonly (string | false | undefined)[]): string {
  const gap = getLocale() === 'ja' ? '' : ' ';
  return sentences.filter((sentence): sentence is string => typeof sentence === 'string' && sentence !== '').join(gap);
}
