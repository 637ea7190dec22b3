// Import of a 10,000-row CSV through the dashboard's Backup view, as a person does it:
// choose the file, wait for the preview, press Import, wait for the result.

import type { Page } from 'playwright-core';
import type { ExtensionHarness } from '../test/e2e/harness';
import { readStores, type Tables, writeStores } from './idb';

export const IMPORT_ROWS = 10_000;
/** Every imported client's name starts so, which lets the bench find and remove them afterwards. */
const NAME_PREFIX = 'Imported Client';

const HEADER =
  'org_id,name,contact_first_name,contact_last_name,contact_email,company,industry,domain,street,city,region,postal_code,country,workspace_url,quota,used_visitors,status';

/** A CSV as the export writes it (byte order mark, CRLF), of new clients without Org IDs. */
export function importCsv(rows = IMPORT_ROWS): string {
  const lines = Array.from({ length: rows }, (_, index) => {
    const id = String(index).padStart(5, '0');
    return `,${NAME_PREFIX} ${id},Ada,Lovelace,ada${index}@imported${index}.example,Imported Holdings ${index % 200},retail,imported${index}.example,1 Main Street,Springfield,,12345,US,,50,${index % 40},`;
  });
  return `\ufeff${[HEADER, ...lines].join('\r\n')}\r\n`;
}

export interface ImportTiming {
  /** From the file chosen to the preview painted: reading, checking and planning every row. */
  checkMs: number;
  /** From the Import click to the result painted: writing every row in one transaction. */
  writeMs: number;
}

type ImportWindow = Window & { __benchImport?: Record<string, number> };

/** Records, in the page, when the file is chosen, the preview shows, Import is clicked and the result shows. */
async function armImportProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const marks: Record<string, number> = {};
    (window as ImportWindow).__benchImport = marks;
    const afterPaint = (name: string) =>
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => (marks[name] = performance.now());
        channel.port2.postMessage(null);
      });
    document.addEventListener(
      'change',
      (event) => {
        if ((event.target as Element).id === 'import-file') marks.chosen = event.timeStamp;
      },
      { capture: true },
    );
    document.addEventListener(
      'click',
      (event) => {
        if ((event.target as Element).closest('[data-testid="import-preview"] button')) marks.clicked = event.timeStamp;
      },
      { capture: true },
    );
    new MutationObserver(() => {
      if (
        marks.chosen !== undefined &&
        marks.previewSeen === undefined &&
        document.querySelector('[data-testid="import-summary"]')
      ) {
        marks.previewSeen = performance.now();
        afterPaint('preview');
      }
      if (
        marks.clicked !== undefined &&
        marks.resultSeen === undefined &&
        document.querySelector('[data-testid="import-result"]')
      ) {
        marks.resultSeen = performance.now();
        afterPaint('result');
      }
    }).observe(document.body, { childList: true, subtree: true });
  });
}

async function waitForMark(page: Page, name: string): Promise<number> {
  const handle = await page.waitForFunction((mark) => (window as ImportWindow).__benchImport?.[mark], name, {
    timeout: 120_000,
  });
  return (await handle.jsonValue()) as number;
}

/** Imports `csv` once through the Backup view and returns how long each half took. */
export async function timeImport(harness: ExtensionHarness, csv: string): Promise<ImportTiming> {
  const page = await harness.context.newPage();
  try {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(harness.extensionUrl('options.html#/backup'));
    const input = page.getByLabel('File to import (CSV or .json backup)');
    await input.waitFor();
    await armImportProbe(page);
    await input.setInputFiles({ name: 'clients.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    const chosen = await waitForMark(page, 'chosen');
    const preview = await waitForMark(page, 'preview');
    const summary = (await page.getByTestId('import-summary').textContent()) ?? '';
    if (!summary.includes(`New clients: ${IMPORT_ROWS.toLocaleString('en-US')}`))
      throw new Error(`Unexpected import preview: ${summary}`);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const clicked = await waitForMark(page, 'clicked');
    const result = await waitForMark(page, 'result');
    const text = (await page.getByTestId('import-result').textContent()) ?? '';
    if (!text.startsWith('Import finished')) throw new Error(`Unexpected import result: ${text}`);
    return { checkMs: preview - chosen, writeMs: result - clicked };
  } finally {
    await page.close();
  }
}

function importedRange(): { lower: string; upper: string } {
  const lower = NAME_PREFIX.toLowerCase();
  return { lower, upper: `${lower}\uffff` };
}

/**
 * What one import wrote, read back after it: the imported clients (found by name) with their
 * derived fields, the history lines logged since `since`, and the pool. The floor puts exactly these.
 */
export async function importWrites(page: Page, since: number): Promise<Tables> {
  return readStores(page, [
    { store: 'clients', index: 'nameKey', ...importedRange() },
    { store: 'activity', index: 'at', lower: since, upper: Number.MAX_SAFE_INTEGER },
    { store: 'meta', keys: ['pool'] },
  ]);
}

/**
 * Removes the imported clients (found by name) and the history logged since `since`, and puts
 * the pool back, so the next import starts from the same roster.
 */
export async function removeImported(page: Page, allocated: number, since: number): Promise<void> {
  await writeStores(page, { meta: [{ key: 'pool', value: { allocated } }] }, [
    { store: 'clients', index: 'nameKey', ...importedRange() },
    { store: 'activity', index: 'at', lower: since, upper: Number.MAX_SAFE_INTEGER },
  ]);
}
