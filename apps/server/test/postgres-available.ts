import { randomUUID } from 'node:crypto';
import pg from 'pg';

/**
 * For test files about PostgreSQL itself (LISTEN/NOTIFY between processes): they run whatever
 * GUANJIA_TEST_DB says, whenever PostgreSQL answers at GUANJIA_TEST_PG_URL (default the local server
 * CI always has). `postgresAvailable` is a quick connection probe; `newPostgresDatabase` makes an
 * empty database on that server and drops it again.
 */
export const PG_ADMIN_URL = process.env.GUANJIA_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Whether PostgreSQL answers within two seconds; when not, why. */
export async function postgresAvailable(): Promise<{ available: boolean; reason: string }> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 2_000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('select 1');
    return { available: true, reason: '' };
  } catch (error) {
    return {
      available: false,
      reason: `PostgreSQL does not answer at ${new URL(PG_ADMIN_URL).host} (${error instanceof Error ? error.message : String(error)})`,
    };
  } finally {
    await client.end().catch(() => {});
  }
}

/** A new, empty database (no schema); `drop` removes it, ending any connection still open to it. */
export async function newPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `gj_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: PG_ADMIN_URL });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}
