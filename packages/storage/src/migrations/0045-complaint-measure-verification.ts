import { sql, type Kysely } from 'kysely';

/**
 * Decision 0039: the quality department's verification (效果验证) of a done corrective measure —
 * who verified it and when, what was checked, and whether it worked (effective 0/1). Null until verified.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table complaint_measures add column verified_by text`.execute(db);
  await sql`alter table complaint_measures add column verified_at text`.execute(db);
  await sql`alter table complaint_measures add column verification text`.execute(db);
  await sql`alter table complaint_measures add column effective integer`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ['effective', 'verification', 'verified_at', 'verified_by'])
    await sql`alter table complaint_measures drop column ${sql.ref(column)}`.execute(db);
}
