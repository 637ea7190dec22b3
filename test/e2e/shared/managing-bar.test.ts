// The "currently managing" bar in each browser (E2E_BROWSER), on pages the test serves on
// 127.0.0.1: the agency saves a workspace URL template on that host, access to the host is
// granted (see LaunchDriverOptions.loopbackAccess for how each browser stands in for "Allow"),
// and a client's workspace page shows whom the agency manages; another origin shows nothing.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byCss, byLabel, byRole, byTestId, currentBrowser, type Driver, inside } from '../driver';
import { launchDriver } from '../launch-driver';
import { dashboardWithSample, orgIdOf, type RecordingServer, startWorkspaceServer } from './steps';

const BAR = inside(byCss('agency-desk-banner'), byRole('region', 'Agency Desk: the customer you are managing'));

let driver: Driver;
let workspace: RecordingServer;
let elsewhere: RecordingServer;
let acme = '';

beforeAll(async () => {
  [workspace, elsewhere] = await Promise.all([startWorkspaceServer(), startWorkspaceServer()]);
  driver = await launchDriver({ loopbackAccess: true });
});

afterAll(async () => {
  await driver?.close();
  await Promise.all([workspace?.close(), elsewhere?.close()]);
});

describe(`the managing bar (${currentBrowser()})`, () => {
  it('is set up from Settings: the template saved, access to its host granted', async () => {
    const dashboard = await dashboardWithSample(driver);
    acme = await orgIdOf(dashboard, 'Acme Outdoor');
    await dashboard.setHash('#/settings');
    await dashboard.fill(byLabel('Workspace URL template'), `${workspace.origin}/org/{orgId}/dashboard`);
    await dashboard.click(byRole('button', 'Save settings'));
    await dashboard.waitForText(byTestId('settings-notice'), 'The settings were saved.');
    await dashboard.waitForText(
      byTestId('banner-access'),
      'The managing bar will show on the workspace pages at 127.0.0.1.',
    );
    await dashboard.close();
  });

  it("shows on a page of the client's workspace: whom the agency manages, and the status", async () => {
    const page = await driver.open(`${workspace.origin}/org/${acme}/experiments/3`);
    await page.waitFor(BAR);
    expect(await page.text(inside(BAR, byCss('.text')))).toBe(
      'You are currently managing your customer Acme Outdoor (acme-outdoor.test).',
    );
    expect(await page.text(inside(BAR, byCss('.status')))).toBe('Status: Active');
    // At the top of the page, above the workspace's own content.
    expect(await page.evaluate(() => document.body.firstElementChild?.localName, undefined)).toBe('agency-desk-banner');
    await page.click(byRole('button', 'Close this bar on this page'));
    await page.waitForGone(byCss('agency-desk-banner'));
    await page.close();
  });

  it('does not show on another origin', async () => {
    const other = await driver.open(`${elsewhere.origin}/org/${acme}/dashboard`);
    // A matching page opened after it shows its bar: by then the other has had its answer.
    const matching = await driver.open(`${workspace.origin}/org/${acme}/dashboard`);
    await matching.waitFor(BAR);
    expect(await other.count(byCss('agency-desk-banner'))).toBe(0);
    expect(await driver.errors()).toEqual([]);
    await Promise.all([other.close(), matching.close()]);
  });
});
