// The address bar keyword and the popup's shortcut in a real Chromium. Headless Chromium has no
// address bar to type into, so the test fires the omnibox events inside the service worker
// (chrome.omnibox.onInputChanged.dispatch): the listeners the extension registered at start
// answer them, read the real database and open real tabs.

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboardWithSample } from './dashboard-list-helpers';
import { launchExtension, type ExtensionHarness } from './harness';
import { type Suggestion, typeInAddressBar } from './omnibox-helpers';

interface OmniboxEvent<Args extends unknown[]> {
  dispatch(...args: Args): void;
  hasListeners(): boolean;
}
// Minimal typing for the `chrome` global inside the service worker.
declare const chrome: {
  runtime: {
    getManifest(): {
      omnibox?: { keyword: string };
      commands?: Record<string, { suggested_key?: { default?: string } }>;
    };
  };
  commands: { getAll(): Promise<{ name?: string; shortcut?: string }[]> };
  omnibox: {
    onInputChanged: OmniboxEvent<[string, (suggestions: Suggestion[]) => void]>;
    onInputEntered: OmniboxEvent<[string, string]>;
  };
};

let harness: ExtensionHarness;

beforeAll(async () => {
  harness = await launchExtension();
  await (await dashboardWithSample(harness)).close();
});

afterAll(async () => {
  await harness?.close();
});

async function requestedUrl(page: Page): Promise<string | undefined> {
  const session = await harness.context.newCDPSession(page);
  try {
    const { currentIndex, entries } = await session.send('Page.getNavigationHistory');
    return entries[currentIndex]?.url;
  } finally {
    await session.detach();
  }
}

async function enterInAddressBar(text: string): Promise<Page> {
  const [tab] = await Promise.all([
    harness.context.waitForEvent('page'),
    harness.serviceWorker.evaluate((typed) => chrome.omnibox.onInputEntered.dispatch(typed, 'newForegroundTab'), text),
  ]);
  return tab;
}

describe('address bar keyword and shortcut', () => {
  it('declares the keyword "ad" and a changeable shortcut for the popup, and listens at start', async () => {
    const manifest = await harness.serviceWorker.evaluate(() => {
      const { omnibox, commands } = chrome.runtime.getManifest();
      return { omnibox, commands };
    });
    expect(manifest.omnibox).toEqual({ keyword: 'ad' });
    expect(manifest.commands?._execute_action?.suggested_key?.default).toBe('Alt+Shift+D');
    const shortcut = await harness.serviceWorker.evaluate(async () =>
      (await chrome.commands.getAll()).find((command) => command.name === '_execute_action'),
    );
    expect(shortcut?.shortcut).toBe('Alt+Shift+D');
    expect(
      await harness.serviceWorker.evaluate(
        () => chrome.omnibox.onInputChanged.hasListeners() && chrome.omnibox.onInputEntered.hasListeners(),
      ),
    ).toBe(true);
  });

  it('suggests matching clients, best first, with the details XML-escaped for Chrome', async () => {
    const { first, suggestions } = await typeInAddressBar(harness, 'ｻｸﾗ');
    expect(first).toBe('Open the workspace of <match>さくら旅行</match>');
    expect(suggestions).toEqual([]);

    const acme = await typeInAddressBar(harness, 'o');
    expect(acme.first).toMatch(/^Open the workspace of <match>.+<\/match>$/);
    expect(acme.suggestions.length).toBeGreaterThan(1);
    for (const suggestion of acme.suggestions) {
      expect(suggestion.content).toMatch(/^ORG-[0-9A-HJKMNP-TV-Z]{8}$/);
      expect(suggestion.description).toMatch(
        /^<match>[^<]+<\/match><dim> — [^<]+ · ORG-\w{8} · (Active|Paused|Inactive)<\/dim>$/,
      );
    }

    expect((await typeInAddressBar(harness, 'no such client')).first).toBe('No client matches “no such client”.');
  });

  it('opens the best match, or the picked suggestion, in a new tab', async () => {
    const popup = await harness.openExtensionPage('popup.html');
    const orgIdOf = async (name: string) =>
      (await popup.getByRole('option').filter({ hasText: name }).locator('.switcher-row-org').textContent()) ?? '';
    await popup.getByRole('option').first().waitFor();
    const sakura = await orgIdOf('さくら旅行');
    const initech = await orgIdOf('Initech Software');

    const typed = await enterInAddressBar('ｻｸﾗ');
    await expect.poll(() => requestedUrl(typed)).toBe(`https://app.example.com/orgs/${sakura}`);

    const picked = await enterInAddressBar(initech);
    await expect.poll(() => requestedUrl(picked)).toBe(`https://app.example.com/orgs/${initech}`);

    // The client opened last is first in the popup from now on.
    await popup.reload();
    await popup.getByRole('option').first().waitFor();
    expect(await popup.locator('[role="option"] .switcher-row-name').first().textContent()).toBe('Initech Software');
  });
});
