import type { Kysely } from 'kysely';

/**
 * Issue 16 item 2 (decision 0037): `appraisal_weights` — a company's weights of the appraisal's measures
 * and the allowances of its counted faults (none: the defaults) — and `appraisals`, the sheets: a person
 * and a period (local dates, both included), the figures, weights and measures frozen when drawn up (JSON),
 * the score, the supervisor's comment and the person's acknowledgement. One sheet per person and period.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('appraisal_weights')
    .addColumn('organization_id', 'text', (c) => c.primaryKey())
    .addColumn('weights', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('appraisals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('staff_id', 'text', (c) => c.notNull())
    .addColumn('period_from', 'text', (c) => c.notNull())
    .addColumn('period_to', 'text', (c) => c.notNull())
    .addColumn('figures', 'text', (c) => c.notNull())
    .addColumn('weights', 'text', (c) => c.notNull())
    .addColumn('score', 'double precision')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('drawn_by', 'text', (c) => c.notNull())
    .addColumn('drawn_at', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('commented_by', 'text')
    .addColumn('commented_at', 'text')
    .addColumn('acknowledged_at', 'text')
    .execute();
  await db.schema.createIndex('appraisals_person_period_idx').on('appraisals').columns(['staff_id', 'period_from', 'period_to']).unique().execute();
  await db.schema.createIndex('appraisals_org_idx').on('appraisals').columns(['organization_id', 'period_from']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('appraisals').execute();
  await db.schema.dropTable('appraisal_weights').execute();
}
