// The client switcher (the toolbar popup, opened as a page) in each browser (E2E_BROWSER): a few
// letters find the client, Enter opens its workspace in a new tab, and that client comes first
// the next time.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byCss, byRole, currentBrowser, type Driver, type DriverPage, inside } from '../driver';
import { launchDriver } from '../launch-driver';
import { dashboardWithSample, orgIdOf, patchSettings, type RecordingServer, startWorkspaceServer } from './steps';

const search = byRole('combobox', 'Find a client');
const names = inside(byRole('option'), byCss('.switcher-row-name'));
const selectedName = inside(byCss('[role="option"][aria-selected="true"]'), byCss('.switcher-row-name'));

let driver: Driver;
let workspace: RecordingServer;
let globex = '';

beforeAll(async () => {
  workspace = await startWorkspaceServer();
  driver = await launchDriver();
  const dashboard = await dashboardWithSample(driver);
  // The workspaces live on the test's server, so that a tab opened there loads a page.
  await patchSettings(dashboard, { workspaceUrlTemplate: `${workspace.origin}/orgs/{orgId}` });
  globex = await orgIdOf(dashboard, 'Globex Finance');
  await dashboard.close();
});

afterAll(async () => {
  await driver?.close();
  await workspace?.close();
});

async function openPopup(): Promise<DriverPage> {
  const page = await driver.open('popup.html');
  await page.setViewport(440, 600);
  await page.waitFor(byRole('option'), { count: 8 });
  return page;
}

describe(`toolbar popup: client switcher (${currentBrowser()})`, () => {
  it('finds a client from a few letters and opens its workspace in a new tab on Enter', async () => {
    const popup = await openPopup();
    expect(await popup.isFocused(search)).toBe(true);
    await popup.type(search, 'glob');
    await popup.waitFor(byRole('option'));
    expect(await popup.texts(names)).toEqual(['Globex Finance']);
    expect(await popup.text(selectedName)).toBe('Globex Finance');

    await popup.press('Enter');
    const address = `${workspace.origin}/orgs/${globex}`;
    const tab = await driver.waitForTab((url) => url === address, address);
    expect(await tab.text(byRole('heading'))).toBe(`Workspace /orgs/${globex}`);
    expect(workspace.paths).toContain(`/orgs/${globex}`);
    // A new tab: the popup's own page stays where it was.
    expect(await popup.url()).toBe(driver.extensionUrl('popup.html'));
    await tab.close();
    await popup.close();
  });

  it('lists the client opened last first', async () => {
    const popup = await openPopup();
    expect((await popup.texts(names))[0]).toBe('Globex Finance');
    expect(await driver.errors()).toEqual([]);
    await popup.close();
  });
});
