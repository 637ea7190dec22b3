// Shared steps of the settings and backup tests: a dashboard page, files to import, downloads.
import { readFileSync } from 'node:fs';
import type { Download, Page } from 'playwright-core';
import type { ExtensionHarness } from './harness';

export const CSV_HEADER =
  'org_id,name,contact_first_name,contact_last_name,contact_email,company,industry,domain,street,city,region,postal_code,country,workspace_url,quota,used_visitors,status';

/** A CSV row in the export's column order: name, email and quota, the rest empty. */
export function csvRow(name: string, email: string, quota: number | string, orgId = ''): string {
  return `${orgId},${name},Ada,Lovelace,${email},,,,,,,,,,${quota},,`;
}

export function csvText(...rows: string[]): string {
  return `${[CSV_HEADER, ...rows].join('\r\n')}\r\n`;
}

export async function openDashboard(harness: ExtensionHarness, hash: string): Promise<Page> {
  const page = await harness.openExtensionPage(`options.html${hash}`);
  await page.setViewportSize({ width: 1280, height: 900 });
  return page;
}

/** Loads the sample agency (8 clients, a pool of 50,000) from the empty roster. */
export async function loadSample(page: Page): Promise<void> {
  await page.goto(page.url().replace(/#.*$/, '#/clients'));
  await page.getByRole('button', { name: 'Load sample data' }).click();
  await page
    .getByTestId('pool-summary')
    .filter({ hasText: /of 50,000 visitor licenses/ })
    .waitFor();
}

/** Sets the pool on the settings page and saves. */
export async function setPool(page: Page, size: number): Promise<void> {
  await page.goto(page.url().replace(/#.*$/, '#/settings'));
  await page.getByLabel('Pool size').fill(String(size));
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByTestId('settings-notice').filter({ hasText: 'The settings were saved.' }).waitFor();
}

/** Chooses a file in the import section, as the file picker would. */
export async function chooseImportFile(page: Page, name: string, content: string | Buffer): Promise<void> {
  await page.getByLabel('File to import (CSV or .json backup)').setInputFiles({
    name,
    mimeType: name.endsWith('.json') ? 'application/json' : 'text/csv',
    buffer: typeof content === 'string' ? Buffer.from(content, 'utf8') : content,
  });
}

/** Clicks a button that downloads, and returns the file's name and text. */
export async function downloadFrom(
  page: Page,
  button: string,
): Promise<{ name: string; text: string; download: Download }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button }).click(),
  ]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8'), download };
}
