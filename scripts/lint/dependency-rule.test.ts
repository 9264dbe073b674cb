// The dependency rule (eslint.config.js, guanjia/dependencies) on small snippets placed at real paths,
// through ESLint's Node API and the repository's own config; and each package.json against the rule.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
// The snippets are not files on disk, so no TypeScript project knows them: lint them without type
// information (the dependency rule needs none; the type-aware rules are covered by `npm run lint`).
const eslint = new ESLint({ cwd: root, overrideConfig: [{ files: ['**/*.ts', '**/*.tsx'], ...tseslint.configs.disableTypeChecked }] });

/** The dependency-rule messages ESLint gives for `code` placed at `path` (from the repository root). */
async function violations(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, path) });
  const fatal = result!.messages.filter((m: Linter.LintMessage) => m.fatal);
  expect(fatal, 'the snippet parses').toEqual([]);
  return result!.messages.filter((m: Linter.LintMessage) => m.ruleId === 'guanjia/dependencies').map((m: Linter.LintMessage) => m.message);
}
const importOf = (specifier: string) => `import * as m from '${specifier}';\nexport const n = m;\n`;

describe('the web imports only the API contract and the vocabulary', () => {
  it.each(['@guanjia/core', '@guanjia/storage', '@guanjia/server', '@guanjia/server/runtime', '@guanjia/cli', 'node:fs', 'fs'])(
    'refuses %s',
    async (specifier) => {
      const found = await violations('apps/web/src/console/x.tsx', importOf(specifier));
      expect(found).toHaveLength(1);
      expect(found[0]).toContain(`'${specifier}' may not be imported here: the web imports only the API contract and the vocabulary`);
    },
  );
  it.each(['@guanjia/api-contract', '@guanjia/vocabulary', 'react', 'antd', './router'])('accepts %s', async (specifier) => {
    expect(await violations('apps/web/src/console/x.tsx', importOf(specifier))).toEqual([]);
  });
  it('sees type-only imports, re-exports, dynamic imports and import types', async () => {
    const code = [
      "import type { CaseRecord } from '@guanjia/core';",
      "export { decide } from '@guanjia/core';",
      "export * from '@guanjia/storage';",
      "export const later = () => import('@guanjia/core');",
      "export type Calendar = import('@guanjia/core').BusinessCalendar;",
      'export type R = CaseRecord;',
    ].join('\n');
    expect(await violations('apps/web/src/x.ts', code)).toHaveLength(5);
  });
  it('its browser tests may start the real server', async () => {
    expect(await violations('apps/web/test/browser.test.ts', importOf('@guanjia/server'))).toEqual([]);
    expect(await violations('apps/web/test/browser.test.ts', importOf('@guanjia/core'))).toHaveLength(1);
  });
});

describe('core imports only the vocabulary and no I/O module', () => {
  it.each([
    'node:fs',
    'fs',
    'node:http',
    'node:net',
    'node:child_process',
    'node:crypto',
    'pg',
    'better-sqlite3',
    'kysely',
    'fastify',
    'zod',
    '@guanjia/storage',
    '@guanjia/api-contract',
    '@guanjia/server',
  ])('refuses %s', async (specifier) => {
    const found = await violations('packages/core/src/cases/x.ts', importOf(specifier));
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('core imports only the vocabulary and no I/O module');
  });
  it('accepts the vocabulary and its own files', async () => {
    const code = "import * as v from '@guanjia/vocabulary';\nimport * as e from '../shared/errors.ts';\nexport const n = [v, e];\n";
    expect(await violations('packages/core/src/cases/x.ts', code)).toEqual([]);
  });
  it('its tests may use the test tools, still no I/O', async () => {
    expect(await violations('packages/core/src/cases/x.test.ts', importOf('vitest'))).toEqual([]);
    expect(await violations('packages/core/src/cases/x.test.ts', importOf('fast-check'))).toEqual([]);
    expect(await violations('packages/core/src/cases/x.test.ts', importOf('node:fs'))).toHaveLength(1);
    expect(await violations('packages/core/src/cases/x.test.ts', importOf('@guanjia/storage'))).toHaveLength(1);
  });
});

