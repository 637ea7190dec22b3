// Real-browser harness: launches Chromium with the built extension loaded
// (.output/chrome-mv3) in a throwaway profile, and hands back the extension's
// id, its background service worker, and a way to open extension pages.
//
// Uses playwright-core only (no bundled browsers): the Chromium binary comes
// from $CHROMIUM_PATH or /usr/bin/chromium (Debian's `chromium` package).
// Branded Google Chrome 137+ ignores --load-extension, so point CHROMIUM_PATH
// at Chromium (or Chrome for Testing), not at Chrome stable.

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';

const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const DEFAULT_EXTENSION_DIR = join(PROJECT_ROOT, '.output', 'chrome-mv3');
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

const SERVICE_WORKER_TIMEOUT_MS = 20_000;

export interface PageProblems {
  /** Uncaught exceptions thrown in the page (`pageerror` events). */
  pageErrors: string[];
  /** Every `console.error` message (CSP violations are reported here). */
  consoleErrors: string[];
}

export interface ExtensionHarness {
  context: BrowserContext;
  extensionId: string;
  serviceWorker: Worker;
  /** `chrome-extension://<id>/<path>` */
  extensionUrl(path: string): string;
  /**
   * Opens an extension page (e.g. `options.html`) in a new tab and waits for
   * it to load. Errors are collected from before navigation starts; read them
   * with `problems(page)`.
   */
  openExtensionPage(path: string): Promise<Page>;
  /** Page errors and console errors seen so far on a page from openExtensionPage. */
  problems(page: Page): PageProblems;
  /** Closes the browser and deletes the temporary profile. */
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** Unpacked extension directory; defaults to $E2E_EXTENSION_DIR or .output/chrome-mv3. */
  extensionDir?: string;
  /** Browser binary; defaults to $CHROMIUM_PATH or /usr/bin/chromium. */
  executablePath?: string;
  /** Show the browser window; defaults to true only when E2E_HEADED=1. */
  headed?: boolean;
  /** Browser UI language (navigator.language), e.g. 'ja'; defaults to 'en-US'. */
  locale?: string;
}

