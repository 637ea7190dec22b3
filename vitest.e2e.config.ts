import { defineConfig } from 'vitest/config';

// Real-browser tests against the built extension (.output/chrome-mv3).
// Deliberately without the WxtVitest plugin: these tests drive Chromium
// through playwright-core and never import extension code directly.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // One browser at a time: they are heavy and share the build directory.
    fileParallelism: false,
    passWithNoTests: false,
  },
});
