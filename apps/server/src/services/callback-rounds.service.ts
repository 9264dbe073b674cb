import { createHash, randomInt } from 'node:crypto';
import {
  canSeeProject,
  capabilitiesOf,
  DomainError,
  isMonday,
  mayCallWeeklySample,
  previousWeekStart,
  requireCapability,
  roundFigures,
  sampleWorkOrders,
  visibleProjectIds,
  weekBounds,
  type Actor,
  type CallbackStatus,
  type StaffActor,
} from '@guanjia/core';
import {
  completedWorkOrderIds,
  findCallbackRound,
  findCases,
  findProject,
  findStaff,
  insertCallbackRound,
  insertCallbacks,
  listAllProjectZones,
  listCallbackRecords,
  listCallbackRounds,
  listCallbacks,
  listProjects,
  roundExists,
  setRoundCaller,
  type CallbackRoundRecord,
  type CallbackRow,
} from '@guanjia/storage';
import type { AppDeps } from '../context.ts';
import { requireProjectIn } from './scoped-project.ts';
import { inTransaction } from './transaction.ts';

/**
 * 抽样回访 (SPEC §7, issue 14 item 1, decision 0028): each week a random 20% of each office's completed
 * work orders, drawn from a stored seed (core's sampleWorkOrders), called by company staff outside the
 * office. A round is drawn by `callback.admin` (生成本周抽样: the week just ended) or by the Monday tick
 * for the week before; one per project and week. Its callbacks are `callbacks` rows (source
 * weekly_sample, round_id). The audit re-derives the sample from the stored seed and population.
 */
export const WEEKLY_SAMPLE_PERCENT = 20;
const DAY = 86_400_000;
/** A sampled callback is due by the end of the week after the one sampled. */
const DUE_AFTER_WEEK_END_DAYS = 7;
const READERS = ['callback.admin', 'report.read'] as const;

export const populationDigest = (ids: readonly string[]) => createHash('sha256').update(ids.join('\n')).digest('hex');
const sundayOf = (weekStart: string) => new Date(Date.parse(`${weekStart}T00:00:00Z`) + 6 * DAY).toISOString().slice(0, 10);

function requireReader(actor: Actor): asserts actor is StaffActor {
  requireCapability(actor, actor.kind === 'staff' && actor.capabilities.has('callback.admin') ? 'callback.admin' : READERS[1]);
}

/** The staff member who may call a project's sample: of the organization, active, company-wide, not of the project, with callback.make. */
async function requireSampleCaller(deps: AppDeps, actor: StaffActor, callerId: string, projectId: string) {
  const staff = await findStaff(deps.database.db, callerId);
  if (!staff || staff.organizationId !== actor.organizationId || !staff.active) throw new DomainError('STAFF_NOT_FOUND', 'callerId');
  if (staff.projectIds.includes(projectId)) throw new DomainError('CALLBACK_CALLER_IN_PROJECT', 'callerId', { name: staff.name, nameEn: `@${staff.username}` });
  const canCall = capabilitiesOf(staff.roles).has('callback.make');
  if (!mayCallWeeklySample({ canCall, companyWide: staff.companyWide, projectIds: staff.projectIds }, projectId))
    throw new DomainError('FIELD_INVALID', 'callerId', { reason: 'company-wide staff outside the office who make callbacks' });
  return staff;
}

/** Draws and stores one round (inside a transaction): the population, the seed, the sample and its callbacks. */
async function drawRound(
  deps: AppDeps,
  p: { id: string; organizationId: string; timeZone: string },
  weekStart: string,
  callerId: string | null,
  createdBy: string | null,
): Promise<CallbackRoundRecord> {
  const { from, to } = weekBounds(weekStart, p.timeZone);
  return inTransaction(deps.database, async (db) => {
    if (await roundExists(db, p.id, weekStart)) throw new DomainError('CALLBACK_ROUND_EXISTS', 'weekStart', { weekStart });
    const population = await completedWorkOrderIds(db, p.id, from, to);
    const seed = randomInt(0, 2 ** 31 - 1);
    const sampledIds = sampleWorkOrders(population, WEEKLY_SAMPLE_PERCENT / 100, seed);
    const now = deps.now();
    const round: CallbackRoundRecord = {
      id: deps.newId(),
      organizationId: p.organizationId,
      projectId: p.id,
      weekStart,
      seed,
      percent: WEEKLY_SAMPLE_PERCENT,
      populationSize: population.length,
      populationDigest: populationDigest(population),
      populationIds: population,
      sampledIds,
      callerId,
      createdBy,
      createdAt: now,
    };
    await insertCallbackRound(db, round);
    const dueAt = new Date(Date.parse(to) + DUE_AFTER_WEEK_END_DAYS * DAY).toISOString();
    const cases = await findCases(db, sampledIds);
    await insertCallbacks(
      db,
      cases.map((c): CallbackRow => ({
        id: deps.newId(),
        organizationId: c.organizationId,
        projectId: c.projectId,
        caseId: c.id,
        caseType: c.type,
        unitId: c.unitId,
        ownerId: c.ownerId,
        source: 'weekly_sample',
        status: 'due',
        roundId: round.id,
        assigneeId: callerId,
        period: weekStart,
        dueAt,
        attempts: 0,
        nextAttemptAt: null,
        lastAttemptAt: null,
        outcome: null,
        followUp: null,
        followUpCaseId: null,
        madeBy: null,
        completedAt: null,
        createdBy,
        createdAt: now,
        updatedAt: now,
      })),
    );
    return round;
  });
}

