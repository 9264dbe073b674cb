import {
  accusedExclusionOf,
  canSeeProject,
  causeState,
  DomainError,
  localDateOf,
  MAIN_CAUSE_SHARE,
  measureOverdue,
  monthsOf,
  nextMonth,
  rankComplaintCauses,
  requireCapability,
  type Actor,
  type StaffActor,
} from '@guanjia/core';
import {
  completeComplaintMeasure,
  complaintCategoryMonthCounts,
  complaintCategoryRollup,
  findComplaintMeasure,
  insertComplaintMeasure,
  listComplaintMeasures,
  listProjects,
  namesOf,
  verifyComplaintMeasure,
  type ComplaintMeasureRecord,
} from '@guanjia/storage';
import type { AppDeps } from '../context.ts';
import { requireStaffFor } from './references.ts';
import { requireProjectIn } from './scoped-project.ts';
import { reportScope } from './sla-admin.service.ts';
import { inTransaction } from './transaction.ts';

/**
 * Complaint causes ranked, each main cause with its corrective measures (纠正措施): issue 16 item 1,
 * decision 0039. The causes are the complaints' categories counted by local date of receipt (the
 * report rollup the outcomes report reads); readers need report.read in their projects. The office
 * manager and the quality department (complaint.measure) record a measure for a project's cause and
 * month, with a responsible staff member and a due date, and mark it done with its result. The quality
 * department (complaint.verify) then verifies a done measure (效果验证): what it checked and whether it
 * worked; each measure shows its cause's complaints in its month and the next, from the rollups.
 */

const WRITE = 'complaint.measure';
const VERIFY = 'complaint.verify';

/** May the actor verify the measures of this project? (the quality department: company-wide in practice) */
function verifiesIn(actor: Actor, projectId: string): boolean {
  return actor.kind === 'staff' && actor.capabilities.has(VERIFY) && canSeeProject(actor, actor.organizationId, projectId);
}

/** May the actor record and complete the measures of this project? */
function writesIn(actor: Actor, projectId: string): boolean {
  return actor.kind === 'staff' && actor.capabilities.has(WRITE) && canSeeProject(actor, actor.organizationId, projectId);
}

async function views(deps: AppDeps, actor: Actor, rows: readonly ComplaintMeasureRecord[]) {
  const db = deps.database.db;
  const people = rows.flatMap((r) => [r.responsibleId, ...(r.doneBy ? [r.doneBy] : []), ...(r.verifiedBy ? [r.verifiedBy] : [])]);
  const projectIds = [...new Set(rows.map((r) => r.projectId))];
  const [names, projects, counts] = await Promise.all([
    namesOf(db, 'staff', people),
    listProjects(db, actor.organizationId ?? '', projectIds),
    // each measure's cause in its month and the next: month rows of the rollup (the reader's own accusations aside)
    complaintCategoryMonthCounts(db, {
      projectIds,
      months: [...new Set(rows.flatMap((r) => [r.month, nextMonth(r.month)]))],
      categories: [...new Set(rows.map((r) => r.category))],
      ...(actor.kind === 'staff' ? { excludeAccused: accusedExclusionOf(actor) } : {}),
    }),
  ]);
  const zones = new Map(projects.map((p) => [p.id, p.timeZone]));
  const countOf = new Map(counts.map((c) => [`${c.projectId}|${c.month}|${c.category}`, c.count]));
  const count = (projectId: string, month: string, category: string) => countOf.get(`${projectId}|${month}|${category}`) ?? 0;
  return rows.map(({ organizationId: _o, ...r }) => {
    const today = localDateOf(deps.now(), zones.get(r.projectId) ?? 'Asia/Shanghai');
    const next = nextMonth(r.month);
    return {
      ...r,
      responsibleName: names.get(r.responsibleId) ?? '',
      doneByName: r.doneBy ? (names.get(r.doneBy) ?? '') : null,
      overdue: measureOverdue(r, today),
      today,
      canComplete: r.status === 'planned' && writesIn(actor, r.projectId),
      verifiedByName: r.verifiedBy ? (names.get(r.verifiedBy) ?? '') : null,
      canVerify: r.status === 'done' && r.verifiedAt === null && verifiesIn(actor, r.projectId),
      monthCount: count(r.projectId, r.month, r.category),
      nextMonth: next,
      nextMonthCount: count(r.projectId, next, r.category),
    };
  });
}

const withoutToday = <T extends { today: string }>({ today: _t, ...v }: T) => v;

