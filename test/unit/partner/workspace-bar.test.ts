import { noTeamHandlers } from '../team/no-team-handlers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WORKSPACE_BAR_TAG, showWorkspaceBar } from '../../../components/workspace-bar/show-workspace-bar';
import { workspaceBarText } from '../../../lib/background/workspace-bar-text';
import { lookUpWorkspaceBar, syncWorkspaceBar } from '../../../lib/background/register-workspace-bar';
import { dispatchRequest } from '../../../lib/messages/dispatch-request';
import { readReply } from '../../../lib/messages/envelope';
import type { RequestHandlers } from '../../../lib/messages/protocol-schema';
import { createClient, markInactive, updateSettings } from '../../../lib/ops';
import { recordRevokedAccess } from '../../../lib/ops/revoked';
import { lookUpManagedClient } from '../../../lib/ops/managed-client-lookup';
import type { WorkspaceBarRegistry } from '../../../lib/platform/workspace-bar-registry';
import {
  orgIdFromWorkspaceUrl,
  workspaceHostLabel,
  workspaceMatchPattern,
} from '../../../lib/rules/workspace-bar-match';
import { clientInput, resetDb, T0 } from '../ops/helpers';

const TEMPLATE = 'https://app.example.com/org/{orgId}/dashboard';
const ORG = 'ORG-7K2M9QXD';

describe('which pages are a workspace', () => {
  it.each([
    [`https://app.example.com/org/${ORG}/dashboard`, ORG],
    [`https://app.example.com/org/${ORG}`, ORG],
    [`https://APP.example.com/org/${ORG}/experiments/5?tab=1#top`, ORG],
    ['https://app.example.com/org/org-7k2m9qxd/reports', ORG],
    [`https://app.example.com/org/${ORG}X/dashboard`, undefined],
    [`https://app.example.com/orgs/${ORG}/dashboard`, undefined],
    [`https://app.example.com:8443/org/${ORG}/dashboard`, undefined],
    [`http://app.example.com/org/${ORG}/dashboard`, undefined],
    [`https://evil.example/org/${ORG}/dashboard`, undefined],
    ['https://app.example.com/org/ORG-IIIIIIII/dashboard', undefined],
    ['not a url', undefined],
  ])('%s is the workspace of %s', (url, orgId) => {
    expect(orgIdFromWorkspaceUrl(url, TEMPLATE)).toBe(orgId);
  });

  it('reads the Org ID from the host when the template puts it there', () => {
    const template = 'https://{orgId}.app.example.com/home';
    expect(orgIdFromWorkspaceUrl(`https://${ORG.toLowerCase()}.app.example.com/settings`, template)).toBe(ORG);
    expect(orgIdFromWorkspaceUrl(`https://${ORG.toLowerCase()}.evil.example/settings`, template)).toBeUndefined();
    expect(workspaceMatchPattern(template)).toBe('https://*.app.example.com/*');
  });

  it('keeps the port: another port of the same host is not the workspace', () => {
    const template = 'http://127.0.0.1:5173/org/{orgId}';
    expect(orgIdFromWorkspaceUrl(`http://127.0.0.1:5173/org/${ORG}/x`, template)).toBe(ORG);
    expect(orgIdFromWorkspaceUrl(`http://127.0.0.1:5174/org/${ORG}/x`, template)).toBeUndefined();
    // Browsers grant host access per host, any port.
    expect(workspaceMatchPattern(template)).toBe('http://127.0.0.1/*');
  });

  it('gives no pattern without a usable template', () => {
    expect(workspaceMatchPattern(undefined)).toBeUndefined();
    expect(workspaceMatchPattern('https://app.example.com/')).toBeUndefined();
    expect(workspaceMatchPattern('https://{orgId}.com/')).toBeUndefined();
    expect(workspaceMatchPattern(TEMPLATE)).toBe('https://app.example.com/*');
  });

  it('names the host for the Settings page', () => {
    expect(workspaceHostLabel(TEMPLATE)).toBe('app.example.com');
    expect(workspaceHostLabel('https://{orgId}.app.example.com/')).toBe('*.app.example.com');
    expect(workspaceHostLabel(undefined)).toBeUndefined();
  });
});

