// Shared steps of the dashboard form and overview tests in a real Chromium.
import { expect } from 'vitest';
import type { Page } from 'playwright-core';

/**
 * The Org ID of a sample client, read straight from the extension's IndexedDB: sample
 * Org IDs are random, and this keeps the overview tests apart from the list's design.
 */
export async function orgIdOf(page: Page, name: string): Promise<string> {
  const orgId = await page.evaluate(
    (wanted) =>
      new Promise<string | undefined>((done, fail) => {
        const open = indexedDB.open('agency-desk');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction('clients').objectStore('clients').getAll();
          all.onerror = () => fail(all.error);
          all.onsuccess = () => {
            done((all.result as { name: string; orgId: string }[]).find((client) => client.name === wanted)?.orgId);
            open.result.close();
          };
        };
      }),
    name,
  );
  if (!orgId) throw new Error(`no sample client named ${name}`);
  return orgId;
}

/** Goes to a client's overview the way a link does, and waits for its heading. */
export async function openOverview(page: Page, name: string): Promise<string> {
  const orgId = await orgIdOf(page, name);
  await page.evaluate((id) => {
    location.hash = `#/clients/${id}`;
  }, orgId);
  await expect.poll(() => page.locator('#overview-heading').textContent()).toBe(name);
  return orgId;
}

/** The id of the element that has focus, or its text when it has no id. */
export async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return '';
    return element.id || element.getAttribute('data-testid') || (element.textContent ?? '').trim();
  });
}

/** Presses Tab until the element described by `is` has focus; fails after `limit` presses. */
export async function tabTo(page: Page, is: (focusedText: string) => boolean, limit = 60): Promise<void> {
  for (let presses = 0; presses < limit; presses += 1) {
    if (is(await focused(page))) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached the element (last focused: ${await focused(page)})`);
}

/** The accessible label (aria-label, else text) of the element that has focus. */
export async function focusedLabel(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement;
    return element?.getAttribute('aria-label') ?? (element?.textContent ?? '').trim();
  });
}

/** Whether focus is inside an open modal dialog. */
export async function focusInDialog(page: Page): Promise<boolean> {
  return page.evaluate(() => document.activeElement?.closest('dialog[open]') != null);
}

/**
 * Holds a read-write transaction on the extension's clients store open from the page, so
 * that every operation (each one a read-write transaction over all the stores) waits behind
 * it: a save stays in progress, deterministically, until the returned release is called.
 * Resolves once the transaction holds the store.
 */
export async function holdClientsStore(page: Page): Promise<() => Promise<void>> {
  await page.evaluate(
    () =>
      new Promise<void>((held, fail) => {
        const open = indexedDB.open('agency-desk');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const database = open.result;
          const transaction = database.transaction('clients', 'readwrite');
          const store = transaction.objectStore('clients');
          let holding = true;
          (window as unknown as { releaseClientsStore: () => void }).releaseClientsStore = () => {
            holding = false;
          };
          transaction.oncomplete = () => database.close();
          // A transaction ends once no request is pending: keep one pending until released.
          const keepAlive = () => {
            store.count().onsuccess = () => {
              if (holding) keepAlive();
            };
          };
          store.count().onsuccess = () => {
            held();
            keepAlive();
          };
        };
      }),
  );
  return () => page.evaluate(() => (window as unknown as { releaseClientsStore: () => void }).releaseClientsStore());
}
