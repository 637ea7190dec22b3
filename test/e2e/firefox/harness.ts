// Real-browser harness for Firefox: launches Firefox ESR over WebDriver BiDi (puppeteer-core 24)
// with the built MV2 extension (.output/firefox-mv2) installed as a temporary add-on, in a
// throwaway profile, and hands back raw BiDi access plus the few things Firefox needs done its way.
//
// What Firefox needs (found out on Firefox ESR 140 with puppeteer-core 24.43):
// - `--remote-allow-system-access`: without it, navigation to moz-extension:// pages is refused,
//   and scripts cannot run in a privileged (about:support) tab, which is where the Browser
//   Console and the notification windows are read below.
// - `extensions.webextensions.uuids` fixes the add-on's internal UUID, so its pages have a known
//   address (moz-extension://<uuid>/options.html).
// - Firefox sends no load events for extension documents, so page.goto() would wait forever:
//   navigation is the BiDi command browsingContext.navigate with wait "none", then a poll of the
//   document itself. puppeteer's waitForFunction cannot be used either: it builds its predicate
//   with Function(), which the extension pages' CSP blocks.
// - A notification opens an alert window that becomes the "most recent window"; a new tab made
//   without a reference context would then fail, so every tab is opened next to the first one.
// - console.* of extension pages and the background page reach Firefox's stdout through
//   `devtools.console.stdout.content` (`output()`; the lines carry no source). Uncaught errors,
//   and the warnings Firefox itself logs about the add-on (such as "attempting to use listener
//   …, which is unimplemented"), reach the Browser Console with their source, but not stdout:
//   `browserConsole()` reads them from a privileged tab. (console.* calls do not reach it: they
//   stay in the add-on's own process.)

import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { waitUntil } from '../wait';

const PROJECT_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
export const DEFAULT_FIREFOX_EXTENSION_DIR = join(PROJECT_ROOT, '.output', 'firefox-mv2');
export const DEFAULT_FIREFOX_PATH = '/usr/bin/firefox-esr';
/** The add-on's internal UUID in every test profile (any fixed UUID would do). */
export const EXTENSION_UUID = '7b0c4d1e-5a2f-4e8b-9c36-2d5f8a1e0b47';

const LAUNCH_TIMEOUT_MS = 30_000;
const NAVIGATION_TIMEOUT_MS = 15_000;

export interface FirefoxLaunchOptions {
  /** Unpacked extension directory; defaults to $E2E_FIREFOX_EXTENSION_DIR or .output/firefox-mv2. */
  extensionDir?: string;
  /** Firefox binary; defaults to $FIREFOX_PATH or /usr/bin/firefox-esr. */
  executablePath?: string;
  /** Show the browser window; defaults to true only when E2E_HEADED=1. */
  headed?: boolean;
  /** The language web pages are told (navigator.language), e.g. 'ja'; defaults to 'en-US'. */
  locale?: string;
  /**
   * Grant optional permissions the add-on asks for with permissions.request (from a click)
   * without showing the prompt, as if the person answered Allow. Off by default: then a
   * request shows Firefox's prompt, which nobody answers in a headless run.
   */
  allowPermissionRequests?: boolean;
}

/** One entry of the Browser Console that concerns the add-on. */
export interface ConsoleEntry {
  level: 'error' | 'warning' | 'info';
  message: string;
  source: string;
}

