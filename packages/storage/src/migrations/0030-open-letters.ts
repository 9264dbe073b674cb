import type { Kysely } from 'kysely';

/**
 * Issue 14, item 4 (decision 0032): `open_letters` — the open letter (公开信) answering a closed
 * satisfaction survey, one per survey: its text and promises (JSON [{ id, text, dueOn, verdict,
 * note, verifiedBy, verifiedAt }]), the management representative's approval or return, the notice
 * it was posted as, and when it went to the quality department.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('open_letters')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('survey_id', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('promises', 'text', (c) => c.notNull())
    .addColumn('drafted_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('returned_by', 'text')
    .addColumn('returned_at', 'text')
    .addColumn('returned_reason', 'text')
    .addColumn('approved_by', 'text')
    .addColumn('published_at', 'text')
    .addColumn('notice_id', 'text')
    .addColumn('reported_by', 'text')
    .addColumn('reported_at', 'text')
    .execute();
  // a project's letters, the latest first (the console's list)
  await db.schema.createIndex('open_letters_project_idx').on('open_letters').columns(['project_id', 'created_at']).execute();
}