/** 生成本周抽样 (callback.admin): the sample of a week that has ended (default: last week), with its caller if named. */
export async function createCallbackRound(deps: AppDeps, actor: Actor, input: { projectId: string; weekStart?: string; callerId?: string }) {
  const project = await requireProjectIn(deps, actor, 'callback.admin', input.projectId);
  const staff = actor as StaffActor;
  const timeZone = project.timeZone;
  const weekStart = input.weekStart ?? previousWeekStart(deps.now(), timeZone);
  if (!isMonday(weekStart)) throw new DomainError('FIELD_INVALID', 'weekStart', { reason: 'a Monday' });
  if (weekBounds(weekStart, timeZone).to > deps.now()) throw new DomainError('CALLBACK_WEEK_NOT_ENDED', 'weekStart', { weekEnd: sundayOf(weekStart) });
  if (input.callerId) await requireSampleCaller(deps, staff, input.callerId, project.id);
  const round = await drawRound(deps, project, weekStart, input.callerId ?? null, staff.id);
  return (await roundViews(deps, [round]))[0]!;
}

/**
 * The Monday tick: for every project without a round for the week before, draw it (no caller yet).
 * A week without completed work orders gets none. Idempotent (one round per project and week; a
 * concurrent process's round wins). Cheap: a look-up or two per project, at most once per process per hour.
 */
const lastRun = new WeakMap<AppDeps, string>();
export async function runWeeklySampleTick(deps: AppDeps): Promise<number> {
  const now = deps.now();
  const hour = now.slice(0, 13);
  if (lastRun.get(deps) === hour) return 0;
  lastRun.set(deps, hour);
  let drawn = 0;
  for (const p of await listAllProjectZones(deps.database.db)) {
    const weekStart = previousWeekStart(now, p.timeZone);
    if (await roundExists(deps.database.db, p.id, weekStart)) continue;
    // nothing completed that week: no round (a manual one still records an empty week)
    const { from, to } = weekBounds(weekStart, p.timeZone);
    if (!(await completedWorkOrderIds(deps.database.db, p.id, from, to)).length) continue;
    try {
      await drawRound(deps, p, weekStart, null, null);
      drawn++;
    } catch (error) {
      // another process drew it meanwhile (the unique index), or it exists: nothing to do
      if (!(error instanceof DomainError) && !/unique|duplicate/i.test(String((error as Error).message))) throw error;
    }
  }
  return drawn;
}

async function visibleRound(deps: AppDeps, actor: Actor, id: string): Promise<CallbackRoundRecord> {
  requireReader(actor);
  const round = await findCallbackRound(deps.database.db, id);
  if (!round || !canSeeProject(actor, round.organizationId, round.projectId)) throw new DomainError('CALLBACK_ROUND_NOT_FOUND', 'id');
  return round;
}

async function roundViews(deps: AppDeps, rounds: readonly CallbackRoundRecord[]) {
  const db = deps.database.db;
  const names = new Map<string, string>();
  for (const orgId of new Set(rounds.map((r) => r.organizationId))) for (const p of await listProjects(db, orgId, null)) names.set(p.id, p.name);
  const views = [];
  for (const r of rounds) {
    const callbacks = await listCallbacks(db, { projectIds: [r.projectId], roundId: r.id, limit: 100_000 });
    const progress: Record<CallbackStatus, number> = { due: 0, done: 0, unreachable: 0, cancelled: 0 };
    for (const c of callbacks) progress[c.status]++;
    views.push({
      id: r.id,
      projectId: r.projectId,
      projectName: names.get(r.projectId) ?? '',
      weekStart: r.weekStart,
      weekEnd: sundayOf(r.weekStart),
      seed: r.seed,
      percent: r.percent,
      populationSize: r.populationSize,
      populationDigest: r.populationDigest,
      sampledIds: r.sampledIds,
      callerId: r.callerId,
      callerName: r.callerId ? ((await findStaff(db, r.callerId))?.name ?? null) : null,
      createdBy: r.createdBy,
      createdAt: r.createdAt,
      progress,
    });
  }
  return views;
}

