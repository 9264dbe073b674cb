import { randomUUID } from 'node:crypto';
import { createFieldCipher, DEFAULT_LIMITS, loadConfig, type AppDeps, type ServerConfig } from '@guanjia/server';
import { migrateToLatest, openDatabase } from '@guanjia/storage';

/** Opens the configured database (migrated) and assembles the app's dependencies. */
export async function openRuntime(config: ServerConfig = loadConfig()): Promise<{ config: ServerConfig; deps: AppDeps }> {
  const database = openDatabase({ url: config.databaseUrl, sqliteSynchronous: config.sqliteSynchronous });
  await migrateToLatest(database);
  const deps: AppDeps = {
    database,
    now: () => new Date().toISOString(),
    newId: randomUUID,
    cipher: createFieldCipher(config.secretKey),
    attachmentsDir: config.attachmentsDir,
    limits: DEFAULT_LIMITS,
  };
  return { config, deps };
}
