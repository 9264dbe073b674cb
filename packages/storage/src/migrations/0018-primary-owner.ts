import { sql, type Kysely } from 'kysely';

/**
 * Issue 12 (decision 0021): 主业主 — one primary owner per unit, the one the roster and the desk call
 * first. `owner_units.is_primary` (0/1). Existing ties: on each unit, the earliest 产权人 tie (then
 * the smaller owner id) becomes primary; a unit with occupants only has none.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('owner_units')
    .addColumn('is_primary', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`
    update owner_units set is_primary = 1
    where relation = 'owner'
      and not exists (
        select 1 from owner_units earlier
        where earlier.unit_id = owner_units.unit_id
          and earlier.relation = 'owner'
          and (earlier.created_at < owner_units.created_at
               or (earlier.created_at = owner_units.created_at and earlier.owner_id < owner_units.owner_id))
      )`.execute(db);
  // at most one per unit, whatever two desks do at the same moment
  await sql`create unique index owner_units_primary_idx on owner_units (unit_id) where is_primary = 1`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index owner_units_primary_idx`.execute(db);
  await db.schema.alterTable('owner_units').dropColumn('is_primary').execute();
}
