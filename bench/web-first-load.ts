// Scenario "web": the bytes of the console's and the portal's first load on the wire (the page and the
// scripts and styles it names), as the server sends them without compression, with gzip and with br.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freshDatabase } from '@guanjia/storage/testing';
import { buildApp, createFieldCipher, createIdGenerator, DEFAULT_LIMITS } from '@guanjia/server';

const webDir = fileURLToPath(new URL('../apps/web/dist', import.meta.url));
const ENCODINGS = ['identity', 'gzip', 'br'] as const;

const kb = (n: number) => `${(n / 1024).toFixed(0).padStart(6)} KB`;

export async function webScenario(): Promise<boolean> {
  console.log('\n# web — first load on the wire (the page + the scripts and styles it names; lazy chunks not counted)');
  if (!existsSync(join(webDir, 'index.html'))) {
    console.log('  !! the web UI is not built: npm run build:web');
    return false;
  }
  const { database, drop } = await freshDatabase();
  const attachmentsDir = mkdtempSync(join(tmpdir(), 'guanjia-bench-web-'));
  const app = await buildApp({
    database,
    now: () => new Date().toISOString(),
    newId: createIdGenerator(),
    cipher: createFieldCipher(Buffer.alloc(32, 1)),
    attachmentsDir,
    limits: DEFAULT_LIMITS,
    webDir,
  });
  let ok = true;
  try {
    for (const [name, page] of [
      ['console', '/'],
      ['portal', '/portal/'],
    ] as const) {
      const html = (await app.inject({ method: 'GET', url: page })).body;
      const urls = [page, ...[...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!)];
      const totals: Record<string, number> = {};
      for (const encoding of ENCODINGS) {
        let sum = 0;
        for (const url of urls) {
          const res = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': encoding } });
          const sent = res.headers['content-encoding'] ?? 'identity';
          if (res.statusCode !== 200 || (encoding !== 'identity' && url.startsWith('/assets/') && sent !== encoding)) {
            console.log(`  !! ${url} with ${encoding}: ${res.statusCode}, sent as ${sent}`);
            ok = false;
          }
          sum += res.rawPayload.length;
        }
        totals[encoding] = sum;
      }
      const ratio = (e: string) => `${((totals[e]! / totals.identity!) * 100).toFixed(0)}%`;
      console.log(
        `${`${name} (${urls.length} files)`.padEnd(22)} uncompressed ${kb(totals.identity!)}   gzip ${kb(totals.gzip!)} (${ratio('gzip')})   br ${kb(totals.br!)} (${ratio('br')})`,
      );
    }
  } finally {
    await app.close();
    await drop();
    rmSync(attachmentsDir, { recursive: true, force: true });
  }
  return ok;
}
