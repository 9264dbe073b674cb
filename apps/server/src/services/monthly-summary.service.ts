import {
  checkAssignments,
  contactClock,
  DomainError,
  localDateOf,
  monthInstants,
  nextMonthOf,
  summaryStep,
  trackedOverdue,
  type Actor,
  type MonthlyOpinionStatus,
  type OpinionAssignment,
  type SummaryStep,
} from '@guanjia/core';
import {
  callbackFigures,
  casesCreatedByType,
  casesOpenAtByType,
  complaintCategoryRollup,
  deleteUnassignedOpinions,
  findMonthlyOpinion,
  findMonthlySummary,
  insertMonthlyOpinions,
  insertMonthlySummary,
  listMonthlyContacts,
  listMonthlySummaries,
  listOpinionsOfSummary,
  listTrackedOpinions,
  monthOpinionCases,
  monthSurveyComments,
  monthVisitOpinions,
  namesOf,
  outcomeRollup,
  timelinessRollup,
  updateMonthlyOpinion,
  updateMonthlySummary,
  visitFigures,
  type MonthlyOpinionRecord,
  type MonthlySummaryRecord,
  type Schema,
} from '@guanjia/storage';
import type { Kysely } from 'kysely';
import type { AppDeps } from '../context.ts';
import { MONTHLY_READ, monthlyProject, requireAnyCapability, requireVisible, todayIn } from './monthly-access.ts';
import { requireStartedMonth } from './monthly-contacts.service.ts';
import { requireProjectOf, requireStaffFor } from './references.ts';
import { inTransaction } from './transaction.ts';

/**
 * The monthly summary (每月客户沟通总结, seed 004 §3.1–3.2): a draft built from the month's data — a
 * snapshot of figures plus text sections — edited and submitted by the supervisor (`monthly.write`),
 * reviewed by the office manager (`monthly.review`) who accepts it, assigning each of the month's
 * opinions (complaints and suggestions) to a staff member with a deadline, or returns it. The figures
 * are rebuilt only on request and never once submitted; edits carry the version they were made on.
 */

type Db = Kysely<Schema>;
const ratio = (a: number, b: number) => (b === 0 ? null : Math.round((a / b) * 10_000) / 10_000);

/** The month's figures, read once and kept in the summary. */
async function buildFigures(db: Db, project: { id: string; organizationId: string; timeZone: string }, month: string, now: string) {
  const { from, to } = monthInstants(month, project.timeZone);
  const dates = { from: `${month}-01`, to: `${nextMonthOf(month)}-01` };
  const filter = { organizationId: project.organizationId, projectIds: [project.id], ...dates };
  const [casesByType, categories, timeliness, outcomes, callbacks, visits, openAtMonthEnd, contacts] = await Promise.all([
    casesCreatedByType(db, project.id, from, to),
    complaintCategoryRollup(db, filter),
    timelinessRollup(db, { ...filter, groupBy: 'project', now }),
    outcomeRollup(db, { ...filter, groupBy: 'project' }),
    callbackFigures(db, project.id, from, to),
    visitFigures(db, project.id, dates.from, dates.to),
    casesOpenAtByType(db, project.id, to, to < now ? to : now),
    listMonthlyContacts(db, project.id, month),
  ]);
  const met = timeliness.reduce((a, r) => a + r.met, 0);
  const breached = timeliness.reduce((a, r) => a + r.breached, 0);
  const o = outcomes.reduce(
    (a, r) => ({
      closed: a.closed + r.closed,
      resolvedFirstTime: a.resolvedFirstTime + r.resolvedFirstTime,
      satisfied: a.satisfied + r.satisfied,
      asked: a.asked + r.asked,
      outOfScope: a.outOfScope + r.outOfScope,
      reopened: a.reopened + r.reopened,
    }),
    { closed: 0, resolvedFirstTime: 0, satisfied: 0, asked: 0, outOfScope: 0, reopened: 0 },
  );
  const today = localDateOf(now, project.timeZone);
  const clocks = contacts.map((c) => contactClock({ dueOn: c.dueOn, closedOn: c.closedAt ? localDateOf(c.closedAt, project.timeZone) : null }, today));
  return {
    ...dates,
    casesByType,
    complaintCategories: categories.sort((a, b) => b.count - a.count || ((a.category ?? '') < (b.category ?? '') ? -1 : 1)),
    timeliness: { met, breached, rate: ratio(met, met + breached) },
    resolution: { ...o, successRate: ratio(o.resolvedFirstTime, o.closed - o.outOfScope) },
    callbacks,
    visits,
    openAtMonthEnd,
    contacts: {
      total: contacts.length,
      contacted: contacts.filter((c) => c.status === 'contacted').length,
      unreachable: contacts.filter((c) => c.status === 'unreachable').length,
      open: contacts.filter((c) => c.status === 'open').length,
      overdue: clocks.filter((c) => c === 'overdue').length,
    },
    surveyComments: (await monthSurveyComments(db, project.id, from, to)).length,
    notAvailable: [] as string[],
  };
}

