import { describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { openWorkspaceTab } from '../../../lib/platform/tabs';

describe('openWorkspaceTab', () => {
  it('opens an https workspace in a new tab', async () => {
    await openWorkspaceTab('https://app.example.com/org/ORG-7K2M9QXD');
    const tabs = await browser.tabs.query({});
    expect(tabs.map((tab) => tab.url)).toContain('https://app.example.com/org/ORG-7K2M9QXD');
  });

  it('opens a workspace in a background tab when asked, in a foreground tab otherwise', async () => {
    // The fake browser does not model tab focus, so the request to it is what can be checked.
    const create = vi.spyOn(browser.tabs, 'create');
    await openWorkspaceTab('https://app.example.com/org/ORG-7K2M9QXD', 'background-tab');
    await openWorkspaceTab('https://app.example.com/org/ORG-AAAAAAAA');
    expect(create.mock.calls).toEqual([
      [{ url: 'https://app.example.com/org/ORG-7K2M9QXD', active: false }],
      [{ url: 'https://app.example.com/org/ORG-AAAAAAAA', active: true }],
    ]);
  });

  it.each([
    'javascript:alert(1)',
    'data:text/html,x',
    'file:///etc/passwd',
    'chrome://extensions',
    'app.example.com/x',
    '',
  ])('refuses %j and opens nothing', async (url) => {
    const before = (await browser.tabs.query({})).length;
    await expect(openWorkspaceTab(url)).rejects.toMatchObject({ key: 'error_workspaceUrlNotHttp' });
    expect((await browser.tabs.query({})).length).toBe(before);
  });
});
