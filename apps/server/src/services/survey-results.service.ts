import {
  belowTarget,
  checkSurveyTransition,
  DEFAULT_SATISFACTION_TARGET,
  DomainError,
  formatUnitLabel,
  rateFigure,
  recoveryByDay,
  requireCapability,
  SURVEY_RECOVERY_DAYS,
  SURVEY_RECOVERY_TARGET,
  surveyStatistics,
  twoProportionTest,
  visibleProjectIds,
  addLocalDays,
  canSeeProject,
  type Actor,
  type RateFigure,
  type StaffActor,
  type SurveyStatistics,
} from '@guanjia/core';
import {
  findSurveyRegisterEntry,
  findSurveyTarget,
  handleSurveyRegisterEntry,
  insertSurveyReview,
  listBuildings,
  listProjects,
  listSurveyRegister,
  findSurveyReview,
  finishSurveyReview,
  listSurveyReviews,
  listSurveys,
  namesOf,
  previousClosedSurvey,
  setSurveyTarget,
  surveyRecoveryCounts,
  surveyScoreTallies,
  surveyUnitPlaces,
  updateSurvey,
  type SurveyRecord,
  type SurveyRegisterRecord,
  type SurveyReviewRecord,
} from '@guanjia/storage';
import type { AppDeps } from '../context.ts';
import { requireProjectIn } from './scoped-project.ts';
import { stewardStatistics } from './steward-ratings.service.ts';
import { requireSurveyReader, surveyViews, visibleSurvey, type SurveyView } from './surveys.service.ts';
import { inTransaction } from './transaction.ts';

/**
 * What a survey yields (SPEC §8, §10): recovery per day and building against the 10-day, 75% target;
 * the statistics (core's surveyStatistics over one GROUP BY of the scores) with the change from the
 * project's previous campaign; closing, which opens an internal review when the project is under its
 * target; the register of comments; the projects' targets.
 */

export async function surveyRecovery(deps: AppDeps, actor: Actor, id: string) {
  requireSurveyReader(actor);
  const s = await visibleSurvey(deps, actor, id);
  const db = deps.database.db;
  const counts = await surveyRecoveryCounts(db, s.id);
  const buildings = await listBuildings(db, s.projectId);
  const perBuilding = new Map<string, { sampled: number; answered: number }>();
  const answeredOn: { date: string; n: number }[] = [];
  let answered = 0;
  for (const c of counts) {
    const b = perBuilding.get(c.buildingId) ?? { sampled: 0, answered: 0 };
    b.sampled += c.n;
    if (c.answeredOn) {
      b.answered += c.n;
      answered += c.n;
      answeredOn.push({ date: c.answeredOn, n: c.n });
    }
    perBuilding.set(c.buildingId, b);
  }
  const channels = await channelCounts(deps, s.id);
  return {
    sampled: s.sampled,
    answered,
    rate: s.sampled ? answered / s.sampled : 0,
    target: SURVEY_RECOVERY_TARGET,
    dueOn: addLocalDays(s.startsOn, SURVEY_RECOVERY_DAYS - 1),
    days: recoveryByDay(s.startsOn, SURVEY_RECOVERY_DAYS, answeredOn, s.sampled),
    byBuilding: buildings
      .filter((b) => perBuilding.has(b.id))
      .map((b) => {
        const x = perBuilding.get(b.id)!;
        return { buildingId: b.id, buildingName: b.name, sampled: x.sampled, answered: x.answered, rate: x.sampled ? x.answered / x.sampled : 0 };
      }),
    byChannel: channels,
  };
}

async function channelCounts(deps: AppDeps, surveyId: string) {
  const rows = await deps.database.db
    .selectFrom('surveyAnswers')
    .select(['channel', (eb) => eb.fn.countAll().as('n')])
    .where('surveyId', '=', surveyId)
    .where('status', '=', 'answered')
    .groupBy('channel')
    .execute();
  const out = { portal: 0, paper: 0, phone: 0 };
  for (const r of rows) if (r.channel && r.channel in out) out[r.channel as keyof typeof out] = Number(r.n);
  return out;
}

const figure = (f: RateFigure) => ({ answers: f.answers, satisfied: f.satisfied, rate: f.rate, low: f.interval.low, high: f.interval.high });

/** A project's satisfaction target: its own setting, else the default 70%. */
async function targetOf(deps: AppDeps, projectId: string): Promise<number> {
  return (await findSurveyTarget(deps.database.db, projectId)) ?? DEFAULT_SATISFACTION_TARGET;
}

