import { defineConfig } from 'vitest/config';

// Real-browser tests against the built extension: .output/chrome-mv3 in Chromium (playwright-core)
// and .output/firefox-mv2 in Firefox ESR (puppeteer-core over WebDriver BiDi). Deliberately
// without the WxtVitest plugin: these tests drive the browsers and never import extension code.
//
// Two projects, one per browser. test/e2e/shared holds the scenarios written once against the
// driver (test/e2e/driver.ts); both projects run them, each with E2E_BROWSER set to its browser.
// Only one browser at a time: `npm run test:e2e:chromium` / `test:e2e:firefox` run one of them.
export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // One browser at a time, across both projects: they are heavy and share the build directories.
    fileParallelism: false,
    maxWorkers: 1,
    // The files of a project share one worker process rather than each starting its own and
    // importing playwright-core or puppeteer-core again (about a second a file). No helper of
    // test/e2e keeps state in its module, and every file launches and closes its own browsers.
    isolate: false,
    passWithNoTests: false,
    projects: [
      {
        extends: true,
        test: {
          name: 'chromium',
          include: ['test/e2e/**/*.test.ts'],
          exclude: ['test/e2e/firefox/**'],
          env: { E2E_BROWSER: 'chromium' },
        },
      },
      {
        extends: true,
        test: {
          name: 'firefox',
          include: ['test/e2e/shared/**/*.test.ts', 'test/e2e/firefox/**/*.test.ts'],
          env: { E2E_BROWSER: 'firefox' },
        },
      },
    ],
  },
});
