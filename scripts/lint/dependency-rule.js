/**
 * The ESLint rule `guanjia/dependencies`: the dependency rule of docs/architecture.md, checked on every
 * import (static, `export … from`, dynamic `import('…')`, `import('…')` types, `import x = require('…')`).
 *
 * Its one option is the table in eslint.config.js: for each workspace package, its folder, the
 * workspace packages (exact specifiers, e.g. `@guanjia/server/runtime`) its code may import, and which
 * other modules (npm packages, Node built-ins) it may import. Test code of a package (its `test/`
 * folder, `*.test.ts(x)` files, config files outside `src/`) may add test-only specifiers.
 * Relative imports may not leave the package they are written in, nor reach into a package from outside.
 */
import { isBuiltin } from 'node:module';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';

/** `any`: every npm package and Node built-in; `browser`: every npm package, no Node built-in; or a list. */
function externalAllowed(policy, specifier) {
  if (policy === 'any') return true;
  const builtin = specifier.startsWith('node:') || isBuiltin(specifier);
  if (policy === 'browser') return !builtin;
  return policy.some((allowed) => specifier === allowed || specifier.startsWith(`${allowed}/`));
}

/** The package a file belongs to (by folder), or undefined for files outside every package (bench, scripts). */
function packageOf(packages, fileFromRoot) {
  return packages.find((p) => fileFromRoot === p.dir || fileFromRoot.startsWith(`${p.dir}/`));
}

/** Production code is under `src/`, except tests beside it; everything else in a package is test or tooling code. */
function isTestCode(pkg, fileFromRoot) {
  const inPackage = fileFromRoot.slice(pkg.dir.length + 1);
  return !inPackage.startsWith('src/') || /\.test\.[cm]?[jt]sx?$/.test(inPackage);
}

const toPosix = (path) => path.split(sep).join('/');

export const dependencyRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the dependency rule between the workspace packages (docs/architecture.md)' },
    schema: [
      {
        type: 'object',
        properties: {
          root: { type: 'string' },
          packages: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                dir: { type: 'string' },
                name: { type: 'string' },
                rule: { type: 'string' },
                workspace: { type: 'array', items: { type: 'string' } },
                testWorkspace: { type: 'array', items: { type: 'string' } },
                external: { anyOf: [{ enum: ['any', 'browser'] }, { type: 'array', items: { type: 'string' } }] },
                testExternal: { anyOf: [{ enum: ['any', 'browser'] }, { type: 'array', items: { type: 'string' } }] },
              },
              required: ['dir', 'name', 'rule', 'workspace', 'external'],
              additionalProperties: false,
            },
          },
        },
        required: ['root', 'packages'],
        additionalProperties: false,
      },
    ],
    messages: {
      workspace: "'{{specifier}}' may not be imported here: {{rule}}. Allowed workspace imports: {{allowed}}.",
      external: "'{{specifier}}' may not be imported here: {{rule}}.",
      leavesPackage: "'{{specifier}}' climbs out of {{name}}: import another package by its name, never by a relative path.",
      entersPackage: "'{{specifier}}' reaches into {{name}} by a relative path: import it by its name.",
    },
  },
  create(context) {
    const { root, packages } = context.options[0];
    const file = context.filename;
    const fileFromRoot = toPosix(relative(root, file));
    if (fileFromRoot.startsWith('..') || isAbsolute(fileFromRoot)) return {};
    const pkg = packageOf(packages, fileFromRoot);
    const test = pkg ? isTestCode(pkg, fileFromRoot) : false;

    function check(node, specifier) {
      if (typeof specifier !== 'string') return;
      if (specifier.startsWith('.') || specifier.startsWith('/')) {
        const target = toPosix(relative(root, resolve(dirname(file), specifier)));
        const targetPkg = packageOf(packages, target);
        if (pkg && targetPkg !== pkg) context.report({ node, messageId: 'leavesPackage', data: { specifier, name: pkg.name } });
        else if (!pkg && targetPkg) context.report({ node, messageId: 'entersPackage', data: { specifier, name: targetPkg.name } });
        return;
      }
      if (!pkg) return; // bench, scripts and root config files are composition roots: any package by its name
      if (specifier.startsWith('@guanjia/')) {
        const allowed = [...pkg.workspace, ...(test ? (pkg.testWorkspace ?? []) : [])];
        if (!allowed.includes(specifier))
          context.report({ node, messageId: 'workspace', data: { specifier, rule: pkg.rule, allowed: allowed.join(', ') || 'none' } });
        return;
      }
      const policy = test && pkg.testExternal ? pkg.testExternal : pkg.external;
      if (!externalAllowed(policy, specifier) && !(test && externalAllowed(pkg.external, specifier))) {
        context.report({ node, messageId: 'external', data: { specifier, rule: pkg.rule } });
      }
    }

    const fromSource = (node) => {
      if (node.source) check(node.source, node.source.value);
    };
    return {
      ImportDeclaration: fromSource,
      ExportAllDeclaration: fromSource,
      ExportNamedDeclaration: fromSource,
      ImportExpression(node) {
        if (node.source.type === 'Literal') check(node.source, node.source.value);
        else if (node.source.type === 'TemplateLiteral' && node.source.expressions.length === 0) check(node.source, node.source.quasis[0].value.cooked);
      },
      TSImportType(node) {
        // typescript-eslint 8.x: `source` (a string literal); older versions: `argument` (a literal type)
        const literal = node.source ?? (node.argument.type === 'TSLiteralType' ? node.argument.literal : null);
        if (literal) check(literal, literal.value);
      },
      TSExternalModuleReference(node) {
        if (node.expression.type === 'Literal') check(node.expression, node.expression.value);
      },
    };
  },
};

export const guanjiaPlugin = { meta: { name: 'guanjia' }, rules: { dependencies: dependencyRule } };
