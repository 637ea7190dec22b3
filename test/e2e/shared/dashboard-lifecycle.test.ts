// A client's whole life in the dashboard, in each browser (E2E_BROWSER): created with the form,
// edited in its overview, marked inactive, reactivated with its old quota, and deleted.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byCss, byLabel, byRole, byTestId, currentBrowser, type Driver, type DriverPage, inside } from '../driver';
import { launchDriver } from '../launch-driver';
import { dashboardWithSample, eventually } from './steps';

const ORG_ID = /ORG-[0-9A-HJKMNP-TV-Z]{8}/;
const row = (name: string) => byCss('tbody tr', name);
const dialog = byRole('dialog');

let driver: Driver;
let page: DriverPage;

beforeAll(async () => {
  driver = await launchDriver();
  page = await dashboardWithSample(driver);
});

afterAll(async () => {
  await driver?.close();
});

async function chooseFromMenu(name: string, item: string) {
  await page.click(byRole('button', `Actions for ${name}`));
  await page.click(inside(byRole('menu', `Actions for ${name}`), byRole('menuitem', item)));
  await page.waitFor(dialog);
}

describe(`a client's life in the dashboard (${currentBrowser()})`, () => {
  let orgId = '';

  it('creates a client with the form, with a new Org ID, and lists it', async () => {
    await page.click(byRole('link', 'Create New Client'));
    await page.waitFor(byRole('heading', 'New client'));
    await page.fill(byLabel('Client name (required)'), 'Kestrel Labs');
    await page.fill(byLabel('First name (required)'), 'Aiko');
    await page.fill(byLabel('Last name (required)'), 'Tanaka');
    await page.fill(byLabel('Contact email (required)'), 'aiko@kestrel.test');
    await page.fill(byLabel('Visitor licenses (required)'), '1,200');
    await page.click(byRole('button', 'Save'));

    await page.waitForText(byTestId('created-notice'), /^Client created\. Org ID: ORG-/);
    orgId = (await page.text(byTestId('created-notice'))).match(ORG_ID)?.[0] ?? '';
    expect(orgId).toMatch(ORG_ID);
    expect(await page.evaluate(() => location.hash, undefined)).toBe(`#/clients/${orgId}`);
    expect(await page.text(byCss('#overview-heading'))).toBe('Kestrel Labs');
    expect(await page.text(byTestId('quota-total'))).toBe('1,200');
  });

  it('edits its contact details in the overview and keeps them', async () => {
    await page.fill(byLabel('First name (required)'), 'Keiko');
    await page.fill(byLabel('Industry'), 'Consulting');
    await page.click(inside(byCss('[aria-labelledby="contact-heading"]'), byRole('button', 'Save')));
    await page.waitForText(byTestId('form-status'), 'Contact details saved.');

    await page.reload();
    await page.waitForText(byCss('#overview-heading'), 'Kestrel Labs');
    expect(await page.value(byLabel('First name (required)'))).toBe('Keiko');
    expect(await page.value(byLabel('Industry'))).toBe('Consulting');

    await page.click(byRole('link', 'Back to Manage Clients'));
    await page.waitFor(row('Kestrel Labs'));
    expect(await page.text(row('Kestrel Labs'))).toContain(orgId);
    await page.waitForText(byTestId('client-count'), 'Clients in the roster: 9');
  });

  it('marks it inactive after saying what will happen', async () => {
    await chooseFromMenu('Kestrel Labs', 'Mark as Inactive');
    expect(await page.text(inside(dialog, byRole('heading')))).toBe('Mark Kestrel Labs as inactive?');
    expect(await page.text(byTestId('inactivate-licenses'))).toBe('Unused licenses that return to the pool: 1,200.');
    await page.click(inside(dialog, byRole('button', 'Mark as Inactive')));
    await page.waitForText(inside(row('Kestrel Labs'), byTestId('client-status')), /^Inactive · \d+ days left$/);
    await page.waitForGone(dialog);
    expect(await page.text(byTestId('notice'))).toMatch(/^Kestrel Labs is now inactive\. Its data is kept until /);
  });

  it('reactivates it with its old quota', async () => {
    await chooseFromMenu('Kestrel Labs', 'Reactivate');
    expect(await page.text(inside(dialog, byRole('heading')))).toBe('Reactivate Kestrel Labs');
    await eventually(() => page.value(inside(dialog, byLabel(/^Visitor licenses/)))).toBe('1200');
    await page.click(inside(dialog, byRole('button', 'Reactivate')));
    await page.waitForText(inside(row('Kestrel Labs'), byTestId('client-status')), 'Active');
    expect(await page.text(byTestId('notice'))).toBe('Kestrel Labs is active again with a quota of 1,200 visitors.');
  });

  it('deletes it once its name is typed, and the roster is back to the sample', async () => {
    await chooseFromMenu('Kestrel Labs', 'Delete');
    expect(await page.text(inside(dialog, byRole('heading')))).toBe('Delete Kestrel Labs permanently?');
    const confirm = inside(dialog, byRole('button', 'Delete permanently'));
    expect(await page.isDisabled(confirm)).toBe(true);
    await page.fill(inside(dialog, byLabel("To confirm, type the client's name: Kestrel Labs")), 'Kestrel Labs');
    await page.click(confirm);
    await page.waitForGone(row('Kestrel Labs'));
    expect(await page.text(byTestId('notice'))).toBe('Kestrel Labs was deleted permanently.');
    await page.waitForText(byTestId('client-count'), 'Clients in the roster: 8');
    expect(await driver.errors()).toEqual([]);
  });
});
