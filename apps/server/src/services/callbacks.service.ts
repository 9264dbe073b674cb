import {
  afterAttempt,
  attemptRefusal,
  callbackAnswersRefusal,
  callbackCaseEvents,
  callbackOutcome,
  callbackUrgency,
  canSeeCase,
  canSeeProject,
  DomainError,
  mayTakeCallback,
  requireCapability,
  startOfLocalDate,
  type Actor,
  type CallbackFollowUp,
  type CallbackMode,
  type CallbackResult,
  type CallbackSource,
  type CallbackStatus,
  type CallbackVerdict,
  type CaseRecord,
  type Channel,
  type StaffActor,
} from '@guanjia/core';
import {
  appendOutbox,
  findCallback,
  findCase,
  findCases,
  findOwner,
  findProject,
  findStaff,
  insertCallbackRecord,
  insertCallbackReassignment,
  listCallbackReassignments,
  listCallbackRecords,
  listCallbacks,
  listCallbackSettings,
  listClosedForMonthly,
  listRepairCategories,
  unitLabelsOf,
  setCallbackAssignee,
  updateCallbackAfterAttempt,
  upsertCallbackSetting,
  type CallbackRow,
  type Schema,
  insertNotification,
} from '@guanjia/storage';
import type { Kysely } from 'kysely';
import type { AppDeps } from '../context.ts';
import { callbackRow, insertOwedCallbacks } from './callbacks-owed.ts';
import { createCase, publishCase, storeCaseEvents } from './cases.service.ts';
import { requireProjectIn } from './scoped-project.ts';
import { inTransaction } from './transaction.ts';

/**
 * Callbacks (回访, SPEC §7, decision 0027): the queue of a project (`callback.make`), one callback
 * with its case and records, a call recorded (one transaction: the record, the callback's new state,
 * the case's follow_up_recorded event and — 不满意 with rework — the repair reopened, an outbox row
 * `callback.unsatisfied` that alerts the project's service supervisors); a complaint chosen instead
 * is opened after that commit, linked through the callback. Settings per repair category and the
 * quality department's monthly list need `callback.admin`.
 */
export const CALLBACK_UNSATISFIED_TOPIC = 'callback.unsatisfied';

type Db = Kysely<Schema>;

/** Staff names by id (one look-up each, a page's few assignees). */
async function staffNames(db: Db, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const id of new Set(ids.filter((x): x is string => !!x))) {
    const s = await findStaff(db, id);
    if (s) names.set(id, s.name);
  }
  return names;
}

async function viewsOf(db: Db, rows: readonly CallbackRow[], cases: ReadonlyMap<string, CaseRecord>, now: string) {
  const units = await unitLabelsOf(
    db,
    rows.map((r) => r.unitId),
  );
  const names = await staffNames(
    db,
    rows.map((r) => r.assigneeId),
  );
  return rows.map((r) => {
    const c = cases.get(r.caseId)!;
    return {
      id: r.id,
      projectId: r.projectId,
      caseId: r.caseId,
      source: r.source,
      status: r.status,
      urgency: callbackUrgency(r, now),
      roundId: r.roundId,
      assigneeId: r.assigneeId,
      assigneeName: r.assigneeId ? (names.get(r.assigneeId) ?? null) : null,
      period: r.period,
      dueAt: r.dueAt,
      attempts: r.attempts,
      nextAttemptAt: r.nextAttemptAt,
      lastAttemptAt: r.lastAttemptAt,
      outcome: r.outcome,
      followUp: r.followUp,
      followUpCaseId: r.followUpCaseId,
      madeBy: r.madeBy,
      completedAt: r.completedAt,
      createdAt: r.createdAt,
      case: { number: c.number, title: c.title, type: c.type, status: c.status, category: c.category, reopenCount: c.reopenCount },
      unitLabel: r.unitId ? (units.get(r.unitId)?.label ?? null) : null,
    };
  });
}
export type CallbackView = Awaited<ReturnType<typeof viewsOf>>[number];

/** The cases of some callbacks the actor may see (an accused never sees the complaint against them, nor its callbacks). */
async function visibleCases(db: Db, actor: Actor, rows: readonly CallbackRow[]): Promise<Map<string, CaseRecord>> {
  const cases = await findCases(db, [...new Set(rows.map((r) => r.caseId))]);
  return new Map(cases.filter((c) => canSeeCase(actor, c)).map((c) => [c.id, c]));
}

const encodeCursor = (r: Pick<CallbackRow, 'dueAt' | 'id'>) => Buffer.from(`${r.dueAt}|${r.id}`).toString('base64url');
function decodeCursor(cursor: string | undefined): { dueAt: string; id: string } | undefined {
  if (!cursor) return undefined;
  const [dueAt, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!dueAt || !id) throw new DomainError('FIELD_INVALID', 'query.cursor', { reason: 'cursor' });
  return { dueAt, id };
}

