import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { ClientSwitcherList, VISIBLE_ROWS } from '../../../entrypoints/popup/ClientSwitcherList';
import { ClientSwitcherRow } from '../../../entrypoints/popup/ClientSwitcherRow';
import { setLanguage } from '../../../lib/i18n';
import { db } from '../../../lib/db/database';
import { createClient, listSwitcherFirstRows, updateSettings, type SwitcherEntry } from '../../../lib/ops';
import { App } from '../../../entrypoints/popup/App';
import { clientInput, resetDb, T0 } from '../ops/helpers';
import { renderRootPerTest } from '../render-root';

const root = renderRootPerTest();

function entry(index: number): SwitcherEntry {
  const orgId = `ORG-${String(index).padStart(8, '0')}`;
  return {
    orgId,
    name: `Client ${index}`,
    nameKey: `client ${index}`,
    searchText: `client ${index} ${orgId.toLowerCase()}`,
    status: 'active',
    usagePercent: 10,
    usedVisitors: 1,
    workspace: { ok: true, url: `https://app.example.com/orgs/${orgId}` },
  };
}

describe('ClientSwitcherList', () => {
  const many = Array.from({ length: 10_000 }, (_, index) => entry(index));
  const show = (selectedIndex: number) =>
    act(() =>
      render(
        <ClientSwitcherList
          id="list"
          label="Clients"
          entries={many}
          selectedIndex={selectedIndex}
          optionId={(orgId) => `option-${orgId}`}
          onOpen={() => undefined}
        />,
        root(),
      ),
    );

  it('draws only the rows around the view, however long the list', async () => {
    await show(0);
    const options = root().querySelectorAll('[role="option"]');
    expect(options.length).toBeGreaterThanOrEqual(VISIBLE_ROWS);
    expect(options.length).toBeLessThan(VISIBLE_ROWS * 3);
    expect(options[0]?.getAttribute('aria-setsize')).toBe('10000');
    expect(options[0]?.getAttribute('aria-selected')).toBe('true');
  });

  it('brings the selected row into the page when the selection moves far down', async () => {
    await show(5_000);
    const selected = root().querySelector('[role="option"][aria-selected="true"]');
    expect(selected?.id).toBe('option-ORG-00005000');
    expect(selected?.getAttribute('aria-posinset')).toBe('5001');
    expect(root().querySelectorAll('[role="option"]').length).toBeLessThan(VISIBLE_ROWS * 3);
  });
});

describe('ClientSwitcherRow', () => {
  const show = (row: SwitcherEntry) =>
    act(() =>
      render(
        <ClientSwitcherRow
          entry={row}
          id="row"
          index={0}
          total={1}
          top={0}
          selected={false}
          onOpen={() => undefined}
        />,
        root(),
      ),
    );
  const runOut = () => root().querySelector('.switcher-row-runout')?.textContent ?? null;

  it('says when a client runs out, in the reader’s language, only when the entry has a day', async () => {
    await show(entry(1));
    expect(runOut()).toBeNull();
    await show({ ...entry(1), runsOutOn: '2026-12-14' });
    expect(runOut()).toBe('Runs out Dec 14, 2026');
    // Part of the option's text, so a screen reader hears it with the client.
    expect(root().querySelector('[role="option"]')?.textContent).toContain('Runs out Dec 14, 2026');
    setLanguage('ja');
    await show({ ...entry(1), runsOutOn: '2026-12-14' });
    expect(runOut()).toBe('2026/12/14に上限到達見込み');
  });
});

describe('popup App', () => {
  beforeEach(async () => {
    await resetDb();
    await updateSettings({ poolSize: 100, workspaceUrlTemplate: 'https://app.example.com/orgs/{orgId}' }, { now: T0 });
    await createClient(clientInput({ name: 'Acme Outdoor' }), { now: T0 });
    await createClient(clientInput({ name: 'アクメ商事' }), { now: T0 });
  });

  async function showApp(): Promise<HTMLInputElement> {
    const firstRows = await listSwitcherFirstRows(30);
    await act(() => render(<App firstRows={firstRows} />, root()));
    const input = root().querySelector<HTMLInputElement>('#switcher-search');
    if (!input) throw new Error('no search box');
    return input;
  }

  async function type(input: HTMLInputElement, text: string): Promise<void> {
    await act(() => {
      input.value = text;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
  }

  async function press(input: HTMLInputElement, key: string, init: KeyboardEventInit = {}): Promise<void> {
    await act(() => {
      input.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }));
    });
  }

  const names = () =>
    [...root().querySelectorAll('[role="option"] .switcher-row-name')].map((node) => node.textContent);
  const tabUrls = async () => (await browser.tabs.query({})).map((tab) => tab.url);

  it('narrows by half-width kana, and Escape brings every client back', async () => {
    const input = await showApp();
    expect(names()).toEqual(['Acme Outdoor', 'アクメ商事']);
    await type(input, 'ｱｸﾒ');
    expect(names()).toEqual(['アクメ商事']);
    await press(input, 'Escape');
    expect(input.value).toBe('');
    expect(names()).toEqual(['Acme Outdoor', 'アクメ商事']);
  });

  it('does not open anything on the Enter that confirms Japanese input', async () => {
    const input = await showApp();
    await type(input, 'あくめ');
    await press(input, 'Enter', { isComposing: true });
    await press(input, 'Enter');
    const url = `https://app.example.com/orgs/${(await db.clients.filter((client) => client.name === 'アクメ商事').first())?.orgId}`;
    await expect.poll(tabUrls).toContain(url);
    // Opens run in order, so a tab from the composing Enter would be there by now.
    expect((await tabUrls()).filter((opened) => opened === url)).toHaveLength(1);
  });

  it('says so when the roster is empty, with a way to the dashboard', async () => {
    await resetDb();
    await showApp();
    expect(root().textContent).toContain('No clients yet. Add clients, or load sample data, in the agency dashboard.');
    expect([...root().querySelectorAll('button')].map((button) => button.textContent)).toContain(
      'Open the agency dashboard',
    );
  });
});
