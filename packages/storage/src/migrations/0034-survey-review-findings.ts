import type { Kysely } from 'kysely';

/**
 * Issue 14, item 4: an internal review (内部评审) of a project under its satisfaction target is worked to an
 * end — `survey_reviews.findings` (what the review found and the measures decided), `done_by`, `done_at`.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('survey_reviews').addColumn('findings', 'text').execute();
  await db.schema.alterTable('survey_reviews').addColumn('done_by', 'text').execute();
  await db.schema.alterTable('survey_reviews').addColumn('done_at', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ['done_at', 'done_by', 'findings']) await db.schema.alterTable('survey_reviews').dropColumn(column).execute();
}
