import {
  checkOneStewardRatingPerYear,
  checkSurveyPeriod,
  checkSurveyTransition,
  defaultSampleRate,
  defaultStewardRatingPeriod,
  defaultSurveyPeriod,
  DomainError,
  drawSample,
  formatUnitLabel,
  localDateOf,
  newSampleSeed,
  phoneCap,
  questionnaireCode,
  requireCapability,
  SURVEY_DISTRIBUTION_DAYS,
  SURVEY_RECOVERY_TARGET,
  stewardsOfBuildings,
  visibleProjectIds,
  addLocalDays,
  canSeeProject,
  type Actor,
  type StaffActor,
  type SurveyArea,
  type SurveyKind,
  type SurveySampling,
} from '@guanjia/core';
import {
  appendOutbox,
  countSurveyAnswers,
  findSurvey,
  findSurveyQuestions,
  insertSurvey,
  insertSurveyAnswers,
  insertSurveyQuestion,
  listBuildings,
  listBuildingStewards,
  listProjects,
  listStaff,
  listSurveyAnswers,
  listSurveyQuestions,
  listSurveys,
  projectOccupiedSince,
  stewardRatingStarts,
  surveyHouseholds,
  surveyUnitPlaces,
  updateSurvey,
  type SurveyAnswerRecord,
  type SurveyQuestionRecord,
  type Schema,
  type SurveyRecord,
} from '@guanjia/storage';
import type { Kysely } from 'kysely';
import type { CreateSurveyInput, UpdateSurveyInput } from '@guanjia/api-contract';
import { SURVEY_SCALE_LABELS } from '@guanjia/vocabulary';
import type { AppDeps } from '../context.ts';
import { requireProjectOf } from './references.ts';
import { requireProjectIn } from './scoped-project.ts';
import { inTransaction } from './transaction.ts';

/**
 * Satisfaction survey campaigns (满意度调查, SPEC §8, issue 14 item 4, decision 0030): the question
 * bank and campaigns (survey.manage, the quality department), drafted with a questionnaire from the
 * bank, launched — the sample drawn from the stored seed, one answer row per sampled household, an
 * outbox row (`survey.launched`) that has the delivery worker invite each sampled owner — and closed.
 * Reading a campaign and its households takes survey.manage or survey.enter (who enters paper answers).
 */

const READ_RIGHTS = ['survey.manage', 'survey.enter'] as const;

/** survey.manage or survey.enter (the first one the actor lacks both of is named in the refusal). */
export function requireSurveyReader(actor: Actor): asserts actor is StaffActor {
  if (actor.kind === 'staff' && READ_RIGHTS.some((c) => actor.capabilities.has(c))) return;
  requireCapability(actor, 'survey.manage');
}

/** A campaign the staff member may see (another project's or tenant's answers as unknown). */
export async function visibleSurvey(deps: AppDeps, actor: StaffActor, id: string): Promise<SurveyRecord> {
  const s = await findSurvey(deps.database.db, id);
  if (!s || !canSeeProject(actor, s.organizationId, s.projectId)) throw new DomainError('SURVEY_NOT_FOUND', 'id');
  return s;
}

// --- the question bank ------------------------------------------------------------------------------

export function questionView(q: SurveyQuestionRecord) {
  return { id: q.id, area: q.area, text: q.text, options: q.options, active: q.active, createdAt: q.createdAt };
}

export async function listQuestions(deps: AppDeps, actor: Actor) {
  requireCapability(actor, 'survey.manage');
  return (await listSurveyQuestions(deps.database.db, actor.organizationId)).map(questionView);
}

const DEFAULT_OPTIONS = ([5, 4, 3, 2, 1] as const).map((score) => ({ score, label: SURVEY_SCALE_LABELS[score]['zh-CN'] }));

export async function createQuestion(deps: AppDeps, actor: Actor, input: { area: SurveyArea; text: string; options?: { score: number; label: string }[] }) {
  requireCapability(actor, 'survey.manage');
  const now = deps.now();
  const q: SurveyQuestionRecord = {
    id: deps.newId(),
    organizationId: actor.organizationId,
    area: input.area,
    text: input.text,
    options: [...(input.options ?? DEFAULT_OPTIONS)].sort((a, b) => b.score - a.score),
    active: true,
    createdBy: actor.id,
    createdAt: now,
    updatedAt: now,
  };
  await inTransaction(deps.database, (db) => insertSurveyQuestion(db, q));
  return questionView(q);
}