describe('the other arrows', () => {
  const cases: [path: string, specifier: string, allowed: boolean][] = [
    ['packages/vocabulary/src/x.ts', '@guanjia/core', false],
    ['packages/vocabulary/src/x.ts', 'zod', false],
    ['packages/api-contract/src/x.ts', '@guanjia/core', false],
    ['packages/api-contract/src/x.ts', '@guanjia/vocabulary', true],
    ['packages/api-contract/src/x.ts', 'zod', true],
    ['packages/api-contract/src/x.ts', 'kysely', false],
    ['packages/storage/src/x.ts', '@guanjia/server', false],
    ['packages/storage/src/x.ts', '@guanjia/api-contract', false],
    ['packages/storage/src/x.ts', '@guanjia/core', true],
    ['packages/storage/src/x.ts', 'kysely', true],
    ['apps/cli/src/x.ts', '@guanjia/server', false],
    ['apps/cli/src/x.ts', '@guanjia/server/seed', false],
    ['apps/cli/src/x.ts', '@guanjia/api-contract', false],
    ['apps/cli/src/x.ts', '@guanjia/server/runtime', true],
    ['apps/cli/src/x.ts', '@guanjia/storage', true],
    ['apps/cli/src/x.ts', '@guanjia/core', true],
    ['apps/server/src/x.ts', '@guanjia/cli', false],
    ['apps/server/src/x.ts', '@guanjia/storage/testing', false],
    ['apps/server/test/x.test.ts', '@guanjia/storage/testing', true],
    ['apps/server/src/x.ts', '@guanjia/core', true],
  ];
  it.each(cases)('%s importing %s: allowed %s', async (path, specifier, allowed) => {
    expect(await violations(path, importOf(specifier))).toHaveLength(allowed ? 0 : 1);
  });
});

describe('relative imports stay inside their package', () => {
  it('refuses climbing out of a package, and reaching into one from outside', async () => {
    expect(await violations('packages/core/src/cases/x.ts', importOf('../../../storage/src/index.ts'))).toEqual([
      "'../../../storage/src/index.ts' climbs out of @guanjia/core: import another package by its name, never by a relative path.",
    ]);
    expect(await violations('apps/web/src/console/x.ts', importOf('../../../../packages/core/src/index.ts'))).toHaveLength(1);
    expect(await violations('bench/x.ts', importOf('../apps/server/src/app.ts'))).toEqual([
      "'../apps/server/src/app.ts' reaches into @guanjia/server by a relative path: import it by its name.",
    ]);
  });
  it('accepts relative imports within a package, its tests included', async () => {
    expect(await violations('apps/server/src/routes/cases/x.ts', importOf('../../services/cases.service.ts'))).toEqual([]);
    expect(await violations('apps/server/test/x.test.ts', importOf('../src/app.ts'))).toEqual([]);
    expect(await violations('bench/x.ts', importOf('./server-child.ts'))).toEqual([]);
  });
});

interface PackageRow {
  dir: string;
  name: string;
  workspace: string[];
  testWorkspace?: string[];
}
const packageNameOf = (specifier: string) => specifier.split('/').slice(0, 2).join('/');
const ours = (deps: Record<string, string> | undefined) =>
  Object.keys(deps ?? {})
    .filter((d) => d.startsWith('@guanjia/'))
    .sort();

describe('each package.json declares exactly the workspace packages the rule lets it use', async () => {
  const config = await eslint.calculateConfigForFile(join(root, 'apps/web/src/main.tsx'));
  const packages = (config?.rules?.['guanjia/dependencies'] as [unknown, { packages: PackageRow[] }])[1].packages;
  it('covers every workspace package', () => {
    const workspaces = ['packages/api-contract', 'packages/core', 'packages/storage', 'packages/vocabulary', 'apps/cli', 'apps/server', 'apps/web'];
    expect(packages.map((p) => p.dir).sort()).toEqual(workspaces.sort());
  });
  it.each(packages.map((p) => [p.dir, p] as const))('%s', (dir, row) => {
    const manifest = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) as {
      name: string;
      dependencies?: Record<string, string>;
      devDependencies?: Record<string, string>;
    };
    expect(manifest.name).toBe(row.name);
    const uses = [...new Set(row.workspace.map(packageNameOf))].sort();
    const testOnly = [...new Set((row.testWorkspace ?? []).map(packageNameOf))].filter((p) => !uses.includes(p)).sort();
    expect(ours(manifest.dependencies)).toEqual(uses);
    expect(ours(manifest.devDependencies)).toEqual(testOnly);
  });
});
