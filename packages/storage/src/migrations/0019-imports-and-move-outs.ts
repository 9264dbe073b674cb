import { sql, type Kysely } from 'kysely';

/**
 * Issue 12 (decision 0021):
 * - `owner_units.moved_out_on` (迁出/过户): a tie that ended is kept as the unit's and the owner's
 *   history; every "owner's units" read leaves ended ties out. An ended tie is never 主业主.
 * - `imports`: an uploaded workbook (its bytes in the file store by sha256), the mapping used, the dry
 *   run's counts and plan digest, and the apply's journal (`chunks_done` moves in the same transaction
 *   as each chunk's rows, so a killed apply resumes after the last whole chunk).
 * - `import_mappings`: the organization's own columns, saved once per kind and reused.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('owner_units').addColumn('moved_out_on', 'text').execute();
  await db.schema
    .createTable('imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('mapping', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('row_count', 'integer', (c) => c.notNull())
    .addColumn('counts', 'text', (c) => c.notNull())
    .addColumn('plan_digest', 'text', (c) => c.notNull())
    .addColumn('skip_problem_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('chunks_total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('chunks_done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('lease_until', 'text')
    .addColumn('failure', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('applied_by', 'text')
    .addColumn('applied_at', 'text')
    .execute();
  await db.schema.createIndex('imports_org_created_idx').on('imports').columns(['organization_id', 'created_at']).execute();
  await db.schema
    .createTable('import_mappings')
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('mapping', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('import_mappings_pk', ['organization_id', 'kind'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('import_mappings').execute();
  await db.schema.dropTable('imports').execute();
  await sql`alter table owner_units drop column moved_out_on`.execute(db);
}
