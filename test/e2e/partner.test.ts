// Partner rules in a real Chromium: the "currently managing" bar on pages served on 127.0.0.1
// that match the workspace URL template (and not on another origin), the bar registered only
// once host access is granted, and a partner-admin limit refused in the dashboard.
//
// Granting host access: chrome.permissions.request opens a prompt that headless Chromium
// cannot answer (Playwright has no API for extension prompts; see microsoft/playwright#32755),
// and chrome://extensions' developerPrivate.addHostPermission only grants hosts the manifest
// requires. So the tests that need access load a copy of the build whose manifest already holds
// http://127.0.0.1/* in host_permissions: it stands in for the user's "Allow". Everything after
// the grant (registration, the bar, the lookup) is the build's own code. A second browser runs
// the build as shipped and checks that without the grant the bar is not registered at all.

import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe';
import { chooseImportFile, downloadFrom } from './dashboard-backup-helpers';
import { dashboardWithSample } from './dashboard-list-helpers';
import { DEFAULT_EXTENSION_DIR, launchExtension, type ExtensionHarness } from './harness';

// The extension APIs these tests call from the extension's own pages and worker.
declare const chrome: {
  runtime: {
    sendMessage(message: unknown): Promise<unknown>;
    getManifest(): Record<string, unknown> & {
      content_scripts?: unknown[];
      host_permissions?: string[];
      optional_host_permissions?: string[];
    };
  };
  scripting: { getRegisteredContentScripts(): Promise<{ id: string; matches?: string[] }[]> };
};

const BUILD_DIR = resolve(process.env.E2E_EXTENSION_DIR || DEFAULT_EXTENSION_DIR);
const BANNER = 'agency-desk-banner';

/** A stand-in for the SaaS: every path is a page with a heading. */
function startWorkspaceServer(): Promise<Server> {
  const server = createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(
      `<!doctype html><html lang="en"><head><title>Workspace</title></head><body><main><h1>Workspace ${request.url ?? ''}</h1></main></body></html>`,
    );
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done(server)));
}

const portOf = (server: Server) => (server.address() as AddressInfo).port;

/** A copy of the build whose manifest grants http://127.0.0.1/* at install (see the top). */
function buildWithLoopbackAccess(): string {
  const dir = mkdtempSync(join(tmpdir(), 'agency-desk-partner-'));
  cpSync(BUILD_DIR, dir, { recursive: true });
  const manifestPath = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { host_permissions?: string[] };
  manifest.host_permissions = [...(manifest.host_permissions ?? []), 'http://127.0.0.1/*'];
  writeFileSync(manifestPath, JSON.stringify(manifest));
  return dir;
}

/**
 * Loads the sample agency and sets the workspace URL template the way the agency does: typed
 * into Settings and saved. Save asks the browser for access to the template's host (granted
 * beforehand in the loopback build; a prompt nobody answers in the other) and must not wait
 * for the answer to say the settings were saved.
 */
async function sampleAgencyWithTemplate(harness: ExtensionHarness, template: string): Promise<Page> {
  const dashboard = await dashboardWithSample(harness);
  await dashboard.evaluate(() => {
    location.hash = '#/settings';
  });
  await dashboard.getByLabel('Workspace URL template').fill(template);
  await dashboard.getByRole('button', { name: 'Save settings' }).click();
  await dashboard.getByTestId('settings-notice').filter({ hasText: 'The settings were saved.' }).waitFor();
  return dashboard;
}

/** What the Settings page sends after saving the template: bring the bar's registration in step. */
async function syncBanner(page: Page): Promise<unknown> {
  const reply = (await page.evaluate(() => chrome.runtime.sendMessage({ type: 'banner/sync' }))) as {
    ok: boolean;
    value?: unknown;
  };
  if (!reply.ok) throw new Error(`The worker refused to sync the bar: ${JSON.stringify(reply)}`);
  return reply.value;
}

async function orgIdOf(page: Page, name: string): Promise<string> {
  return page.evaluate(async (wanted) => {
    const database = await new Promise<IDBDatabase>((done, fail) => {
      const request = indexedDB.open('agency-desk');
      request.onsuccess = () => done(request.result);
      request.onerror = () => fail(request.error);
    });
    const clients = await new Promise<{ orgId: string; name: string }[]>((done, fail) => {
      const request = database.transaction('clients').objectStore('clients').getAll();
      request.onsuccess = () => done(request.result);
      request.onerror = () => fail(request.error);
    });
    database.close();
    const found = clients.find((client) => client.name === wanted);
    if (!found) throw new Error(`no client named ${wanted}`);
    return found.orgId;
  }, name);
}