async function computeStatistics(
  deps: AppDeps,
  s: SurveyRecord,
): Promise<{ stats: SurveyStatistics; previous: { survey: SurveyRecord; project: RateFigure } | null }> {
  const db = deps.database.db;
  const buildings = await listBuildings(db, s.projectId);
  const stats = surveyStatistics(
    await surveyScoreTallies(db, s.id),
    s.items.map((i) => i.id),
    buildings.map((b) => b.id),
  );
  const before = await previousClosedSurvey(db, s.projectId, s);
  if (!before) return { stats, previous: null };
  const tallies = await surveyScoreTallies(db, before.id);
  let answers = 0;
  let satisfied = 0;
  for (const t of tallies) {
    answers += t.count;
    if (t.score >= 4) satisfied += t.count;
  }
  return { stats, previous: { survey: before, project: rateFigure(satisfied, answers) } };
}

export async function surveyStatisticsView(deps: AppDeps, actor: Actor, id: string) {
  requireSurveyReader(actor);
  const s = await visibleSurvey(deps, actor, id);
  const db = deps.database.db;
  const { stats, previous } = await computeStatistics(deps, s);
  const buildingNames = new Map((await listBuildings(db, s.projectId)).map((b) => [b.id, b.name]));
  const items = new Map(s.items.map((i) => [i.id, i]));
  const target = await targetOf(deps, s.projectId);
  const households = await db
    .selectFrom('surveyAnswers')
    .select((eb) => [eb.fn.countAll().as('n'), eb.fn.count('comment').as('c')])
    .where('surveyId', '=', s.id)
    .where('status', '=', 'answered')
    .executeTakeFirst();
  return {
    surveyId: s.id,
    households: Number(households?.n ?? 0),
    project: figure(stats.project),
    byQuestion: stats.byQuestion.map((q) => ({
      questionId: q.questionId,
      area: items.get(q.questionId)!.area,
      text: items.get(q.questionId)!.text,
      scores: q.scores,
      ...figure(q),
    })),
    byBuilding: stats.byBuilding.map((b) => ({ buildingId: b.buildingId, buildingName: buildingNames.get(b.buildingId) ?? '', ...figure(b) })),
    previous: previous
      ? { surveyId: previous.survey.id, title: previous.survey.title, startsOn: previous.survey.startsOn, project: figure(previous.project) }
      : null,
    change: previous ? twoProportionTest(stats.project.satisfied, stats.project.answers, previous.project.satisfied, previous.project.answers) : null,
    target,
    belowTarget: s.kind === 'owner_satisfaction' && belowTarget(stats.project.rate, target),
    comments: Number(households?.c ?? 0),
    stewards: s.kind === 'steward_rating' ? await stewardStatistics(deps, s) : null,
  };
}
export type SurveyStatisticsView = Awaited<ReturnType<typeof surveyStatisticsView>>;

/** Closes a running campaign; under the project's target (default 70%) an internal review task is opened (one per campaign). */
export async function closeSurvey(deps: AppDeps, actor: Actor, id: string): Promise<SurveyView> {
  requireCapability(actor, 'survey.manage');
  const s = await visibleSurvey(deps, actor, id);
  const refusal = checkSurveyTransition(s.status, 'close');
  if (refusal) throw DomainError.from(refusal);
  const now = deps.now();
  const { stats } = await computeStatistics(deps, s);
  const target = await targetOf(deps, s.projectId);
  const closed = await inTransaction(deps.database, async (db) => {
    if (!(await updateSurvey(db, s.id, 'launched', { status: 'closed', closedAt: now, closedBy: actor.id, updatedAt: now }))) return false;
    if (s.kind === 'owner_satisfaction' && belowTarget(stats.project.rate, target))
      await insertSurveyReview(db, {
        id: deps.newId(),
        surveyId: s.id,
        organizationId: s.organizationId,
        projectId: s.projectId,
        rate: stats.project.rate!,
        target,
        status: 'open',
        createdAt: now,
      });
    return true;
  });
  if (!closed) throw DomainError.from(checkSurveyTransition('closed', 'close')!);
  return (await surveyViews(deps, actor, [{ ...s, status: 'closed', closedAt: now, closedBy: actor.id, updatedAt: now }]))[0]!;
}

// --- the register of comments (客户意见登记) -----------------------------------------------------------

async function registerViews(deps: AppDeps, entries: readonly SurveyRegisterRecord[]) {
  const places = await surveyUnitPlaces(
    deps.database.db,
    entries.map((e) => e.unitId),
  );
  return entries.map((e) => {
    const p = places.get(e.unitId);
    return {
      id: e.id,
      surveyId: e.surveyId,
      unitId: e.unitId,
      unitLabel: p ? formatUnitLabel(p) : '',
      text: e.text,
      status: e.status,
      note: e.note,
      createdAt: e.createdAt,
      handledBy: e.handledBy,
      handledAt: e.handledAt,
    };
  });
}

