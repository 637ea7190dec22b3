import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TeamSettings } from '../../../entrypoints/options/components/team/TeamSettings';
import { db } from '../../../lib/db/database';
import { setLanguage } from '../../../lib/i18n';
import type { TeamCheck } from '../../../lib/messages/protocol-schema';
import { AppError } from '../../../lib/model/errors';
import { createClient, updateSettings } from '../../../lib/ops';
import { installFakePermissions } from '../fake-permissions';
import { clientInput, resetDb, T0 } from '../ops/helpers';
import { renderRootPerTest } from '../render-root';
import { button, errorOf, fakeBackground, press, settle, typeInto } from '../settings/settings-dom';
import { waitFor } from '../wait-for';
import { connectUiTeam, queueTestChanges, TEST_AGENCY } from './ui-team-fixture';

const root = renderRootPerTest();
const SERVER = 'https://sync.example.test';
const TOKEN = 'adt_secret_token_0123456789';
const URL_BOX = 'field-team-serverUrl';
const TOKEN_BOX = 'field-team-token';

const alertText = () => root().querySelector('[role="alert"]')?.textContent ?? null;
const noticeText = () => root().querySelector('[data-testid="team-notice"]')?.textContent ?? null;
const connectedText = () => root().querySelector('[data-testid="team-connected"]')?.textContent ?? null;

/** What the page asked, in order: the permission prompt, the worker's requests, the backup's download. */
let asked: string[];
let serverClients: number;

function checkAnswer(localClients: number): TeamCheck {
  return { agencyName: TEST_AGENCY, memberName: 'Max Manager', role: 'manager', serverClients, localClients };
}

function worker(overrides: Parameters<typeof fakeBackground>[0] = {}) {
  fakeBackground({
    'team/check': async ({ serverUrl, token }) => {
      asked.push(`check ${serverUrl} ${token}`);
      return checkAnswer(await db.clients.count());
    },
    'team/connect': async ({ start }) => {
      asked.push(`connect ${start}`);
      const localClients = await db.clients.count();
      await connectUiTeam('manager');
      return checkAnswer(localClients);
    },
    ...overrides,
  });
}

/** The worker's answers for the test at hand; the page is shown with them. */
let overrides: Parameters<typeof fakeBackground>[0] = {};

async function show() {
  worker(overrides);
  await act(() => render(<TeamSettings />, root()));
  await settle();
}

async function fillAndConnect(url = SERVER, token = TOKEN) {
  await typeInto(root(), URL_BOX, url);
  await typeInto(root(), TOKEN_BOX, token);
  await press(root(), 'Connect');
  await settle();
}

