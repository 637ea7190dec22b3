import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { chosenClient, createOmniboxHandlers, omniboxAnswer } from '../../../lib/background/register-omnibox';
import { db } from '../../../lib/db/database';
import { setLanguage } from '../../../lib/i18n';
import { createClient, listSwitcherEntries, markInactive, updateSettings } from '../../../lib/ops';
import { recordRevokedAccess } from '../../../lib/ops/revoked';
import {
  escapeXml,
  formatDescription,
  listenToOmnibox,
  type OmniboxApi,
  type OmniboxAnswer,
  type OmniboxDisposition,
  type OmniboxHandlers,
} from '../../../lib/platform/omnibox';
import { clientInput, resetDb, T0 } from '../ops/helpers';

const TEMPLATE = 'https://app.example.com/orgs/{orgId}';

let ids: Record<string, string>;

beforeEach(async () => {
  await resetDb();
  setLanguage('en');
  await updateSettings({ poolSize: 1000, workspaceUrlTemplate: TEMPLATE, language: 'en' }, { now: T0 });
  ids = {};
  for (const [name, company] of [
    ['Acme Outdoor', 'Acme Outdoor GmbH'],
    ['Acme <Labs> & Co', undefined],
    ['アクメ商事', '株式会社アクメ'],
    ['Globex Finance', 'Globex Finance Ltd'],
  ] as const) {
    ids[name] = (await createClient(clientInput({ name, company }), { now: T0 })).orgId;
  }
  await markInactive(ids['Globex Finance']!, { now: T0 });
});

async function openTabs(): Promise<string[]> {
  return (await browser.tabs.query({})).map((tab) => tab.url ?? '');
}

describe('omniboxAnswer', () => {
  it('offers the best match on the first line and the next matches below it, by Org ID', async () => {
    const answer = omniboxAnswer(await listSwitcherEntries(), 'acme');
    expect(answer.typed).toEqual([
      { text: 'Open the workspace of ' },
      { text: 'Acme <Labs> & Co', style: 'match' },
      { text: '' },
    ]);
    expect(answer.suggestions).toEqual([
      {
        content: ids['Acme Outdoor'],
        description: [
          { text: 'Acme Outdoor', style: 'match' },
          { text: ` — Acme Outdoor GmbH · ${ids['Acme Outdoor']} · Active`, style: 'dim' },
        ],
      },
    ]);
  });

  it('finds Japanese names by half-width kana and marks inactive clients', async () => {
    const entries = await listSwitcherEntries();
    expect(omniboxAnswer(entries, 'ｱｸﾒ').typed[1]).toEqual({ text: 'アクメ商事', style: 'match' });
    const globex = omniboxAnswer(entries, '').suggestions.find((s) => s.content === ids['Globex Finance']);
    expect(globex?.description[1]?.text).toBe(` — Globex Finance Ltd · ${ids['Globex Finance']} · Inactive`);
  });

  it('prompts for text, lists recent clients and says when nothing matches', async () => {
    const entries = await listSwitcherEntries();
    const empty = omniboxAnswer(entries, '');
    expect(empty.typed).toEqual([
      { text: "Type a client's name, company, Org ID, email or domain to open its workspace." },
    ]);
    expect(empty.suggestions).toHaveLength(4);
    expect(omniboxAnswer(entries, 'zzz')).toEqual({ typed: [{ text: 'No client matches “zzz”.' }], suggestions: [] });
  });

  it('says why the best match cannot be opened', async () => {
    await db.clients.update(ids['Acme Outdoor']!, { workspaceUrl: 'javascript:alert(1)' });
    const answer = omniboxAnswer(await listSwitcherEntries(), 'acme out');
    expect(answer.typed.map((part) => part.text).join('')).toBe(
      'The workspace of Acme Outdoor cannot be opened. This workspace address does not start with http:// or https://, so Agency Desk will not open it.',
    );
  });

  it('speaks Japanese when the language is Japanese', async () => {
    setLanguage('ja');
    const answer = omniboxAnswer(await listSwitcherEntries(), 'globex');
    expect(answer.typed.map((part) => part.text).join('')).toBe('Globex Financeのワークスペースを開く');
  });
});