/** The bank's items in the order asked (an unknown or another tenant's id: SURVEY_QUESTION_NOT_FOUND on questionIds.<i>). */
async function itemsOf(deps: AppDeps, actor: StaffActor, ids: readonly string[]): Promise<SurveyRecord['items']> {
  const unique = [...new Set(ids)];
  const found = new Map((await findSurveyQuestions(deps.database.db, actor.organizationId, unique)).map((q) => [q.id, q]));
  const missing = ids.findIndex((id) => !found.get(id)?.active);
  if (missing >= 0) throw new DomainError('SURVEY_QUESTION_NOT_FOUND', `questionIds.${missing}`);
  return unique.map((id) => {
    const q = found.get(id)!;
    return { id: q.id, area: q.area, text: q.text, options: q.options };
  });
}

// --- campaigns --------------------------------------------------------------------------------------

export async function surveyViews(deps: AppDeps, actor: StaffActor, surveys: readonly SurveyRecord[]) {
  const db = deps.database.db;
  const projects = new Map((await listProjects(db, actor.organizationId, [...new Set(surveys.map((s) => s.projectId))])).map((p) => [p.id, p]));
  return Promise.all(
    surveys.map(async (s) => {
      const project = projects.get(s.projectId);
      const answered = s.status === 'draft' ? 0 : await countSurveyAnswers(db, s.id, 'answered');
      return {
        id: s.id,
        projectId: s.projectId,
        projectName: project?.name ?? '',
        title: s.title,
        kind: s.kind,
        status: s.status,
        items: s.items,
        commentPrompt: s.commentPrompt,
        startsOn: s.startsOn,
        endsOn: s.endsOn,
        distributeBy: s.launchedAt ? addLocalDays(localDateOf(s.launchedAt, project?.timeZone ?? 'Asia/Shanghai'), SURVEY_DISTRIBUTION_DAYS) : null,
        sampling: s.sampling,
        sampleRate: s.sampleRate,
        seed: s.seed,
        households: s.households,
        sampled: s.sampled,
        answered,
        recoveryTarget: SURVEY_RECOVERY_TARGET,
        phoneCap: phoneCap(s.sampled),
        launchedAt: s.launchedAt,
        closedAt: s.closedAt,
        createdAt: s.createdAt,
      };
    }),
  );
}
export type SurveyView = Awaited<ReturnType<typeof surveyViews>>[number];

async function viewOf(deps: AppDeps, actor: StaffActor, s: SurveyRecord): Promise<SurveyView> {
  return (await surveyViews(deps, actor, [s]))[0]!;
}

/** The sample rate asked for, checked against the project's default floor (30%, or 15% for an estate occupied over five years). */
async function rateFor(deps: AppDeps, projectId: string, timeZone: string, sampling: SurveySampling, asked: number | undefined): Promise<number> {
  if (sampling === 'census') return 1;
  const floor = defaultSampleRate(await projectOccupiedSince(deps.database.db, projectId), localDateOf(deps.now(), timeZone));
  if (asked === undefined) return floor;
  if (asked < floor - 1e-9)
    throw new DomainError('FIELD_INVALID', 'sampleRate', {
      reason: `不能低于该项目的最低抽样比例 ${Math.round(floor * 100)}%`,
      reasonEn: `must be at least the project's minimum of ${Math.round(floor * 100)}%`,
    });
  return asked;
}

export async function createSurvey(deps: AppDeps, actor: Actor, input: CreateSurveyInput): Promise<SurveyView> {
  const project = await requireProjectIn(deps, actor, 'survey.manage', input.projectId);
  requireCapability(actor, 'survey.manage');
  const items = await itemsOf(deps, actor, input.questionIds);
  const kind = input.kind;
  const today = localDateOf(deps.now(), project.timeZone);
  const period = kind === 'steward_rating' ? defaultStewardRatingPeriod(today) : defaultSurveyPeriod(today);
  const startsOn = input.startsOn ?? period.startsOn;
  const endsOn = input.endsOn ?? (input.startsOn ? addLocalDays(startsOn, 9) : period.endsOn);
  const refusal = checkSurveyPeriod(startsOn, endsOn) ?? (await oncePerYear(deps, kind, project.id, null, startsOn));
  if (refusal) throw DomainError.from(refusal);
  const sampling = input.sampling ?? (kind === 'steward_rating' ? 'census' : 'stratified');
  const sampleRate = await rateFor(deps, project.id, project.timeZone, sampling, input.sampleRate);
  const now = deps.now();
  const s: SurveyRecord = {
    id: deps.newId(),
    organizationId: actor.organizationId,
    projectId: project.id,
    title: input.title,
    kind,
    status: 'draft',
    items,
    commentPrompt: input.commentPrompt ?? null,
    startsOn,
    endsOn,
    sampling,
    sampleRate,
    seed: newSampleSeed(),
    sampled: 0,
    households: 0,
    createdBy: actor.id,
    createdAt: now,
    updatedAt: now,
    launchedAt: null,
    launchedBy: null,
    closedAt: null,
    closedBy: null,
  };
  await inTransaction(deps.database, (db) => insertSurvey(db, s));
  return viewOf(deps, actor, s);
}

