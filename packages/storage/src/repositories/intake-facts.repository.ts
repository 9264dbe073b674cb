import { isPostgres, type SqlRunner } from '../dialect/detect.ts';
import { selectRaw } from '../dialect/fast-queries.ts';
import { ReadGroup } from '../read-group.ts';
import type { OwnerRecord } from './owners.repository.ts';

/**
 * 受理's reads before its write (decision 0016), in ONE statement: one round trip on PostgreSQL
 * instead of one per fact. Each fact is what its own query answered before (ownerLinkedToProject,
 * findOwnerGrade, findUnit, the engineering departments of listDepartmentsOfProject); the checks
 * themselves stay with the caller.
 */
export interface IntakeFactsQuery {
  organizationId: string;
  projectId: string;
  /** The owner who must hold or occupy a unit in the project (null: not asked). */
  linkedOwnerId: string | null;
  /** The owner whose customer grade (客户等级) the clocks need (null: not asked). */
  gradeOwnerId: string | null;
  unitId: string | null;
  /** Whether the project's engineering departments are wanted (a repair with no department named). */
  engineering: boolean;
}

export interface IntakeFacts {
  ownerLinked: boolean;
  ownerGrade: OwnerRecord['grade'] | null;
  /** The unit's columns the checks read; null when unknown or not asked. */
  unit: { id: string; organizationId: string; projectId: string; kind: string } | null;
  /** The project's own engineering departments (报修派工池 candidates), in no order; empty when not asked. */
  engineeringDepartments: { id: string; projectId: string; kind: string; code: string }[];
}

/** SQLite: one statement per intake (no round trip to save; the same subqueries as GROUP_TEXT). */
const SQLITE_TEXT = `select exists(select 1 from owner_units where owner_id = ? and project_id = ? and moved_out_on is null) as owner_linked,
  (select grade from owners where id = ?) as owner_grade,
  u.id as unit_id, u.organization_id as unit_organization_id, u.project_id as unit_project_id, u.kind as unit_kind,
  (select json_group_array(json_object('id', d.id, 'code', d.code)) from departments d where d.organization_id = ? and d.project_id = ? and d.kind = 'engineering') as engineering
from (select 1 as one) as one left join units u on u.id = ?`;

interface Raw {
  ownerLinked: boolean | number;
  ownerGrade: OwnerRecord['grade'] | null;
  unitId: string | null;
  unitOrganizationId: string | null;
  unitProjectId: string | null;
  unitKind: string | null;
  engineering: string | { id: string; code: string }[] | null;
}

/**
 * PostgreSQL: the intakes of one turn of the event loop ask together, in one statement over arrays of
 * their questions (one round trip for all of them, like their write: intake-group.ts), the same
 * subqueries per question as SQLite's.
 */
const GROUP_TEXT = `select
  exists(select 1 from owner_units where owner_id = q.linked_owner_id and project_id = q.project_id and moved_out_on is null) as owner_linked,
  (select grade from owners where id = q.grade_owner_id) as owner_grade,
  u.id as unit_id, u.organization_id as unit_organization_id, u.project_id as unit_project_id, u.kind as unit_kind,
  (select json_agg(json_build_object('id', d.id, 'code', d.code)) from departments d
    where d.organization_id = q.engineering_organization_id and d.project_id = q.project_id and d.kind = 'engineering') as engineering
from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) with ordinality
  as q(linked_owner_id, project_id, grade_owner_id, engineering_organization_id, unit_id, n)
left join units u on u.id = q.unit_id
order by q.n`;

const groups = new WeakMap<SqlRunner, ReadGroup<IntakeFactsQuery, Raw>>();
function groupOf(db: SqlRunner): ReadGroup<IntakeFactsQuery, Raw> {
  let group = groups.get(db);
  if (!group) {
    group = new ReadGroup((qs) =>
      selectRaw<Raw>(db, GROUP_TEXT, [
        qs.map((q) => q.linkedOwnerId),
        qs.map((q) => q.projectId),
        qs.map((q) => q.gradeOwnerId),
        qs.map((q) => (q.engineering ? q.organizationId : null)),
        qs.map((q) => q.unitId),
      ]),
    );
    groups.set(db, group);
  }
  return group;
}

export async function intakeFacts(db: SqlRunner, q: IntakeFactsQuery): Promise<IntakeFacts> {
  const raw = isPostgres(db)
    ? await groupOf(db).read(q)
    : (
        await selectRaw<Raw>(db, SQLITE_TEXT, [q.linkedOwnerId, q.projectId, q.gradeOwnerId, q.engineering ? q.organizationId : null, q.projectId, q.unitId])
      )[0]!;
  const engineering = typeof raw.engineering === 'string' ? (JSON.parse(raw.engineering) as { id: string; code: string }[]) : (raw.engineering ?? []);
  return {
    ownerLinked: q.linkedOwnerId !== null && !!raw.ownerLinked,
    ownerGrade: q.gradeOwnerId !== null ? raw.ownerGrade : null,
    unit: raw.unitId !== null ? { id: raw.unitId, organizationId: raw.unitOrganizationId!, projectId: raw.unitProjectId!, kind: raw.unitKind! } : null,
    engineeringDepartments: engineering.map((d) => ({ id: d.id, code: d.code, projectId: q.projectId, kind: 'engineering' })),
  };
}
