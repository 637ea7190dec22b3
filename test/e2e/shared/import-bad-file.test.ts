// Importing a CSV with mistakes in a browser set to Japanese, in each browser (E2E_BROWSER): every
// problem is listed in Japanese with its line and column, Import stays unavailable, and the
// roster is left exactly as it was.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStores, runRules } from '../background-helpers';
import { csvRow, csvText } from '../dashboard-backup-helpers';
import { byLabel, byRole, byTestId, currentBrowser, type Driver, type DriverPage } from '../driver';
import { launchDriver } from '../launch-driver';

let driver: Driver;
let page: DriverPage;

beforeAll(async () => {
  driver = await launchDriver({ locale: 'ja' });
  page = await driver.open('options.html');
  await page.setViewport(1280, 900);
  await page.click(byRole('button', 'サンプルデータを読み込む'));
  await page.waitForText(byTestId('client-count'), '登録クライアント数：8');
  // The sample data has an inactive client whose 30-day reminder is due: the background's run
  // after the load sends it and logs it. A run asked for now answers once that one is over, so
  // the roster the test compares against is not still changing (a CI run logged the reminder
  // between the two reads).
  await runRules(page);
});

afterAll(async () => {
  await driver?.close();
});

/** The problems table, cell by cell. */
const problemRows = (target: DriverPage) =>
  target.evaluate(
    () =>
      Array.from(document.querySelectorAll('[data-testid="import-problems"] tbody tr')).map((tr) =>
        Array.from(tr.querySelectorAll('td')).map((td) => (td.textContent ?? '').trim()),
      ),
    undefined,
  );

describe(`import of a file with mistakes, in Japanese (${currentBrowser()})`, () => {
  it('lists every problem in Japanese and changes nothing', async () => {
    const before = await readStores(page, ['clients', 'meta', 'activity']);
    await page.setHash('#/backup');
    await page.setFile(byLabel('インポートするファイル（CSV または .json バックアップ）'), {
      name: 'clients.csv',
      mimeType: 'text/csv',
      content: csvText(
        csvRow('Kobe Bakery', 'hello@kobe-bakery.test', 100),
        csvRow('', 'nobody@example.test', 50),
        csvRow('Osaka Print', 'not-an-email', 'lots'),
        csvRow('Nara Deer Tours', 'info@nara.test', 100, 'ORG-BAD'),
      ),
    });
    await page.waitForText(byTestId('import-summary'), /問題のある行：3/);
    expect(await problemRows(page)).toEqual([
      ['3 行目', 'name', 'クライアント名を入力してください。'],
      ['4 行目', 'contact_email', '連絡先メールアドレスはメールアドレス（例：name@example.com）で入力してください。'],
      ['4 行目', 'quota', '訪問者ライセンス数は整数で入力してください。'],
      ['5 行目', 'org_id', 'Org IDは ORG-7K2M9QXD のような形式で入力してください。'],
    ]);
    expect(await page.isDisabled(byRole('button', 'インポート'))).toBe(true);
    expect(await readStores(page, ['clients', 'meta', 'activity'])).toEqual(before);
    expect(await driver.errors()).toEqual([]);
  });
});
