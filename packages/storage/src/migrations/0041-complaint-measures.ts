import type { Kysely } from 'kysely';

/**
 * Issue 16 item 1 (decision 0039): `complaint_measures` — the corrective measures (纠正措施) of a
 * project's complaint cause (the complaints' category) in a month: the measure, its responsible staff
 * member and due date, planned → done with who, when and the result.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('complaint_measures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('measure', 'text', (c) => c.notNull())
    .addColumn('responsible_id', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('done_by', 'text')
    .addColumn('done_at', 'text')
    .addColumn('result_note', 'text')
    .execute();
  await db.schema.createIndex('complaint_measures_project_month_idx').on('complaint_measures').columns(['project_id', 'month', 'category']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('complaint_measures').execute();
}