export interface CallbackQuery {
  projectId: string;
  status?: CallbackStatus;
  source?: CallbackSource;
  /** 'true': only the caller's own. */
  mine?: 'true' | 'false';
  limit: number;
  cursor?: string;
}

/** A project's queue: due callbacks by default, soonest due first, each with its urgency. */
export async function listCallbackQueue(deps: AppDeps, actor: Actor, q: CallbackQuery) {
  await requireProjectIn(deps, actor, 'callback.make', q.projectId, 'query.projectId');
  const db = deps.database.db;
  const rows = await listCallbacks(db, {
    projectIds: [q.projectId],
    statuses: [q.status ?? 'due'],
    ...(q.source ? { sources: [q.source] } : {}),
    ...(q.mine === 'true' ? { assigneeId: actor.id } : {}),
    ...(q.cursor ? { after: decodeCursor(q.cursor) } : {}),
    limit: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  const cases = await visibleCases(db, actor, page);
  const items = await viewsOf(
    db,
    page.filter((r) => cases.has(r.caseId)),
    cases,
    deps.now(),
  );
  return { items, nextCursor: rows.length > q.limit ? encodeCursor(page[page.length - 1]!) : null };
}

/** A callback the actor may work (`callback.make`, its project in scope, its case visible), else CALLBACK_NOT_FOUND. */
async function visibleCallback(deps: AppDeps, actor: Actor, id: string): Promise<{ callback: CallbackRow; c: CaseRecord }> {
  requireCapability(actor, 'callback.make');
  const callback = await findCallback(deps.database.db, id);
  if (!callback || !canSeeProject(actor, callback.organizationId, callback.projectId)) throw new DomainError('CALLBACK_NOT_FOUND', 'id');
  const c = await findCase(deps.database.db, callback.caseId);
  if (!c || !canSeeCase(actor, c)) throw new DomainError('CALLBACK_NOT_FOUND', 'id');
  return { callback, c };
}

async function detailOf(deps: AppDeps, actor: Actor, id: string) {
  const { callback, c } = await visibleCallback(deps, actor, id);
  const db = deps.database.db;
  const [view] = await viewsOf(db, [callback], new Map([[c.id, c]]), deps.now());
  const records = await listCallbackRecords(db, [callback.id]);
  const moves = await listCallbackReassignments(db, callback.id);
  const names = await staffNames(
    db,
    moves.flatMap((m) => [m.fromId, m.toId, m.byId]),
  );
  return {
    callback: view!,
    records: records.map(({ callbackId: _c, organizationId: _o, projectId: _p, caseId: _k, ...r }) => r),
    caseDescription: c.description,
    reassignments: moves.map((m) => ({
      fromId: m.fromId,
      fromName: m.fromId ? (names.get(m.fromId) ?? null) : null,
      toId: m.toId,
      toName: names.get(m.toId) ?? null,
      reason: m.reason,
      byId: m.byId,
      byName: m.byId ? (names.get(m.byId) ?? null) : null,
      at: m.at,
    })),
  };
}

/**
 * callback.admin gives a due callback to someone else, with a reason (kept in callback_reassignments
 * and shown with the callback): active staff of the organization who may make callbacks and see the project, not
 * the accused of its case; a weekly sample's only to company staff outside the office.
 */
export async function reassignCallback(deps: AppDeps, actor: Actor, id: string, input: { assigneeId: string; reason: string }) {
  requireCapability(actor, 'callback.admin');
  const { callback, c } = await visibleCallback(deps, actor, id);
  if (callback.status !== 'due') throw new DomainError('CALLBACK_CLOSED', 'id', { status: callback.status });
  const staff = await findStaff(deps.database.db, input.assigneeId);
  if (!staff || staff.organizationId !== callback.organizationId) throw new DomainError('STAFF_NOT_FOUND', 'assigneeId');
  const owed = {
    source: callback.source,
    projectId: callback.projectId,
    firstReceiverId: c.firstReceiverId,
    accusedStaffId: c.accusedStaffId,
    createdBy: callback.createdBy,
  };
  if (callback.source === 'weekly_sample' && staff.projectIds.includes(callback.projectId))
    throw new DomainError('CALLBACK_CALLER_IN_PROJECT', 'assigneeId', { name: staff.name, nameEn: `@${staff.username}` });
  if (!mayTakeCallback(staff, owed))
    throw new DomainError('FIELD_INVALID', 'assigneeId', {
      reason: `${staff.name}不是本项目可做回访的在职员工`,
      reasonEn: 'not an active member of the project who makes callbacks',
    });
  const now = deps.now();
  await inTransaction(deps.database, async (db) => {
    if (!(await setCallbackAssignee(db, callback.id, staff.id, now))) throw new DomainError('CALLBACK_CLOSED', 'id', { status: 'done' });
    await insertCallbackReassignment(db, {
      id: deps.newId(),
      callbackId: callback.id,
      organizationId: callback.organizationId,
      projectId: callback.projectId,
      fromId: callback.assigneeId,
      toId: staff.id,
      reason: input.reason,
      byId: actor.id,
      at: now,
    });
    // the new caller is told in the console
    if (staff.id !== actor.id)
      await insertNotification(db, {
        id: deps.newId(),
        organizationId: callback.organizationId,
        recipientId: staff.id,
        caseId: callback.caseId,
        kind: 'callback_assigned',
        data: { callbackId: callback.id, caseId: callback.caseId, reason: input.reason },
        createdAt: now,
        readAt: null,
      });
  });
  return detailOf(deps, actor, id);
}

export function getCallback(deps: AppDeps, actor: Actor, id: string) {
  return detailOf(deps, actor, id);
}

export interface CallbackAttemptInput {
  reached: boolean;
  quality?: CallbackVerdict;
  attitude?: CallbackVerdict;
  result?: CallbackResult;
  ownerWords?: string;
  note?: string;
  followUp?: CallbackFollowUp;
  channel?: Channel;
}

/**
 * Records one call. Not reached: the next attempt's time (or `unreachable` after the last). Reached:
 * done, with its outcome; 不满意 opens the follow-up chosen and alerts the supervisors.
 */
export async function recordCallbackAttempt(deps: AppDeps, actor: Actor, id: string, input: CallbackAttemptInput) {
  const { callback, c } = await visibleCallback(deps, actor, id);
  // 抽样回访 is called from outside the office (decision 0028): the office's own staff may not make it
  if (callback.source === 'weekly_sample' && actor.kind === 'staff' && actor.projectIds.includes(callback.projectId))
    throw new DomainError('CALLBACK_CALLER_IN_PROJECT', 'id', { name: actor.name, nameEn: 'the signed-in account' });
  const answers = input.reached ? input : { reached: false, ownerWords: input.ownerWords, note: input.note, channel: input.channel };
  const timeZone = (await findProject(deps.database.db, callback.projectId))?.timeZone ?? 'Asia/Shanghai';
  const refusal = callbackAnswersRefusal(answers, c.type) ?? attemptRefusal(callback, input.reached, deps.now(), timeZone);
  if (refusal) throw DomainError.from(refusal);
  // the owner's 免打扰 times: a retry is planned outside them (decision 0027)
  const quiet = callback.ownerId && !input.reached ? ((await findOwner(deps.database.db, callback.ownerId))?.doNotDisturb ?? []) : [];
  const staff = actor as StaffActor;
  const committed = await inTransaction(deps.database, async (db) => {
    const current = await findCase(db, c.id, { forUpdate: true });
    const cb = await findCallback(db, id, { forUpdate: true });
    if (!current || !cb) throw new DomainError('CALLBACK_NOT_FOUND', 'id');
    const now = deps.now();
    const again = attemptRefusal(cb, input.reached, now, timeZone);
    if (again) throw DomainError.from(again);
    const after = afterAttempt(cb.attempts, input.reached, now, timeZone, quiet);
    const outcome = input.reached ? callbackOutcome({ quality: input.quality!, attitude: input.attitude!, result: input.result! }) : null;
    const decided = callbackCaseEvents(current, cb, after.attempts, answers, staff.id, now);
    const { next, events } = await storeCaseEvents(deps, db, current, decided);
    await insertCallbackRecord(db, {
      id: deps.newId(),
      callbackId: cb.id,
      organizationId: cb.organizationId,
      projectId: cb.projectId,
      caseId: cb.caseId,
      attempt: after.attempts,
      reached: input.reached,
      quality: input.reached ? input.quality! : null,
      attitude: input.reached ? input.attitude! : null,
      result: input.reached ? input.result! : null,
      ownerWords: input.ownerWords ?? null,
      note: input.note ?? null,
      channel: input.channel ?? 'hotline',
      nextAttemptAt: after.nextAttemptAt,
      madeBy: staff.id,
      madeAt: now,
    });
    const written = await updateCallbackAfterAttempt(db, cb.id, cb.attempts, {
      status: after.status,
      attempts: after.attempts,
      nextAttemptAt: after.nextAttemptAt,
      lastAttemptAt: now,
      outcome,
      followUp: outcome === 'not_satisfied' ? (input.followUp ?? null) : null,
      madeBy: after.status === 'due' ? cb.madeBy : staff.id,
      completedAt: after.status === 'due' ? null : now,
      updatedAt: now,
    });
    if (!written) throw new DomainError('CALLBACK_CLOSED', 'id', { status: cb.status });
    await appendOutbox(db, {
      organizationId: current.organizationId,
      topic: 'case.changed',
      payload: { caseId: current.id, projectId: current.projectId, events: events.map((e) => e.type), actorId: staff.id },
      createdAt: now,
    });
    if (outcome === 'not_satisfied')
      await appendOutbox(db, {
        organizationId: current.organizationId,
        topic: CALLBACK_UNSATISFIED_TOPIC,
        payload: { callbackId: cb.id, caseId: current.id, projectId: current.projectId, followUp: input.followUp ?? null, actorId: staff.id },
        createdAt: now,
      });
    return { next, events };
  });
  publishCase(
    deps,
    'case.changed',
    committed.next,
    committed.events.map((e) => ({ type: e.type, internal: e.internal })),
  );
  if (
    input.reached &&
    input.followUp === 'complaint' &&
    callbackOutcome({ quality: input.quality!, attitude: input.attitude!, result: input.result! }) === 'not_satisfied'
  )
    await openLinkedComplaint(deps, staff, callback, committed.next, input);
  return detailOf(deps, actor, id);
}

/**
 * 不满意 → a complaint linked to the case (the callback keeps the link): recorded by the caller, whose
 * `callback.make` includes opening it (a quality officer holds no `case.create` of their own).
 */
async function openLinkedComplaint(deps: AppDeps, actor: StaffActor, callback: CallbackRow, c: CaseRecord, input: CallbackAttemptInput) {
  const caller: StaffActor = { ...actor, capabilities: new Set([...actor.capabilities, 'case.create']) };
  const words = input.ownerWords ?? input.note ?? '';
  await createCase(
    deps,
    caller,
    {
      projectId: c.projectId,
      type: 'complaint',
      channel: input.channel ?? 'hotline',
      category: c.category,
      title: `回访不满意：${c.number}`.slice(0, 100),
      description: `回访（${c.number}）业主不满意${words ? `：${words}` : ''}`,
      ownerId: c.ownerId,
      unitId: c.unitId,
      apologized: false,
      readBack: false,
    },
    undefined,
    (record) => [{ kind: 'update', table: 'callbacks', set: { followUpCaseId: record.id, updatedAt: record.createdAt }, ids: [callback.id] }],
  );
}

// --- settings per repair category -----------------------------------------------------------------

export async function getCallbackSettings(deps: AppDeps, actor: Actor, projectId: string) {
  await requireProjectIn(deps, actor, 'callback.admin', projectId, 'query.projectId');
  return settingsOf(deps, projectId);
}

async function settingsOf(deps: AppDeps, projectId: string) {
  const db = deps.database.db;
  const set = await listCallbackSettings(db, projectId);
  const byCategory = new Map(set.map((s) => [s.category, s]));
  const categories = [...new Set([...(await listRepairCategories(db, projectId, 200)), ...byCategory.keys()])].sort();
  return {
    projectId,
    settings: categories.map((category) => {
      const s = byCategory.get(category);
      return { category, mode: s?.mode ?? ('always' as CallbackMode), updatedBy: s?.updatedBy ?? null, updatedAt: s?.updatedAt ?? null };
    }),
  };
}

export async function putCallbackSetting(deps: AppDeps, actor: Actor, input: { projectId: string; category: string; mode: CallbackMode }) {
  await requireProjectIn(deps, actor, 'callback.admin', input.projectId);
  const now = deps.now();
  await inTransaction(deps.database, (db) =>
    upsertCallbackSetting(db, {
      organizationId: actor.organizationId,
      projectId: input.projectId,
      category: input.category,
      mode: input.mode,
      updatedBy: actor.id,
      updatedAt: now,
    }),
  );
  return settingsOf(deps, input.projectId);
}

// --- the quality department's monthly callbacks ---------------------------------------------------

/** Fills a month's list: every repair and complaint of the project closed that month (local time) and not yet on it. */
export async function fillMonthlyCallbacks(deps: AppDeps, actor: Actor, input: { projectId: string; month: string }) {
  const project = await requireProjectIn(deps, actor, 'callback.admin', input.projectId);
  const [y, m] = input.month.split('-').map(Number) as [number, number];
  const nextMonth = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  const from = startOfLocalDate(`${input.month}-01`, project.timeZone);
  const to = startOfLocalDate(`${nextMonth}-01`, project.timeZone);
  const now = deps.now();
  const created = await inTransaction(deps.database, async (db) => {
    const closed = await listClosedForMonthly(db, input.projectId, from, to, input.month);
    const rows = closed.map((c) => callbackRow(deps, c, 'quality_monthly', now, { period: input.month, createdBy: actor.id }));
    return (await insertOwedCallbacks(db, rows)).length;
  });
  return { created, month: input.month };
}
