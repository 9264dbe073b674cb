import { sql, type Kysely } from 'kysely';

/**
 * Time limits (issue 3): published holiday years per organization, each project's working week,
 * project SLA rules, the clocks of every case (with the instant of their next warning or
 * escalation, indexed so the scheduler never scans open cases), and in-app notifications.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('calendar_years')
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('year', 'text', (c) => c.notNull())
    .addColumn('holidays', 'text', (c) => c.notNull())
    .addColumn('makeup_workdays', 'text', (c) => c.notNull())
    .addColumn('source', 'text')
    .addColumn('loaded_by', 'text')
    .addColumn('loaded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('calendar_years_pk', ['organization_id', 'year'])
    .execute();

  await db.schema
    .createTable('project_calendars')
    .addColumn('project_id', 'text', (c) => c.primaryKey().references('projects.id'))
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('week', 'text', (c) => c.notNull())
    .addColumn('makeup_spans', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sla_rules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sla_rules_project_idx').on('sla_rules').columns(['project_id', 'position']).execute();

  await db.schema
    .createTable('sla_clocks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('case_type', 'text', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('pauses', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text')
    // the due instant's local date in the project's time zone: months of the timeliness report
    .addColumn('due_local_date', 'text')
    .addColumn('warn_at', 'text')
    .addColumn('stopped_at', 'text')
    .addColumn('result', 'text')
    .addColumn('late_minutes', 'real')
    // who answered for the clock (for the timeliness KPI): the case's department and assignee when it stopped
    .addColumn('department_id', 'text')
    .addColumn('assignee_id', 'text')
    .addColumn('warned', 'integer', (c) => c.notNull())
    .addColumn('escalations', 'integer', (c) => c.notNull())
    .addColumn('next_alert_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sla_clocks_case_idx').on('sla_clocks').column('case_id').execute();
  await sql`create index sla_clocks_next_alert_idx on sla_clocks (next_alert_at) where next_alert_at is not null`.execute(db);
  await sql`create index sla_clocks_running_due_idx on sla_clocks (organization_id, due_at) where stopped_at is null`.execute(db);
  await db.schema.createIndex('sla_clocks_kpi_idx').on('sla_clocks').columns(['organization_id', 'due_local_date']).execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('recipient_id', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema.createIndex('notifications_recipient_idx').on('notifications').columns(['recipient_id', 'created_at']).execute();
}
