/**
 * Version 6 upgrade: the search text keeps its fields apart (" | " between them) instead of
 * joining them with spaces, so digits that end one field and begin the next (a name "Acme 4111
 * 1111", a company "1111 1111") are never stored as one full card number.
 *
 * FROZEN: this file must never change once released. It decides what every version 5 database
 * turns into; the folding and the joining below are copies of lib/rules/search.ts as it was when
 * version 6 shipped, not imports (eslint.config.js forbids importing lib/rules or lib/ops here).
 * If the search rule changes again, add a new schema version; leave this one as it is.
 */
import type { Transaction } from 'dexie';

/** A version 5 client as far as this upgrade reads and writes it. */
interface V5Client {
  orgId: string;
  name: string;
  company?: string;
  domain?: string;
  contact: { email: string };
  searchText?: string;
}

const KATAKANA = /[\u30a1-\u30f6]/g;

function foldForSearch(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(KATAKANA, (char) => String.fromCharCode(char.charCodeAt(0) - 0x60))
    .replace(/\s+/g, ' ')
    .trim();
}

function clientSearchText(client: V5Client): string {
  return [client.name, client.company ?? '', client.orgId, client.contact.email, client.domain ?? '']
    .map(foldForSearch)
    .filter((field) => field !== '')
    .join(' | ');
}

export async function separateSearchFields(tx: Transaction): Promise<void> {
  await tx
    .table('clients')
    .toCollection()
    .modify((client: V5Client) => {
      client.searchText = clientSearchText(client);
    });
}
