import type { Kysely } from 'kysely';

/**
 * Issue 16 item 3 (decision 0035): `escalation_forms` — fault escalation forms (故障转呈单) and
 * work-liaison letters (工作联系函) from an office (project) to a department, with the requested response
 * date (and the instant it ends in the project's time zone), the department's response and feedback
 * date, the office's verification, the rounds sent back, and the round whose lateness was told (once per
 * round, a conditional update); `escalation_form_cases` — the cases that caused a form, both ways.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('escalation_forms')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('problem', 'text', (c) => c.notNull())
    .addColumn('department_id', 'text', (c) => c.notNull())
    .addColumn('requested_date', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('round', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('sent_by', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addColumn('response', 'text')
    .addColumn('responded_by', 'text')
    .addColumn('feedback_at', 'text')
    .addColumn('verified_by', 'text')
    .addColumn('verified_at', 'text')
    .addColumn('verification_note', 'text')
    .addColumn('past_rounds', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('late_told_round', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('escalation_forms_project_idx').on('escalation_forms').columns(['project_id', 'sent_at']).execute();
  await db.schema.createIndex('escalation_forms_department_idx').on('escalation_forms').columns(['department_id', 'status']).execute();
  await db.schema.createIndex('escalation_forms_due_idx').on('escalation_forms').columns(['status', 'due_at']).execute();

  await db.schema
    .createTable('escalation_form_cases')
    .addColumn('form_id', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('escalation_form_cases_pk', ['form_id', 'case_id'])
    .execute();
  await db.schema.createIndex('escalation_form_cases_case_idx').on('escalation_form_cases').columns(['case_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('escalation_form_cases').execute();
  await db.schema.dropTable('escalation_forms').execute();
}
