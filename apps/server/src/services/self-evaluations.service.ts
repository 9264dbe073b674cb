import {
  checkSelfEvaluationActor,
  checkSelfEvaluationContent,
  checkSelfEvaluationStep,
  DomainError,
  localDateOf,
  requireCapability,
  selfEvaluationMean,
  submittedLate,
  visibleProjectIds,
  type Actor,
  type SelfEvaluationAction,
  type StaffActor,
} from '@guanjia/core';
import {
  appendAudit,
  closeSelfEvaluationRound,
  findSelfEvaluation,
  findProject,
  findSelfEvaluationRound,
  findSurveyQuestions,
  insertNotification,
  insertSelfEvaluationRound,
  listDepartments,
  listSelfEvaluationRounds,
  listSelfEvaluations,
  listStaff,
  updateSelfEvaluation,
  type SelfEvaluationRecord,
  type SelfEvaluationRoundRecord,
  type StaffRecord,
} from '@guanjia/storage';
import type { CreateSelfEvaluationRoundInput, SelfEvaluationFormInput } from '@guanjia/api-contract';
import type { AppDeps } from '../context.ts';
import { requireProjectIn } from './scoped-project.ts';
import { inTransaction } from './transaction.ts';

/**
 * Staff self-evaluation forms (员工自评, issue 14 item 4, decision 0033). The quality department
 * (survey.manage) opens a round for the staff of some projects with items of the question bank and a
 * due date: every active member of those projects gets a form and a console notification. Each person
 * saves and submits their own form (scores, 工作总结, 不足, 改进计划) while the round is open; a manager
 * of their projects (staff.evaluate, never themself) reviews it with a comment, and the person is told.
 * The round's sheet lists every form with its state, mean score, lateness and review.
 */

const ROUND_READERS = ['survey.manage', 'staff.evaluate'] as const;

function requireRoundReader(actor: Actor): asserts actor is StaffActor {
  if (actor.kind === 'staff' && ROUND_READERS.some((c) => actor.capabilities.has(c))) return;
  requireCapability(actor, 'survey.manage');
}

/** Is this staff member one the actor oversees (a project in common, or the actor is company-wide)? */
export function oversees(actor: StaffActor, staff: Pick<StaffRecord, 'projectIds' | 'organizationId'>): boolean {
  if (staff.organizationId !== actor.organizationId) return false;
  const mine = visibleProjectIds(actor);
  return mine === 'all' || staff.projectIds.some((p) => mine.includes(p));
}

async function visibleRound(deps: AppDeps, actor: StaffActor, id: string): Promise<SelfEvaluationRoundRecord> {
  const round = await findSelfEvaluationRound(deps.database.db, id);
  const mine = visibleProjectIds(actor);
  if (!round || round.organizationId !== actor.organizationId || (mine !== 'all' && !round.projectIds.some((p) => mine.includes(p))))
    throw new DomainError('SELF_EVALUATION_ROUND_NOT_FOUND', 'id');
  return round;
}

// --- views ------------------------------------------------------------------------------------------

function roundView(round: SelfEvaluationRoundRecord, forms: readonly SelfEvaluationRecord[]) {
  const count = (s: SelfEvaluationRecord['status']) => forms.filter((f) => f.status === s).length;
  return {
    id: round.id,
    title: round.title,
    period: round.period,
    items: round.items,
    projectIds: round.projectIds,
    dueOn: round.dueOn,
    status: round.status,
    forms: forms.length,
    pending: count('pending'),
    submitted: count('submitted'),
    reviewed: count('reviewed'),
    createdAt: round.createdAt,
    closedAt: round.closedAt,
  };
}

type Round = SelfEvaluationRoundRecord & { timeZone: string };

/** A round with the time zone its due date is read in (its first project's). */
async function withZone(deps: AppDeps, round: SelfEvaluationRoundRecord): Promise<Round> {
  const project = await findProject(deps.database.db, round.projectIds[0]!);
  return { ...round, timeZone: project?.timeZone ?? 'Asia/Shanghai' };
}

