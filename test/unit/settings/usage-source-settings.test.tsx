import { render } from 'preact';
import { act } from 'preact/test-utils';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it } from 'vitest';
import { UsageSourceSettings } from '../../../entrypoints/options/components/settings/UsageSourceSettings';
import { WebhookSettings } from '../../../entrypoints/options/components/settings/WebhookSettings';
import { getSettings, getUsageSourceView, saveUsageSource } from '../../../lib/ops';
import { setReminderWebhook } from '../../../lib/ops/reminders';
import { usageSourceForRead } from '../../../lib/ops/usage-source';
import { installFakePermissions } from '../fake-permissions';
import { resetDb, T0 } from '../ops/helpers';
import { renderRootPerTest } from '../render-root';
import { button, choose, errorOf, fakeBackground, inputIn, press, settle, tick, typeInto } from './settings-dom';

const root = renderRootPerTest();
const URL_FIELD = 'field-settings-url';
const TOKEN = 'field-settings-token';
const INTERVAL = 'field-settings-intervalMinutes';
const CORRECTIONS = 'field-settings-acceptCorrections';
const REMOVE_TOKEN = 'field-settings-removeToken';
const SECRET = 'tok_7f3a9c1e5b2d';

const notice = () => root().querySelector('[data-testid="usage-source-notice"]')?.textContent ?? null;
const granted = (origin: string) => fakeBrowser.permissions.contains({ origins: [origin] });

/** Renders the section as Settings does, with the settings as saved now. */
async function renderSource() {
  const settings = await getSettings();
  await act(() => render(<UsageSourceSettings settings={settings} />, root()));
  await settle();
}

async function saveSource() {
  await press(root(), 'Save usage source');
  await settle();
}

async function savedSource(token?: string) {
  await saveUsageSource(
    { url: 'https://usage.example.test/feed.json', intervalMinutes: 60, acceptCorrections: false, token },
    { now: T0 },
  );
}

