import type { Kysely } from 'kysely';

/**
 * Issue 15 (decision 0034): supervising on site — patrols, checklists, defects and rectification.
 * - `inspection_points`: a place or a piece of equipment checked on patrols, with coordinates and a
 *   radius, and its printed code's generation and last valid day (re-issuing raises the generation).
 * - `patrol_plans`: a route (points with their windows) walked in rounds on the days it repeats, by its
 *   inspectors in order; `kind` patrol (巡检) or maintenance (设备保养: a task then needs acceptance).
 * - `patrol_routes`: the versions of a plan's route (its points with their windows' offsets), never
 *   changed: a plan's edit writes a new version, and each task keeps the version it was made from.
 * - `patrol_tasks`: one per plan, local date and round (unique), created ahead, with its route version
 *   (a month of 200 projects × 50 points × 3 rounds is 18,000 small task rows, not 900,000 check rows);
 *   the points checked so far, and at its end the count per grade; transfer and acceptance.
 * - `patrol_checks`: a point's check as recorded (one per task and point, unique): window, when scanned,
 *   grade, result, position, photos, and the one-time scan ticket's nonce (unique: a replayed ticket
 *   cannot record a second check). A point never checked has no row: the task's end counts it missed.
 * - `inspection_photos`: each photo of a check with its SHA-256 and difference hash, for reuse flags.
 * - `checklist_templates` and `inspections`: scored checks of the seven kinds (daily on three levels,
 *   night, monthly, quarterly, communication audits), signatures, report, the audit's sample.
 * - `weather_warnings`: typhoon or rainstorm warnings of a project; each night under one owes a night check.
 * - `defects` (不合格项) and `rectification_notices` (整改通知) with their clocks and escalation.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('inspection_points')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('specialty', 'text', (c) => c.notNull())
    .addColumn('place', 'text')
    .addColumn('building_id', 'text')
    .addColumn('latitude', 'double precision')
    .addColumn('longitude', 'double precision')
    .addColumn('radius_m', 'integer', (c) => c.notNull())
    .addColumn('code_generation', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('code_valid_until', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('inspection_points_project_idx').on('inspection_points').columns(['project_id', 'name']).execute();

  await db.schema
    .createTable('patrol_plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('specialty', 'text', (c) => c.notNull())
    .addColumn('repeat', 'text', (c) => c.notNull())
    .addColumn('rounds', 'text', (c) => c.notNull())
    .addColumn('route', 'text', (c) => c.notNull())
    .addColumn('inspectors', 'text', (c) => c.notNull())
    .addColumn('lead_minutes', 'integer', (c) => c.notNull())
    .addColumn('late_minutes', 'integer', (c) => c.notNull())
    .addColumn('makeup_hours', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('acceptor_id', 'text')
    .addColumn('route_id', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('generated_through', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('patrol_plans_project_idx').on('patrol_plans').columns(['project_id']).execute();
  await db.schema.createIndex('patrol_plans_active_idx').on('patrol_plans').columns(['active', 'generated_through']).execute();

  await db.schema
    .createTable('patrol_routes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('plan_id', 'text', (c) => c.notNull())
    .addColumn('stops', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('patrol_routes_plan_idx').on('patrol_routes').columns(['plan_id']).execute();

  await db.schema
    .createTable('patrol_tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('plan_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('round', 'text', (c) => c.notNull())
    .addColumn('assignee_id', 'text')
    .addColumn('create_at', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('makeup_until', 'text')
    .addColumn('route_id', 'text', (c) => c.notNull())
    .addColumn('points', 'integer', (c) => c.notNull())
    .addColumn('checked', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reminded', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('early', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('on_time', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('late', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('missed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('transferred_from', 'text')
    .addColumn('transfer_reason', 'text')
    .addColumn('transferred_at', 'text')
    .addColumn('accepted_by', 'text')
    .addColumn('accepted_at', 'text')
    .addColumn('acceptance', 'text')
    .addColumn('acceptance_note', 'text')
    .addColumn('summary_sent_at', 'text')
    .execute();
  await db.schema.createIndex('patrol_tasks_plan_round_uq').unique().on('patrol_tasks').columns(['plan_id', 'date', 'round']).execute();
  await db.schema.createIndex('patrol_tasks_assignee_idx').on('patrol_tasks').columns(['assignee_id', 'starts_at']).execute();
  await db.schema.createIndex('patrol_tasks_project_idx').on('patrol_tasks').columns(['project_id', 'date']).execute();
  await db.schema.createIndex('patrol_tasks_open_idx').on('patrol_tasks').columns(['status', 'ends_at']).execute();

  await db.schema
    .createTable('patrol_checks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('task_id', 'text', (c) => c.notNull())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('point_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('opens_at', 'text', (c) => c.notNull())
    .addColumn('closes_at', 'text', (c) => c.notNull())
    .addColumn('checked_at', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('grade', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('latitude', 'double precision')
    .addColumn('longitude', 'double precision')
    .addColumn('accuracy_m', 'integer')
    .addColumn('distance_m', 'integer')
    .addColumn('photo_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('photo_flags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('makeup', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('scan_nonce', 'text')
    .addColumn('checked_by', 'text')
    .addColumn('defect_id', 'text')
    .execute();
  await db.schema.createIndex('patrol_checks_task_point_uq').unique().on('patrol_checks').columns(['task_id', 'point_id']).execute();
  await db.schema.createIndex('patrol_checks_point_idx').on('patrol_checks').columns(['point_id', 'checked_at']).execute();
  await db.schema.createIndex('patrol_checks_nonce_uq').unique().on('patrol_checks').columns(['scan_nonce']).execute();

  await db.schema
    .createTable('inspection_photos')
    .addColumn('attachment_id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('point_id', 'text')
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('phash', 'text', (c) => c.notNull())
    .addColumn('reuse_of', 'text')
    .addColumn('taken_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('inspection_photos_project_idx').on('inspection_photos').columns(['project_id', 'created_at']).execute();

  await db.schema
    .createTable('checklist_templates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('checklist_templates_org_idx').on('checklist_templates').columns(['organization_id', 'kind']).execute();

  await db.schema
    .createTable('inspections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('template_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('weather_warning_id', 'text')
    .addColumn('scheduled_on', 'text')
    .addColumn('inspector_id', 'text')
    .addColumn('inspected_staff_id', 'text')
    .addColumn('inspected_name', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('results', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('score', 'text')
    .addColumn('photo_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('inspector_signature_id', 'text')
    .addColumn('inspected_signature_id', 'text')
    .addColumn('report', 'text')
    .addColumn('sample', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('inspections_project_idx').on('inspections').columns(['project_id', 'submitted_at']).execute();
  await db.schema.createIndex('inspections_inspector_idx').on('inspections').columns(['inspector_id', 'status']).execute();
  await db.schema.createIndex('inspections_warning_uq').unique().on('inspections').columns(['weather_warning_id', 'scheduled_on']).execute();

  await db.schema
    .createTable('weather_warnings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('level', 'text')
    .addColumn('from_date', 'text', (c) => c.notNull())
    .addColumn('to_date', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('weather_warnings_project_idx').on('weather_warnings').columns(['project_id', 'from_date']).execute();

  await db.schema
    .createTable('defects')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('source_type', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text')
    .addColumn('item_id', 'text')
    .addColumn('point_id', 'text')
    .addColumn('specialty', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('caused_by_staff', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('on_daily_sheet', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('photo_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('responsible_id', 'text')
    .addColumn('found_by', 'text')
    .addColumn('found_at', 'text', (c) => c.notNull())
    .addColumn('period_start', 'text', (c) => c.notNull())
    .addColumn('deadline', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('closure_note', 'text')
    .addColumn('closure_photo_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('closed_at', 'text')
    .addColumn('closed_by', 'text')
    .addColumn('verified_at', 'text')
    .addColumn('verified_by', 'text')
    .addColumn('verified_in', 'text')
    .addColumn('reopen_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('escalation_level', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('escalated_at', 'text')
    .addColumn('case_id', 'text')
    .addColumn('rectification_id', 'text')
    .execute();
  await db.schema.createIndex('defects_project_idx').on('defects').columns(['project_id', 'status', 'deadline']).execute();
  await db.schema.createIndex('defects_responsible_idx').on('defects').columns(['responsible_id', 'status']).execute();
  await db.schema.createIndex('defects_point_idx').on('defects').columns(['point_id', 'status']).execute();
  await db.schema.createIndex('defects_open_idx').on('defects').columns(['status', 'deadline']).execute();
  await db.schema.createIndex('defects_found_idx').on('defects').columns(['project_id', 'found_at']).execute();

  await db.schema
    .createTable('rectification_notices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('requirement', 'text', (c) => c.notNull())
    .addColumn('defect_ids', 'text', (c) => c.notNull())
    .addColumn('issued_by', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('responsible_id', 'text', (c) => c.notNull())
    .addColumn('deadline', 'text', (c) => c.notNull())
    .addColumn('round', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('measures', 'text')
    .addColumn('measures_at', 'text')
    .addColumn('report', 'text')
    .addColumn('reported_at', 'text')
    .addColumn('reinspected_by', 'text')
    .addColumn('reinspected_at', 'text')
    .addColumn('reinspection_note', 'text')
    .addColumn('escalation_level', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('escalated_at', 'text')
    .execute();
  await db.schema.createIndex('rectification_notices_project_idx').on('rectification_notices').columns(['project_id', 'status']).execute();
  await db.schema.createIndex('rectification_notices_open_idx').on('rectification_notices').columns(['status', 'deadline']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'rectification_notices',
    'defects',
    'weather_warnings',
    'inspections',
    'checklist_templates',
    'inspection_photos',
    'patrol_checks',
    'patrol_tasks',
    'patrol_routes',
    'patrol_plans',
    'inspection_points',
  ])
    await db.schema.dropTable(table).execute();
}