let workspace: Server;
let elsewhere: Server;

beforeAll(async () => {
  workspace = await startWorkspaceServer();
  elsewhere = await startWorkspaceServer();
});

afterAll(async () => {
  await Promise.all([workspace, elsewhere].map((server) => new Promise((done) => server?.close(done))));
});

describe('the managing bar, with host access granted for 127.0.0.1', () => {
  let harness: ExtensionHarness;
  let buildDir: string;
  let dashboard: Page;
  let acme: string;
  let template: string;

  beforeAll(async () => {
    buildDir = buildWithLoopbackAccess();
    harness = await launchExtension({ extensionDir: buildDir });
    template = `http://127.0.0.1:${portOf(workspace)}/org/{orgId}/dashboard`;
    dashboard = await sampleAgencyWithTemplate(harness, template);
    acme = await orgIdOf(dashboard, 'Acme Outdoor');
  });

  afterAll(async () => {
    await harness?.close();
    if (buildDir) rmSync(buildDir, { recursive: true, force: true });
  });

  it('is registered for the template host once the template is saved, and Settings says where the bar shows', async () => {
    await expect
      .poll(() => dashboard.getByTestId('banner-access').textContent())
      .toBe('The managing bar will show on the workspace pages at 127.0.0.1.');
    expect(await axeViolations(dashboard)).toEqual([]);
    expect(await syncBanner(dashboard)).toEqual({ registeredFor: 'http://127.0.0.1/*', needsAccess: false });
    const registered = await harness.serviceWorker.evaluate(() => chrome.scripting.getRegisteredContentScripts());
    expect(registered.map((script) => [script.id, script.matches])).toEqual([
      ['workspace-banner', ['http://127.0.0.1/*']],
    ]);
  });

  it("shows on a page of the client's workspace: whom the agency manages, and the status", async () => {
    const page = await harness.context.newPage();
    await page.goto(`http://127.0.0.1:${portOf(workspace)}/org/${acme}/experiments/3`);
    const bar = page.locator(BANNER).getByRole('region', { name: 'Agency Desk: the customer you are managing' });
    await bar.waitFor();
    expect(await bar.locator('.text').textContent()).toBe(
      'You are currently managing your customer Acme Outdoor (acme-outdoor.test).',
    );
    expect(await bar.locator('.status').textContent()).toBe('Status: Active');
    // At the top of the page, above the workspace's own content.
    expect(await page.evaluate(() => document.body.firstElementChild?.tagName.toLowerCase())).toBe(BANNER);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('closes for this page only: it is back on the next load', async () => {
    const page = await harness.context.newPage();
    await page.goto(`http://127.0.0.1:${portOf(workspace)}/org/${acme}/dashboard`);
    const close = page.getByRole('button', { name: 'Close this bar on this page' });
    await close.click();
    expect(await page.locator(BANNER).count()).toBe(0);
    await page.reload();
    await page.locator(BANNER).getByRole('region').waitFor();
    await page.close();
  });

  it('does not show on another origin, nor on a page that is no client workspace', async () => {
    const otherPort = await harness.context.newPage();
    await otherPort.goto(`http://127.0.0.1:${portOf(elsewhere)}/org/${acme}/dashboard`, { waitUntil: 'load' });
    const otherHost = await harness.context.newPage();
    await otherHost.goto(`http://localhost:${portOf(workspace)}/org/${acme}/dashboard`, { waitUntil: 'load' });
    const unknownOrg = await harness.context.newPage();
    await unknownOrg.goto(`http://127.0.0.1:${portOf(workspace)}/org/ORG-00000000/dashboard`, { waitUntil: 'load' });
    // A matching page opened after them shows its bar: by then the others have had their answer.
    const matching = await harness.context.newPage();
    await matching.goto(`http://127.0.0.1:${portOf(workspace)}/org/${acme}/dashboard`);
    await matching.locator(BANNER).getByRole('region').waitFor();
    for (const page of [otherPort, otherHost, unknownOrg])
      expect(await page.locator(BANNER).count(), page.url()).toBe(0);
    await Promise.all([otherPort, otherHost, unknownOrg, matching].map((page) => page.close()));
  });

  it('moves away when the template moves to another origin', async () => {
    const moved = `http://127.0.0.1:${portOf(elsewhere)}/org/{orgId}`;
    await dashboard.getByLabel('Workspace URL template').fill(moved);
    await dashboard.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => dashboard.getByTestId('settings-notice').textContent()).toBe('The settings were saved.');
    await syncBanner(dashboard);
    const page = await harness.context.newPage();
    await page.goto(`http://127.0.0.1:${portOf(elsewhere)}/org/${acme}`);
    await page.locator(BANNER).getByRole('region').waitFor();
    expect(await page.locator(`${BANNER} .text`).textContent()).toBe(
      'You are currently managing your customer Acme Outdoor (acme-outdoor.test).',
    );
    await page.close();
  });

  it("shows deleting a user of the client's organization disabled, with the partner-admin reason", async () => {
    const page = await harness.openExtensionPage(`options.html#/clients/${acme}`);
    const members = page.getByTestId('members');
    await members.getByRole('row', { name: /Jonas Weber/ }).waitFor();
    const remove = page.getByRole('button', { name: 'Remove Jonas Weber' });
    expect(await remove.isDisabled()).toBe(true);
    const reason = page.locator(`#${await remove.getAttribute('aria-describedby')}`);
    expect(await reason.textContent()).toBe(
      "As the partner admin, you can't delete a user; only the client's own administrators can.",
    );
    expect(await reason.isVisible()).toBe(true);
    // The same limit in the list of what the agency cannot do, and no dialog to get round it.
    const limit = page.getByTestId('restricted-actions').getByRole('button', { name: 'Delete a user' });
    expect(await limit.isDisabled()).toBe(true);
    await remove.click({ force: true });
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await members.getByRole('row', { name: /Jonas Weber/ }).count()).toBe(1);
    await page.close();
  });
});