describe('the usage source in Settings', () => {
  let reads: number;
  /** How the background answers a read; a test may hold the answer back. */
  let readAnswer: () => Promise<{ read: boolean }>;
  beforeEach(async () => {
    await resetDb();
    reads = 0;
    readAnswer = async () => ({ read: true });
    fakeBackground({
      'usageFeed/read': () => {
        reads += 1;
        return readAnswer();
      },
    });
  });

  it('saves the source once the browser allows the host, and reads it at once', async () => {
    installFakePermissions(() => true);
    await renderSource();
    expect(root().textContent).not.toContain('Read now');
    expect(inputIn(root(), INTERVAL).value).toBe('60');
    expect([...root().querySelectorAll(`#${INTERVAL} option`)].map((option) => option.textContent)).toEqual([
      'Every 15 minutes',
      'Every 30 minutes',
      'Every hour (default)',
      'Every 2 hours',
      'Every 4 hours',
      'Every 6 hours',
      'Every 12 hours',
      'Every 24 hours',
    ]);

    await typeInto(root(), URL_FIELD, ' https://usage.example.test/feed.json ');
    await typeInto(root(), TOKEN, SECRET);
    await choose(root(), INTERVAL, '240');
    await tick(root(), CORRECTIONS);
    await saveSource();

    expect(notice()).toBe('The usage source is saved. Agency Desk reads it now, then at the chosen interval.');
    expect(await getUsageSourceView()).toMatchObject({
      source: { url: 'https://usage.example.test/feed.json', intervalMinutes: 240, acceptCorrections: true },
      tokenSaved: true,
    });
    expect((await usageSourceForRead())?.token).toBe(SECRET);
    expect(await granted('https://usage.example.test/*')).toBe(true);
    expect(reads).toBe(1);
    // The token box is empty again, and the token is nowhere in the page.
    expect(inputIn(root(), TOKEN).value).toBe('');
    expect(inputIn(root(), TOKEN).type).toBe('password');
    expect(inputIn(root(), TOKEN).getAttribute('autocomplete')).toBe('off');
    expect(root().innerHTML).not.toContain(SECRET);
    expect(root().textContent).toContain('A token is saved. Leave empty to keep it.');
    expect(root().querySelector('[data-testid="usage-feed-status"]')?.textContent).toBe('Not read yet.');
  });

  it('saves nothing when the browser does not allow the host', async () => {
    installFakePermissions(() => false);
    await renderSource();
    await typeInto(root(), URL_FIELD, 'https://usage.example.test/feed.json');
    await saveSource();
    expect(root().querySelector('[role="alert"]')?.textContent).toBe(
      'Access to that site was not allowed, so the usage source was not saved.',
    );
    expect((await getUsageSourceView()).source).toBeUndefined();
    expect(reads).toBe(0);
  });

  it('refuses a plain http address on another computer without asking the browser', async () => {
    let asked = 0;
    installFakePermissions(() => {
      asked += 1;
      return true;
    });
    await renderSource();
    await typeInto(root(), URL_FIELD, 'http://example.com/usage.csv');
    await saveSource();
    expect(errorOf(root(), URL_FIELD)).toBe(
      'The usage source must be an https:// address (or http:// on 127.0.0.1 or localhost), without a user name or password in it.',
    );
    expect(document.activeElement?.id).toBe(URL_FIELD);
    expect(asked).toBe(0);
    expect((await getUsageSourceView()).source).toBeUndefined();

    await typeInto(root(), URL_FIELD, '');
    await saveSource();
    expect(errorOf(root(), URL_FIELD)).toBe('Usage source address is required.');
  });

  it('refuses a token that could not be sent in a header', async () => {
    installFakePermissions(() => true);
    await renderSource();
    await typeInto(root(), URL_FIELD, 'https://usage.example.test/feed.json');
    await typeInto(root(), TOKEN, 'Bearer abc def');
    await saveSource();
    expect(errorOf(root(), TOKEN)).toContain('can contain only letters, digits and signs, without spaces');
    expect((await getUsageSourceView()).source).toBeUndefined();
  });

  it('keeps the saved token when the box is left empty, and never shows it', async () => {
    installFakePermissions(() => true);
    await savedSource(SECRET);
    await renderSource();
    expect(inputIn(root(), URL_FIELD).value).toBe('https://usage.example.test/feed.json');
    expect(inputIn(root(), TOKEN).value).toBe('');
    expect(inputIn(root(), TOKEN).placeholder).toBe('Saved token kept');
    expect(root().innerHTML).not.toContain(SECRET);

    await choose(root(), INTERVAL, '30');
    await saveSource();
    expect((await usageSourceForRead())?.source.intervalMinutes).toBe(30);
    expect((await usageSourceForRead())?.token).toBe(SECRET);
    expect(root().innerHTML).not.toContain(SECRET);
  });

  it('removes the saved token when asked to', async () => {
    installFakePermissions(() => true);
    await savedSource(SECRET);
    await renderSource();
    await tick(root(), REMOVE_TOKEN);
    expect(inputIn(root(), TOKEN).disabled).toBe(true);
    await saveSource();
    expect(await getUsageSourceView()).toMatchObject({ tokenSaved: false });
    expect(root().querySelector(`#${REMOVE_TOKEN}`)).toBeNull();
  });

  it('does not hand the saved token to another site when the address moves there', async () => {
    const permissions = installFakePermissions(() => true);
    permissions.grant('https://usage.example.test/*');
    await savedSource(SECRET);
    await renderSource();
    await typeInto(root(), URL_FIELD, 'https://other.example.test/feed.json');
    expect(root().textContent).toContain(
      'The address is on another site than before, so saving removes the saved token.',
    );
    await saveSource();
    expect(await getUsageSourceView()).toMatchObject({
      source: { url: 'https://other.example.test/feed.json' },
      tokenSaved: false,
    });
    // The old host's access is given back; the new one's is held.
    expect(await granted('https://usage.example.test/*')).toBe(false);
    expect(await granted('https://other.example.test/*')).toBe(true);
  });

  it('removes the source and gives back its host access', async () => {
    const permissions = installFakePermissions(() => true);
    permissions.grant('https://usage.example.test/*');
    await savedSource(SECRET);
    await renderSource();
    await press(root(), 'Remove usage source');
    await settle();
    expect(notice()).toBe('The usage source is removed, with its token. Usage already read stays as it is.');
    expect(await getUsageSourceView()).toEqual({ tokenSaved: false });
    expect(await granted('https://usage.example.test/*')).toBe(false);
    expect(inputIn(root(), URL_FIELD).value).toBe('');
    expect(root().textContent).not.toContain('Read now');
  });

  it('keeps the host access when the reminder webhook posts to the same host', async () => {
    const permissions = installFakePermissions(() => true);
    permissions.grant('https://usage.example.test/*');
    await setReminderWebhook('https://usage.example.test/hooks/reminders', { now: T0 });
    await savedSource();
    await renderSource();
    await press(root(), 'Remove usage source');
    await settle();
    expect((await getUsageSourceView()).source).toBeUndefined();
    expect(await granted('https://usage.example.test/*')).toBe(true);
  });

  it('removing the webhook keeps the host access that the usage source still reads from', async () => {
    const permissions = installFakePermissions(() => true);
    permissions.grant('http://127.0.0.1/*');
    await setReminderWebhook('http://127.0.0.1:8788/reminders', { now: T0 });
    await saveUsageSource(
      { url: 'http://127.0.0.1:8787/usage.json', intervalMinutes: 60, acceptCorrections: false },
      { now: T0 },
    );
    await act(() => render(<WebhookSettings />, root()));
    await settle();
    await typeInto(root(), 'field-reminderWebhookUrl', '');
    await press(root(), 'Save webhook');
    await settle();
    expect((await getSettings()).reminderWebhookUrl).toBeUndefined();
    expect(await granted('http://127.0.0.1/*')).toBe(true);
  });

  it('says when the saved source may no longer be read from, until access is granted again', async () => {
    const permissions = installFakePermissions(() => true);
    await savedSource();
    await renderSource();
    const missing = 'Agency Desk may not read from this usage source any more. Save it again to allow access.';
    expect(root().textContent).toContain(missing);
    await act(() => permissions.grant('https://usage.example.test/*'));
    await settle();
    expect(root().textContent).not.toContain(missing);
  });

  it('Read now asks the background to read, and is disabled with a busy text until it answers', async () => {
    installFakePermissions(() => true);
    let answer: (value: { read: boolean }) => void = () => undefined;
    readAnswer = () => new Promise((resolve) => (answer = resolve));
    await savedSource();
    await renderSource();
    await press(root(), 'Read now');
    await settle();
    expect(reads).toBe(1);
    const busy = button(root(), 'Reading the usage source…');
    expect(busy.disabled).toBe(true);

    await act(() => answer({ read: true }));
    await settle();
    expect(button(root(), 'Read now').disabled).toBe(false);
  });

  it('Read now says so when the background does not answer', async () => {
    // No worker listening: the request gets no answer of the protocol.
    fakeBrowser.reset();
    installFakePermissions(() => true);
    await savedSource();
    await renderSource();
    await press(root(), 'Read now');
    await settle();
    expect(root().querySelector('[data-testid="usage-read-notice"]')?.textContent).toBe(
      "The source could not be read now because the extension's background did not answer. It is read at its next scheduled time.",
    );
    expect(button(root(), 'Read now').disabled).toBe(false);
  });
});
