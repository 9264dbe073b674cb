import { sql, type Kysely } from 'kysely';

/**
 * Issue 14 item 1 (decision 0027): callbacks (回访).
 * - `callbacks`: one row per callback owed on a case — its source (primary_repair, complained_repair,
 *   rework, company_complaint, quality_monthly, unrated, weekly_sample), status (due / done /
 *   unreachable / cancelled), due instant, attempts and the next one, the outcome and the follow-up it
 *   opened (rework, or a complaint case). `round_id`: the weekly sample's round (抽样回访, migration
 *   0028) when it came from one; `assignee_id`: whom it is given to (a sampled callback: company staff
 *   outside the office). At most one open (`due`) callback per case and source (partial unique index).
 * - `callback_records`: the callback record (回访记录表), one row per call attempt: reached or not, and
 *   when reached the quality, attitude (满意 / 基本满意 / 不满意), result (resolved or not) and the
 *   owner's own words.
 * - `callback_settings`: per project and repair category (the case's category text), whether a repair
 *   gets its primary callback: always / skip_if_rated / never (no row: always).
 * - `cases_repair_done_idx`: the 48-hour sweep's read of repairs completed in a window.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('callbacks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('case_type', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text')
    .addColumn('owner_id', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('round_id', 'text')
    .addColumn('assignee_id', 'text')
    // e.g. the month of a quality_monthly list ('2026-11')
    .addColumn('period', 'text')
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text')
    .addColumn('last_attempt_at', 'text')
    // satisfied | basically_satisfied | not_satisfied (the worst of the reached record's answers)
    .addColumn('outcome', 'text')
    // rework | complaint, when 不满意 opened one
    .addColumn('follow_up', 'text')
    .addColumn('follow_up_case_id', 'text')
    .addColumn('made_by', 'text')
    .addColumn('completed_at', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // exactly one open callback per case and source
  await sql`create unique index callbacks_open_uq on callbacks (case_id, source) where status = 'due'`.execute(db);
  // the queue: a project's callbacks by status, soonest due first
  await db.schema.createIndex('callbacks_queue_idx').on('callbacks').columns(['project_id', 'status', 'due_at']).execute();
  await db.schema.createIndex('callbacks_case_idx').on('callbacks').columns(['case_id', 'created_at']).execute();
  await sql`create index callbacks_round_idx on callbacks (round_id) where round_id is not null`.execute(db);
  await sql`create index callbacks_follow_up_case_idx on callbacks (follow_up_case_id) where follow_up_case_id is not null`.execute(db);

  await db.schema
    .createTable('callback_records')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('callback_id', 'text', (c) => c.notNull())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('reached', 'integer', (c) => c.notNull())
    .addColumn('quality', 'text')
    .addColumn('attitude', 'text')
    // resolved | unresolved
    .addColumn('result', 'text')
    .addColumn('owner_words', 'text')
    .addColumn('note', 'text')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('next_attempt_at', 'text')
    .addColumn('made_by', 'text', (c) => c.notNull())
    .addColumn('made_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('callback_records_callback_idx').on('callback_records').columns(['callback_id', 'attempt']).unique().execute();
  await db.schema.createIndex('callback_records_project_idx').on('callback_records').columns(['project_id', 'made_at']).execute();

  await db.schema
    .createTable('callback_settings')
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    // always | skip_if_rated | never
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('callback_settings_pk', ['project_id', 'category'])
    .execute();

  await sql`create index cases_repair_done_idx on cases (done_at) where type = 'repair' and done_at is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists cases_repair_done_idx`.execute(db);
  for (const table of ['callback_settings', 'callback_records', 'callbacks']) await db.schema.dropTable(table).execute();
}