export interface FirefoxHarness {
  browser: Browser;
  geckoId: string;
  /** `moz-extension://<uuid>/<path>` */
  extensionUrl(path: string): string;
  /** Sends a WebDriver BiDi command and returns its result. */
  bidi<T = Record<string, unknown>>(method: string, params: Record<string, unknown>): Promise<T>;
  /** The BiDi browsing context id of a page. */
  contextOf(page: Page): string;
  /** Opens a new tab (next to the first one) and returns its page. */
  newTab(): Promise<Page>;
  /** Navigates a tab and resolves once the new document at `url` has finished loading. */
  navigate(page: Page, url: string): Promise<void>;
  /** Reloads a tab and resolves once the new document has finished loading. */
  reload(page: Page): Promise<void>;
  /** Every tab the tests can see (the first tab and the privileged one left out). */
  tabs(): Promise<{ context: string; url: string }[]>;
  /** The puppeteer page of a browsing context (a tab the extension opened, say). */
  pageOf(context: string): Promise<Page>;
  /** Evaluates an expression with system privileges (in an about:support tab); returns its JSON value. */
  privileged<T>(expression: string): Promise<T>;
  /** The Browser Console's messages about the add-on: script errors and warnings, with their source. */
  browserConsole(): Promise<ConsoleEntry[]>;
  /** Firefox's own stdout and stderr so far, line by line (console.* of extension documents included). */
  output(): string[];
  /** Reloads the add-on (browser.runtime.reload) and resolves once its background page has started again. */
  reloadExtension(): Promise<void>;
  /** Closes Firefox and deletes the temporary profile. */
  close(): Promise<void>;
}

interface BidiConnection {
  send(method: string, params: Record<string, unknown>): Promise<{ result: unknown }>;
}

function readGeckoId(extensionDir: string): string {
  const manifest = JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8')) as {
    browser_specific_settings?: { gecko?: { id?: string } };
  };
  const id = manifest.browser_specific_settings?.gecko?.id;
  if (!id) throw new Error(`${extensionDir}/manifest.json has no browser_specific_settings.gecko.id`);
  return id;
}

