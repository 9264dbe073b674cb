import { sql, type Kysely } from 'kysely';

/**
 * 即将超时 walks the running clocks in due order a page at a time (issue 11): the running clocks'
 * partial index gets the clock's id as its last column, so that a page after a (due_at, id)
 * position is one index range in order, without a sort. Small: running clocks only.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`drop index sla_clocks_running_due_idx`.execute(db);
  await sql`create index sla_clocks_running_due_idx on sla_clocks (organization_id, due_at, id) where stopped_at is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index sla_clocks_running_due_idx`.execute(db);
  await sql`create index sla_clocks_running_due_idx on sla_clocks (organization_id, due_at) where stopped_at is null`.execute(db);
}
