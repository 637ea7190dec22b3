// The popup and the dashboard as people meet them: opening each, and typing in the popup.

import type { BrowserContext, Page } from 'playwright-core';
import type { ExtensionHarness } from '../test/e2e/harness';
import { clientName } from './roster';
import { armKeyProbe, settle, timeKeystroke, timeToPaint } from './probes';

/** The popup's size in the toolbar (popup.css sets its width). */
export const POPUP_VIEWPORT = { width: 440, height: 600 };
const DASHBOARD_VIEWPORT = { width: 1280, height: 900 };
/** Row height of the popup's list (components/ClientSwitcherList.tsx). */
const POPUP_ROW_HEIGHT = 64;

/** What each page paints first: a client row when there are clients, the empty-roster text when there are none. */
export const FIRST_PAINT = {
  popupRow: '[role="option"]',
  popupEmpty: '.switcher-empty',
  dashboardRow: 'tbody tr',
  dashboardEmpty: '[data-testid="client-count"]',
} as const;

function newPage(context: BrowserContext): () => Promise<Page> {
  return () => context.newPage();
}

/** Waits until the popup holds the whole roster: its list is as tall as every client's row. */
export async function wholeRosterRead(page: Page, rosterSize: number): Promise<void> {
  if (rosterSize === 0) return settle(page);
  await page.waitForFunction(
    // The style reads back as CSS writes it (6400000px is "6.4e+06px").
    (height) =>
      Number.parseFloat(document.querySelector<HTMLElement>('.switcher-list-inner')?.style.height ?? '') === height,
    rosterSize * POPUP_ROW_HEIGHT,
    { timeout: 120_000 },
  );
  await settle(page);
}

/** Opening the popup on a roster of `rosterSize` (0: empty) until `selector` is painted. */
export async function popupOpen(harness: ExtensionHarness, selector: string, rosterSize: number): Promise<number> {
  return timeToPaint(newPage(harness.context), harness.extensionUrl('popup.html'), selector, POPUP_VIEWPORT, (page) =>
    wholeRosterRead(page, rosterSize),
  );
}

/** The dashboard's client list as the nav opens it, and sorted by when each client runs out of visitors. */
export const CLIENT_LISTS = {
  byName: '#/clients',
  runsOut: '#/clients?sort=runsOut',
} as const;

/** Opening the dashboard's client list (`route`, by default the plain list) until `selector` is painted. */
export async function dashboardOpen(
  harness: ExtensionHarness,
  selector: string,
  route: string = CLIENT_LISTS.byName,
): Promise<number> {
  return timeToPaint(
    newPage(harness.context),
    harness.extensionUrl(`options.html${route}`),
    selector,
    DASHBOARD_VIEWPORT,
    async (page) => {
      await page.getByTestId('client-count').waitFor();
      await settle(page);
    },
  );
}

/**
 * The sort the list at `route` shows in its Sort control, once its rows are painted: a sort this
 * build does not know opens as the name sort, and the bench says so beside the figure.
 */
export async function dashboardSortShown(harness: ExtensionHarness, route: string): Promise<string> {
  const page = await harness.context.newPage();
  try {
    await page.setViewportSize(DASHBOARD_VIEWPORT);
    await page.goto(harness.extensionUrl(`options.html${route}`));
    await page.locator(FIRST_PAINT.dashboardRow).first().waitFor({ timeout: 120_000 });
    return await page.locator('#clients-sort').inputValue();
  } finally {
    await page.close();
  }
}

/** What a person types to find one client, a key at a time: its whole name, in lower case. */
export function typedQuery(rosterSize: number): string {
  return clientName(rosterSize - 17).toLowerCase();
}

/**
 * Opens the popup, waits until it holds the whole roster (the list is as tall as every
 * client), then types `query` a key at a time and returns each key's time to paint.
 */
/** The page's JS heap in MB after a full garbage collection. */
export async function popupHeapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    return usedSize / 1_000_000;
  } finally {
    await cdp.detach();
  }
}

/** Types `query` into a popup just opened, timing each key; then weighs the popup's heap. */
export async function popupKeystrokes(
  harness: ExtensionHarness,
  rosterSize: number,
  query: string,
): Promise<{ keys: number[]; heapMb: number }> {
  const page = await harness.context.newPage();
  try {
    await page.setViewportSize(POPUP_VIEWPORT);
    await page.goto(harness.extensionUrl('popup.html'));
    await wholeRosterRead(page, rosterSize);
    await page.focus('#switcher-search');
    await armKeyProbe(page, '#switcher-search', 'main');
    const samples: number[] = [];
    for (const key of query) {
      // A space alone does not change the search (words are trimmed), so it is typed, not timed.
      if (key === ' ') await page.keyboard.press('Space');
      else {
        const sample = await timeKeystroke(page, key);
        if (sample !== undefined) samples.push(sample);
      }
      await settle(page);
    }
    return { keys: samples, heapMb: await popupHeapMb(page) };
  } finally {
    await page.close();
  }
}