export async function launchFirefox(options: FirefoxLaunchOptions = {}): Promise<FirefoxHarness> {
  const extensionDir = resolve(
    options.extensionDir ?? (process.env.E2E_FIREFOX_EXTENSION_DIR || DEFAULT_FIREFOX_EXTENSION_DIR),
  );
  const executablePath = options.executablePath ?? (process.env.FIREFOX_PATH || DEFAULT_FIREFOX_PATH);
  const headed = options.headed ?? process.env.E2E_HEADED === '1';
  const locale = options.locale ?? 'en-US';

  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(
      `Firefox build missing: ${join(extensionDir, 'manifest.json')} does not exist. ` +
        'Run `npm run build:firefox` first (or `npm test`, which builds both browsers before the e2e tests).',
    );
  }
  if (!existsSync(executablePath)) {
    throw new Error(
      `Firefox not found at ${executablePath}. Install it (Debian: \`apt-get install -y firefox-esr\`; ` +
        '`bash .ci/run` does this) or set FIREFOX_PATH to a Firefox 140+ binary.',
    );
  }
  const geckoId = readGeckoId(extensionDir);
  const base = `moz-extension://${EXTENSION_UUID}/`;
  const profile = mkdtempSync(join(tmpdir(), 'agency-desk-e2e-firefox-'));
  const removeProfile = () => rmSync(profile, { recursive: true, force: true });

  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      protocol: 'webDriverBiDi',
      executablePath,
      headless: !headed,
      userDataDir: profile,
      timeout: LAUNCH_TIMEOUT_MS,
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: EXTENSION_UUID }),
        // console.* of web pages and of the add-on's documents on stdout; Firefox's own
        // (chrome) console messages are left out, they are noise here.
        'devtools.console.stdout.content': true,
        'devtools.console.stdout.chrome': false,
        'xpinstall.signatures.required': false,
        'extensions.webextOptionalPermissionPrompts': !options.allowPermissionRequests,
        // Notifications in Firefox's own window (alert.xhtml), which clickNotification clicks, even
        // where a desktop notification service runs (Debian's chromium package can bring
        // notification-daemon, and Firefox then hands notifications to it, out of reach).
        'alerts.useSystemBackend': false,
        // A notification's window stays until it is clicked or the test ends (default: 20 s).
        'alerts.totalOpenTime': 600_000,
        'intl.accept_languages': locale,
        'intl.locale.requested': locale,
      },
    });
  } catch (error) {
    removeProfile();
    throw new Error(
      `Could not launch Firefox at ${executablePath} over WebDriver BiDi: ` +
        `${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }

  const lines: string[] = [];
  const child = browser.process();
  for (const stream of [child?.stdout, child?.stderr]) {
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => lines.push(...chunk.split('\n').filter((line) => line.trim() !== '')));
  }

  const connection = (browser as unknown as { connection?: BidiConnection }).connection;
  if (!connection || typeof connection.send !== 'function') {
    await browser.close();
    removeProfile();
    throw new Error(
      'puppeteer-core no longer exposes its BiDi connection as browser.connection; see firefox/harness.ts',
    );
  }
  const bidi = async <T>(method: string, params: Record<string, unknown>): Promise<T> =>
    (await connection.send(method, params)).result as T;
  const contextOf = (page: Page): string => {
    const id = (page.mainFrame() as unknown as { _id?: string })._id;
    if (typeof id !== 'string') throw new Error("puppeteer-core's frame no longer carries its BiDi context id as _id");
    return id;
  };

  const close = async () => {
    try {
      await browser.close();
    } finally {
      removeProfile();
    }
  };

  const firstPage = (await browser.pages())[0] ?? (await browser.newPage());
  const home = contextOf(firstPage);
  let privilegedContext: string | undefined;

  const pageOf = (context: string) =>
    waitUntil(
      async () => (await browser.pages()).find((page) => contextOf(page) === context),
      (page) => page !== undefined,
      () => `puppeteer to know the tab ${context}`,
      NAVIGATION_TIMEOUT_MS,
    ) as Promise<Page>;

  const newTab = async () => {
    const { context } = await bidi<{ context: string }>('browsingContext.create', {
      type: 'tab',
      referenceContext: home,
    });
    return pageOf(context);
  };

  /** A token on the current document, to tell it from the one a navigation brings. */
  const markDocument = async (page: Page) => {
    const token = `${Date.now()}-${Math.random()}`;
    await page.evaluate((value) => {
      (window as unknown as { __e2eDocument?: string }).__e2eDocument = value;
    }, token);
    return token;
  };

  const waitForDocument = (page: Page, token: string | undefined, url: string | undefined) =>
    waitUntil(
      () =>
        page.evaluate(() => ({
          href: location.href,
          ready: document.readyState,
          token: (window as unknown as { __e2eDocument?: string }).__e2eDocument ?? null,
        })),
      (state) =>
        state.ready === 'complete' && (token === undefined || state.token !== token) && (!url || state.href === url),
      () => `${url ?? 'the reloaded page'} to load`,
      NAVIGATION_TIMEOUT_MS,
    );

  const navigate = async (page: Page, url: string) => {
    const sameDocument = await page
      .evaluate(() => location.href)
      .then((href) => href.split('#')[0] === url.split('#')[0] && url.includes('#'))
      .catch(() => false);
    const token = sameDocument ? undefined : await markDocument(page).catch(() => undefined);
    await bidi('browsingContext.navigate', { context: contextOf(page), url, wait: 'none' });
    await waitForDocument(page, token, url);
  };

  const reload = async (page: Page) => {
    const token = await markDocument(page);
    await bidi('browsingContext.reload', { context: contextOf(page), wait: 'none' });
    await waitForDocument(page, token, undefined);
  };

  const privileged = async <T>(expression: string): Promise<T> => {
    if (!privilegedContext) {
      const { context } = await bidi<{ context: string }>('browsingContext.create', {
        type: 'tab',
        referenceContext: home,
        background: true,
      });
      await bidi('browsingContext.navigate', { context, url: 'about:support', wait: 'complete' });
      privilegedContext = context;
    }
    const reply = await bidi<{
      type: 'success' | 'exception';
      result?: { type: string; value?: unknown };
      exceptionDetails?: { text: string };
    }>('script.evaluate', {
      expression: `(async () => JSON.stringify(await (${expression})))()`,
      target: { context: privilegedContext },
      awaitPromise: true,
    });
    if (reply.type === 'exception') throw new Error(`Privileged script failed: ${reply.exceptionDetails?.text}`);
    const value = reply.result?.value;
    return (typeof value === 'string' ? JSON.parse(value) : undefined) as T;
  };

  const browserConsole = () =>
    privileged<ConsoleEntry[]>(`(() => {
      const uuid = ${JSON.stringify(EXTENSION_UUID)};
      const id = ${JSON.stringify(geckoId)};
      const ours = (text) => typeof text === 'string' && (text.includes(uuid) || text.includes(id));
      const entries = [];
      for (const message of Services.console.getMessageArray() ?? []) {
        if (message instanceof Ci.nsIScriptError) {
          if (!ours(message.sourceName) && !ours(message.errorMessage)) continue;
          const warning = (message.flags & Ci.nsIScriptError.warningFlag) !== 0;
          const info = (message.flags & Ci.nsIScriptError.infoFlag) !== 0;
          entries.push({ level: warning ? 'warning' : info ? 'info' : 'error', message: message.errorMessage, source: message.sourceName });
        }
      }
      return entries;
    })()`);

  const tabs = async () => {
    const { contexts } = await bidi<{ contexts: { context: string; url: string }[] }>('browsingContext.getTree', {
      maxDepth: 0,
    });
    return contexts
      .filter((tab) => tab.context !== home && tab.context !== privilegedContext)
      .map(({ context, url }) => ({ context, url }));
  };

  /** When the background page's document was created: a reloaded add-on has a later one. */
  const backgroundStartedAt = (page: Page) =>
    page.evaluate(() => {
      const api = (globalThis as unknown as { browser: { extension: { getBackgroundPage(): Window | null } } }).browser;
      const background = api.extension.getBackgroundPage();
      return background && background.document.readyState === 'complete' ? background.performance.timeOrigin : null;
    });

  const reloadExtension = async () => {
    const trigger = await newTab();
    await navigate(trigger, `${base}manifest.json`);
    const before = await backgroundStartedAt(trigger);
    const triggerContext = contextOf(trigger);
    await trigger.evaluate(() => {
      const api = (globalThis as unknown as { browser: { runtime: { reload(): void } } }).browser;
      // Let the evaluation return before the add-on goes.
      setTimeout(() => api.runtime.reload(), 0);
    });
    // Going away closes the add-on's pages: once this one is closed, the old instance is gone.
    await waitUntil(
      tabs,
      (open) => !open.some((tab) => tab.context === triggerContext),
      () => 'browser.runtime.reload() to close the add-on’s pages',
      NAVIGATION_TIMEOUT_MS,
    );
    const watch = await newTab();
    try {
      await waitUntil(
        async () => {
          // Each try loads the add-on's document afresh: while the add-on is away, the load fails.
          await bidi('browsingContext.navigate', {
            context: contextOf(watch),
            url: `${base}manifest.json`,
            wait: 'none',
          });
          return backgroundStartedAt(watch);
        },
        (startedAt) => startedAt !== null && startedAt !== before,
        () => 'the add-on to start again after browser.runtime.reload()',
        NAVIGATION_TIMEOUT_MS,
      );
    } finally {
      await watch.close().catch(() => undefined);
    }
  };

  try {
    const installed = await browser.installExtension(extensionDir);
    if (installed !== geckoId) throw new Error(`installed as ${installed}, expected ${geckoId}`);
  } catch (error) {
    await close();
    throw new Error(
      `Firefox refused the add-on in ${extensionDir}: ${error instanceof Error ? error.message : String(error)}. ` +
        'Run `npm run lint:firefox` to see what web-ext thinks of the build.',
      { cause: error },
    );
  }

  return {
    browser,
    geckoId,
    extensionUrl: (path) => `${base}${path.replace(/^\//, '')}`,
    bidi,
    contextOf,
    newTab,
    navigate,
    reload,
    tabs,
    pageOf,
    privileged,
    browserConsole,
    output: () => [...lines],
    reloadExtension,
    close,
  };
}
