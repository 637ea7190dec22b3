// Smoke test in a real Chromium: the built extension loads, its service worker
// starts with the localised manifest, and the options page (agency dashboard)
// and popup (client switcher) render without errors.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchExtension, type ExtensionHarness } from './harness';

// Minimal typing for the `chrome` global inside the service worker.
declare const chrome: { runtime: { getManifest(): { name: string; manifest_version: number } } };

let harness: ExtensionHarness;

beforeAll(async () => {
  harness = await launchExtension();
});

afterAll(async () => {
  await harness?.close();
});

function cspErrors(messages: string[]): string[] {
  return messages.filter((text) => /Content Security Policy/i.test(text));
}

async function expectRendered(page: Page): Promise<void> {
  // Whatever the page renders, it renders it into #app.
  await page.locator('#app > *').first().waitFor({ state: 'visible', timeout: 10_000 });
  const problems = harness.problems(page);
  expect(problems.pageErrors, 'uncaught errors in the page').toEqual([]);
  expect(cspErrors(problems.consoleErrors), 'Content Security Policy violations').toEqual([]);
}

describe('built extension in Chromium', () => {
  it('starts the background service worker with the localised manifest', async () => {
    expect(harness.extensionId).toMatch(/^[a-p]{32}$/);
    expect(harness.serviceWorker.url()).toBe(`chrome-extension://${harness.extensionId}/background.js`);

    const manifest = await harness.serviceWorker.evaluate(() => {
      const { name, manifest_version } = chrome.runtime.getManifest();
      return { name, manifest_version };
    });
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.name).not.toMatch(/__MSG_/);
    expect(manifest.name).toBe('Agency Desk');
  });

  it('renders the options page (agency dashboard)', async () => {
    const page = await harness.openExtensionPage('options.html');
    try {
      await expectRendered(page);
    } finally {
      await page.close();
    }
  });

  it('renders the popup (client switcher) when opened as a tab', async () => {
    const page = await harness.openExtensionPage('popup.html');
    try {
      await expectRendered(page);
    } finally {
      await page.close();
    }
  });
});
