import { sql, type Kysely } from 'kysely';
import { countOverdueBreaches } from '../reports/rebuild.ts';

/**
 * Timeliness flat with size (issue 11, decision 0015): a running clock's breach is counted in
 * `report_timeliness` once the SLA scheduler sees it past due (`breach_counted`), so the report no
 * longer reads every running clock past due per request (cases left open for years made that grow with
 * the data). The report reads only the running clocks past due not counted yet — the scheduler's lag —
 * through their own partial index, which also holds the running clocks not yet due (the scheduler
 * finds the next breach to count there).
 *
 * Backfill: every running clock past due now is counted (set-based: the flags set, the counts added to
 * the rollups), as the scheduler would.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table sla_clocks add column breach_counted integer not null default 0`.execute(db);
  await countOverdueBreaches(db, new Date().toISOString());
  await sql`create index sla_clocks_breach_uncounted_idx on sla_clocks (due_at) where stopped_at is null and breach_counted = 0`.execute(db);
}
