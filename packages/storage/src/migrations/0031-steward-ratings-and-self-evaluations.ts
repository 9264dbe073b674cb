import type { Kysely } from 'kysely';

/**
 * Issue 14, item 4 (decision 0033): besides owner surveys, the owners' yearly rating of their steward
 * (管家评价) and staff self-evaluation forms (员工自评).
 * - `building_stewards`: the area steward (物业管家) responsible for a building, one per building.
 * - `surveys.kind`: `owner_satisfaction` (the campaigns so far) or `steward_rating`.
 * - `survey_answers.steward_id`: for a steward rating, the steward the household rates, frozen at launch
 *   (a later change of steward never moves an answer to another person).
 * - `self_evaluation_rounds`: a round of self-evaluation forms: its questionnaire (a JSON copy of the
 *   bank's items), period, due date, state.
 * - `self_evaluations`: one form per staff member of a round: scores per item (JSON), the summary,
 *   shortcomings and plan, submitted, then reviewed with a comment by the person's manager.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('building_stewards')
    .addColumn('building_id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('staff_id', 'text', (c) => c.notNull())
    .addColumn('assigned_by', 'text')
    .addColumn('assigned_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('building_stewards_project_idx').on('building_stewards').columns(['project_id']).execute();

  await db.schema
    .alterTable('surveys')
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('owner_satisfaction'))
    .execute();
  await db.schema.alterTable('survey_answers').addColumn('steward_id', 'text').execute();

  await db.schema
    .createTable('self_evaluation_rounds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('project_ids', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('closed_by', 'text')
    .execute();
  await db.schema.createIndex('self_evaluation_rounds_org_idx').on('self_evaluation_rounds').columns(['organization_id', 'created_at']).execute();

  await db.schema
    .createTable('self_evaluations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('round_id', 'text', (c) => c.notNull())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('staff_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('scores', 'text', (c) => c.notNull())
    .addColumn('summary', 'text')
    .addColumn('shortcomings', 'text')
    .addColumn('plan', 'text')
    .addColumn('saved_at', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('reviewed_by', 'text')
    .addColumn('review_comment', 'text')
    .addColumn('reviewed_at', 'text')
    .execute();
  await db.schema.createIndex('self_evaluations_round_staff_uq').unique().on('self_evaluations').columns(['round_id', 'staff_id']).execute();
  await db.schema.createIndex('self_evaluations_staff_idx').on('self_evaluations').columns(['staff_id', 'status']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('self_evaluations').execute();
  await db.schema.dropTable('self_evaluation_rounds').execute();
  await db.schema.alterTable('survey_answers').dropColumn('steward_id').execute();
  await db.schema.alterTable('surveys').dropColumn('kind').execute();
  await db.schema.dropTable('building_stewards').execute();
}