function formView(round: Round, f: SelfEvaluationRecord, names: ReadonlyMap<string, { name: string; departmentName: string | null }>) {
  const submittedOn = f.submittedAt ? localDateOf(f.submittedAt, round.timeZone) : null;
  return {
    id: f.id,
    roundId: f.roundId,
    roundTitle: round.title,
    period: round.period,
    dueOn: round.dueOn,
    roundStatus: round.status,
    items: round.items,
    staffId: f.staffId,
    staffName: names.get(f.staffId)?.name ?? '',
    departmentName: names.get(f.staffId)?.departmentName ?? null,
    status: f.status,
    scores: f.scores,
    mean: selfEvaluationMean(f.scores),
    summary: f.summary,
    shortcomings: f.shortcomings,
    plan: f.plan,
    savedAt: f.savedAt,
    submittedAt: f.submittedAt,
    late: submittedLate(submittedOn, round.dueOn),
    reviewedBy: f.reviewedBy ? (names.get(f.reviewedBy)?.name ?? '') : null,
    reviewComment: f.reviewComment,
    reviewedAt: f.reviewedAt,
  };
}
export type SelfEvaluationView = ReturnType<typeof formView>;

async function namesOf(deps: AppDeps, organizationId: string) {
  const db = deps.database.db;
  const [staff, departments] = await Promise.all([listStaff(db, organizationId, null), listDepartments(db, organizationId, null)]);
  const dept = new Map(departments.map((d) => [d.id, d.name]));
  return {
    staff,
    names: new Map(staff.map((s) => [s.id, { name: s.name, departmentName: s.departmentId ? (dept.get(s.departmentId) ?? null) : null }])),
  };
}

// --- rounds -----------------------------------------------------------------------------------------

export async function createRound(deps: AppDeps, actor: Actor, input: CreateSelfEvaluationRoundInput) {
  requireCapability(actor, 'survey.manage');
  const zones: string[] = [];
  for (const [i, projectId] of input.projectIds.entries())
    zones.push((await requireProjectIn(deps, actor, 'survey.manage', projectId, `projectIds.${i}`)).timeZone);
  const today = localDateOf(deps.now(), zones[0]!);
  if (input.dueOn < today)
    throw new DomainError('FIELD_INVALID', 'dueOn', { reason: `不能早于今天（${today}）`, reasonEn: `must not be before today (${today})` });
  const db = deps.database.db;
  const ids = [...new Set(input.questionIds)];
  const found = new Map((await findSurveyQuestions(db, actor.organizationId, ids)).map((q) => [q.id, q]));
  const missing = input.questionIds.findIndex((id) => !found.get(id)?.active);
  if (missing >= 0) throw new DomainError('SURVEY_QUESTION_NOT_FOUND', `questionIds.${missing}`);
  const projects = new Set(input.projectIds);
  const staff = (await listStaff(db, actor.organizationId, input.projectIds)).filter((s) => s.active && s.projectIds.some((p) => projects.has(p)));
  if (!staff.length) throw new DomainError('SELF_EVALUATION_NO_STAFF', 'projectIds');
  const now = deps.now();
  const round: SelfEvaluationRoundRecord = {
    id: deps.newId(),
    organizationId: actor.organizationId,
    title: input.title,
    period: input.period,
    items: ids.map((id) => {
      const q = found.get(id)!;
      return { id: q.id, area: q.area, text: q.text, options: q.options };
    }),
    projectIds: [...projects],
    dueOn: input.dueOn,
    status: 'open',
    createdBy: actor.id,
    createdAt: now,
    closedAt: null,
    closedBy: null,
  };
  const forms: SelfEvaluationRecord[] = staff.map((s) => ({
    id: deps.newId(),
    roundId: round.id,
    organizationId: actor.organizationId,
    staffId: s.id,
    status: 'pending',
    scores: {},
    summary: null,
    shortcomings: null,
    plan: null,
    savedAt: null,
    submittedAt: null,
    reviewedBy: null,
    reviewComment: null,
    reviewedAt: null,
  }));
  await inTransaction(deps.database, async (tx) => {
    await insertSelfEvaluationRound(tx, round, forms);
    for (const f of forms)
      await insertNotification(tx, {
        id: deps.newId(),
        organizationId: actor.organizationId,
        recipientId: f.staffId,
        caseId: null,
        kind: 'self_evaluation_due',
        data: { roundId: round.id, evaluationId: f.id, title: round.title, dueOn: round.dueOn },
        createdAt: now,
        readAt: null,
      });
    await appendAudit(tx, {
      organizationId: actor.organizationId,
      actorKind: 'staff',
      actorId: actor.id,
      action: 'self_evaluation_round.created',
      targetType: 'self_evaluation_round',
      targetId: round.id,
      projectId: null,
      detail: { forms: forms.length },
      at: now,
    });
  });
  return roundView(round, forms);
}