export async function launchExtension(options: LaunchOptions = {}): Promise<ExtensionHarness> {
  const extensionDir = resolve(options.extensionDir ?? (process.env.E2E_EXTENSION_DIR || DEFAULT_EXTENSION_DIR));
  const executablePath = options.executablePath ?? (process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM_PATH);
  const headed = options.headed ?? process.env.E2E_HEADED === '1';

  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(
      `Extension build missing: ${join(extensionDir, 'manifest.json')} does not exist. ` +
        'Run `npm run build` first (or `npm test`, which builds before the e2e tests).',
    );
  }
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium not found at ${executablePath}. Install it (Debian: \`apt-get install -y chromium\`; ` +
        '`bash .ci/run` does this) or set CHROMIUM_PATH to a Chromium or Chrome for Testing binary ' +
        '(branded Google Chrome 137+ ignores --load-extension).',
    );
  }

  const userDataDir = mkdtempSync(join(tmpdir(), 'agency-desk-e2e-'));
  const removeProfile = () => rmSync(userDataDir, { recursive: true, force: true });

  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      // Playwright's headless mode passes --headless, which in Chromium 132+
      // is the "new" headless that runs extensions.
      headless: !headed,
      locale: options.locale ?? 'en-US',
      args: [
        `--lang=${options.locale ?? 'en-US'}`,
        `--disable-extensions-except=${extensionDir}`,
        `--load-extension=${extensionDir}`,
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  } catch (error) {
    removeProfile();
    throw new Error(
      `Could not launch Chromium at ${executablePath} with the extension from ${extensionDir}: ` +
        `${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }

  const close = async () => {
    try {
      await context.close();
    } finally {
      removeProfile();
    }
  };

  let serviceWorker: Worker;
  try {
    serviceWorker =
      context.serviceWorkers().find(isExtensionWorker) ??
      (await context.waitForEvent('serviceworker', {
        predicate: isExtensionWorker,
        timeout: SERVICE_WORKER_TIMEOUT_MS,
      }));
  } catch (error) {
    await close();
    throw new Error(
      `The extension's background service worker did not start within ${SERVICE_WORKER_TIMEOUT_MS / 1000}s. ` +
        'Either the manifest was rejected or background.js threw while loading; load ' +
        `${extensionDir} via chrome://extensions (Developer mode → Load unpacked) to see the error. ` +
        `(${error instanceof Error ? error.message : String(error)})`,
      { cause: error },
    );
  }

  const extensionId = new URL(serviceWorker.url()).host;
  const extensionUrl = (path: string) => `chrome-extension://${extensionId}/${path.replace(/^\//, '')}`;

  // Chromium reports the worker even when background.js throws at top level;
  // only the registration tells whether it actually installed and activated.
  try {
    await expectActiveRegistration(context, extensionUrl('manifest.json'), serviceWorker.url());
  } catch (error) {
    await close();
    throw error;
  }
  const problemsByPage = new WeakMap<Page, PageProblems>();

  return {
    context,
    extensionId,
    serviceWorker,
    extensionUrl,
    async openExtensionPage(path) {
      const page = await context.newPage();
      const problems: PageProblems = { pageErrors: [], consoleErrors: [] };
      problemsByPage.set(page, problems);
      page.on('pageerror', (error) => problems.pageErrors.push(error.stack ?? error.message));
      page.on('console', (message) => {
        if (message.type() === 'error') problems.consoleErrors.push(message.text());
      });
      const url = extensionUrl(path);
      const response = await page.goto(url, { waitUntil: 'load' });
      if (response && !response.ok()) {
        throw new Error(`Opening ${url} failed with HTTP ${response.status()}; is ${path} in the build?`);
      }
      return page;
    },
    problems(page) {
      const problems = problemsByPage.get(page);
      if (!problems) throw new Error('problems(page) only works for pages opened with openExtensionPage');
      return problems;
    },
    close,
  };
}

function isExtensionWorker(worker: Worker): boolean {
  return worker.url().startsWith('chrome-extension://');
}

async function expectActiveRegistration(context: BrowserContext, anyExtensionUrl: string, workerUrl: string) {
  const page = await context.newPage();
  try {
    // Any document on the extension's origin can see its service worker registration.
    await page.goto(anyExtensionUrl);
    const active = await page.evaluate(async (timeoutMs) => {
      const timeout = new Promise<null>((done) => setTimeout(() => done(null), timeoutMs));
      const registration = await Promise.race([navigator.serviceWorker.ready, timeout]);
      return registration?.active
        ? { scriptURL: registration.active.scriptURL, state: registration.active.state }
        : null;
    }, SERVICE_WORKER_TIMEOUT_MS / 2);
    if (!active || active.scriptURL !== workerUrl) {
      throw new Error(
        `The extension's background service worker (${workerUrl}) is not registered and active ` +
          `(got ${JSON.stringify(active)}). background.js most likely threw while loading; load the build ` +
          'via chrome://extensions (Developer mode → Load unpacked) to see the error.',
      );
    }
  } finally {
    await page.close();
  }
}

declare const chrome: {
  developerPrivate: { addHostPermission(extensionId: string, host: string): Promise<void> };
};

/**
 * Grants the extension site access to `pattern` the way a person does in Chromium's extension
 * settings (chrome://extensions); a request for that host from an extension page then
 * resolves without a prompt. Only hosts the manifest lists as optional can be granted.
 */
export async function allowSiteAccess(
  harness: Pick<ExtensionHarness, 'context' | 'extensionId'>,
  pattern: string,
): Promise<void> {
  const extensions = await harness.context.newPage();
  try {
    await extensions.goto('chrome://extensions/');
    await extensions.evaluate(({ id, host }) => chrome.developerPrivate.addHostPermission(id, host), {
      id: harness.extensionId,
      host: pattern,
    });
  } finally {
    await extensions.close();
  }
}
