// The real server on a generated data set (bench/scale), in its own process so that the load
// generator does not share its event loop and its RSS is the server's alone. The url of the database
// comes in GUANJIA_BENCH_DB_URL; the logger, the request log and SQLite's mmap are configured
// from the environment as `guanjia serve` configures them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '@guanjia/storage';
import { buildApp, loadConfig } from '@guanjia/server';
import { scaleAppDeps } from './app-deps.ts';
import { BENCH_CIPHER_KEY } from './generate.ts';

const attachmentsDir = mkdtempSync(join(tmpdir(), 'guanjia-scale-'));
const config = loadConfig({ ...process.env, GUANJIA_DATA_DIR: attachmentsDir, GUANJIA_SECRET_KEY: BENCH_CIPHER_KEY.toString('hex') });
const database = openDatabase({ url: process.env.GUANJIA_BENCH_DB_URL!, poolSize: 10, sqliteMmapBytes: config.sqliteMmapBytes });
const app = await buildApp(scaleAppDeps(database, attachmentsDir, { logger: { level: config.logLevel }, requestLog: config.requestLog }));
const address = await app.listen({ host: '127.0.0.1', port: 0 });
process.send!({ type: 'ready', url: address });
process.on('message', async (m: { type: string }) => {
  if (m.type === 'stop') {
    await app.close();
    await database.close();
    rmSync(attachmentsDir, { recursive: true, force: true });
    process.exit(0);
  }
});