describe('chosenClient', () => {
  it('takes a picked suggestion by its Org ID, typed text by the best match, and nothing for no text', async () => {
    const entries = await listSwitcherEntries();
    expect(chosenClient(entries, ids['Acme Outdoor']!.toLowerCase())?.name).toBe('Acme Outdoor');
    expect(chosenClient(entries, 'ａｃｍｅ ｏｕｔ')?.name).toBe('Acme Outdoor');
    expect(chosenClient(entries, 'ａｃｍｅ')?.name).toBe('Acme <Labs> & Co');
    expect(chosenClient(entries, '  ')).toBeUndefined();
    expect(chosenClient(entries, 'zzz')).toBeUndefined();
  });
});

describe('omnibox handlers', () => {
  it('opens the chosen workspace in a new tab and moves the client to the top', async () => {
    const handlers = createOmniboxHandlers();
    handlers.started();
    await handlers.changed('glob');
    await handlers.entered('glob', 'newForegroundTab');
    expect(await openTabs()).toContain(`https://app.example.com/orgs/${ids['Globex Finance']}`);
    expect((await listSwitcherEntries())[0]?.name).toBe('Globex Finance');
  });

  it('opens a background tab for Alt+Enter and a foreground tab for Enter', async () => {
    const create = vi.spyOn(browser.tabs, 'create');
    const handlers = createOmniboxHandlers();
    await handlers.entered(ids['Acme Outdoor']!, 'newBackgroundTab');
    expect(create).toHaveBeenLastCalledWith({
      url: `https://app.example.com/orgs/${ids['Acme Outdoor']}`,
      active: false,
    });
    await handlers.entered('アクメ', 'newForegroundTab');
    expect(create).toHaveBeenLastCalledWith({ url: `https://app.example.com/orgs/${ids['アクメ商事']}`, active: true });
  });

  it('never opens an address that is not http(s), and records nothing', async () => {
    await db.clients.update(ids['Acme Outdoor']!, { workspaceUrl: 'javascript:alert(1)' });
    const before = await openTabs();
    await createOmniboxHandlers().entered(ids['Acme Outdoor']!, 'newForegroundTab');
    expect(await openTabs()).toEqual(before);
    expect((await db.clients.get(ids['Acme Outdoor']!))?.lastOpenedAt).toBeUndefined();
  });

  it('never suggests nor opens a client that revoked the agency access', async () => {
    await recordRevokedAccess(ids['Acme Outdoor']!, {}, { now: T0 + 1 });
    const handlers = createOmniboxHandlers();
    handlers.started();
    const answer = await handlers.changed('acme');
    const offered = answer.suggestions.map((suggestion) => suggestion.content);
    expect(offered).not.toContain(ids['Acme Outdoor']);
    expect(JSON.stringify(answer)).not.toContain('Acme Outdoor');
    await handlers.entered(ids['Acme Outdoor']!, 'newForegroundTab');
    expect(await openTabs()).not.toContain(`https://app.example.com/orgs/${ids['Acme Outdoor']}`);
    expect((await db.clients.get(ids['Acme Outdoor']!))?.lastOpenedAt).toBeUndefined();
  });

  it('reads the roster once per address bar session, not on every keystroke', async () => {
    const handlers = createOmniboxHandlers();
    const read = vi.spyOn(db.clients, 'toArray');
    handlers.started();
    for (const text of ['a', 'ac', 'acm', 'acme']) await handlers.changed(text);
    expect(read).toHaveBeenCalledTimes(1);
    handlers.cancelled();
    handlers.started();
    await handlers.changed('g');
    expect(read).toHaveBeenCalledTimes(2);
  });
});

