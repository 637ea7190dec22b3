import { readdirSync, readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Unit tests share one module graph and one happy-dom window across files (isolate: false):
// giving each of 114 files its own fake-indexeddb, fake browser and DOM took about two thirds of
// the suite's wall time on a 2-core machine. test/unit/setup.ts, run before every file, puts back
// the module state a file can leave behind. A file that replaces modules (vi.mock, vi.doMock,
// vi.resetModules) would change them for the files after it, so those files — found here by
// reading them, not listed by hand — run isolated in a project of their own.
const UNIT_FILES = /\.test\.tsx?$/;
const UNIT_GLOB = 'test/unit/**/*.test.{ts,tsx}';
const REPLACES_MODULES = /\bvi\.(mock|doMock|resetModules)\(/;

const replacingFiles = readdirSync('test/unit', { recursive: true, encoding: 'utf8' })
  .filter((file) => UNIT_FILES.test(file))
  .map((file) => `test/unit/${file.split('\\').join('/')}`)
  .filter((file) => REPLACES_MODULES.test(readFileSync(file, 'utf8')));

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    environment: 'happy-dom',
    setupFiles: ['test/unit/setup.ts'],
    // A run that executes nothing must fail rather than pass as green.
    passWithNoTests: false,
    restoreMocks: true,
    // Each project names its own files: a project's include is added to the root's, not put in its place.
    projects: [
      { extends: true, test: { name: 'unit', include: [UNIT_GLOB], exclude: replacingFiles, isolate: false } },
      { extends: true, test: { name: 'unit-isolated', include: replacingFiles } },
    ],
  },
});