/** A steward rating is yearly: another of the project's in the same calendar year is refused. */
async function oncePerYear(deps: AppDeps, kind: SurveyKind, projectId: string, exceptId: string | null, startsOn: string) {
  if (kind !== 'steward_rating') return null;
  return checkOneStewardRatingPerYear(startsOn, await stewardRatingStarts(deps.database.db, projectId, exceptId));
}

/**
 * A steward rating's steward per building: the one named for it, else the project's only active area
 * steward; a building left without refuses the launch (SURVEY_STEWARD_MISSING names it).
 */
async function stewardsAtLaunch(db: Kysely<Schema>, s: SurveyRecord, buildingIds: readonly string[]): Promise<Map<string, string>> {
  const [assigned, staff, buildings] = await Promise.all([
    listBuildingStewards(db, s.projectId),
    listStaff(db, s.organizationId, [s.projectId]),
    listBuildings(db, s.projectId),
  ]);
  const active = new Set(staff.filter((x) => x.active && x.roles.includes('area_steward') && x.projectIds.includes(s.projectId)).map((x) => x.id));
  const named = new Map(assigned.filter((a) => active.has(a.staffId)).map((a) => [a.buildingId, a.staffId]));
  const { byBuilding, missing } = stewardsOfBuildings(buildingIds, named, [...active]);
  if (missing.length) {
    const name = buildings.find((b) => b.id === missing[0])?.name ?? missing[0]!;
    throw new DomainError('SURVEY_STEWARD_MISSING', 'id', { building: name });
  }
  return byBuilding;
}

export async function listSurveyViews(deps: AppDeps, actor: Actor, q: { projectId?: string; limit: number }): Promise<SurveyView[]> {
  requireSurveyReader(actor);
  if (q.projectId) {
    await requireProjectOf(deps, actor, q.projectId);
    if (!canSeeProject(actor, actor.organizationId, q.projectId)) throw new DomainError('PROJECT_NOT_FOUND', 'projectId');
  }
  const scope = q.projectId ? [q.projectId] : visibleProjectIds(actor);
  return surveyViews(deps, actor, await listSurveys(deps.database.db, actor.organizationId, scope, q.limit));
}

export async function getSurvey(deps: AppDeps, actor: Actor, id: string): Promise<SurveyView> {
  requireSurveyReader(actor);
  return viewOf(deps, actor, await visibleSurvey(deps, actor, id));
}

/** Edits a draft: its title, questionnaire, comment prompt, dates, sampling. */
export async function updateSurveyDraft(deps: AppDeps, actor: Actor, id: string, input: UpdateSurveyInput): Promise<SurveyView> {
  requireCapability(actor, 'survey.manage');
  const s = await visibleSurvey(deps, actor, id);
  const refusal = checkSurveyTransition(s.status, 'edit');
  if (refusal) throw DomainError.from(refusal);
  const project = await requireProjectOf(deps, actor, s.projectId);
  const items = input.questionIds ? await itemsOf(deps, actor, input.questionIds) : s.items;
  const startsOn = input.startsOn ?? s.startsOn;
  const endsOn = input.endsOn ?? (input.startsOn ? addLocalDays(startsOn, 9) : s.endsOn);
  const period = checkSurveyPeriod(startsOn, endsOn) ?? (await oncePerYear(deps, s.kind, s.projectId, s.id, startsOn));
  if (period) throw DomainError.from(period);
  const sampling = input.sampling ?? s.sampling;
  const sampleRate =
    input.sampleRate !== undefined || input.sampling !== undefined
      ? await rateFor(deps, s.projectId, project.timeZone, sampling, input.sampleRate)
      : s.sampleRate;
  const next: SurveyRecord = {
    ...s,
    title: input.title ?? s.title,
    items,
    commentPrompt: input.commentPrompt === undefined ? s.commentPrompt : input.commentPrompt,
    startsOn,
    endsOn,
    sampling,
    sampleRate,
    updatedAt: deps.now(),
  };
  const done = await inTransaction(deps.database, (db) =>
    updateSurvey(db, id, 'draft', {
      title: next.title,
      items: next.items,
      commentPrompt: next.commentPrompt,
      startsOn,
      endsOn,
      sampling,
      sampleRate,
      updatedAt: next.updatedAt,
    }),
  );
  if (!done) throw DomainError.from(checkSurveyTransition('launched', 'edit')!);
  return viewOf(deps, actor, next);
}