export async function listRounds(deps: AppDeps, actor: Actor, q: { projectId?: string; limit: number }) {
  requireReader(actor);
  if (q.projectId)
    await requireProjectIn(deps, actor, actor.capabilities.has('callback.admin') ? 'callback.admin' : 'report.read', q.projectId, 'query.projectId');
  const rounds = await listCallbackRounds(deps.database.db, actor.organizationId, q.projectId ? [q.projectId] : visibleProjectIds(actor), q.limit);
  return roundViews(deps, rounds);
}

export async function getRound(deps: AppDeps, actor: Actor, id: string) {
  return (await roundViews(deps, [await visibleRound(deps, actor, id)]))[0]!;
}

/** Gives a round (and its callbacks still due) to a caller: company staff outside the office only (callback.admin). */
export async function assignRoundCaller(deps: AppDeps, actor: Actor, id: string, callerId: string) {
  requireCapability(actor, 'callback.admin');
  const round = await visibleRound(deps, actor, id);
  await requireSampleCaller(deps, actor, callerId, round.projectId);
  await inTransaction(deps.database, (db) => setRoundCaller(db, round.id, callerId, deps.now()));
  return getRound(deps, actor, id);
}

/** The audit: the stored population's digest again, the sample drawn again from the stored seed, and the week's population read again now. */
export async function auditRound(deps: AppDeps, actor: Actor, id: string) {
  const round = await visibleRound(deps, actor, id);
  const project = await findProject(deps.database.db, round.projectId);
  const { from, to } = weekBounds(round.weekStart, project?.timeZone ?? 'Asia/Shanghai');
  const live = await completedWorkOrderIds(deps.database.db, round.projectId, from, to);
  const recomputedDigest = populationDigest(round.populationIds);
  const resampled = sampleWorkOrders(round.populationIds, round.percent / 100, round.seed);
  return {
    roundId: round.id,
    seed: round.seed,
    percent: round.percent,
    storedDigest: round.populationDigest,
    recomputedDigest,
    digestMatches: recomputedDigest === round.populationDigest && round.populationIds.length === round.populationSize,
    storedSample: round.sampledIds,
    resampled,
    sampleMatches: resampled.length === round.sampledIds.length && resampled.every((x, i) => x === round.sampledIds[i]),
    livePopulationSize: live.length,
    livePopulationMatches: populationDigest(live) === round.populationDigest,
  };
}

/** 回访总结报告: the figures and the not-satisfied list with the follow-up each opened (and, for the workbook, every callback with its case). */
export async function roundSummaryData(deps: AppDeps, actor: Actor, id: string) {
  const round = await visibleRound(deps, actor, id);
  const db = deps.database.db;
  const callbacks = await listCallbacks(db, { projectIds: [round.projectId], roundId: round.id, limit: 100_000 });
  const records = await listCallbackRecords(
    db,
    callbacks.map((c) => c.id),
  );
  const reachedRecord = new Map(records.filter((r) => r.reached).map((r) => [r.callbackId, r]));
  const facts = callbacks.map((c) => {
    const r = c.status === 'done' ? reachedRecord.get(c.id) : undefined;
    return { callback: c, record: r, status: c.status, quality: r?.quality ?? null, attitude: r?.attitude ?? null, result: r?.result ?? null };
  });
  const caseIds = [...new Set([...callbacks.map((c) => c.caseId), ...callbacks.flatMap((c) => (c.followUpCaseId ? [c.followUpCaseId] : []))])];
  const cases = new Map((await findCases(db, caseIds)).map((c) => [c.id, c]));
  const notSatisfied = facts
    .filter((f) => f.callback.outcome === 'not_satisfied')
    .map((f) => {
      const c = cases.get(f.callback.caseId);
      return {
        callbackId: f.callback.id,
        caseId: f.callback.caseId,
        caseNumber: c?.number ?? '',
        caseTitle: c?.title ?? '',
        quality: f.quality,
        attitude: f.attitude,
        result: f.result,
        ownerWords: f.record?.ownerWords ?? null,
        followUp: f.callback.followUp,
        followUpCaseId: f.callback.followUpCaseId,
      };
    });
  const followUps = facts.flatMap((f) => {
    const kind = f.callback.followUp;
    // a rework goes on in the case itself; a complaint is a case of its own
    const target = cases.get(f.callback.followUpCaseId ?? f.callback.caseId);
    const from = cases.get(f.callback.caseId);
    if (!kind || !target || !from) return [];
    return [
      {
        callbackId: f.callback.id,
        fromCaseId: from.id,
        fromCaseNumber: from.number,
        kind,
        caseId: target.id,
        caseNumber: target.number,
        caseType: target.type,
        status: target.status,
      },
    ];
  });
  return { round: (await roundViews(deps, [round]))[0]!, figures: roundFigures(facts), notSatisfied, followUps, facts, cases };
}

export async function roundSummary(deps: AppDeps, actor: Actor, id: string) {
  const { round, figures, notSatisfied, followUps } = await roundSummaryData(deps, actor, id);
  return { round, figures, notSatisfied, followUps };
}