export async function surveyRegister(deps: AppDeps, actor: Actor, id: string, status?: 'open' | 'handled') {
  requireCapability(actor, 'survey.manage');
  const s = await visibleSurvey(deps, actor, id);
  return registerViews(deps, await listSurveyRegister(deps.database.db, s.id, status));
}

/** The quality department marks an entry dealt with, saying how. */
export async function handleRegisterEntry(deps: AppDeps, actor: Actor, entryId: string, note: string) {
  requireCapability(actor, 'survey.manage');
  const e = await findSurveyRegisterEntry(deps.database.db, entryId);
  if (!e || !canSeeProject(actor, e.organizationId, e.projectId)) throw new DomainError('SURVEY_REGISTER_ENTRY_NOT_FOUND', 'id');
  const now = deps.now();
  if (!(await inTransaction(deps.database, (db) => handleSurveyRegisterEntry(db, e.id, actor.id, now, note))))
    throw DomainError.from({
      code: 'SURVEY_TRANSITION_NOT_ALLOWED',
      field: 'id',
      params: { status: '已处理', statusEn: 'handled', action: '再次处理', actionEn: 'handled again' },
    });
  return (await registerViews(deps, [{ ...e, status: 'handled', note, handledBy: actor.id, handledAt: now }]))[0]!;
}

// --- reviews and targets ----------------------------------------------------------------------------

/** The internal review tasks (under target), for the quality department, latest first. */
export async function surveyReviews(deps: AppDeps, actor: Actor) {
  requireCapability(actor, 'survey.manage');
  const db = deps.database.db;
  return reviewViews(deps, actor, await listSurveyReviews(db, actor.organizationId, visibleProjectIds(actor)));
}

async function reviewViews(deps: AppDeps, actor: StaffActor, reviews: readonly SurveyReviewRecord[]) {
  const db = deps.database.db;
  const projects = new Map((await listProjects(db, actor.organizationId, [...new Set(reviews.map((r) => r.projectId))])).map((p) => [p.id, p.name]));
  const titles = new Map((await listSurveys(db, actor.organizationId, visibleProjectIds(actor), 1000)).map((s) => [s.id, s.title]));
  const names = await namesOf(
    db,
    'staff',
    reviews.flatMap((r) => (r.doneBy ? [r.doneBy] : [])),
  );
  return reviews.map((r) => ({
    id: r.id,
    surveyId: r.surveyId,
    surveyTitle: titles.get(r.surveyId) ?? '',
    projectId: r.projectId,
    projectName: projects.get(r.projectId) ?? '',
    rate: r.rate,
    target: r.target,
    status: r.status,
    createdAt: r.createdAt,
    findings: r.findings ?? null,
    doneBy: r.doneBy ? (names.get(r.doneBy) ?? '') : null,
    doneAt: r.doneAt ?? null,
  }));
}

/** Closes an internal review with what it found and the measures decided (survey.manage; once). */
export async function finishReview(deps: AppDeps, actor: Actor, id: string, findings: string) {
  requireCapability(actor, 'survey.manage');
  const review = await findSurveyReview(deps.database.db, id);
  if (!review || !canSeeProject(actor, review.organizationId, review.projectId)) throw new DomainError('SURVEY_REVIEW_NOT_FOUND', 'id');
  if (review.status === 'done') throw new DomainError('SURVEY_REVIEW_DONE', 'id');
  const now = deps.now();
  const done = await inTransaction(deps.database, (db) => finishSurveyReview(db, id, findings, actor.id, now));
  if (!done) throw new DomainError('SURVEY_REVIEW_DONE', 'id');
  return (await reviewViews(deps, actor, [{ ...review, status: 'done', findings, doneBy: actor.id, doneAt: now }]))[0]!;
}

/** A project's satisfaction target as it stands (its own, else the default 70%) (survey.manage). */
export async function projectSurveyTarget(deps: AppDeps, actor: StaffActor | Actor, projectId: string) {
  const project = await requireProjectIn(deps, actor, 'survey.manage', projectId, 'id');
  requireCapability(actor, 'survey.manage');
  return { projectId: project.id, target: await targetOf(deps, project.id) };
}

export async function setProjectSurveyTarget(deps: AppDeps, actor: StaffActor | Actor, projectId: string, target: number) {
  const project = await requireProjectIn(deps, actor, 'survey.manage', projectId, 'id');
  requireCapability(actor, 'survey.manage');
  await inTransaction(deps.database, (db) =>
    setSurveyTarget(db, { projectId: project.id, organizationId: project.organizationId, target, updatedBy: actor.id, updatedAt: deps.now() }),
  );
  return { projectId: project.id, target };
}
