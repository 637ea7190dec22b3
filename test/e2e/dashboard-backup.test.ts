// Backup and import in a real Chromium: downloads of the roster as JSON and CSV, an import
// that lists every bad row before anything is written, a restore into a new browser profile,
// and files that are not what they claim.
import type { FileChooser } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { axeViolations } from './axe';
import {
  chooseImportFile,
  csvRow,
  csvText,
  downloadFrom,
  loadSample,
  openDashboard,
  setPool,
} from './dashboard-backup-helpers';
import { launchExtension, type ExtensionHarness } from './harness';

let harness: ExtensionHarness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const DATED = /\d{4}-\d{2}-\d{2}/;

describe('backup and import', () => {
  it('downloads the roster as a versioned JSON backup and the clients as CSV', async () => {
    harness = await launchExtension();
    const page = await openDashboard(harness, '#/clients');
    await loadSample(page);
    await page.goto(page.url().replace(/#.*$/, '#/backup'));

    const json = await downloadFrom(page, 'Download backup (JSON)');
    expect(json.name).toMatch(new RegExp(`^agency-desk-backup-${DATED.source}\\.json$`));
    const backup = JSON.parse(json.text);
    expect(backup).toMatchObject({ format: 'agency-desk-backup', version: 1, settings: { poolSize: 50_000 } });
    expect(backup.clients).toHaveLength(8);
    expect(backup.experiments.length).toBeGreaterThan(0);
    // No sample client was ever deleted, so no Org ID is retired yet; the clients carry their own.
    expect(backup.issuedOrgIds).toEqual([]);
    await expect
      .poll(() => page.getByTestId('export-notice').textContent())
      .toBe(`The file ${json.name} was downloaded.`);

    const csv = await downloadFrom(page, 'Download clients (CSV)');
    expect(csv.name).toMatch(new RegExp(`^agency-desk-clients-${DATED.source}\\.csv$`));
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe(
      'org_id,name,contact_first_name,contact_last_name,contact_email,company,industry,domain,street,city,region,postal_code,country,workspace_url,quota,used_visitors,status',
    );
    expect(lines).toHaveLength(9);
    expect(csv.text).toContain('さくら旅行');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('lists every bad row of a CSV with its line, field and reason, then imports the fixed file', async () => {
    harness = await launchExtension();
    const page = await openDashboard(harness, '#/settings');
    // Listening from the start: Playwright turns on its interception of file pickers only when a
    // listener is added, without waiting, so a picker opened at once can slip past it (a CI run
    // under load timed out waiting for one opened by the Space below).
    const chooserOpened = new Promise<FileChooser>((resolve) => page.once('filechooser', resolve));
    await setPool(page, 1000);
    await page.goto(page.url().replace(/#.*$/, '#/backup'));

    const bad = csvText(
      csvRow('Kobe Bakery', 'hello@kobe-bakery.test', 100),
      csvRow('', 'nobody@example.test', 50),
      csvRow('Osaka Print', 'not-an-email', 'lots'),
      csvRow('Nara Deer Tours', 'info@nara.test', 100, 'ORG-BAD'),
    );
    // From the keyboard: Tab to the file picker and open it with Space, once the panel is drawn
    // and the picker can be used (Tabs pressed before would pass a page still being drawn).
    await expect.poll(() => page.locator('#import-file').isEnabled()).toBe(true);
    await page.locator('body').focus();
    for (
      let step = 0;
      step < 40 && (await page.evaluate(() => document.activeElement?.id)) !== 'import-file';
      step += 1
    )
      await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('import-file');
    await page.keyboard.press('Space');
    const chooser = await chooserOpened;
    await chooser.setFiles({ name: 'clients.csv', mimeType: 'text/csv', buffer: Buffer.from(bad, 'utf8') });
    const preview = page.getByTestId('import-preview');
    await preview.waitFor();
    const previewHeading = page.getByRole('heading', { name: 'Preview of clients.csv' });
    // The preview takes the focus once it is drawn, which may be a frame after it appears.
    await expect.poll(() => previewHeading.evaluate((node) => node === document.activeElement)).toBe(true);
    expect(await page.getByTestId('import-summary').textContent()).toContain('Rows with problems: 3');
    const rows = await page
      .getByTestId('import-problems')
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    expect(rows).toEqual([
      ['Line 3', 'name', 'Client name is required.'],
      ['Line 4', 'contact_email', 'Contact email must be an email address, such as name@example.com.'],
      ['Line 4', 'quota', 'Visitor licenses must be a whole number.'],
      ['Line 5', 'org_id', 'Org ID must look like ORG-7K2M9QXD.'],
    ]);
    expect(await page.getByRole('button', { name: 'Import', exact: true }).isDisabled()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    const problems = await downloadFrom(page, 'Download the list of problems (CSV)');
    expect(problems.name).toBe('clients-problems.csv');
    expect(problems.text).toContain('Line 4,contact_email,');

    const fixed = csvText(
      csvRow('Kobe Bakery', 'hello@kobe-bakery.test', 100),
      csvRow('Sapporo Snow', 'nobody@example.test', 50),
      csvRow('Osaka Print', 'sales@osaka-print.test', 75),
      csvRow('Nara Deer Tours', 'info@nara.test', 100, 'ORG-7K2M9QXD'),
    );
    await chooseImportFile(page, 'clients.csv', fixed);
    await expect.poll(() => page.getByTestId('import-summary').textContent()).toContain('New clients: 4');
    expect(await page.getByTestId('import-problems').count()).toBe(0);
    expect(await preview.textContent()).toContain(
      'After the import, clients will hold 325 of the 1,000 licenses in the pool.',
    );
    // The preview has the focus; the next Tab reaches Import, and Enter runs it.
    await expect.poll(() => previewHeading.evaluate((node) => node === document.activeElement)).toBe(true);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Import');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByTestId('import-result').textContent())
      .toBe('Import finished: 4 clients created, 0 updated and 0 skipped.');
    await expect.poll(() => page.getByTestId('pool-summary').textContent()).toMatch(/^675 of 1,000/);

    await page.goto(page.url().replace(/#.*$/, '#/clients'));
    for (const name of ['Kobe Bakery', 'Sapporo Snow', 'Osaka Print', 'Nara Deer Tours'])
      await expect.poll(() => page.getByText(name, { exact: true }).count()).toBeGreaterThan(0);

    // The same file again: its one Org ID is now in the roster, and is skipped or updated as chosen.
    await page.goto(page.url().replace(/#.*$/, '#/backup'));
    await chooseImportFile(
      page,
      'clients.csv',
      csvText(csvRow('Nara Deer Park Tours', 'info@nara.test', 120, 'ORG-7K2M9QXD')),
    );
    await expect.poll(() => page.getByTestId('import-summary').textContent()).toContain('Clients to skip: 1');
    // The new preview takes the focus a frame after it is drawn; only then move it to the choice.
    await expect.poll(() => previewHeading.evaluate((node) => node === document.activeElement)).toBe(true);
    await page.getByLabel('Skip them and keep the data in the roster').focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.getByLabel('Update them with the data in the file').isChecked()).toBe(true);
    await expect.poll(() => page.getByTestId('import-summary').textContent()).toContain('Clients to update: 1');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect
      .poll(() => page.getByTestId('import-result').textContent())
      .toBe('Import finished: 0 clients created, 1 updated and 0 skipped.');
    expect(harness.problems(page).pageErrors).toEqual([]);
  });

  it('restores a JSON backup into a new browser profile, settings included', async () => {
    harness = await launchExtension();
    const source = await openDashboard(harness, '#/clients');
    await loadSample(source);
    await source.goto(source.url().replace(/#.*$/, '#/backup'));
    const backup = await downloadFrom(source, 'Download backup (JSON)');
    await harness.close();

    harness = await launchExtension();
    const page = await openDashboard(harness, '#/backup');
    await chooseImportFile(page, backup.name, backup.text);
    await expect.poll(() => page.getByTestId('import-summary').textContent()).toContain('New clients: 8');
    // An empty roster restores the backup's settings unless told not to.
    expect(await page.getByLabel(/Also restore the agency settings/).isChecked()).toBe(true);
    expect(await page.getByTestId('import-preview').textContent()).toContain(
      'The agency settings will be replaced by those of the backup.',
    );
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect
      .poll(() => page.getByTestId('import-result').textContent())
      .toBe('Import finished: 8 clients created, 0 updated and 0 skipped.');
    await expect.poll(() => page.locator('.dashboard-header .muted').textContent()).toBe('Northwind Digital');
    await expect.poll(() => page.getByTestId('pool-summary').textContent()).toMatch(/of 50,000 visitor licenses/);

    // Restoring the same backup again, with existing clients skipped, writes nothing new.
    await chooseImportFile(page, backup.name, backup.text);
    await expect.poll(() => page.getByTestId('import-summary').textContent()).toContain('Clients to skip: 8');
    expect(await page.getByLabel(/Also restore the agency settings/).isChecked()).toBe(false);
  });

  it('reads back its own clients CSV, inactive clients included: into a new profile, and into the same roster with Update', async () => {
    harness = await launchExtension();
    const source = await openDashboard(harness, '#/clients');
    await loadSample(source);
    await source.goto(source.url().replace(/#.*$/, '#/backup'));
    const exported = await downloadFrom(source, 'Download clients (CSV)');
    const rows = exported.text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n')
      .slice(1);
    // The sample agency has inactive clients; without usage they hold no licenses.
    expect(rows.filter((row) => row.endsWith(',0,0,inactive'))).toHaveLength(2);
    const pool = await source.getByTestId('pool-summary').textContent();

    await chooseImportFile(source, exported.name, exported.text);
    await expect.poll(() => source.getByTestId('import-summary').textContent()).toContain('Clients to skip: 8');
    await source.getByLabel('Update them with the data in the file').check();
    await expect.poll(() => source.getByTestId('import-summary').textContent()).toContain('Clients to update: 8');
    expect(await source.getByTestId('import-problems').count()).toBe(0);
    await source.getByRole('button', { name: 'Import', exact: true }).click();
    await expect
      .poll(() => source.getByTestId('import-result').textContent())
      .toBe('Import finished: 0 clients created, 8 updated and 0 skipped.');
    expect((await downloadFrom(source, 'Download clients (CSV)')).text).toBe(exported.text);
    expect(await source.getByTestId('pool-summary').textContent()).toBe(pool);
    await harness.close();

    harness = await launchExtension();
    const page = await openDashboard(harness, '#/settings');
    await setPool(page, 50_000);
    await page.goto(page.url().replace(/#.*$/, '#/backup'));
    await chooseImportFile(page, exported.name, exported.text);
    await expect.poll(() => page.getByTestId('import-summary').textContent()).toContain('New clients: 8');
    expect(await page.getByTestId('import-problems').count()).toBe(0);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect
      .poll(() => page.getByTestId('import-result').textContent())
      .toBe('Import finished: 8 clients created, 0 updated and 0 skipped.');
    expect((await downloadFrom(page, 'Download clients (CSV)')).text).toBe(exported.text);
    await expect.poll(() => page.getByTestId('pool-summary').textContent()).toBe(pool);
    // Inactive as in the file, with their data kept for the grace period.
    await page.goto(page.url().replace(/#.*$/, '#/clients?status=inactive'));
    for (const name of ['Northwind Books', 'Helios Energy'])
      await expect.poll(() => page.getByText(name, { exact: true }).count()).toBeGreaterThan(0);
    expect(harness.problems(page).pageErrors).toEqual([]);
  });

  it('imports 10,000 rows with a progress bar', async () => {
    harness = await launchExtension();
    const page = await openDashboard(harness, '#/settings');
    await setPool(page, 1_000_000);
    await page.goto(page.url().replace(/#.*$/, '#/backup'));

    const rows = Array.from({ length: 10_000 }, (_, index) =>
      csvRow(`Client ${String(index).padStart(5, '0')}`, `c${index}@example.test`, 10),
    );
    await chooseImportFile(page, 'ten-thousand.csv', csvText(...rows));
    await expect
      .poll(() => page.getByTestId('import-summary').textContent(), { timeout: 30_000 })
      .toContain('New clients: 10,000');

    // Record every state of the progress bar, however fast the import runs.
    await page.evaluate(() => {
      const seen: { value: number; max: number }[] = [];
      (window as unknown as { progressSeen: typeof seen }).progressSeen = seen;
      new MutationObserver(() => {
        const bar = document.querySelector<HTMLProgressElement>('progress#import-progress');
        if (bar) seen.push({ value: bar.value, max: bar.max });
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect
      .poll(() => page.getByTestId('import-result').textContent(), { timeout: 30_000 })
      .toBe('Import finished: 10,000 clients created, 0 updated and 0 skipped.');
    const seen = await page.evaluate(
      () => (window as unknown as { progressSeen: { value: number; max: number }[] }).progressSeen,
    );
    expect(seen.some(({ value, max }) => max > 1 && value > 0 && value < max)).toBe(true);
    await expect
      .poll(() => page.getByTestId('import-result').evaluate((node) => node === document.activeElement))
      .toBe(true);
    await expect.poll(() => page.getByTestId('pool-summary').textContent()).toMatch(/100,000 are allocated/);
  });

  it('explains files that are not what they claim', async () => {
    harness = await launchExtension();
    const page = await openDashboard(harness, '#/backup');
    const cases: [string, string | Buffer, string][] = [
      ['clients.csv', Buffer.from([0x8e, 0x52, 0x93, 0x63, 0x2c, 0x0a]), 'This file is not in UTF-8'],
      ['package.json', '{"name":"left-pad","version":"1.3.0"}', 'This JSON file is not an Agency Desk backup.'],
      [
        'agency-desk-backup.json',
        '{"format":"agency-desk-backup","version":1,"clients":[{"orgId"',
        'This file is incomplete or damaged',
      ],
      ['empty.csv', '', 'This file is empty'],
      [
        'contacts.csv',
        'name,email\nAda,ada@example.test\n',
        'The file lacks these required columns: contact_first_name, contact_last_name, contact_email, quota.',
      ],
    ];
    for (const [name, content, message] of cases) {
      await chooseImportFile(page, name, content);
      await expect.poll(() => page.getByTestId('import-error').textContent()).toContain(message);
      expect(await page.getByTestId('import-preview').count()).toBe(0);
    }
    expect(await axeViolations(page)).toEqual([]);
  });

  it('reads a renamed file by what it holds: a CSV named .json, and a backup named .csv', async () => {
    harness = await launchExtension();
    const source = await openDashboard(harness, '#/clients');
    await loadSample(source);
    await source.goto(source.url().replace(/#.*$/, '#/backup'));
    const backup = await downloadFrom(source, 'Download backup (JSON)');
    await harness.close();

    harness = await launchExtension();
    const page = await openDashboard(harness, '#/settings');
    await setPool(page, 1000);
    await page.goto(page.url().replace(/#.*$/, '#/backup'));
    await chooseImportFile(page, 'clients.json', csvText(csvRow('Kobe Bakery', 'hello@kobe-bakery.test', 100)));
    await expect.poll(() => page.getByTestId('import-summary').textContent()).toContain('New clients: 1');
    expect(await page.getByTestId('import-error').count()).toBe(0);
    await chooseImportFile(page, 'backup.csv', backup.text);
    await expect.poll(() => page.getByTestId('import-summary').textContent()).toContain('New clients: 8');
    expect(await page.getByTestId('import-preview').textContent()).toContain('The backup also holds');
  });
});
