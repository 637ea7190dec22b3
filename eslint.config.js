// @ts-check
// Lint = the layout's rules, checked on every `npm test` (docs/ARCHITECTURE.md describes the same zones in words).
// Type-aware typescript-eslint rules catch promises nobody awaits and switches that forget a case;
// react-hooks checks Preact's hooks (same API); import-x checks cycles and which layer may import which.
import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

/** Files that talk to a browser API, a database or the UI: what the pure layers must never import. */
const IMPURE_LAYERS = [
  './lib/ops',
  './lib/db',
  './lib/background',
  './lib/platform',
  './lib/messages',
  './components',
  './entrypoints',
];

const zones = [
  // Pure layers: the model and the rules import nothing that touches the browser, Dexie or the UI.
  ...['./lib/model', './lib/rules'].map((target) => ({
    target,
    from: IMPURE_LAYERS,
    message: 'lib/model and lib/rules are pure: no browser, database, operation or UI imports.',
  })),
  // The sync server shares the model and the rules with the extension, and nothing else of it.
  {
    target: './server',
    from: IMPURE_LAYERS,
    message: 'server/ imports lib/model and lib/rules only: never lib/db, lib/ops or the browser.',
  },
  // Nothing in the extension reaches into the server; what both need lives in lib/model or lib/rules.
  ...['./lib', './components', './entrypoints'].map((target) => ({
    target,
    from: ['./server'],
    message: 'The extension and the server share lib/model and lib/rules; the extension never imports server/.',
  })),
  // The UI goes through the operations, never straight to the database or the background.
  ...['./components', './entrypoints/popup', './entrypoints/options'].map((target) => ({
    target,
    from: ['./lib/db', './lib/background'],
    message: 'The UI reaches the database through lib/ops and the background through lib/messages.',
  })),
];

const BROWSER_API_IMPORTS = ['wxt/browser', 'webextension-polyfill', '@wxt-dev/browser'].map((name) => ({
  name,
  message: 'Browser APIs go through lib/platform.',
}));

export default tseslint.config(
  {
    ignores: [
      '.output/**',
      '.output-*/**',
      '.wxt/**',
      'node_modules/**',
      'coverage/**',
      'bench-results/**',
      'public/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser, ...globals.node },
    },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ alwaysTryTypes: true })],
    },
    plugins: { 'import-x': importX, 'react-hooks': reactHooks },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'react-hooks/rules-of-hooks': 'error',
      // useLiveQuery, useLiveQueryBeforePaint and usePermissionCheck take a dependency list like useEffect: check their callers' lists too.
      'react-hooks/exhaustive-deps': [
        'error',
        { additionalHooks: '^(useLiveQuery|useLiveQueryBeforePaint|usePermissionCheck)$' },
      ],
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': ['error', { zones }],
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  {
    // Only lib/platform touches the browser's extension API (one adapter, with fakes for tests).
    files: ['lib/**', 'components/**', 'entrypoints/**'],
    ignores: ['lib/platform/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: BROWSER_API_IMPORTS }],
      'no-restricted-globals': [
        'error',
        { name: 'chrome', message: 'Browser APIs go through lib/platform.' },
        { name: 'browser', message: 'Browser APIs go through lib/platform.' },
      ],
    },
  },
  {
    // One helper per browser quirk: tabs are opened and navigated only in lib/platform/tabs.ts, which refuses
    // a workspace address that is not http(s) (refined-github's safe-create-tab).
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['lib/platform/tabs.ts', 'test/**', 'bench/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name=/^(create|update)$/][object.property.name='tabs']",
          message: 'Open and navigate tabs through lib/platform/tabs.ts (openWorkspaceTab, openInternalTab).',
        },
      ],
    },
  },
  {
    // The pure layers use no database either: rules are functions of data and `now`.
    files: ['lib/model/**', 'lib/rules/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...BROWSER_API_IMPORTS, { name: 'dexie', message: 'lib/model and lib/rules are pure: no database.' }],
        },
      ],
    },
  },
  {
    // The popup stays small and quick: no zod at run time (types only).
    files: ['entrypoints/popup/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'zod/mini', message: 'The popup loads no zod.', allowTypeImports: true }],
          patterns: [
            { regex: '(^|/)zod$', message: 'The popup loads no zod.', allowTypeImports: true },
            {
              regex: '-schema$',
              message: 'The popup loads no zod: import schema modules as `import type`.',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    // Database upgrades are frozen: their own copies of any logic, never today's rules.
    files: ['lib/db/upgrades/**'],
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            ...zones,
            {
              target: './lib/db/upgrades',
              from: ['./lib/rules', './lib/ops'],
              message: 'An upgrade keeps its own frozen copy of any rule.',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests and benchmarks read JSON from pages and files and check its shape with expect(); their fakes implement
    // async interfaces without awaiting anything. Both are the point there, not a mistake.
    files: ['test/**', 'bench/**'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/require-await': 'off',
      // IndexedDB rejects with request.error, a DOMException typed as nullable.
      '@typescript-eslint/prefer-promise-reject-errors': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
