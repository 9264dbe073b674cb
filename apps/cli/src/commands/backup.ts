import { resolve } from 'node:path';
import { loadConfig, openRuntime, restoreBackup, RestoreRefused, writeBackup } from '@guanjia/server/runtime';

/** guanjia backup <file>: an online, consistent backup of the configured database and its attachment files. */
export async function backup(args: string[]): Promise<number> {
  const [file, ...extra] = args;
  if (!file || extra.length) {
    console.error('usage: guanjia backup <file>');
    return 2;
  }
  const { config, deps } = await openRuntime(loadConfig(), { migrate: false });
  try {
    const summary = await writeBackup({ database: deps.database, attachmentsDir: deps.attachmentsDir, secretKey: config.secretKey }, resolve(file));
    const rows = Object.values(summary.rows).reduce((a, b) => a + b, 0);
    console.log(
      `备份完成 Backup written: ${summary.file} (${deps.database.dialect}, migration ${summary.migration}, ${rows} rows, ${summary.files} attachment files)`,
    );
    console.log('请另行保管加密密钥 Keep the secret key (GUANJIA_SECRET_KEY or data/secret.key) apart from the backup: a restore needs it.');
    return 0;
  } finally {
    await deps.database.close();
  }
}

/** guanjia restore <file>: into an empty database and attachments folder only. */
export async function restore(args: string[]): Promise<number> {
  const [file, ...extra] = args;
  if (!file || extra.length) {
    console.error('usage: guanjia restore <file>');
    return 2;
  }
  const { config, deps } = await openRuntime(loadConfig(), { migrate: false });
  try {
    const result = await restoreBackup({ database: deps.database, attachmentsDir: deps.attachmentsDir, secretKey: config.secretKey }, resolve(file));
    const rows = Object.values(result.rows).reduce((a, b) => a + b, 0);
    console.log(
      `恢复完成 Restored: ${rows} rows, ${result.files} attachment files (backup at migration ${result.migration}) into ${deps.database.dialect} ${deps.database.location}`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof RestoreRefused)) throw error;
    console.error(error.message);
    return 3;
  } finally {
    await deps.database.close();
  }
}
