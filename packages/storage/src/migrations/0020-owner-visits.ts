import type { Kysely } from 'kysely';

/**
 * Issue 12, item 4 (decision 0023): `owner_visits` — a visit (回访/走访) due to an owner. A move-in
 * creates the new-owner visit (新业主回访, kind `new_owner`) due within one month; a move-out cancels
 * the one still due for that unit. Issue 14 (visits and callbacks) builds its plans and records on
 * these rows: who did it, when, the evaluation.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('owner_visits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    // due | done | cancelled
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('closed_by', 'text')
    .addColumn('closed_reason', 'text')
    .execute();
  // the due list of a project, soonest first; an owner's visits on the archive
  await db.schema.createIndex('owner_visits_due_idx').on('owner_visits').columns(['project_id', 'status', 'due_on']).execute();
  await db.schema.createIndex('owner_visits_owner_idx').on('owner_visits').columns(['owner_id', 'due_on']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('owner_visits').execute();
}