type MonthlyFigures = Awaited<ReturnType<typeof buildFigures>>;

/**
 * The month's opinions of the summary, not assigned yet: its complaints and suggestions, the opinions raised at
 * visits not (yet) turned into cases (those that are cases come with the cases), and the comments of survey answers.
 */
async function freshOpinions(db: Db, s: MonthlySummaryRecord, timeZone: string, now: string, newId: () => string): Promise<MonthlyOpinionRecord[]> {
  const { from, to } = monthInstants(s.month, timeZone);
  const items = [
    ...(await monthOpinionCases(db, s.projectId, from, to)).map((c) => ({
      source: c.type,
      caseId: c.id as string | null,
      ownerId: c.ownerId,
      text: `${c.number} ${c.title}`,
    })),
    ...(await monthVisitOpinions(db, s.projectId, from, to))
      .filter((o) => !o.caseId)
      .map((o) => ({ source: 'visit_opinion', caseId: null, ownerId: o.ownerId as string | null, text: o.text })),
    ...(await monthSurveyComments(db, s.projectId, from, to)).map((c) => ({
      source: 'survey_comment',
      caseId: null,
      ownerId: c.ownerId,
      text: c.text,
    })),
  ];
  return items.map((item) => ({
    ...item,
    id: newId(),
    organizationId: s.organizationId,
    projectId: s.projectId,
    summaryId: s.id,
    month: s.month,
    status: 'unassigned' as const,
    assigneeId: null,
    deadlineOn: null,
    assignedBy: null,
    assignedAt: null,
    doneBy: null,
    doneAt: null,
    doneNote: null,
    createdAt: now,
  }));
}

/** Opinions as the API shows them: the case number, the assignee's name, overdue or not. */
async function opinionViews(db: Db, rows: readonly MonthlyOpinionRecord[], today: string) {
  const names = await namesOf(
    db,
    'staff',
    rows.flatMap((r) => (r.assigneeId ? [r.assigneeId] : [])),
  );
  return rows.map(({ organizationId: _o, createdAt: _c, ...r }) => ({
    ...r,
    caseNumber: r.caseId ? (r.text.split(' ')[0] ?? null) : null,
    assigneeName: r.assigneeId ? (names.get(r.assigneeId) ?? null) : null,
    overdue: trackedOverdue(r, today),
  }));
}

async function summaryView(deps: AppDeps, s: MonthlySummaryRecord, timeZone: string) {
  const db = deps.database.db;
  const { organizationId: _o, ...rest } = s;
  return { ...rest, figures: s.figures as MonthlyFigures, opinions: await opinionViews(db, await listOpinionsOfSummary(db, s.id), todayIn(deps, timeZone)) };
}

