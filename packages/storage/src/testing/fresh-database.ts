import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { migrateToLatest, openDatabase, type Database } from '../database.ts';

/** Which database the tests run on: GUANJIA_TEST_DB=postgres, else SQLite. */
export const TEST_DB: 'sqlite' | 'postgres' = process.env.GUANJIA_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';
export const PG_ADMIN_URL = process.env.GUANJIA_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * A new, migrated database for one test file: a SQLite file in a temp folder, or a new PostgreSQL
 * database (dropped again by `drop`) — the one TEST_DB names, unless `dialect` asks for one (a test
 * of PostgreSQL's own behaviour, such as SKIP LOCKED).
 */
export async function freshDatabase(
  options: { migrate?: boolean; poolSize?: number; dialect?: 'sqlite' | 'postgres' } = {},
): Promise<{ database: Database; url: string; drop: () => Promise<void> }> {
  let result: { database: Database; url: string; drop: () => Promise<void> };
  if ((options.dialect ?? TEST_DB) === 'postgres') {
    const name = `gj_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(PG_ADMIN_URL);
    url.pathname = `/${name}`;
    const database = openDatabase({ url: url.toString(), poolSize: options.poolSize ?? 5 });
    result = {
      database,
      url: url.toString(),
      drop: async () => {
        await database.close();
        const c = new pg.Client({ connectionString: PG_ADMIN_URL });
        await c.connect();
        // The pool's sockets close a moment after close() resolves; wait for them rather than
        // terminating them (a terminated idle client reports an error nobody is listening for).
        for (let attempt = 0; ; attempt += 1) {
          try {
            await c.query(`drop database if exists ${name}`);
            break;
          } catch (error) {
            if (attempt >= 50) {
              await c.query(`drop database if exists ${name} with (force)`);
              break;
            }
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
        }
        await c.end();
      },
    };
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'guanjia-test-'));
    const url = join(dir, 'test.sqlite');
    const database = openDatabase({ url });
    result = {
      database,
      url,
      drop: async () => {
        await database.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  if (options.migrate !== false) await migrateToLatest(result.database);
  return result;
}
