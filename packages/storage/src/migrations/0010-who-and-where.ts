import type { Kysely } from 'kysely';

/**
 * Who and where (issue 10): a unit's entrance (单元), so that its label reads 楼栋-单元-房号; and the
 * caller of a case as intake heard them (name, phone encrypted at rest, masked copy and last four
 * digits for search), kept when the caller is not (yet) a registered owner.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('units').addColumn('entrance', 'text').execute();
  await db.schema
    .createTable('case_callers')
    .addColumn('case_id', 'text', (c) => c.primaryKey().references('cases.id'))
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('phone_encrypted', 'text')
    .addColumn('phone_masked', 'text')
    .addColumn('phone_last4', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_callers_phone_idx').on('case_callers').columns(['organization_id', 'phone_last4']).execute();
}
