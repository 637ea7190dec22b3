// Shared steps of the client list and lifecycle tests: a dashboard with the sample agency
// loaded, and ways to find a client's row, its status and its ︙ menu.
import type { Locator, Page } from 'playwright-core';
import { runRules } from './background-helpers';
import type { ExtensionHarness } from './harness';

/** Sample data, by name, in the dashboard's default order (folded name, code-unit order). */
export const SAMPLE_NAMES_BY_NAME = [
  'Acme Outdoor',
  'Blue Harbor Hotels',
  'Globex Finance',
  'Helios Energy',
  'Initech Software',
  'Northwind Books',
  'さくら旅行',
  'ミドリ製薬',
];

/** Opens the dashboard, loads the sample agency and waits for its eight clients to show. */
export async function dashboardWithSample(harness: ExtensionHarness, hash = ''): Promise<Page> {
  const page = await harness.openExtensionPage(`options.html${hash}`);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByRole('button', { name: 'Load sample data' }).click();
  // Playwright's own waiting, so that this also works in beforeAll, where expect.poll cannot run.
  await page
    .getByTestId('client-count')
    .filter({ hasText: /^Clients in the roster: 8$/ })
    .waitFor();
  await page.locator('tbody tr').nth(7).waitFor();
  // The sample has warnings and a reminder due: the background's run after the load shows them
  // and logs each in the client's history. A run asked for now answers once that one is over,
  // so a test's own history lines come after them (a faster load let one come between).
  await runRules(page);
  return page;
}

export function row(page: Page, name: string): Locator {
  return page.locator('tbody tr').filter({ has: page.getByRole('link', { name, exact: true }) });
}

export async function shownNames(page: Page): Promise<string[]> {
  return page.getByTestId('client-name').allTextContents();
}

export async function statusOf(page: Page, name: string): Promise<string | null> {
  return row(page, name).getByTestId('client-status').textContent();
}

export function menuButton(page: Page, name: string): Locator {
  return page.getByRole('button', { name: `Actions for ${name}`, exact: true });
}

/** Opens a client's ︙ menu with the mouse and returns the names of its items. */
export async function openMenu(page: Page, name: string): Promise<string[]> {
  await menuButton(page, name).click();
  const menu = page.getByRole('menu', { name: `Actions for ${name}` });
  await menu.waitFor();
  return menu.getByRole('menuitem').allTextContents();
}

export async function chooseFromMenu(page: Page, name: string, item: string): Promise<void> {
  await openMenu(page, name);
  await page.getByRole('menuitem', { name: item, exact: true }).click();
}

/** The free licenses the pool bar states, as a number. */
export async function freeLicenses(page: Page): Promise<number> {
  const text = (await page.getByTestId('pool-summary').textContent()) ?? '';
  const match = /^([\d,]+) of/.exec(text);
  if (!match?.[1]) throw new Error(`unexpected pool summary: ${text}`);
  return Number(match[1].replaceAll(',', ''));
}

/** Calendar days from today (in the page's time zone) to an ISO date, as the page counts them. */
export async function daysFromToday(page: Page, isoDate: string): Promise<number> {
  return page.evaluate((date) => {
    const now = new Date();
    const today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
    const [year, month, day] = date.split('-').map(Number);
    return Math.round((Date.UTC(year!, month! - 1, day) - today) / 86_400_000);
  }, isoDate);
}
