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

/** The text a client is found by: name, company, Org ID, contact email, domain. */
export function clientSearchText(client: Searchable): string {
  return foldForSearch(
    [client.name, client.company ?? '', client.orgId, client.contact.email, client.domain ?? ''].join('\n'),
  );
}

/** The words of a query, folded: what every client's search text must contain. */
export function searchWords(query: string): string[] {
  return foldForSearch(query).split(' ').filter(Boolean);
}

/** True when every one of the (folded) words occurs in the client's search text. */
export function hasEveryWord(searchText: string, words: readonly string[]): boolean {
  return words.every((word) => searchText.includes(word));
}

/** True when every word of the query occurs in the client's search text. */
export function matchesQuery(searchText: string, query: string): boolean {
  return hasEveryWord(searchText, searchWords(query));
}
