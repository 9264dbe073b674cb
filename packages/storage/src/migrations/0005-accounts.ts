import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/**
 * Accounts that are safe to put into service (issue 9):
 * 1. Staff may be required to change their password at next sign-in (after an administrator's reset),
 *    and may sign in with a second factor: a TOTP secret (encrypted with the field key), a secret
 *    being enrolled, the last time step used (a code is never accepted twice) and one-time recovery
 *    codes (SHA-256 hashes, JSON array).
 * 2. Failed sign-ins are counted per (kind of account, login name, source address): a stranger
 *    elsewhere cannot lock a real agent out, and unknown login names lock exactly like known ones.
 *    A source where the login last succeeded is familiar: others' failures never hold it back.
 *    The old per-account counters (staff.failed_logins, owner_portal_lockouts) are no longer used.
   (Organizations made by the demo seed are marked in 0006: the demo's administrators are not held
 *    to the two-factor requirement.)
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('staff')
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('staff').addColumn('totp_secret', 'text').execute();
  await db.schema.alterTable('staff').addColumn('totp_pending_secret', 'text').execute();
  await db.schema.alterTable('staff').addColumn('totp_last_step', 'integer').execute();
  await db.schema
    .alterTable('staff')
    .addColumn('recovery_codes', 'text', (c) => c.notNull().defaultTo(sql`'[]'`))
    .execute();
  await db.schema
    .createTable('login_failures')
    .addColumn('account_kind', 'text', (c) => c.notNull())
    .addColumn('login', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('failed_logins', 'integer', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .addColumn('last_success_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('login_failures_pk', ['account_kind', 'login', 'source'])
    .execute();
  await db.schema.createIndex('login_failures_updated_idx').on('login_failures').column('updated_at').execute();
}