/** Opens the month's draft: its figures built now and its opinions listed. One summary per project and month. */
export async function createSummary(deps: AppDeps, actor: Actor, input: { projectId: string; month: string }) {
  const project = await monthlyProject(deps, actor, ['monthly.write'], input.projectId);
  const now = deps.now();
  requireStartedMonth(input.month, project.timeZone, now);
  const db = deps.database.db;
  const record: MonthlySummaryRecord = {
    id: deps.newId(),
    organizationId: project.organizationId,
    projectId: project.id,
    month: input.month,
    status: 'draft',
    figures: await buildFigures(db, project, input.month, now),
    figuresAt: now,
    overview: '',
    mainProblems: '',
    improvements: '',
    version: 1,
    submittedBy: null,
    submittedAt: null,
    reviewedBy: null,
    reviewedAt: null,
    reviewNote: null,
    createdBy: actor.id,
    createdAt: now,
    updatedAt: now,
  };
  const opinions = await freshOpinions(db, record, project.timeZone, now, deps.newId);
  const created = await inTransaction(deps.database, async (tx) => {
    if (!(await insertMonthlySummary(tx, record))) return false;
    await insertMonthlyOpinions(tx, opinions);
    return true;
  });
  if (!created) throw new DomainError('MONTHLY_SUMMARY_EXISTS', 'month', { month: input.month });
  return summaryView(deps, record, project.timeZone);
}

async function visibleSummary(deps: AppDeps, actor: Actor, id: string, capabilities: Parameters<typeof monthlyProject>[2]) {
  requireAnyCapability(actor, capabilities);
  const s = requireVisible(actor, await findMonthlySummary(deps.database.db, id), 'MONTHLY_SUMMARY_NOT_FOUND');
  const project = await monthlyProject(deps, actor, capabilities, s.projectId, 'id');
  return { s, project };
}

export async function getSummary(deps: AppDeps, actor: Actor, id: string) {
  const { s, project } = await visibleSummary(deps, actor, id, MONTHLY_READ);
  return summaryView(deps, s, project.timeZone);
}

export async function listSummaries(deps: AppDeps, actor: Actor, q: { projectId: string; limit: number }) {
  await monthlyProject(deps, actor, MONTHLY_READ, q.projectId);
  return (await listMonthlySummaries(deps.database.db, q.projectId, q.limit)).map(({ figures: _f, organizationId: _o, ...s }) => s);
}

/** A step of the summary at the version the client saw: refused when the summary is elsewhere or was changed meanwhile. */
async function stepped(deps: AppDeps, actor: Actor, id: string, step: SummaryStep, version: number | null) {
  const { s, project } = await visibleSummary(deps, actor, id, step === 'accept' || step === 'return' ? ['monthly.review'] : ['monthly.write']);
  const next = summaryStep(s.status, step);
  if (typeof next !== 'string') throw DomainError.from(next);
  if (version !== null && version !== s.version) throw new DomainError('MONTHLY_SUMMARY_CHANGED', 'version', { version: s.version });
  return { s, project, next };
}

async function saved(deps: AppDeps, s: MonthlySummaryRecord, timeZone: string, write: (db: Db) => Promise<boolean>) {
  if (!(await inTransaction(deps.database, write))) {
    const now = await findMonthlySummary(deps.database.db, s.id);
    throw new DomainError('MONTHLY_SUMMARY_CHANGED', 'version', { version: now?.version ?? s.version });
  }
  return summaryView(deps, (await findMonthlySummary(deps.database.db, s.id))!, timeZone);
}

/** Edits a draft's text sections (the version it was read at: never a silent overwrite). */
export async function editSummary(
  deps: AppDeps,
  actor: Actor,
  id: string,
  input: { version: number; overview?: string; mainProblems?: string; improvements?: string },
) {
  const { s, project } = await stepped(deps, actor, id, 'edit', input.version);
  const { version: _v, ...text } = input;
  return saved(deps, s, project.timeZone, (db) => updateMonthlySummary(db, s.id, s.version, { ...text, updatedAt: deps.now() }));
}

/** Rebuilds a draft's figures from the data as it is now, and adds the month's opinions it lacked (an explicit step). */
export async function refreshSummary(deps: AppDeps, actor: Actor, id: string, input: { version: number }) {
  const { s, project } = await stepped(deps, actor, id, 'refresh', input.version);
  const now = deps.now();
  const db = deps.database.db;
  const figures = await buildFigures(db, project, s.month, now);
  // in a draft every opinion is unassigned: the list becomes the month's cases as they are now
  const opinions = await freshOpinions(db, s, project.timeZone, now, deps.newId);
  return saved(deps, s, project.timeZone, async (tx) => {
    if (!(await updateMonthlySummary(tx, s.id, s.version, { figures, figuresAt: now, updatedAt: now }))) return false;
    await deleteUnassignedOpinions(tx, s.id);
    await insertMonthlyOpinions(tx, opinions);
    return true;
  });
}

