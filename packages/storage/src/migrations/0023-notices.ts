import { sql, type Kysely } from 'kysely';

/**
 * Issue 13 items 5 and 7 (decision 0026): notices (通知公告) and their ledger (信息公布台帐).
 * - `notices`: one row per notice from its draft on — kind, text, the disruption's period, expiry,
 *   whom it targets (a project, buildings or units: `target_ids` JSON), the outside channels it is
 *   pushed on (`channels` JSON; the portal always shows it), whether it is posted on paper, its status
 *   and who wrote, submitted and approved it when; `original` keeps the notice exactly as published and
 *   `reach` the figures it was sent with (the ledger's columns); a correction links both ways
 *   (`supersedes_id`, `superseded_by_id`).
 * - `notice_reads`: the portal's read receipts (one per notice and owner).
 * - `notice_postings`: the area steward's paper tasks (post, patrol, re-post, take down), per board
 *   (`building_id`; null: the project's own board).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('notices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('emergency', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('emergency_reason', 'text')
    .addColumn('starts_at', 'text')
    .addColumn('ends_at', 'text')
    .addColumn('expires_at', 'text')
    .addColumn('target_scope', 'text', (c) => c.notNull())
    .addColumn('target_ids', 'text', (c) => c.notNull())
    .addColumn('channels', 'text', (c) => c.notNull())
    .addColumn('paper_posting', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('supersedes_id', 'text')
    .addColumn('superseded_by_id', 'text')
    .addColumn('reach', 'text')
    .addColumn('original', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('submitted_by', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('approved_by', 'text')
    .addColumn('approved_at', 'text')
    .addColumn('rejected_by', 'text')
    .addColumn('rejected_at', 'text')
    .addColumn('rejected_reason', 'text')
    .addColumn('published_at', 'text')
    .addColumn('withdrawn_at', 'text')
    .addColumn('withdrawn_by', 'text')
    .addColumn('expired_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  // the ledger of a project, newest first; the portal's notices in force; the expiry sweep
  await db.schema.createIndex('notices_project_created_idx').on('notices').columns(['organization_id', 'project_id', 'created_at']).execute();
  await db.schema.createIndex('notices_project_status_idx').on('notices').columns(['project_id', 'status']).execute();
  await sql`create index notices_expiry_idx on notices (expires_at) where status = 'published'`.execute(db);

  await db.schema
    .createTable('notice_reads')
    .addColumn('notice_id', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('notice_reads_pk', ['notice_id', 'owner_id'])
    .execute();
  await db.schema.createIndex('notice_reads_owner_idx').on('notice_reads').columns(['owner_id', 'notice_id']).execute();

  await db.schema
    .createTable('notice_postings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('notice_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('building_id', 'text')
    .addColumn('task', 'text', (c) => c.notNull())
    .addColumn('assignee_id', 'text')
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('done_at', 'text')
    .addColumn('done_by', 'text')
    .addColumn('photo_attachment_id', 'text')
    .addColumn('note', 'text')
    .addColumn('damaged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notice_postings_notice_idx').on('notice_postings').columns(['notice_id', 'task']).execute();
  await sql`create index notice_postings_open_idx on notice_postings (assignee_id, due_at) where status = 'open'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['notice_postings', 'notice_reads', 'notices']) await db.schema.dropTable(table).execute();
}
