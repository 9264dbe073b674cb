// Bundles the server (the `guanjia` command) into one JavaScript file run by plain Node.js:
// apps/cli/dist/guanjia.mjs. Running the TypeScript through tsx costs ~50 MiB of resident memory
// (its loader thread and transformed sources: 170 MiB at start against 119 MiB bundled, issue 11's
// "lean at rest"); `npm start` and production run the bundle. Packages that read their own files
// next to their code (Swagger UI's assets, pino's worker transports, the SQLite addon) stay outside
// the bundle and load from node_modules as usual; so does exceljs, loaded only when a workbook is made.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Packages loaded from node_modules at run time, not bundled. */
export const EXTERNAL = [
  'better-sqlite3',
  'pg-native',
  '@fastify/swagger',
  '@fastify/swagger-ui',
  '@fastify/static',
  'pino',
  'thread-stream',
  'exceljs',
  'pdfkit',
  'fontkit',
];

/** Bundles `entry` (a path from the repository root) into `outfile`. */
export async function bundleServer(entry, outfile) {
  await build({
    entryPoints: [`${root}/${entry}`],
    outfile: `${root}/${outfile}`,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: EXTERNAL,
    // CommonJS dependencies inside an ES module bundle still call require()
    banner: { js: "import { createRequire as __guanjiaRequire } from 'node:module'; const require = __guanjiaRequire(import.meta.url);" },
    logLevel: 'error',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // the same depth as apps/cli/src: the web UI is found at ../../web/dist (runtime.ts)
  await bundleServer('apps/cli/src/main.ts', 'apps/cli/dist/guanjia.mjs');
  console.log('built apps/cli/dist/guanjia.mjs');
}
