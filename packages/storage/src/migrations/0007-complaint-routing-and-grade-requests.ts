import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/**
 * Complaint routing and separation of duties (issue 10):
 * - cases.accused_party: whom a complaint is against — 'staff' (accused_staff_id) or 'office_management'
 *   (every office manager of the project); earlier complaints naming a staff member become 'staff'.
 * - owner_grade_requests: a change of an owner's customer grade (客户分级) waits for a manager's
 *   approval (seed 004); the grade changes only when it is approved.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cases').addColumn('accused_party', 'text').execute();
  await sql`update cases set accused_party = 'staff' where accused_staff_id is not null`.execute(db);

  await db.schema
    .createTable('owner_grade_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('owner_id', 'text', (c) => c.notNull().references('owners.id'))
    .addColumn('from_grade', 'text', (c) => c.notNull())
    .addColumn('to_grade', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decision_note', 'text')
    .execute();
  await db.schema.createIndex('owner_grade_requests_owner_idx').on('owner_grade_requests').columns(['owner_id', 'status']).execute();
  await db.schema
    .createIndex('owner_grade_requests_org_status_idx')
    .on('owner_grade_requests')
    .columns(['organization_id', 'status', 'requested_at'])
    .execute();
}
