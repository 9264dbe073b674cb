import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect/detect.ts';

/**
 * Issue 12: a unit is its building + 单元 + room. 3栋1单元101 and 3栋2单元101 are two homes, common
 * in real estates; the unique key was building + room only (0001), so an import the dry run accepted
 * failed at apply. The key becomes (building_id, coalesce(entrance, ''), code).
 *
 * PostgreSQL drops the constraint. SQLite cannot drop a table's constraint: the table is rebuilt in one
 * transaction (the documented way), every case and tie finding its unit under the same id again.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`alter table units drop constraint units_building_code_unique`.execute(db);
  } else {
    // SQLite's way (lang_altertable.html, "making other kinds of table schema changes"): foreign keys
    // off outside the transaction, the rebuild in one transaction, checked before it commits
    await sql`pragma foreign_keys = off`.execute(db);
    try {
      await db.transaction().execute(async (trx) => {
        await sql`
          create table units_rebuilt (
            id text primary key,
            organization_id text not null,
            project_id text not null references projects(id),
            building_id text not null references buildings(id),
            code text not null,
            kind text not null,
            floor integer,
            area_sqm real,
            created_at text not null,
            updated_at text not null,
            entrance text
          )`.execute(trx);
        await sql`
          insert into units_rebuilt (id, organization_id, project_id, building_id, code, kind, floor, area_sqm, created_at, updated_at, entrance)
          select id, organization_id, project_id, building_id, code, kind, floor, area_sqm, created_at, updated_at, entrance from units`.execute(trx);
        await sql`drop table units`.execute(trx);
        await sql`alter table units_rebuilt rename to units`.execute(trx);
        await trx.schema.createIndex('units_project_idx').on('units').columns(['project_id', 'code']).execute();
        await trx.schema.createIndex('units_org_code_idx').on('units').columns(['organization_id', 'code']).execute();
        await sql`create unique index units_building_entrance_code_unique on units (building_id, (coalesce(entrance, '')), code)`.execute(trx);
        const broken = await sql`pragma foreign_key_check`.execute(trx);
        if (broken.rows.length) throw new Error(`0021: ${broken.rows.length} references lost`);
      });
    } finally {
      await sql`pragma foreign_keys = on`.execute(db);
    }
    return;
  }
  await sql`create unique index units_building_entrance_code_unique on units (building_id, (coalesce(entrance, '')), code)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index units_building_entrance_code_unique`.execute(db);
  if (isPostgres(db)) await sql`alter table units add constraint units_building_code_unique unique (building_id, code)`.execute(db);
  else await sql`create unique index units_building_code_unique on units (building_id, code)`.execute(db);
}
