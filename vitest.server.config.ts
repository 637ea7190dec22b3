import { defineConfig } from 'vitest/config';

// The sync server's tests: Node, against a real PostgreSQL that test/server/global-setup.ts
// starts (initdb in a temporary folder, 127.0.0.1, a free port) and stops.
export default defineConfig({
  test: {
    include: ['test/server/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/server/global-setup.ts'],
    passWithNoTests: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