describe('lookUpManagedClient', () => {
  beforeEach(async () => {
    await resetDb();
    await updateSettings(
      { poolSize: 100, timeZone: 'UTC', language: 'ja', workspaceUrlTemplate: TEMPLATE },
      { now: T0 },
    );
  });

  it("answers the client's name, domain and status for its workspace pages, in the dashboard's language", async () => {
    const client = await createClient(clientInput({ name: 'Acme', domain: 'acme.example', quota: 5 }), { now: T0 });
    await markInactive(client.orgId, { now: T0 });
    expect(await lookUpManagedClient(`https://app.example.com/org/${client.orgId}/x`)).toEqual({
      client: { orgId: client.orgId, name: 'Acme', domain: 'acme.example', status: 'inactive' },
      language: 'ja',
    });
  });

  it('answers nothing for another page, an unknown Org ID, or a client that revoked access', async () => {
    const client = await createClient(clientInput({ quota: 5 }), { now: T0 });
    expect(await lookUpManagedClient(`https://other.example/org/${client.orgId}`)).toEqual({ language: 'ja' });
    expect(await lookUpManagedClient(`https://app.example.com/org/${ORG}`)).toEqual({ language: 'ja' });
    await recordRevokedAccess(client.orgId, {}, { now: T0 });
    expect(await lookUpManagedClient(`https://app.example.com/org/${client.orgId}`)).toEqual({ language: 'ja' });
  });

  it("is asked through the message with the sender's address, never one the message carries", async () => {
    const client = await createClient(clientInput({ name: 'Acme', quota: 5 }), { now: T0 });
    const handlers: RequestHandlers = {
      'rules/run': () => Promise.reject(new Error('not asked here')),
      'banner/lookup': (_payload, sender) => lookUpWorkspaceBar(sender.url, 'en-US'),
      'banner/sync': async () => ({ needsAccess: false }),
      'usageFeed/read': () => Promise.reject(new Error('not asked here')),
      ...noTeamHandlers(),
    };
    const lookUp = async (message: unknown, url: string | undefined) =>
      readReply(await dispatchRequest(handlers, message, { url }));
    const claimed = { type: 'banner/lookup', payload: { url: `https://app.example.com/org/${client.orgId}` } };
    expect(await lookUp(claimed, 'https://elsewhere.example/')).toEqual({});
    expect(await lookUp({ type: 'banner/lookup' }, undefined)).toEqual({});
    expect(await lookUp({ type: 'banner/lookup' }, `https://app.example.com/org/${client.orgId}`)).toMatchObject({
      banner: { lang: 'ja', message: '現在、お客様「Acme」を管理しています。', status: 'ステータス：アクティブ' },
    });
    expect(dispatchRequest(handlers, { type: 'banner/unknown' }, { url: undefined })).toBeUndefined();
  });
});

describe("the bar's words", () => {
  const acme = { orgId: ORG, name: 'Acme Outdoor', domain: 'acme-outdoor.test', status: 'paused' } as const;

  it("follow the dashboard's language, or the browser's for auto", () => {
    expect(workspaceBarText(acme, 'auto', 'en-US')).toEqual({
      lang: 'en',
      message: 'You are currently managing your customer Acme Outdoor (acme-outdoor.test).',
      status: 'Status: Paused',
      statusKind: 'paused',
      close: 'Close',
      closeLabel: 'Close this bar on this page',
      regionLabel: 'Agency Desk: the customer you are managing',
    });
    expect(workspaceBarText(acme, 'auto', 'ja-JP')).toMatchObject({
      lang: 'ja',
      message: '現在、お客様「Acme Outdoor」（acme-outdoor.test）を管理しています。',
    });
    expect(workspaceBarText({ ...acme, domain: undefined, status: 'inactive' }, 'ja', 'en-US')).toMatchObject({
      message: '現在、お客様「Acme Outdoor」を管理しています。',
      status: 'ステータス：非アクティブ',
    });
  });
});

/** A registry that keeps its state in memory, as the browser would. */
function fakeRegistry(granted: string[]): WorkspaceBarRegistry & { pattern: string | undefined; granted: Set<string> } {
  const registry = {
    pattern: undefined as string | undefined,
    granted: new Set(granted),
    async registeredPattern() {
      return registry.pattern;
    },
    async register(pattern: string) {
      if (registry.pattern !== undefined) throw new Error('already registered');
      registry.pattern = pattern;
    },
    async unregister() {
      registry.pattern = undefined;
    },
    async hasAccess(pattern: string) {
      return registry.granted.has(pattern);
    },
    async removeAccess(pattern: string) {
      registry.granted.delete(pattern);
    },
  };
  return registry;
}