describe("Settings' Team section", () => {
  let downloads: Blob[];
  beforeEach(async () => {
    await resetDb();
    await updateSettings({ poolSize: 1_000 }, { now: T0 });
    overrides = {};
    asked = [];
    serverClients = 0;
    downloads = [];
    installFakePermissions(() => {
      asked.push('permission');
      return true;
    });
    // The backup's download: the file's contents are what the object URL is made of.
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      asked.push('backup');
      downloads.push(blob as Blob);
      return 'blob:backup';
    });
  });
  afterEach(() => vi.restoreAllMocks());

  it('connects an empty browser at once, downloading the roster, after asking for that origin first', async () => {
    serverClients = 240;
    await show();
    expect(root().querySelector<HTMLInputElement>(`#${TOKEN_BOX}`)?.type).toBe('password');
    await fillAndConnect(`${SERVER}/ `);
    expect(asked).toEqual(['permission', `check ${SERVER} ${TOKEN}`, 'connect download']);
    await waitFor(() => connectedText() !== null, 'the connected line');
    expect(connectedText()).toBe('Connected to Northwind Digital as Max Manager (manager).');
    expect(noticeText()).toBe('This browser is connected to Northwind Digital.');
    expect(root().innerHTML).not.toContain(TOKEN);
  });

  it('offers to upload a roster to an empty server, and uploads it only when asked', async () => {
    await createClient(clientInput({ name: 'Acme Outdoor' }), { now: T0 });
    await createClient(clientInput({ name: 'Birch Books' }), { now: T0 });
    await show();
    await fillAndConnect();
    expect(asked).toEqual(['permission', `check ${SERVER} ${TOKEN}`]);
    expect(root().querySelector('[data-testid="team-offer"]')?.textContent).toContain(
      'Northwind Digital has no clients on the server yet, and this browser has 2.',
    );

    await press(root(), 'Cancel');
    expect(root().querySelector('[data-testid="team-offer"]')).toBeNull();
    expect(asked).not.toContain('connect upload');

    await press(root(), 'Connect');
    await settle();
    await press(root(), "Upload this browser's roster to Northwind Digital (clients: 2)");
    await waitFor(() => connectedText() !== null, 'the connected line');
    expect(asked.at(-1)).toBe('connect upload');
    expect(asked).not.toContain('backup');
  });

  it('downloads a backup before replacing a roster with the server’s, and never merges them', async () => {
    serverClients = 240;
    await createClient(clientInput({ name: 'Acme Outdoor' }), { now: T0 });
    await show();
    await fillAndConnect();
    const offer = root().querySelector('[data-testid="team-offer"]')?.textContent ?? '';
    expect(offer).toContain('Northwind Digital already has 240 clients on the server, and this browser has 1.');
    expect(() => button(root(), "Upload this browser's roster to Northwind Digital (clients: 1)")).toThrow();

    await press(root(), "Download a backup, then replace this browser's roster with Northwind Digital's");
    await waitFor(() => connectedText() !== null, 'the connected line');
    expect(asked).toEqual(['permission', `check ${SERVER} ${TOKEN}`, 'backup', 'connect download']);
    const backup = JSON.parse(await downloads[0]!.text()) as { clients: { name: string }[] };
    expect(backup.clients.map((client) => client.name)).toEqual(['Acme Outdoor']);
    expect(noticeText()).toMatch(/^The backup agency-desk-.*\.json was downloaded, then this browser was connected/);
  });

  it('asks nothing of the server when the browser does not allow the origin', async () => {
    installFakePermissions(() => {
      asked.push('permission');
      return false;
    });
    await show();
    await fillAndConnect();
    expect(asked).toEqual(['permission']);
    expect(alertText()).toBe('Access to the server was not allowed, so this browser is not connected.');
  });

  it('says what is wrong with the address or the token next to them, before asking anything', async () => {
    await show();
    await fillAndConnect('http://sync.example.test', '  ');
    expect(asked).toEqual([]);
    expect(errorOf(root(), URL_BOX)).toBe(
      'The server address must be an https:// address (or http:// on 127.0.0.1 or localhost), without a user name or password in it.',
    );
    expect(errorOf(root(), TOKEN_BOX)).toBe('Member token is required.');
  });

  it("shows the server's refusal in the person's language next to the form", async () => {
    overrides = { 'team/check': () => Promise.reject(new AppError('rule', 'sync_error_unauthorized')) };
    await show();
    await fillAndConnect();
    expect(alertText()).toBe("The server did not accept this token. Ask the team's owner for a new one.");

    setLanguage('ja');
    await act(() => render(null, root()));
    await show();
    await typeInto(root(), URL_BOX, SERVER);
    await typeInto(root(), TOKEN_BOX, TOKEN);
    await press(root(), '接続');
    await settle();
    expect(alertText()).toBe(
      'サーバーがこのトークンを受け付けませんでした。チームのオーナーに新しいトークンを依頼してください。',
    );
  });

  it('refuses the connection when the rosters changed since the check, and says why', async () => {
    serverClients = 0;
    await createClient(clientInput({ name: 'Acme Outdoor' }), { now: T0 });
    overrides = { 'team/connect': () => Promise.reject(new AppError('conflict', 'sync_error_badRequest')) };
    await show();
    await fillAndConnect();
    await press(root(), "Upload this browser's roster to Northwind Digital (clients: 1)");
    await settle();
    expect(alertText()).toBe('The server could not read this request.');
    expect(connectedText()).toBeNull();
    expect(root().querySelector('[data-testid="team-offer"]')).toBeNull();
  });

  it('disconnects after a confirmation that says the roster stays and how many waiting changes go', async () => {
    await createClient(clientInput({ name: 'Acme Outdoor' }), { now: T0 });
    await connectUiTeam('viewer');
    await queueTestChanges(3);
    overrides = {
      'team/disconnect': async () => {
        asked.push('disconnect');
        await db.meta.delete('team');
        await db.outbox.clear();
        return { keptClients: 1, droppedChanges: 3 };
      },
    };
    await show();
    expect(connectedText()).toBe('Connected to Northwind Digital as Max Manager (viewer).');

    await press(root(), 'Disconnect');
    const dialog = root().querySelector('dialog');
    expect(dialog?.querySelector('h2')?.textContent).toBe('Disconnect from Northwind Digital?');
    expect(dialog?.textContent).toContain('This browser keeps its copy of the roster as it is now');
    expect(dialog?.querySelector('[data-testid="team-disconnect-drops"]')?.textContent).toBe(
      'Changes made here that have not reached the server will be dropped: 3.',
    );
    await press(root(), 'Cancel');
    expect(asked).toEqual([]);

    await press(root(), 'Disconnect');
    const confirm = [...root().querySelectorAll('dialog button')].find(
      (element) => element.textContent === 'Disconnect',
    );
    await act(() => (confirm as HTMLButtonElement).click());
    await waitFor(() => noticeText() !== null, 'the disconnected notice');
    expect(asked).toEqual(['disconnect']);
    expect(noticeText()).toBe('Disconnected. This browser kept its copy of the roster (clients: 1).');
    expect(root().querySelector(`#${URL_BOX}`)).not.toBeNull();
    expect(await db.clients.count()).toBe(1);
  });
});