describe('formatDescription', () => {
  const parts = [{ text: 'Acme <Labs> & "Co"', style: 'match' as const }, { text: " — it's ORG-1" }];

  it('escapes XML and styles the parts for Chrome', () => {
    expect(escapeXml(`<&>"'`)).toBe('&lt;&amp;&gt;&quot;&apos;');
    expect(formatDescription(parts, true)).toBe(
      '<match>Acme &lt;Labs&gt; &amp; &quot;Co&quot;</match> — it&apos;s ORG-1',
    );
  });

  it('gives plain text for Firefox', () => {
    expect(formatDescription(parts, false)).toBe(`Acme <Labs> & "Co" — it's ORG-1`);
  });
});

/** A stand-in for the browser's omnibox that records what the adapter told it. */
function fakeOmnibox() {
  const listeners: {
    started?: () => void;
    changed?: (text: string, suggest: (results: { content: string; description: string }[]) => void) => void;
    entered?: (text: string, disposition: OmniboxDisposition) => void;
    cancelled?: () => void;
  } = {};
  const defaults: string[] = [];
  const api: OmniboxApi = {
    setDefaultSuggestion: (suggestion) => defaults.push(suggestion.description),
    onInputStarted: { addListener: (callback) => (listeners.started = callback) },
    onInputChanged: { addListener: (callback) => (listeners.changed = callback) },
    onInputEntered: { addListener: (callback) => (listeners.entered = callback) },
    onInputCancelled: { addListener: (callback) => (listeners.cancelled = callback) },
  };
  return { api, listeners, defaults };
}

describe('listenToOmnibox', () => {
  function deferredHandlers() {
    const pending = new Map<string, (answer: OmniboxAnswer) => void>();
    const entered: [string, OmniboxDisposition][] = [];
    const handlers: OmniboxHandlers = {
      started: () => undefined,
      changed: (text) => new Promise((done) => pending.set(text, done)),
      entered: async (text, disposition) => void entered.push([text, disposition]),
      cancelled: () => undefined,
    };
    return { handlers, pending, entered };
  }
  const answer = (name: string): OmniboxAnswer => ({
    typed: [{ text: name, style: 'match' }],
    suggestions: [{ content: 'ORG-1', description: [{ text: `${name} & co` }] }],
  });

  it('sends suggestions with XML descriptions, and drops an answer overtaken by later typing', async () => {
    const { api, listeners, defaults } = fakeOmnibox();
    const { handlers, pending, entered } = deferredHandlers();
    listenToOmnibox(handlers, api, true);
    const suggested: { content: string; description: string }[][] = [];

    listeners.changed?.('a', (results) => suggested.push(results));
    listeners.changed?.('ab', (results) => suggested.push(results));
    pending.get('ab')?.(answer('AB<'));
    pending.get('a')?.(answer('A'));
    await new Promise((done) => setTimeout(done, 0));

    expect(defaults).toEqual(['<match>AB&lt;</match>']);
    expect(suggested).toEqual([[{ content: 'ORG-1', description: 'AB&lt; &amp; co' }]]);

    listeners.entered?.('ORG-1', 'newBackgroundTab');
    await new Promise((done) => setTimeout(done, 0));
    expect(entered).toEqual([['ORG-1', 'newBackgroundTab']]);
  });

  it('sends plain text where the browser shows descriptions as they are', async () => {
    const { api, listeners, defaults } = fakeOmnibox();
    const { handlers, pending } = deferredHandlers();
    listenToOmnibox(handlers, api, false);
    const suggested: { content: string; description: string }[][] = [];
    listeners.changed?.('a', (results) => suggested.push(results));
    pending.get('a')?.(answer('A<'));
    await new Promise((done) => setTimeout(done, 0));
    expect(defaults).toEqual(['A<']);
    expect(suggested).toEqual([[{ content: 'ORG-1', description: 'A< & co' }]]);
  });
});
