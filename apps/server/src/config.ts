import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import { z } from 'zod';

/** Environment, validated once at start; a bad value stops the server with the variable's name. */
const EnvSchema = z.object({
  GUANJIA_DATA_DIR: z.string().default('data'),
  DATABASE_URL: z.string().optional(),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  GUANJIA_SECRET_KEY: z
    .string()
    .regex(/^[0-9a-f]{64}$/i, '64 hex characters (32 bytes)')
    .optional(),
  GUANJIA_SQLITE_SYNCHRONOUS: z.enum(['NORMAL', 'FULL']).default('NORMAL'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** One info line per request (Fastify's request log); off by default: only errors and slow requests. */
  GUANJIA_LOG_REQUESTS: z.enum(['true', 'false']).default('false'),
  /** A request slower than this is logged (warn) with its route, status and time; 0: none. */
  GUANJIA_SLOW_REQUEST_MS: z.coerce.number().int().min(0).max(600_000).default(1000),
  /** SQLite memory-mapped I/O in MiB (0: off). Mapped pages count as the server's resident memory. */
  GUANJIA_SQLITE_MMAP_MB: z.coerce.number().int().min(0).max(65_536).default(0),
  GUANJIA_NOTICE_DIGEST_MINUTES: z.coerce.number().min(0).max(60).default(2),
  /** The address owners and staff reach this server at, for links in messages (https://desk.example.cn). */
  GUANJIA_PUBLIC_URL: z.url().optional(),
  /** How long a worker holds a delivery it is sending before another process may take it (a killed worker's). */
  GUANJIA_DELIVERY_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  GUANJIA_TRUST_PROXY: z
    .string()
    .optional()
    .transform((value, ctx) => {
      const parsed = parseTrustProxy(value);
      if (typeof parsed === 'string') {
        ctx.addIssue({ code: 'custom', message: parsed });
        return z.NEVER;
      }
      return parsed;
    }),
});

/** Who may tell us the client's address in X-Forwarded-For: nobody, or the named proxies. */
export type TrustProxy = false | string[];

/** Names proxy-addr knows for whole ranges. */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrRange(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address ?? '');
  if (!family || rest.length) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * GUANJIA_TRUST_PROXY: unset or empty → trust no proxy (the socket's address is the client's);
 * else a comma-separated list of IP addresses, CIDR ranges or loopback/linklocal/uniquelocal.
 * `true` and hop counts are refused: neither tells a proxy from a client who sends the header
 * itself (Fastify ignores hop counts for that reason). Answers the setting, or why it is refused.
 */
export function parseTrustProxy(value: string | undefined): TrustProxy | string {
  const text = value?.trim() ?? '';
  if (text === '' || text === 'false') return false;
  if (/^\d+$/.test(text) || text === 'true' || text === '*') {
    return `"${text}" would let any client choose the address written to the audit log: name the proxies (IP addresses or CIDR ranges, comma-separated)`;
  }
  const entries = text
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  const bad = entries.find((e) => !isAddressOrRange(e));
  if (bad !== undefined)
    return `"${bad}" is not an IP address, a CIDR range (10.0.0.0/8) or loopback/linklocal/uniquelocal; expected a comma-separated list or a hop count`;
  return entries;
}

export interface RequestLogConfig {
  /** One info line per request. */
  everyRequest: boolean;
  /** Requests at least this slow are logged at warn; 0: none. */
  slowMs: number;
}

export interface ServerConfig {
  dataDir: string;
  databaseUrl: string;
  host: string;
  port: number;
  secretKey: Buffer;
  attachmentsDir: string;
  sqliteSynchronous: 'NORMAL' | 'FULL';
  logLevel: string;
  /** Request logging: every request at info (GUANJIA_LOG_REQUESTS), or only failed and slow ones. */
  requestLog: RequestLogConfig;
  sqliteMmapBytes: number;
  trustProxy: TrustProxy;
  noticeDigestMinutes: number;
  publicUrl: string | undefined;
  deliveryLeaseSeconds: number;
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
    requestLog: { everyRequest: e.GUANJIA_LOG_REQUESTS === 'true', slowMs: e.GUANJIA_SLOW_REQUEST_MS },
    sqliteMmapBytes: e.GUANJIA_SQLITE_MMAP_MB * 1024 * 1024,
    trustProxy: e.GUANJIA_TRUST_PROXY,
    noticeDigestMinutes: e.GUANJIA_NOTICE_DIGEST_MINUTES,
    publicUrl: e.GUANJIA_PUBLIC_URL,
    deliveryLeaseSeconds: e.GUANJIA_DELIVERY_LEASE_SECONDS,
  };
}
