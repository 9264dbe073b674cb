import { fileURLToPath } from 'node:url';
import { createFieldCipher, createIdGenerator, DEFAULT_LIMITS, loadConfig, type AppDeps, type ServerConfig } from '@guanjia/server/runtime';
import { migrateToLatest, openDatabase } from '@guanjia/storage';

/** Opens the configured database (migrated) and assembles the app's dependencies. */
export async function openRuntime(config: ServerConfig = loadConfig()): Promise<{ config: ServerConfig; deps: AppDeps }> {
  const database = openDatabase({
    url: config.databaseUrl,
    sqliteSynchronous: config.sqliteSynchronous,
    onIdleConnectionError: (error) => console.warn(`database: an idle connection was dropped (${error.message}); the pool opens a new one`),
  });
  await migrateToLatest(database);
  const deps: AppDeps = {
    database,
    now: () => new Date().toISOString(),
    newId: createIdGenerator(),
    cipher: createFieldCipher(config.secretKey),
    attachmentsDir: config.attachmentsDir,
    limits: DEFAULT_LIMITS,
    // the built web UI (npm run build:web): the console at /, the owner portal at /portal/
    webDir: fileURLToPath(new URL('../../web/dist', import.meta.url)),
  };
  return { config, deps };
}
