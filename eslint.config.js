// ESLint (flat config): JavaScript's and typescript-eslint's recommended rules, a few type-aware
// rules, and the dependency rule of docs/architecture.md (guanjia/dependencies). `npm run lint`;
// also a step of `npm test`.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import { guanjiaPlugin } from './scripts/lint/dependency-rule.js';

/**
 * The dependency rule (docs/architecture.md), one row per workspace package. `workspace`: the exact
 * specifiers of our packages its code may import (each package.json declares the same packages in
 * `dependencies`, checked by scripts/lint/dependency-rule.test.ts); `external`: which npm packages
 * and Node built-ins (`any`, `browser` = no Node built-in, or a list). Test code (a package's
 * `test/` folder, `*.test.ts` files, config files) may add `testWorkspace` (its package.json's
 * `devDependencies`) and `testExternal`.
 */
export const ARCHITECTURE = [
  {
    dir: 'packages/vocabulary',
    name: '@guanjia/vocabulary',
    rule: 'the vocabulary (closed word lists) depends on nothing',
    workspace: [],
    external: [],
    testExternal: ['vitest', 'fast-check'],
  },
  {
    dir: 'packages/core',
    name: '@guanjia/core',
    rule: 'core imports only the vocabulary and no I/O module (no files, network, database, process or clock)',
    workspace: ['@guanjia/vocabulary'],
    external: [],
    testExternal: ['vitest', 'fast-check', 'node:util', 'node:assert'],
  },
  {
    dir: 'packages/api-contract',
    name: '@guanjia/api-contract',
    rule: 'the API contract is Zod schemas over the vocabulary',
    workspace: ['@guanjia/vocabulary'],
    external: ['zod'],
    testExternal: ['vitest'],
  },
  {
    dir: 'packages/storage',
    name: '@guanjia/storage',
    rule: "storage implements core's ports; it never imports the server, the CLI or the API contract",
    workspace: ['@guanjia/core'],
    external: 'any',
  },
  {
    dir: 'apps/server',
    name: '@guanjia/server',
    rule: 'the server composes the contract, storage and core',
    workspace: ['@guanjia/api-contract', '@guanjia/core', '@guanjia/storage', '@guanjia/vocabulary'],
    testWorkspace: ['@guanjia/storage/testing'],
    external: 'any',
  },
  {
    dir: 'apps/cli',
    name: '@guanjia/cli',
    rule: "the CLI goes through the server's runtime entry (@guanjia/server/runtime), never the server's internals",
    workspace: ['@guanjia/core', '@guanjia/server/runtime', '@guanjia/storage'],
    // the CLI's tests run the real command against a fresh database
    testWorkspace: ['@guanjia/storage/testing'],
    external: 'any',
  },
  {
    dir: 'apps/web',
    name: '@guanjia/web',
    rule: 'the web imports only the API contract and the vocabulary (never core, storage or the server), and no Node module',
    workspace: ['@guanjia/api-contract', '@guanjia/vocabulary'],
    // the browser tests start the real server on a fresh database
    testWorkspace: ['@guanjia/server', '@guanjia/server/seed', '@guanjia/server/runtime', '@guanjia/storage/testing'],
    external: 'browser',
    testExternal: 'any',
  },
];

const root = import.meta.dirname;
const typeScript = ['**/*.ts', '**/*.tsx'];

export default defineConfig(
  { ignores: ['**/node_modules/', '**/dist/', 'data/', 'test-artifacts/', '.vitest-results/', 'coverage/', '.bench-data/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: typeScript,
    languageOptions: {
      parserOptions: {
        // the nearest tsconfig.json of each file (the root one, apps/web's for the UI)
        projectService: { allowDefaultProject: ['vitest.config.ts'] },
        tsconfigRootDir: root,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Migrations are frozen in time: they run against the schema as it was then, which no current type
    // describes, so they take Kysely's documented `Kysely<any>`.
    files: ['packages/storage/src/migrations/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Tests read JSON answers and probe tables field by field; an explicit `any` there is a warning, to
    // be made an error once the test harness types its answers from the API contract's response schemas
    // (docs/decisions/0006-lint-and-vocabulary.md). Production code, bench and scripts: an error.
    files: ['**/test/**', '**/*.test.ts', '**/*.test.tsx'],
    rules: { '@typescript-eslint/no-explicit-any': 'warn' },
  },
  {
    // The web app takes only types from the API contract: its values carry zod, whose compiled checks
    // use eval, which the console's Content-Security-Policy forbids (and the bundle would grow).
    files: ['apps/web/src/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: '@guanjia/api-contract', allowTypeImports: true, message: 'import types only (the contract’s values carry zod)' }] },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly' } },
  },
  {
    plugins: { guanjia: guanjiaPlugin },
    rules: { 'guanjia/dependencies': ['error', { root, packages: ARCHITECTURE }] },
  },
);
