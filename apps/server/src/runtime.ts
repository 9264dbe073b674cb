/**
 * The server's runtime entry (`@guanjia/server/runtime`): everything the `guanjia` command needs,
 * and nothing of the server's internals beyond it. The CLI imports only this (plus storage and core).
 */
import { fileURLToPath } from 'node:url';
import { migrateToLatest, openDatabase } from '@guanjia/storage';
import { loadConfig, type ServerConfig } from './config.ts';
import { DEFAULT_LIMITS, type AppDeps } from './context.ts';
import { createFieldCipher } from './security/encryption.ts';
import { createIdGenerator } from './security/ids.ts';

export { buildApp } from './app.ts';
export { loadConfig, type ServerConfig } from './config.ts';
export { DEFAULT_LIMITS, type AppDeps } from './context.ts';
export { SlaScheduler } from './services/sla-scheduler.ts';
export { DeliveryWorker } from './delivery/worker.ts';
export { createChannelAdapters, closeChannelAdapters } from './delivery/channels/index.ts';
export { PlannerStatistics } from './ops/planner-statistics.ts';
export { loadCalendarYear } from './services/sla-admin.service.ts';
export { seedDemo, DEMO_PASSWORD } from './seed/index.ts';
export { initializeOrganization } from './services/setup.service.ts';
export { resetStaffPasswordFromCli, type CliPasswordReset } from './services/cli-accounts.service.ts';
export { writeBackup, type BackupSummary } from './ops/backup.ts';
export { restoreBackup, RestoreRefused } from './ops/restore.ts';
export { CalendarYearSchema } from '@guanjia/api-contract';

const positiveEnv = (name: string): number | undefined => {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : undefined;
};

/** Opens the configured database and assembles the app's dependencies; `migrate: false` leaves the schema as it is (restore). */
export async function openRuntime(config: ServerConfig = loadConfig(), options: { migrate?: boolean } = {}): Promise<{ config: ServerConfig; deps: AppDeps }> {
  const database = openDatabase({
    url: config.databaseUrl,
    sqliteSynchronous: config.sqliteSynchronous,
    sqliteMmapBytes: config.sqliteMmapBytes,
    onIdleConnectionError: (error) => console.warn(`database: an idle connection was dropped (${error.message}); the pool opens a new one`),
  });
  if (options.migrate !== false) await migrateToLatest(database);
  const deps: AppDeps = {
    database,
    now: () => new Date().toISOString(),
    newId: createIdGenerator(),
    cipher: createFieldCipher(config.secretKey),
    attachmentsDir: config.attachmentsDir,
    // GUANJIA_IMPORT_CHUNK_ROWS / GUANJIA_IMPORT_LEASE_SECONDS: an import's transaction size and how soon a killed apply may be resumed
    limits: {
      ...DEFAULT_LIMITS,
      importChunkRows: positiveEnv('GUANJIA_IMPORT_CHUNK_ROWS') ?? DEFAULT_LIMITS.importChunkRows,
      importLeaseSeconds: positiveEnv('GUANJIA_IMPORT_LEASE_SECONDS') ?? DEFAULT_LIMITS.importLeaseSeconds,
    },
    trustProxy: config.trustProxy,
    noticeDigestMinutes: config.noticeDigestMinutes,
    publicUrl: config.publicUrl,
    // the built web UI (npm run build:web): the console at /, the owner portal at /portal/
    webDir: fileURLToPath(new URL('../../web/dist', import.meta.url)),
  };
  return { config, deps };
}
export { importFromCli } from './services/cli-imports.service.ts';
