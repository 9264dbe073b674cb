import type { Kysely } from 'kysely';

/**
 * Issue 14 item 1 (decision 0028): the weekly sample's rounds, the owners' multi-score ratings and the
 * supervisors' quality marks.
 * - `callback_rounds`: one weekly sample (抽样回访) per project and week (unique): the week's Monday
 *   (local date), the seed, the share drawn (percent), the population (completed work orders of the
 *   week: their ids sorted, JSON, with their count and SHA-256 digest), the sampled ids (JSON) and the
 *   caller (company staff outside the office). Its callbacks are `callbacks` rows (migration 0025) with
 *   `round_id` and source `weekly_sample`.
 * - `case_ratings`: a case's latest owner rating on several scores (overall = `cases.rating`, arrival
 *   speed, the technician) and the staff's reply the owner sees. Ratings made before it are read from
 *   `cases.rating` (overall only); each rating stays in the case's events.
 * - `quality_marks`: a supervisor's own quality mark on a case (质量评定) — reason codes (JSON), a note,
 *   the local month it counts in — kept apart from the owner's feedback.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('callback_rounds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('week_start', 'text', (c) => c.notNull())
    .addColumn('seed', 'integer', (c) => c.notNull())
    .addColumn('percent', 'integer', (c) => c.notNull())
    .addColumn('population_size', 'integer', (c) => c.notNull())
    .addColumn('population_digest', 'text', (c) => c.notNull())
    .addColumn('population_ids', 'text', (c) => c.notNull())
    .addColumn('sampled_ids', 'text', (c) => c.notNull())
    .addColumn('caller_id', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('callback_rounds_week_uq').on('callback_rounds').columns(['project_id', 'week_start']).unique().execute();

  await db.schema
    .createTable('case_ratings')
    .addColumn('case_id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text')
    .addColumn('overall', 'integer', (c) => c.notNull())
    .addColumn('speed', 'integer')
    .addColumn('technician', 'integer')
    .addColumn('comment', 'text')
    .addColumn('rated_at', 'text', (c) => c.notNull())
    .addColumn('reply', 'text')
    .addColumn('replied_by', 'text')
    .addColumn('replied_at', 'text')
    .execute();
  await db.schema.createIndex('case_ratings_project_idx').on('case_ratings').columns(['project_id', 'rated_at']).execute();

  await db.schema
    .createTable('quality_marks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('marked_by', 'text', (c) => c.notNull())
    .addColumn('marked_at', 'text', (c) => c.notNull())
    .execute();
  // the chart: a project's marks by month; a case's marks
  await db.schema.createIndex('quality_marks_project_idx').on('quality_marks').columns(['project_id', 'month']).execute();
  await db.schema.createIndex('quality_marks_case_idx').on('quality_marks').columns(['case_id', 'marked_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['quality_marks', 'case_ratings', 'callback_rounds']) await db.schema.dropTable(table).execute();
}
