import type { Kysely } from 'kysely';

/**
 * 1. Audit entries remember the project they concern, so a project's office manager or archive keeper
 * reads only their projects' entries; entries without a project (company-level: logins of
 * multi-project staff, tokens, owners' portal logins) are for company-wide auditors.
 * 2. Owner portal logins lock after repeated failures, like staff logins.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('audit_log').addColumn('project_id', 'text').execute();
  await db.schema.createIndex('audit_log_org_project_idx').on('audit_log').columns(['organization_id', 'project_id', 'id']).execute();
  await db.schema
    .createTable('owner_portal_lockouts')
    .addColumn('owner_id', 'text', (c) => c.primaryKey().references('owners.id'))
    .addColumn('failed_logins', 'integer', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .execute();
}
