import type { Kysely } from 'kysely';

/**
 * Issue 16 item 4: `display_tokens` — the read-only tokens a wallboard (大屏) in the service centre
 * opens with: a label, the projects it shows, only the token's SHA-256 (the token itself is shown once),
 * when it was last used and when it was revoked.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('display_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('project_ids', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('last_used_at', 'text')
    .execute();
  await db.schema.createIndex('display_tokens_org_idx').on('display_tokens').columns(['organization_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('display_tokens').execute();
}