export async function listRounds(deps: AppDeps, actor: Actor, limit: number) {
  requireRoundReader(actor);
  const mine = visibleProjectIds(actor);
  const rounds = (await listSelfEvaluationRounds(deps.database.db, actor.organizationId, limit)).filter(
    (r) => mine === 'all' || r.projectIds.some((p) => mine.includes(p)),
  );
  return Promise.all(rounds.map(async (r) => roundView(r, await listSelfEvaluations(deps.database.db, { roundId: r.id }))));
}

/** A round's sheet: the round and the forms of the staff the reader oversees. */
export async function getRound(deps: AppDeps, actor: Actor, id: string) {
  requireRoundReader(actor);
  const round = await withZone(deps, await visibleRound(deps, actor, id));
  const forms = await listSelfEvaluations(deps.database.db, { roundId: round.id });
  const { staff, names } = await namesOf(deps, actor.organizationId);
  const byId = new Map(staff.map((s) => [s.id, s]));
  const seen = forms.filter((f) => {
    const s = byId.get(f.staffId);
    return s && oversees(actor, s);
  });
  return {
    round: roundView(round, forms),
    forms: seen.map((f) => formView(round, f, names)).sort((a, b) => a.staffName.localeCompare(b.staffName, 'zh-CN')),
  };
}

export async function closeRound(deps: AppDeps, actor: Actor, id: string) {
  requireCapability(actor, 'survey.manage');
  const round = await visibleRound(deps, actor, id);
  if (round.status === 'closed') throw new DomainError('SELF_EVALUATION_ROUND_CLOSED', 'id');
  const now = deps.now();
  const done = await inTransaction(deps.database, (db) => closeSelfEvaluationRound(db, id, actor.id, now));
  if (!done) throw new DomainError('SELF_EVALUATION_ROUND_CLOSED', 'id');
  return roundView({ ...round, status: 'closed', closedAt: now, closedBy: actor.id }, await listSelfEvaluations(deps.database.db, { roundId: id }));
}

// --- forms ------------------------------------------------------------------------------------------

function requireStaff(actor: Actor): asserts actor is StaffActor {
  if (actor.kind !== 'staff') throw new DomainError('FORBIDDEN');
}

/** My forms, the open rounds' first. */
export async function myForms(deps: AppDeps, actor: Actor) {
  requireStaff(actor);
  const db = deps.database.db;
  const forms = await listSelfEvaluations(db, { staffId: actor.id });
  const { names } = await namesOf(deps, actor.organizationId);
  // each round (and its time zone) read once, however many of its forms
  const rounds = new Map<string, Round | null>();
  for (const id of new Set(forms.map((f) => f.roundId))) {
    const round = await findSelfEvaluationRound(db, id);
    rounds.set(id, round ? await withZone(deps, round) : null);
  }
  const out: SelfEvaluationView[] = [];
  for (const f of forms) {
    const round = rounds.get(f.roundId);
    if (round) out.push(formView(round, f, names));
  }
  return out.sort((a, b) => (a.roundStatus === b.roundStatus ? b.dueOn.localeCompare(a.dueOn) : a.roundStatus === 'open' ? -1 : 1));
}

