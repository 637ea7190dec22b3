// Helpers for the background worker's real-browser tests: seeding the extension's IndexedDB
// from one of its pages (page.evaluate cannot import the extension's modules, and the build
// carries no test hooks), stopping the worker the way Chromium does when it idles, and asking
// it to run the rules as the dashboard does.

import type { BrowserContext, Page, Worker } from 'playwright-core';
import type { ExtensionHarness } from './harness';

declare const chrome: {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
};

/**
 * A page to run code in: a playwright Page, or a page of the shared driver (driver.ts), so that
 * the Chromium-only tests and the scenarios shared with Firefox seed and read the same way.
 */
export interface Evaluates {
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
}

export type Row = Record<string, unknown>;
export type Tables = Record<string, Row[]>;

const DAY = 86_400_000;

/** Calendar date (UTC) `days` from now; the seeded agency counts its dates in UTC. */
export function utcDate(days: number, from = Date.now()): string {
  return new Date(from + days * DAY).toISOString().slice(0, 10);
}

/** First day of this month (UTC): the billing period when billing starts on the 1st. */
export function currentPeriod(now = Date.now()): string {
  return `${new Date(now).toISOString().slice(0, 7)}-01`;
}

/** A valid Org ID made from a number (digits are Crockford base32 characters). */
export function orgIdFor(index: number): string {
  return `ORG-${String(index).padStart(8, '0')}`;
}

export function settingsRecord(extra: Row = {}): Row {
  return {
    key: 'settings',
    value: {
      agencyName: 'Northwind Digital',
      poolSize: 100_000,
      reminderDays: [30, 7, 1],
      billingDay: 1,
      timeZone: 'UTC',
      language: 'en',
      // Written as schema v7 stores settings (its upgrade adds the levels to older records).
      usageWarningLevels: [80, 90],
      ...extra,
    },
  };
}

/** A client as the extension stores it (derived fields included). */
export function storedClient(index: number, name: string, fields: Row): Row {
  const orgId = orgIdFor(index);
  const email = `contact${index}@example.test`;
  const now = Date.now();
  const quota = (fields.quota as number | undefined) ?? 10;
  const usedVisitors = (fields.usedVisitors as number | undefined) ?? 0;
  return {
    orgId,
    name,
    contact: { firstName: 'Ada', lastName: 'Lovelace', email },
    status: 'active',
    quota,
    usedVisitors,
    searchText: `${name.toLowerCase()} | ${orgId.toLowerCase()} | ${email}`,
    nameKey: name.toLowerCase(),
    usagePeriod: currentPeriod(now),
    atQuota: usedVisitors >= quota ? 1 : 0,
    createdAt: now - 200 * DAY,
    updatedAt: now - 100 * DAY,
    ...fields,
  };
}

/** An inactive client whose purge date is `purgeInDays` away (negative: in the past). */
export function inactiveClient(index: number, name: string, purgeInDays: number): Row {
  return storedClient(index, name, {
    status: 'inactive',
    quota: 5,
    usedVisitors: 5,
    atQuota: 1,
    quotaBeforeInactive: 50,
    inactiveSince: Date.now() + (purgeInDays - 91) * DAY,
    purgeOn: utcDate(purgeInDays),
  });
}

/** Waits until the dashboard (or any extension page) has the database open at its current version. */
export async function openDashboard(harness: ExtensionHarness): Promise<Page> {
  const page = await harness.openExtensionPage('options.html');
  await page.locator('h1').waitFor();
  await page.waitForFunction(async () => (await indexedDB.databases()).some((d) => d.name === 'agency-desk'));
  return page;
}

/** Writes rows into the extension's stores in one IndexedDB transaction. */
export async function seed(page: Evaluates, tables: Tables): Promise<void> {
  await page.evaluate(async (data) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('agency-desk');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const tx = db.transaction(Object.keys(data), 'readwrite');
    for (const [store, rows] of Object.entries(data)) for (const row of rows) tx.objectStore(store).put(row);
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
    db.close();
  }, tables);
}

/** Every row of the given stores, read in one transaction. */
export async function readStores(page: Evaluates, stores: string[]): Promise<Tables> {
  return page.evaluate(async (names) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('agency-desk');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const tx = db.transaction(names, 'readonly');
    const result: Record<string, Record<string, unknown>[]> = {};
    await Promise.all(
      names.map(
        (name) =>
          new Promise<void>((resolve, reject) => {
            const request = tx.objectStore(name).getAll();
            request.onsuccess = () => {
              result[name] = request.result;
              resolve();
            };
            request.onerror = () => reject(request.error);
          }),
      ),
    );
    db.close();
    return result;
  }, stores);
}

/**
 * Sends a runtime message from an extension page, as the extension's own pages do, and returns
 * the answer. Firefox's extension pages have `browser` (promises); Chromium's have `chrome`.
 */
export async function sendRuntimeMessage(page: Evaluates, message: unknown): Promise<unknown> {
  return page.evaluate(
    (sent) => ((globalThis as { browser?: typeof chrome }).browser ?? chrome).runtime.sendMessage(sent),
    message,
  );
}

/** Asks the worker to run the rules, as the dashboard's sendRequest('rules/run') does, and returns the run's summary. */
export async function runRules(page: Evaluates): Promise<Record<string, unknown>> {
  const reply = (await sendRuntimeMessage(page, { type: 'rules/run' })) as {
    ok: boolean;
    value?: Record<string, unknown>;
  };
  if (!reply.ok || reply.value === undefined)
    throw new Error(`The worker refused to run the rules: ${JSON.stringify(reply)}`);
  return reply.value;
}

/** Sends "run now" without waiting for the answer (the worker may be stopped before it gives one). */
export async function startRulesRun(page: Page): Promise<void> {
  await page.evaluate(() => {
    chrome.runtime.sendMessage({ type: 'rules/run' }).catch(() => undefined);
  });
}

/**
 * Stops the extension's service worker at once, as Chromium does to an idle worker, through
 * the DevTools protocol of one of its pages (ServiceWorker.stopAllWorkers covers the
 * extension's storage partition). Work in flight is cut; uncommitted transactions abort.
 */
export async function stopWorker(context: BrowserContext, page: Page): Promise<void> {
  const session = await context.newCDPSession(page);
  try {
    await session.send('ServiceWorker.enable');
    await session.send('ServiceWorker.stopAllWorkers');
  } finally {
    await session.detach();
  }
}

/**
 * Starts the worker again by sending it "run now", and resolves once it has answered.
 * Playwright keeps the same Worker handle across a restart; `workerStartedAt` tells a
 * restarted worker from the old one.
 */
export async function wakeWorker(page: Page): Promise<void> {
  await runRules(page);
}

/** When the worker's global scope was created: a stopped and restarted worker has a later one. */
export async function workerStartedAt(worker: Worker): Promise<number> {
  return worker.evaluate(() => performance.timeOrigin);
}
