import type { Client } from '../model/client';

const KATAKANA = /[\u30a1-\u30f6]/g;

/**
 * Folds text so that search ignores case, width and kana: NFKC turns full-width Latin and
 * half-width kana into their usual forms, and katakana becomes hiragana.
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(KATAKANA, (char) => String.fromCharCode(char.charCodeAt(0) - 0x60))
    .replace(/\s+/g, ' ')
    .trim();
}

type Searchable = Pick<Client, 'name' | 'company' | 'orgId' | 'domain'> & { contact: Pick<Client['contact'], 'email'> };

/**
 * Between the fields of the search text: not a space, dash, dot, slash or underscore, so the digits
 * of two fields never read as one card number (lib/model/card-number.ts joins digit groups across
 * those), and a query word never spans two fields.
 */
export const SEARCH_FIELD_SEPARATOR = ' | ';

/** The text a client is found by: name, company, Org ID, contact email, domain, each folded. */
export function clientSearchText(client: Searchable): string {
  return [client.name, client.company ?? '', client.orgId, client.contact.email, client.domain ?? '']
    .map(foldForSearch)
    .filter((field) => field !== '')
    .join(SEARCH_FIELD_SEPARATOR);
}

/** The words of a query, folded: what every client's search text must contain. */
export function searchWords(query: string): string[] {
  return foldForSearch(query).split(' ').filter(Boolean);
}

/** True when every one of the (folded) words occurs in the client's search text. */
export function hasEveryWord(searchText: string, words: readonly string[]): boolean {
  // A plain loop: it runs for every client on every keystroke, and a callback costs a closure each time.
  for (const word of words) if (!searchText.includes(word)) return false;
  return true;
}

/** True when every word of the query occurs in the client's search text. */
export function matchesQuery(searchText: string, query: string): boolean {
  return hasEveryWord(searchText, searchWords(query));
}
