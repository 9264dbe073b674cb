import type { Kysely } from 'kysely';

/**
 * Issue 14, item 2 (decision 0029): visits (走访). `owner_visits` (migration 0020) gains who visits
 * and with whom, the plan it belongs to, when it is planned (local day and HH:mm, the owner's request
 * when later than 21:00 or inside 免打扰), the appointment, and the record (客户访问记录: method,
 * topics, the restricted private observations, the new-owner evaluation). Old rows (new-owner
 * visits) stay valid: every new column is null or has a default.
 * `visit_plans`: one per project × month. `visit_opinions`: the opinions a visit raised, each
 * turned into a case in one step (`case_id`).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const columns: [string, 'text' | 'integer'][] = [
    ['plan_id', 'text'],
    ['building_id', 'text'],
    ['assignee_id', 'text'],
    ['companion_id', 'text'],
    // front_desk | service_supervisor | office_manager: whose quota the visit counts toward
    ['quota_role', 'text'],
    // follow_up | recent_opinion | yearly | routine | added
    ['reason', 'text'],
    ['planned_on', 'text'],
    ['planned_time', 'text'],
    ['request_reason', 'text'],
    ['appointment_at', 'text'],
    ['method', 'text'],
    ['visited_at', 'text'],
    // JSON [{ topic, rating, remark }]
    ['topics', 'text'],
    ['summary', 'text'],
    // restricted (visit.private)
    ['private_notes', 'text'],
    ['evaluation_score', 'integer'],
    ['evaluation_text', 'text'],
  ];
  for (const [name, type] of columns) await db.schema.alterTable('owner_visits').addColumn(name, type).execute();
  // a plan's rows; a household's visits (the spacing and the yearly rule read the last one made)
  await db.schema.createIndex('owner_visits_plan_idx').on('owner_visits').columns(['plan_id', 'building_id']).execute();
  await db.schema.createIndex('owner_visits_unit_idx').on('owner_visits').columns(['project_id', 'unit_id', 'status']).execute();
  await db.schema.createIndex('owner_visits_assignee_idx').on('owner_visits').columns(['assignee_id', 'status', 'planned_on']).execute();

  await db.schema
    .createTable('visit_plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('generated_at', 'text', (c) => c.notNull())
    .addColumn('generated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    // households left out: their quiet hours leave no time by 21:00 (JSON [unitId])
    .addColumn('unscheduled', 'text', (c) => c.notNull().defaultTo('[]'))
    // occupied households when generated, and each person's quota per building (JSON [{ staffId, role, buildingId, quota }])
    .addColumn('households', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('quotas', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema.createIndex('visit_plans_month_idx').on('visit_plans').columns(['project_id', 'month']).unique().execute();

  await db.schema
    .createTable('visit_opinions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('visit_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    // the case type it becomes: complaint | suggestion | inquiry | repair
    .addColumn('case_type', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('visit_opinions_visit_idx').on('visit_opinions').columns(['visit_id', 'seq']).unique().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('visit_opinions').execute();
  await db.schema.dropTable('visit_plans').execute();
  await db.schema.dropIndex('owner_visits_assignee_idx').execute();
  await db.schema.dropIndex('owner_visits_unit_idx').execute();
  await db.schema.dropIndex('owner_visits_plan_idx').execute();
}
