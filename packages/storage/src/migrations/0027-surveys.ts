import type { Kysely } from 'kysely';

/**
 * Issue 14, item 4: satisfaction surveys (满意度调查, decision 0030).
 * - `survey_questions`: the question bank, reusable across campaigns: a service area, the text and
 *   its options with a score each (JSON [{ score, label }]).
 * - `surveys`: a campaign of a project: its questionnaire (a JSON copy of the bank's items, so a later
 *   edit of the bank never changes what was asked), period, sampling (rate, the stored seed), state.
 * - `survey_answers`: one row per sampled household (unit), made at launch: its printed code, status
 *   (pending/answered), channel, when, who entered it, the free comment. Who has not answered is a
 *   query on (survey_id, status).
 * - `survey_scores`: one row per answered item (the statistics' GROUP BY reads only these).
 * - `survey_register`: every comment as an entry the quality department works (客户意见登记).
 * - `survey_reviews`: an internal review task when a project's rate is under its target.
 * - `survey_targets`: a project's satisfaction target (none: the default 70%).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('survey_questions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('area', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('options', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('survey_questions_org_idx').on('survey_questions').columns(['organization_id', 'area']).execute();

  await db.schema
    .createTable('surveys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('comment_prompt', 'text')
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('sampling', 'text', (c) => c.notNull())
    .addColumn('sample_rate', 'double precision', (c) => c.notNull())
    .addColumn('seed', 'bigint', (c) => c.notNull())
    .addColumn('sampled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('households', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('launched_at', 'text')
    .addColumn('launched_by', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('closed_by', 'text')
    .execute();
  await db.schema.createIndex('surveys_project_idx').on('surveys').columns(['project_id', 'starts_on']).execute();

  await db.schema
    .createTable('survey_answers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('survey_id', 'text', (c) => c.notNull())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('building_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('channel', 'text')
    .addColumn('answered_at', 'text')
    .addColumn('answered_on', 'text')
    .addColumn('owner_id', 'text')
    .addColumn('entered_by', 'text')
    .addColumn('comment', 'text')
    .execute();
  // one row per household and per printed code; pending ones of a survey (who to chase) by building
  await db.schema.createIndex('survey_answers_unit_uq').unique().on('survey_answers').columns(['survey_id', 'unit_id']).execute();
  await db.schema.createIndex('survey_answers_code_uq').unique().on('survey_answers').columns(['survey_id', 'code']).execute();
  await db.schema.createIndex('survey_answers_status_idx').on('survey_answers').columns(['survey_id', 'status', 'building_id']).execute();
  await db.schema.createIndex('survey_answers_unit_idx').on('survey_answers').columns(['unit_id']).execute();

  await db.schema
    .createTable('survey_scores')
    .addColumn('answer_id', 'text', (c) => c.notNull())
    .addColumn('question_id', 'text', (c) => c.notNull())
    .addColumn('survey_id', 'text', (c) => c.notNull())
    .addColumn('building_id', 'text', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('survey_scores_pk', ['answer_id', 'question_id'])
    .execute();
  // the statistics: GROUP BY question, building, score within one survey, from the index alone
  await db.schema.createIndex('survey_scores_survey_idx').on('survey_scores').columns(['survey_id', 'question_id', 'building_id', 'score']).execute();

  await db.schema
    .createTable('survey_register')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('survey_id', 'text', (c) => c.notNull())
    .addColumn('answer_id', 'text', (c) => c.notNull())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('handled_by', 'text')
    .addColumn('handled_at', 'text')
    .execute();
  await db.schema.createIndex('survey_register_survey_idx').on('survey_register').columns(['survey_id', 'status']).execute();

  await db.schema
    .createTable('survey_reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('survey_id', 'text', (c) => c.notNull().unique())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('rate', 'double precision', (c) => c.notNull())
    .addColumn('target', 'double precision', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('survey_reviews_org_idx').on('survey_reviews').columns(['organization_id', 'status']).execute();

  await db.schema
    .createTable('survey_targets')
    .addColumn('project_id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('target', 'double precision', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['survey_targets', 'survey_reviews', 'survey_register', 'survey_scores', 'survey_answers', 'surveys', 'survey_questions'])
    await db.schema.dropTable(table).execute();
}
