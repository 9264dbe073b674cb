// The import bench's server (bench/import-bench.ts): the real app on a fresh database (SQLite, or
// PostgreSQL with GUANJIA_TEST_DB=postgres) holding only the demo company without cases, in its own
// process, bundled like `npm start` (plain Node.js, so its RSS is production's), with the default
// limits. Sends { type: 'ready', url } once listening; on { type: 'stop' } closes and drops its database.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshDatabase } from '@guanjia/storage/testing';
import { buildApp, createFieldCipher, createIdGenerator, DEFAULT_LIMITS, type AppDeps } from '@guanjia/server';
import { seedDemo } from '@guanjia/server/seed';

const { database, drop } = await freshDatabase({ poolSize: 10 });
const attachmentsDir = mkdtempSync(join(tmpdir(), 'guanjia-import-bench-'));
const deps: AppDeps = {
  database,
  now: () => new Date().toISOString(),
  newId: createIdGenerator(),
  cipher: createFieldCipher(Buffer.alloc(32, 7)),
  attachmentsDir,
  limits: DEFAULT_LIMITS,
};
await seedDemo(deps, { withCases: false });
const app = await buildApp(deps);
const address = await app.listen({ host: '127.0.0.1', port: 0 });
process.send!({ type: 'ready', url: address, dialect: database.dialect });
process.on('message', async (m: { type: string }) => {
  if (m.type === 'stop') {
    await app.close();
    await drop();
    rmSync(attachmentsDir, { recursive: true, force: true });
    process.exit(0);
  }
});
