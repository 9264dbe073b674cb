import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { z } from 'zod';

/** Environment, validated once at start; a bad value stops the server with the variable's name. */
const EnvSchema = z.object({
  GUANJIA_DATA_DIR: z.string().default('data'),
  DATABASE_URL: z.string().optional(),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  GUANJIA_SECRET_KEY: z.string().regex(/^[0-9a-f]{64}$/i, '64 hex characters (32 bytes)').optional(),
  GUANJIA_SQLITE_SYNCHRONOUS: z.enum(['NORMAL', 'FULL']).default('NORMAL'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface ServerConfig {
  dataDir: string;
  databaseUrl: string;
  host: string;
  port: number;
  secretKey: Buffer;
  attachmentsDir: string;
  sqliteSynchronous: 'NORMAL' | 'FULL';
  logLevel: string;
}

/**
 * The field-encryption key comes from GUANJIA_SECRET_KEY; without it a key is made once and kept in
 * the data folder (fine for a single machine; production sets the variable and backs it up).
 */
function loadSecretKey(dataDir: string, fromEnv?: string): Buffer {
  if (fromEnv) return Buffer.from(fromEnv, 'hex');
  const file = join(dataDir, 'secret.key');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  }
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`Invalid environment variable ${issue.path.join('.')}: ${issue.message}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.GUANJIA_DATA_DIR);
  return {
    dataDir,
    databaseUrl: e.DATABASE_URL || join(dataDir, 'guanjia.sqlite'),
    host: e.HOST,
    port: e.PORT,
    secretKey: loadSecretKey(dataDir, e.GUANJIA_SECRET_KEY),
    attachmentsDir: join(dataDir, 'attachments'),
    sqliteSynchronous: e.GUANJIA_SQLITE_SYNCHRONOUS,
    logLevel: e.LOG_LEVEL,
  };
}