describe('syncWorkspaceBar', () => {
  beforeEach(resetDb);

  it('registers the bar for the template origin only once access is granted', async () => {
    await updateSettings({ workspaceUrlTemplate: TEMPLATE });
    const registry = fakeRegistry([]);
    expect(await syncWorkspaceBar(registry)).toEqual({ needsAccess: true });
    expect(registry.pattern).toBeUndefined();
    registry.granted.add('https://app.example.com/*');
    expect(await syncWorkspaceBar(registry)).toEqual({
      registeredFor: 'https://app.example.com/*',
      needsAccess: false,
    });
    // Run again (a browser start): nothing changes.
    expect(await syncWorkspaceBar(registry)).toEqual({
      registeredFor: 'https://app.example.com/*',
      needsAccess: false,
    });
  });

  it('moves to the new origin when the template changes, giving back the old origin', async () => {
    await updateSettings({ workspaceUrlTemplate: TEMPLATE });
    const registry = fakeRegistry(['https://app.example.com/*', 'https://new.example.com/*']);
    await syncWorkspaceBar(registry);
    await updateSettings({ workspaceUrlTemplate: 'https://new.example.com/{orgId}' });
    await syncWorkspaceBar(registry);
    expect(registry.pattern).toBe('https://new.example.com/*');
    expect([...registry.granted]).toEqual(['https://new.example.com/*']);
  });

  it('keeps the old origin when the reminder webhook still needs it', async () => {
    await updateSettings({
      workspaceUrlTemplate: TEMPLATE,
      reminderWebhookUrl: 'https://app.example.com/hooks/reminders',
    });
    const registry = fakeRegistry(['https://app.example.com/*', 'https://new.example.com/*']);
    await syncWorkspaceBar(registry);
    await updateSettings({ workspaceUrlTemplate: 'https://new.example.com/{orgId}' });
    await syncWorkspaceBar(registry);
    expect(registry.granted.has('https://app.example.com/*')).toBe(true);
  });

  it('keeps the old origin when the usage source still needs it', async () => {
    await updateSettings({
      workspaceUrlTemplate: TEMPLATE,
      usageSource: { url: 'https://app.example.com/usage.json', intervalMinutes: 60, acceptCorrections: false },
    });
    const registry = fakeRegistry(['https://app.example.com/*', 'https://new.example.com/*']);
    await syncWorkspaceBar(registry);
    await updateSettings({ workspaceUrlTemplate: 'https://new.example.com/{orgId}' });
    await syncWorkspaceBar(registry);
    expect(registry.pattern).toBe('https://new.example.com/*');
    expect(registry.granted.has('https://app.example.com/*')).toBe(true);
  });

  it('drops the bar when the template is removed or access is taken back', async () => {
    await updateSettings({ workspaceUrlTemplate: TEMPLATE });
    const registry = fakeRegistry(['https://app.example.com/*']);
    await syncWorkspaceBar(registry);
    registry.granted.clear();
    expect(await syncWorkspaceBar(registry)).toEqual({ needsAccess: true });
    expect(registry.pattern).toBeUndefined();
    registry.granted.add('https://app.example.com/*');
    await syncWorkspaceBar(registry);
    await updateSettings({ workspaceUrlTemplate: undefined });
    expect(await syncWorkspaceBar(registry)).toEqual({ needsAccess: false });
    expect(registry.pattern).toBeUndefined();
    expect(registry.granted.size).toBe(0);
  });
});

describe('the bar on the page', () => {
  afterEach(() => {
    document.body.replaceChildren();
  });

  const bar = () => document.querySelector(WORKSPACE_BAR_TAG)?.shadowRoot;
  const words = (client: Parameters<typeof workspaceBarText>[0], language: 'en' | 'ja' = 'en') =>
    workspaceBarText(client, language, 'en-US');

  it('says whom the agency is managing, with the status, and closes for this page', () => {
    let closed = 0;
    showWorkspaceBar(
      document,
      words({ orgId: ORG, name: 'Acme Outdoor', domain: 'acme-outdoor.test', status: 'paused' }),
      () => (closed += 1),
    );
    expect(document.body.firstElementChild?.tagName.toLowerCase()).toBe(WORKSPACE_BAR_TAG);
    expect(bar()?.querySelector('.text')?.textContent).toBe(
      'You are currently managing your customer Acme Outdoor (acme-outdoor.test).',
    );
    expect(bar()?.querySelector('.status')?.textContent).toBe('Status: Paused');
    expect(bar()?.querySelector('[role="region"]')?.getAttribute('aria-label')).toBe(
      'Agency Desk: the customer you are managing',
    );
    bar()?.querySelector('button')?.click();
    expect(document.querySelector(WORKSPACE_BAR_TAG)).toBeNull();
    expect(closed).toBe(1);
  });

  it('rewrites itself for another client', () => {
    const shown = showWorkspaceBar(
      document,
      words({ orgId: ORG, name: 'さくら旅行', status: 'active' }, 'ja'),
      () => {},
    );
    expect(bar()?.querySelector('[role="region"]')?.getAttribute('lang')).toBe('ja');
    shown.update(words({ orgId: ORG, name: 'ミドリ製薬', domain: 'midori.test', status: 'inactive' }, 'ja'));
    expect(bar()?.querySelector('.text')?.textContent).toBe(
      '現在、お客様「ミドリ製薬」（midori.test）を管理しています。',
    );
    expect(bar()?.querySelector('.status')?.textContent).toBe('ステータス：非アクティブ');
  });

  it('puts the name in as text, never as markup', () => {
    showWorkspaceBar(document, words({ orgId: ORG, name: '<img src=x onerror=alert(1)>', status: 'active' }), () => {});
    expect(bar()?.querySelector('img')).toBeNull();
    expect(bar()?.querySelector('.text')?.textContent).toContain('<img src=x onerror=alert(1)>');
  });
});