/** The causes of the period ranked, the main ones marked, each with its measures of the months the period touches. */
export async function complaintCausesReport(deps: AppDeps, actor: StaffActor, q: { from?: string; to?: string; projectId?: string }) {
  const scope = await reportScope(deps, actor, q);
  const { from, to } = scope;
  const db = deps.database.db;
  const projectIds = scope.projectIds ?? (await listProjects(db, actor.organizationId, null)).map((p) => p.id);
  const months = monthsOf(from, to);
  const [counts, rows] = await Promise.all([
    complaintCategoryRollup(db, {
      organizationId: actor.organizationId,
      projectIds,
      from,
      to,
      // as in the outcomes report: the accused do not count the complaints against them
      excludeAccused: accusedExclusionOf(actor),
    }),
    listComplaintMeasures(db, { organizationId: actor.organizationId, projectIds, months }),
  ]);
  const measures = await views(deps, actor, rows);
  const ranked = rankComplaintCauses(counts);
  const total = ranked.reduce((s, c) => s + c.count, 0);
  // causes with measures but no complaint in the period still show, after the ranked ones
  const ranks = new Set(ranked.map((c) => c.category));
  const extra = [...new Set(measures.map((m) => m.category))].filter((c) => !ranks.has(c)).sort();
  const last = ranked.at(-1)?.cumulativeShare ?? 0;
  const causes = [
    ...ranked,
    ...extra.map((category, i) => ({ category, count: 0, rank: ranked.length + 1 + i, share: 0, cumulativeShare: last, main: false })),
  ].map((c) => {
    const own = measures.filter((m) => m.category === c.category);
    return {
      ...c,
      state: c.main || own.length ? causeState(own) : null,
      measures: own.map(withoutToday),
    };
  });
  return {
    from,
    to,
    months,
    total,
    mainShare: MAIN_CAUSE_SHARE,
    causes,
    canWrite: projectIds.filter((p) => writesIn(actor, p)),
  };
}

export interface NewComplaintMeasure {
  projectId: string;
  category: string;
  month: string;
  measure: string;
  responsibleId: string;
  dueDate: string;
}

/** Records a corrective measure of a project's complaint cause for a month (complaint.measure in the project). */
export async function createComplaintMeasure(deps: AppDeps, actor: Actor, input: NewComplaintMeasure) {
  await requireProjectIn(deps, actor, WRITE, input.projectId);
  const staff = actor as StaffActor;
  await requireStaffFor(deps.database, actor, input.responsibleId, input.projectId, 'responsibleId');
  const first = `${input.month}-01`;
  if (input.dueDate < first) throw new DomainError('COMPLAINT_MEASURE_DUE_INVALID', 'dueDate', { date: input.dueDate, first });
  const row: ComplaintMeasureRecord = {
    id: deps.newId(),
    organizationId: staff.organizationId,
    projectId: input.projectId,
    category: input.category.trim(),
    month: input.month,
    measure: input.measure.trim(),
    responsibleId: input.responsibleId,
    dueDate: input.dueDate,
    status: 'planned',
    createdBy: staff.id,
    createdAt: deps.now(),
    doneBy: null,
    doneAt: null,
    resultNote: null,
    verifiedBy: null,
    verifiedAt: null,
    verification: null,
    effective: null,
  };
  await inTransaction(deps.database, (db) => insertComplaintMeasure(db, row));
  return withoutToday((await views(deps, actor, [row]))[0]!);
}

/** Marks a planned measure done with its result (complaint.measure in its project); another project's answers 404. */
export async function completeMeasure(deps: AppDeps, actor: Actor, id: string, input: { resultNote: string }) {
  requireCapability(actor, WRITE);
  const found = await findComplaintMeasure(deps.database.db, id);
  if (!found || found.organizationId !== actor.organizationId || !writesIn(actor, found.projectId)) throw new DomainError('COMPLAINT_MEASURE_NOT_FOUND', 'id');
  if (found.status !== 'planned') throw new DomainError('COMPLAINT_MEASURE_DONE', 'id');
  const staff = actor as StaffActor;
  const at = deps.now();
  const note = input.resultNote.trim();
  const done = await inTransaction(deps.database, (db) => completeComplaintMeasure(db, id, staff.id, at, note));
  if (!done) throw new DomainError('COMPLAINT_MEASURE_DONE', 'id');
  const row: ComplaintMeasureRecord = { ...found, status: 'done', doneBy: staff.id, doneAt: at, resultNote: note };
  return withoutToday((await views(deps, actor, [row]))[0]!);
}

/**
 * The quality department's verification (效果验证) of a done measure (complaint.verify, in its project): what was
 * checked and whether it worked. Not done yet 409 COMPLAINT_MEASURE_NOT_DONE, verified already 409
 * COMPLAINT_MEASURE_VERIFIED; another organization's or an unreadable project's 404.
 */
export async function verifyMeasure(deps: AppDeps, actor: Actor, id: string, input: { effective: boolean; note: string }) {
  requireCapability(actor, VERIFY);
  const found = await findComplaintMeasure(deps.database.db, id);
  if (!found || found.organizationId !== actor.organizationId || !verifiesIn(actor, found.projectId))
    throw new DomainError('COMPLAINT_MEASURE_NOT_FOUND', 'id');
  if (found.verifiedAt !== null) throw new DomainError('COMPLAINT_MEASURE_VERIFIED', 'id');
  if (found.status !== 'done') throw new DomainError('COMPLAINT_MEASURE_NOT_DONE', 'id');
  const staff = actor as StaffActor;
  const at = deps.now();
  const verification = input.note.trim();
  const verified = await inTransaction(deps.database, (db) => verifyComplaintMeasure(db, id, { by: staff.id, at, verification, effective: input.effective }));
  if (!verified) throw new DomainError('COMPLAINT_MEASURE_VERIFIED', 'id');
  const row: ComplaintMeasureRecord = { ...found, verifiedBy: staff.id, verifiedAt: at, verification, effective: input.effective };
  return withoutToday((await views(deps, actor, [row]))[0]!);
}