/** One form: its own person, or a reader of rounds who oversees them. */
async function visibleForm(deps: AppDeps, actor: StaffActor, id: string) {
  const db = deps.database.db;
  const form = await findSelfEvaluation(db, id);
  if (!form) throw new DomainError('SELF_EVALUATION_NOT_FOUND', 'id');
  if (form.staffId !== actor.id) requireRoundReader(actor); // someone else's form: a reader of rounds only (else 403)
  if (form.organizationId !== actor.organizationId) throw new DomainError('SELF_EVALUATION_NOT_FOUND', 'id');
  const round = await withZone(deps, (await findSelfEvaluationRound(db, form.roundId))!);
  const { staff, names } = await namesOf(deps, actor.organizationId);
  if (form.staffId !== actor.id) {
    // and only of a person they oversee (else unknown)
    const person = staff.find((s) => s.id === form.staffId);
    if (!person || !oversees(actor, person)) throw new DomainError('SELF_EVALUATION_NOT_FOUND', 'id');
  }
  return { form, round, names };
}

export async function getForm(deps: AppDeps, actor: Actor, id: string) {
  requireStaff(actor);
  const { form, round, names } = await visibleForm(deps, actor, id);
  return formView(round, form, names);
}

function check(action: SelfEvaluationAction, actor: StaffActor, form: SelfEvaluationRecord, round: Round) {
  const refusal = checkSelfEvaluationActor(action, actor.id, form.staffId) ?? checkSelfEvaluationStep(form.status, round.status, action);
  if (refusal) throw DomainError.from(refusal);
}

/** Saves (or, with `submit`, saves and submits) one's own form. */
export async function fillForm(deps: AppDeps, actor: Actor, id: string, input: SelfEvaluationFormInput, submit: boolean) {
  requireStaff(actor);
  const { form, round, names } = await visibleForm(deps, actor, id);
  const action = submit ? 'submit' : 'save';
  check(action, actor, form, round);
  const next = {
    scores: input.scores ?? form.scores,
    summary: input.summary === undefined ? form.summary : input.summary,
    shortcomings: input.shortcomings === undefined ? form.shortcomings : input.shortcomings,
    plan: input.plan === undefined ? form.plan : input.plan,
  };
  const refusal = checkSelfEvaluationContent(round.items, next, submit);
  if (refusal) throw DomainError.from(refusal);
  const now = deps.now();
  const set = { ...next, savedAt: now, ...(submit ? { status: 'submitted' as const, submittedAt: now } : {}) };
  const done = await inTransaction(deps.database, async (db) => {
    const fresh = await findSelfEvaluation(db, id, { forUpdate: true });
    if (!fresh || fresh.status !== 'pending') return false;
    const current = await findSelfEvaluationRound(db, round.id);
    if (current?.status !== 'open') throw new DomainError('SELF_EVALUATION_ROUND_CLOSED', 'id');
    return updateSelfEvaluation(db, id, 'pending', set);
  });
  if (!done) check(action, actor, { ...form, status: 'submitted' }, round);
  return formView(round, { ...form, ...set }, names);
}

/** A manager's review of a submitted form, with a comment; the person is told. */
export async function reviewForm(deps: AppDeps, actor: Actor, id: string, input: { comment: string }) {
  requireCapability(actor, 'staff.evaluate');
  const { form, round, names } = await visibleForm(deps, actor, id);
  check('review', actor, form, round);
  const now = deps.now();
  const set = { status: 'reviewed' as const, reviewedBy: actor.id, reviewComment: input.comment, reviewedAt: now };
  const done = await inTransaction(deps.database, async (db) => {
    if (!(await updateSelfEvaluation(db, id, 'submitted', set))) return false;
    await insertNotification(db, {
      id: deps.newId(),
      organizationId: actor.organizationId,
      recipientId: form.staffId,
      caseId: null,
      kind: 'self_evaluation_reviewed',
      data: { roundId: round.id, evaluationId: form.id, title: round.title },
      createdAt: now,
      readAt: null,
    });
    return true;
  });
  if (!done) check('review', actor, { ...form, status: 'reviewed' }, round);
  return formView(round, { ...form, ...set }, names);
}
