import { sql, type Kysely } from 'kysely';

/**
 * Queue indexes (issue 11, decision 0013): every queue and filter of the console answers from an
 * index whose equality columns come first and whose last columns are the keyset order (created_at,
 * id), so a page is one ordered index range and no sort. The open queues use partial indexes over
 * open cases only (a few thousand rows at a million cases); their predicate is written in the same
 * literal form as the queries write it (`status <> 'closed'`), which both databases need to match a
 * partial index. Index creation only: no row is read or rewritten by hand, so it runs on databases
 * with millions of cases (as long as each index takes to build).
 */
const OPEN = sql`where status <> 'closed'`;

export async function up(db: Kysely<any>): Promise<void> {
  // the whole organization and one project, newest first (all cases, closed, type or status filters)
  await db.schema.dropIndex('cases_org_created_idx').execute();
  await db.schema.dropIndex('cases_project_status_idx').execute();
  await db.schema.createIndex('cases_org_created_idx').on('cases').columns(['organization_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('cases_project_created_idx').on('cases').columns(['organization_id', 'project_id', 'created_at', 'id']).execute();
  // one assignee's or department's cases, any status (the assigneeId / departmentId filters)
  await db.schema.dropIndex('cases_assignee_idx').execute();
  await db.schema.dropIndex('cases_department_idx').execute();
  await db.schema.createIndex('cases_assignee_created_idx').on('cases').columns(['organization_id', 'assignee_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('cases_department_created_idx').on('cases').columns(['organization_id', 'department_id', 'created_at', 'id']).execute();
  // an owner's cases (portal list, owner archive), newest first
  await db.schema.dropIndex('cases_owner_idx').execute();
  await db.schema.createIndex('cases_owner_created_idx').on('cases').columns(['owner_id', 'created_at', 'id']).execute();
  // open cases only: 未结 (open), 我的 (mine), 待分派 (unassigned: assignee_id is null), 本部门 (department)
  await sql`create index cases_open_idx on cases (organization_id, created_at, id) ${OPEN}`.execute(db);
  await sql`create index cases_open_project_idx on cases (organization_id, project_id, created_at, id) ${OPEN}`.execute(db);
  await sql`create index cases_open_assignee_idx on cases (organization_id, assignee_id, created_at, id) ${OPEN}`.execute(db);
  await sql`create index cases_open_department_idx on cases (organization_id, department_id, created_at, id) ${OPEN}`.execute(db);
  // one open status (待我审批: plans submitted; a status filter in an open queue)
  await sql`create index cases_open_status_idx on cases (organization_id, status, created_at, id) ${OPEN}`.execute(db);
  // 待分派 on its own: PostgreSQL takes `assignee_id is null` as a range, not an equality, so the
  // assignee index would not give it the keyset order
  await sql`create index cases_unassigned_idx on cases (organization_id, created_at, id) where status <> 'closed' and assignee_id is null`.execute(db);
  // notifications newest first with the id as tie-breaker; unread ones alone
  await db.schema.dropIndex('notifications_recipient_idx').execute();
  await db.schema.createIndex('notifications_recipient_idx').on('notifications').columns(['recipient_id', 'created_at', 'id']).execute();
  await sql`create index notifications_unread_idx on notifications (recipient_id, created_at, id) where read_at is null`.execute(db);
}
