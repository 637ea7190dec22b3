/**
 * Version 2 upgrade: case-, width- and kana-folded search text and sort key on every client.
 *
 * FROZEN: this file must never change once released. It decides what every version 1 database
 * turns into, on every machine that has not opened the extension since; editing it (or the
 * folding below) would make old databases upgrade differently from the ones already upgraded,
 * with nothing to tell the two apart. The folding is therefore a copy of lib/rules/search.ts as
 * it was when version 2 shipped, not an import (eslint.config.js forbids importing lib/rules
 * or lib/ops here). If the search rule changes, add a new schema version whose upgrade
 * re-derives the fields; leave this one as it is.
 */
import type { Transaction } from 'dexie';

/** A version 1 client as far as this upgrade reads and writes it. */
interface V1Client {
  orgId: string;
  name: string;
  company?: string;
  domain?: string;
  contact: { email: string };
  searchText?: string;
  nameKey?: string;
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

function clientSearchText(client: V1Client): string {
  return foldForSearch(
    [client.name, client.company ?? '', client.orgId, client.contact.email, client.domain ?? ''].join('\n'),
  );
}

export async function foldClientSearchText(tx: Transaction): Promise<void> {
  await tx
    .table('clients')
    .toCollection()
    .modify((client: V1Client) => {
      client.searchText = clientSearchText(client);
      client.nameKey = foldForSearch(client.name);
    });
}