describe('the managing bar without host access', () => {
  let harness: ExtensionHarness;

  beforeAll(async () => {
    harness = await launchExtension({ extensionDir: BUILD_DIR });
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('is not registered until the agency grants access to the template host', async () => {
    const manifest = await harness.serviceWorker.evaluate(() => chrome.runtime.getManifest());
    expect(manifest.content_scripts ?? []).toEqual([]);
    expect(manifest.optional_host_permissions).toEqual(expect.arrayContaining(['http://*/*', 'https://*/*']));
    expect(manifest.host_permissions ?? []).toEqual([]);
    // Save asks for access; headless Chromium leaves the prompt unanswered, and the settings are saved all the same.
    const dashboard = await sampleAgencyWithTemplate(harness, `http://127.0.0.1:${portOf(workspace)}/org/{orgId}`);
    await expect
      .poll(() => dashboard.getByTestId('banner-access').textContent())
      .toBe(
        'To show the managing bar on the workspace pages at 127.0.0.1, save again and allow access when the browser asks.',
      );
    expect(await syncBanner(dashboard)).toEqual({ needsAccess: true });
    expect(await harness.serviceWorker.evaluate(() => chrome.scripting.getRegisteredContentScripts())).toEqual([]);
    // A page that matches the template gets no bar without access.
    const page = await harness.context.newPage();
    await page.goto(`http://127.0.0.1:${portOf(workspace)}/org/${await orgIdOf(dashboard, 'Acme Outdoor')}/dashboard`, {
      waitUntil: 'load',
    });
    expect(await page.locator(BANNER).count()).toBe(0);
    await page.close();
  });

  it('says after restoring settings from a backup where access for the bar is still needed', async () => {
    const dashboard = await harness.openExtensionPage('options.html#/backup');
    const backup = await downloadFrom(dashboard, 'Download backup (JSON)');
    await chooseImportFile(dashboard, backup.name, backup.text);
    await dashboard.getByTestId('import-summary').waitFor();
    await dashboard.getByLabel(/Also restore the agency settings/).check();
    await dashboard.getByRole('button', { name: 'Import', exact: true }).click();
    await expect
      .poll(() => dashboard.getByTestId('import-result').textContent())
      .toBe('Import finished: 0 clients created, 0 updated and 8 skipped.');
    await expect
      .poll(() => dashboard.getByTestId('import-banner-note').textContent())
      .toBe(
        'The restored workspace URL template opens pages at 127.0.0.1. To show the managing bar there, save the settings and allow access when the browser asks.',
      );
    expect(await axeViolations(dashboard)).toEqual([]);
    expect(await harness.serviceWorker.evaluate(() => chrome.scripting.getRegisteredContentScripts())).toEqual([]);
  });
});
