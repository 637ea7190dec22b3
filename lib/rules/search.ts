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

/** True when every word of the query occurs in the client's search text. */
export function matchesQuery(searchText: string, query: string): boolean {
  const words = foldForSearch(query).split(' ').filter(Boolean);
  return words.every((word) => searchText.includes(word));
}
