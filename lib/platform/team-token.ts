import { browser } from 'wxt/browser';

/**
 * The team member's token, kept in the extension's own storage and nowhere else: not in
 * IndexedDB (so no backup, export or copy of the database holds it), never logged. Only the
 * background reads it, to talk to the sync server.
 */
const TOKEN_KEY = 'teamToken';

export async function loadTeamToken(): Promise<string | undefined> {
  const stored = await browser.storage.local.get(TOKEN_KEY);
  const token = stored[TOKEN_KEY];
  return typeof token === 'string' ? token : undefined;
}

export async function saveTeamToken(token: string): Promise<void> {
  await browser.storage.local.set({ [TOKEN_KEY]: token });
}

export async function removeTeamToken(): Promise<void> {
  await browser.storage.local.remove(TOKEN_KEY);
}