/** Submits a draft for review: frozen from now on. */
export async function submitSummary(deps: AppDeps, actor: Actor, id: string, input: { version: number }) {
  const { s, project, next } = await stepped(deps, actor, id, 'submit', input.version);
  const now = deps.now();
  return saved(deps, s, project.timeZone, (db) =>
    updateMonthlySummary(db, s.id, s.version, { status: next, submittedBy: actor.id, submittedAt: now, updatedAt: now }),
  );
}

export type ReviewInput = { decision: 'accept'; note?: string; assignments: OpinionAssignment[] } | { decision: 'return'; note: string };

/** The office manager's review: accepted with every opinion assigned (staff of the project, deadlines from today), or returned to draft with a reason. */
export async function reviewSummary(deps: AppDeps, actor: Actor, id: string, input: ReviewInput) {
  const { s, project, next } = await stepped(deps, actor, id, input.decision, null);
  const now = deps.now();
  if (input.decision === 'return')
    return saved(deps, s, project.timeZone, (db) =>
      updateMonthlySummary(db, s.id, s.version, { status: next, reviewedBy: actor.id, reviewedAt: now, reviewNote: input.note, updatedAt: now }),
    );
  const opinions = await listOpinionsOfSummary(deps.database.db, s.id);
  const refusal = checkAssignments(
    opinions.map((o) => o.id),
    input.assignments,
    todayIn(deps, project.timeZone),
  );
  if (refusal) throw DomainError.from(refusal);
  for (const [i, a] of input.assignments.entries()) await requireStaffFor(deps.database, actor, a.assigneeId, s.projectId, `assignments.${i}.assigneeId`);
  return saved(deps, s, project.timeZone, async (db) => {
    if (
      !(await updateMonthlySummary(db, s.id, s.version, {
        status: next,
        reviewedBy: actor.id,
        reviewedAt: now,
        reviewNote: input.note ?? null,
        updatedAt: now,
      }))
    )
      return false;
    for (const a of input.assignments)
      await updateMonthlyOpinion(db, a.opinionId, 'unassigned', {
        status: 'open',
        assigneeId: a.assigneeId,
        deadlineOn: a.deadlineOn,
        assignedBy: actor.id,
        assignedAt: now,
      });
    return true;
  });
}

/** A project's assigned opinions, tracked: open (overdue flagged) or done. */
export async function listOpinions(deps: AppDeps, actor: Actor, q: { projectId: string; status?: 'open' | 'done'; limit: number }) {
  const project = await monthlyProject(deps, actor, MONTHLY_READ, q.projectId);
  const db = deps.database.db;
  return opinionViews(
    db,
    await listTrackedOpinions(db, q.projectId, (q.status ?? null) as MonthlyOpinionStatus | null, q.limit),
    todayIn(deps, project.timeZone),
  );
}

/** Marks an assigned opinion done: its assignee, or the supervisor or office manager of its project. */
export async function completeOpinion(deps: AppDeps, actor: Actor, id: string, input: { note?: string }) {
  const found = await findMonthlyOpinion(deps.database.db, id);
  // its assignee whatever their rights; anyone else needs the cycle's rights first (403), then the project (404)
  if (actor.kind !== 'staff' || found?.assigneeId !== actor.id) requireAnyCapability(actor, MONTHLY_READ);
  const o = requireVisible(actor, found, 'MONTHLY_OPINION_NOT_FOUND');
  const project = await requireProjectOf(deps, actor, o.projectId, 'id');
  if (o.status !== 'open') throw new DomainError('MONTHLY_OPINION_NOT_OPEN', 'id');
  const now = deps.now();
  const done = await inTransaction(deps.database, (db) =>
    updateMonthlyOpinion(db, o.id, 'open', { status: 'done', doneBy: actor.id, doneAt: now, doneNote: input.note ?? null }),
  );
  if (!done) throw new DomainError('MONTHLY_OPINION_NOT_OPEN', 'id');
  return (await opinionViews(deps.database.db, [(await findMonthlyOpinion(deps.database.db, id))!], todayIn(deps, project.timeZone)))[0]!;
}