/**
 * Launches a draft: draws the sample from the project's occupied households (stratified over buildings
 * with the campaign's stored seed, or all of them), writes one pending answer row per household with
 * its questionnaire code, and the outbox row that invites each sampled owner — one transaction.
 */
export async function launchSurvey(deps: AppDeps, actor: Actor, id: string): Promise<SurveyView> {
  requireCapability(actor, 'survey.manage');
  const s = await visibleSurvey(deps, actor, id);
  const refusal = checkSurveyTransition(s.status, 'launch');
  if (refusal) throw DomainError.from(refusal);
  const now = deps.now();
  const launched = await inTransaction(deps.database, async (db) => {
    const households = await surveyHouseholds(db, s.projectId);
    if (!households.length) throw new DomainError('SURVEY_NO_HOUSEHOLDS', 'id');
    const strata = new Map<string, string[]>();
    for (const h of households) {
      const list = strata.get(h.buildingId);
      if (list) list.push(h.unitId);
      else strata.set(h.buildingId, [h.unitId]);
    }
    const stewardOf = s.kind === 'steward_rating' ? await stewardsAtLaunch(db, s, [...strata.keys()]) : null;
    const sample = drawSample(
      [...strata].map(([key, members]) => ({ key, members })),
      { rate: s.sampleRate, seed: s.seed, census: s.sampling === 'census' },
    );
    const ownerOf = new Map(households.map((h) => [h.unitId, h.ownerId]));
    // codes: distinct per campaign, from the seed and the draw's position (no code guessable from another)
    const base = (s.seed % 1_000_003) * 7919;
    const rows: SurveyAnswerRecord[] = sample.households.map((h, i) => ({
      id: deps.newId(),
      surveyId: s.id,
      organizationId: s.organizationId,
      projectId: s.projectId,
      buildingId: h.key,
      unitId: h.id,
      code: questionnaireCode(base + i * 104729 + 1),
      status: 'pending',
      channel: null,
      answeredAt: null,
      answeredOn: null,
      ownerId: ownerOf.get(h.id) ?? null,
      enteredBy: null,
      comment: null,
      stewardId: stewardOf?.get(h.key) ?? null,
    }));
    if (
      !(await updateSurvey(db, s.id, 'draft', {
        status: 'launched',
        launchedAt: now,
        launchedBy: actor.id,
        sampled: rows.length,
        households: households.length,
        updatedAt: now,
      }))
    )
      return null;
    await insertSurveyAnswers(db, rows);
    await appendOutbox(db, { organizationId: s.organizationId, topic: 'survey.launched', payload: { surveyId: s.id }, createdAt: now });
    return { ...s, status: 'launched' as const, launchedAt: now, launchedBy: actor.id, sampled: rows.length, households: households.length, updatedAt: now };
  });
  if (!launched) throw DomainError.from(checkSurveyTransition('launched', 'launch')!);
  return viewOf(deps, actor, launched);
}

/** A campaign's households, one row each (pending: who has not answered and is to be chased), by building then code; of one building if asked. */
export async function listHouseholds(
  deps: AppDeps,
  actor: Actor,
  id: string,
  q: { status?: 'pending' | 'answered'; buildingId?: string; limit: number; offset: number },
) {
  requireSurveyReader(actor);
  const s = await visibleSurvey(deps, actor, id);
  const db = deps.database.db;
  const [rows, total] = await Promise.all([listSurveyAnswers(db, s.id, q), countSurveyAnswers(db, s.id, q.status, q.buildingId)]);
  return { total, items: await householdViews(deps, rows) };
}

export async function householdViews(deps: AppDeps, rows: readonly SurveyAnswerRecord[]) {
  const places = await surveyUnitPlaces(
    deps.database.db,
    rows.map((r) => r.unitId),
  );
  return rows.map((r) => {
    const p = places.get(r.unitId);
    return {
      answerId: r.id,
      code: r.code,
      unitId: r.unitId,
      unitLabel: p ? formatUnitLabel(p) : '',
      buildingId: r.buildingId,
      buildingName: p?.buildingName ?? '',
      status: r.status,
      channel: r.channel,
      answeredAt: r.answeredAt,
      comment: r.comment,
    };
  });
}

/** The printable questionnaires (纸质问卷): the questionnaire once, and each sampled household's code and address (no names). */
export async function paperQuestionnaires(deps: AppDeps, actor: Actor, id: string) {
  requireSurveyReader(actor);
  const s = await visibleSurvey(deps, actor, id);
  const rows = await listSurveyAnswers(deps.database.db, s.id, { limit: 100_000, offset: 0 });
  const households = (await householdViews(deps, rows)).map((h) => ({ code: h.code, unitLabel: h.unitLabel, buildingName: h.buildingName, status: h.status }));
  return { survey: await viewOf(deps, actor, s), households };
}
