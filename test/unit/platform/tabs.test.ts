import { describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { openWorkspaceTab } from '../../../lib/platform/tabs';

describe('openWorkspaceTab', () => {
  it('opens an https workspace in a new tab', async () => {
    await openWorkspaceTab('https://app.example.com/org/ORG-7K2M9QXD');
    const tabs = await browser.tabs.query({});
    expect(tabs.map((tab) => tab.url)).toContain('https://app.example.com/org/ORG-7K2M9QXD');
  });

  it.each(['javascript:alert(1)', 'data:text/html,x', 'file:///etc/passwd', 'chrome://extensions', 'app.example.com/x', ''])(
    'refuses %j and opens nothing',
    async (url) => {
      const before = (await browser.tabs.query({})).length;
      await expect(openWorkspaceTab(url)).rejects.toMatchObject({ key: 'error_workspaceUrlNotHttp' });
      expect((await browser.tabs.query({})).length).toBe(before);
    },
  );
});
