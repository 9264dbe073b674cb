import {
  canSeeProject,
  checkOpenLetterAction,
  deadlineState,
  DomainError,
  draftOpenLetter,
  openLetterDeadlines,
  requireCapability,
  visibleProjectIds,
  type Actor,
  type OpenLetterAction,
  type StaffActor,
} from '@guanjia/core';
import {
  appendAudit,
  findOpenLetter,
  findOpenLetterOfSurvey,
  findSurvey,
  insertNotice,
  insertNotification,
  insertOpenLetter,
  listOpenLetters,
  listStaff,
  surveyHeadersOf,
  updateOpenLetter,
  type LetterPromiseRecord,
  type NoticeRecord,
  type OpenLetterRecord,
  type Schema,
} from '@guanjia/storage';
import type { Kysely } from 'kysely';
import type { AppDeps } from '../context.ts';
import { freshDraft, publishIn, requirePublishable } from './notices.service.ts';
import { requireProjectOf } from './references.ts';
import { surveyStatisticsView } from './survey-results.service.ts';
import { inTransaction } from './transaction.ts';

/**
 * The open letter (公开信, SPEC §8; core surveys/open-letter.ts): one per closed survey, drafted from
 * its statistics by whoever writes notices or runs surveys in the project, approved by the management
 * representative (survey.letter.approve) — which posts it at once as a notice to the whole project,
 * on paper and in the portal, approved in the ledger by that representative — or returned with a
 * reason. Then sent to the quality department with the statistics (its officers are told in the
 * console), which verifies each promise later. Deadlines: posted within 14 days of the survey's
 * close, reported within 5 days of posting; both shown as met / late / running / overdue.
 */

export interface OpenLetterInput {
  title: string;
  body: string;
  promises: { id?: string; text: string; dueOn?: string | null }[];
}

const WRITERS = ['notice.write', 'survey.manage'] as const;
const READERS = [...WRITERS, 'survey.letter.approve'] as const;

function requireAny(actor: Actor, caps: readonly (typeof READERS)[number][]): asserts actor is StaffActor {
  if (actor.kind !== 'staff' || !caps.some((c) => actor.capabilities.has(c))) throw new DomainError('FORBIDDEN', undefined, { capability: caps[0]! });
}

async function visibleLetter(db: Kysely<Schema>, actor: StaffActor, id: string, forUpdate = false): Promise<OpenLetterRecord> {
  const letter = await findOpenLetter(db, id, { forUpdate });
  if (!letter || letter.organizationId !== actor.organizationId || !canSeeProject(actor, letter.organizationId, letter.projectId))
    throw new DomainError('OPEN_LETTER_NOT_FOUND', 'id');
  return letter;
}

function check(letter: OpenLetterRecord, action: OpenLetterAction, actor: StaffActor) {
  const refusal = checkOpenLetterAction(
    { status: letter.status, draftedBy: letter.draftedBy, reportedAt: letter.reportedAt, promiseCount: letter.promises.length },
    action,
    actor.id,
  );
  if (refusal) throw DomainError.from(refusal);
}

async function audit(db: Kysely<Schema>, actor: StaffActor, letter: OpenLetterRecord, action: string, at: string, detail: Record<string, unknown> = {}) {
  await appendAudit(db, {
    organizationId: letter.organizationId,
    actorKind: 'staff',
    actorId: actor.id,
    action,
    targetType: 'open_letter',
    targetId: letter.id,
    projectId: letter.projectId,
    detail,
    at,
  });
}

/** The letters as the console shows them: their deadlines and their state beside each record (their surveys read at once). */
async function letterViews(deps: AppDeps, letters: readonly OpenLetterRecord[]) {
  const surveys = await surveyHeadersOf(
    deps.database.db,
    letters.map((l) => l.surveyId),
  );
  const now = deps.now();
  return letters.map((letter) => {
    const survey = surveys.get(letter.surveyId);
    const { postBy, reportBy } = openLetterDeadlines(survey?.closedAt ?? letter.createdAt, letter.publishedAt);
    const { organizationId, ...shown } = letter;
    void organizationId; // the tenant is the caller's own: not repeated in the answer
    return {
      ...shown,
      surveyTitle: survey?.title ?? '',
      postBy,
      postState: deadlineState(postBy, letter.publishedAt, now),
      reportBy,
      reportState: reportBy ? deadlineState(reportBy, letter.reportedAt, now) : null,
      promisesVerified: letter.promises.filter((p) => p.verdict !== null).length,
    };
  });
}
const letterView = async (deps: AppDeps, letter: OpenLetterRecord) => (await letterViews(deps, [letter]))[0]!;
export type OpenLetterView = Awaited<ReturnType<typeof letterView>>;

function promisesOf(deps: AppDeps, input: OpenLetterInput['promises'], before: readonly LetterPromiseRecord[]): LetterPromiseRecord[] {
  const known = new Map(before.map((p) => [p.id, p]));
  return input.map((p, i) => {
    if (p.id && !known.has(p.id)) throw new DomainError('OPEN_LETTER_PROMISE_NOT_FOUND', `promises.${i}.id`);
    const old = p.id ? known.get(p.id)! : null;
    return { id: old?.id ?? deps.newId(), text: p.text, dueOn: p.dueOn ?? null, verdict: null, note: null, verifiedBy: null, verifiedAt: null };
  });
}

/** Starts the letter of a closed survey, its text drafted from the statistics (the items most were unhappy with); one per survey. */
export async function startOpenLetter(deps: AppDeps, actor: Actor, surveyId: string): Promise<OpenLetterView> {
  requireAny(actor, WRITERS);
  const survey = await findSurvey(deps.database.db, surveyId);
  if (!survey || survey.organizationId !== actor.organizationId || !canSeeProject(actor, survey.organizationId, survey.projectId))
    throw new DomainError('SURVEY_NOT_FOUND', 'surveyId');
  if (survey.status !== 'closed') throw new DomainError('OPEN_LETTER_SURVEY_NOT_CLOSED', 'surveyId');
  if (await findOpenLetterOfSurvey(deps.database.db, surveyId)) throw new DomainError('OPEN_LETTER_EXISTS', 'surveyId');
  const stats = await surveyStatisticsView(deps, actor, surveyId);
  const draft = draftOpenLetter({
    surveyTitle: survey.title,
    households: stats.households,
    rate: stats.project.rate,
    items: stats.byQuestion.map((q) => ({ text: q.text, rate: q.rate, answers: q.answers })),
    target: stats.target,
  });
  const now = deps.now();
  const letter: OpenLetterRecord = {
    id: deps.newId(),
    organizationId: survey.organizationId,
    projectId: survey.projectId,
    surveyId,
    status: 'draft',
    title: draft.title,
    body: draft.body,
    promises: draft.raised.map((text) => ({
      id: deps.newId(),
      text: `关于“${text}”：`,
      dueOn: null,
      verdict: null,
      note: null,
      verifiedBy: null,
      verifiedAt: null,
    })),
    draftedBy: actor.id,
    createdAt: now,
    updatedAt: now,
    submittedAt: null,
    returnedBy: null,
    returnedAt: null,
    returnedReason: null,
    approvedBy: null,
    publishedAt: null,
    noticeId: null,
    reportedBy: null,
    reportedAt: null,
  };
  await inTransaction(deps.database, async (db) => {
    // the unique survey_id keeps a second letter out even when two start at once
    await insertOpenLetter(db, letter);
    await audit(db, actor, letter, 'open_letter.started', now, { surveyId });
  });
  return letterView(deps, letter);
}

export async function listOpenLetterViews(deps: AppDeps, actor: Actor, q: { projectId?: string; limit: number }): Promise<OpenLetterView[]> {
  requireAny(actor, READERS);
  const scope = visibleProjectIds(actor);
  let projectIds: readonly string[] | null = scope === 'all' ? null : scope;
  if (q.projectId) {
    await requireProjectOf(deps, actor, q.projectId);
    if (!canSeeProject(actor, actor.organizationId, q.projectId)) throw new DomainError('PROJECT_NOT_FOUND', 'projectId');
    projectIds = [q.projectId];
  }
  const letters = await listOpenLetters(deps.database.db, actor.organizationId, projectIds, q.limit);
  return letterViews(deps, letters);
}

export async function getOpenLetter(deps: AppDeps, actor: Actor, id: string): Promise<OpenLetterView> {
  requireAny(actor, READERS);
  return letterView(deps, await visibleLetter(deps.database.db, actor, id));
}

/** Edits a draft or a returned letter (its text and promises; a promise keeps its id when sent back with it). */
export async function editOpenLetter(deps: AppDeps, actor: Actor, id: string, input: OpenLetterInput): Promise<OpenLetterView> {
  requireAny(actor, WRITERS);
  await inTransaction(deps.database, async (db) => {
    const letter = await visibleLetter(db, actor, id, true);
    check(letter, 'edit', actor);
    const now = deps.now();
    await updateOpenLetter(db, id, { title: input.title, body: input.body, promises: promisesOf(deps, input.promises, letter.promises), updatedAt: now });
    await audit(db, actor, letter, 'open_letter.edited', now, { promises: input.promises.length });
  });
  return getOpenLetter(deps, actor, id);
}

export async function submitOpenLetter(deps: AppDeps, actor: Actor, id: string): Promise<OpenLetterView> {
  requireAny(actor, WRITERS);
  await inTransaction(deps.database, async (db) => {
    const letter = await visibleLetter(db, actor, id, true);
    check(letter, 'submit', actor);
    const now = deps.now();
    await updateOpenLetter(db, id, { status: 'submitted', submittedAt: now, updatedAt: now });
    await audit(db, actor, letter, 'open_letter.submitted', now);
  });
  return getOpenLetter(deps, actor, id);
}

export async function returnOpenLetter(deps: AppDeps, actor: Actor, id: string, reason: string): Promise<OpenLetterView> {
  requireCapability(actor, 'survey.letter.approve');
  await inTransaction(deps.database, async (db) => {
    const letter = await visibleLetter(db, actor, id, true);
    check(letter, 'return', actor);
    const now = deps.now();
    await updateOpenLetter(db, id, { status: 'returned', returnedBy: actor.id, returnedAt: now, returnedReason: reason, updatedAt: now });
    await audit(db, actor, letter, 'open_letter.returned', now, { reason });
  });
  return getOpenLetter(deps, actor, id);
}

/**
 * The management representative's approval posts the letter: a notice to the whole project (kind
 * 社区事务, on paper on every building's board and in the portal, pushed on each owner's channel),
 * written by the letter's author and approved by the representative, published in the same transaction.
 */
export async function approveOpenLetter(deps: AppDeps, actor: Actor, id: string): Promise<OpenLetterView> {
  requireCapability(actor, 'survey.letter.approve');
  await inTransaction(deps.database, async (db) => {
    const letter = await visibleLetter(db, actor, id, true);
    check(letter, 'approve', actor);
    const now = deps.now();
    const notice: NoticeRecord = {
      id: deps.newId(),
      organizationId: letter.organizationId,
      projectId: letter.projectId,
      kind: 'community',
      title: letter.title,
      body: [letter.body, '', ...letter.promises.map((p, i) => `${i + 1}. ${p.text}${p.dueOn ? `（${p.dueOn} 前完成）` : ''}`)].join('\n'),
      emergency: false,
      emergencyReason: null,
      startsAt: null,
      endsAt: null,
      expiresAt: null,
      targetScope: 'project',
      targetIds: [],
      channels: ['wechat', 'sms', 'email'],
      paperPosting: true,
      supersedesId: null,
      ...freshDraft(letter.draftedBy, now),
      status: 'pending_approval',
      submittedBy: letter.draftedBy,
      submittedAt: letter.submittedAt,
    };
    requirePublishable(notice, now);
    await insertNotice(db, notice);
    await publishIn(deps, db, notice, actor.id, now);
    await updateOpenLetter(db, id, { status: 'published', approvedBy: actor.id, publishedAt: now, noticeId: notice.id, updatedAt: now });
    await audit(db, actor, letter, 'open_letter.published', now, { noticeId: notice.id });
  });
  deps.delivery?.poke();
  return getOpenLetter(deps, actor, id);
}

/** Sends the posted letter and the survey's statistics to the quality department: its officers are told in the console. */
export async function reportOpenLetter(deps: AppDeps, actor: Actor, id: string): Promise<OpenLetterView> {
  requireAny(actor, WRITERS);
  await inTransaction(deps.database, async (db) => {
    const letter = await visibleLetter(db, actor, id, true);
    check(letter, 'report', actor);
    const now = deps.now();
    await updateOpenLetter(db, id, { reportedBy: actor.id, reportedAt: now, updatedAt: now });
    const quality = (await listStaff(db, letter.organizationId, [letter.projectId])).filter((p) => p.active && p.roles.includes('quality_officer'));
    for (const officer of quality)
      await insertNotification(db, {
        id: deps.newId(),
        organizationId: letter.organizationId,
        recipientId: officer.id,
        caseId: null,
        kind: 'open_letter_reported',
        data: { letterId: letter.id, surveyId: letter.surveyId, projectId: letter.projectId, title: letter.title },
        createdAt: now,
        readAt: null,
      });
    await audit(db, actor, letter, 'open_letter.reported', now, { told: quality.length });
  });
  return getOpenLetter(deps, actor, id);
}

/** The quality department's check of one promise: kept or not, with a note. */
export async function verifyLetterPromise(
  deps: AppDeps,
  actor: Actor,
  id: string,
  promiseId: string,
  input: { verdict: 'kept' | 'not_kept'; note?: string },
): Promise<OpenLetterView> {
  requireCapability(actor, 'survey.manage');
  await inTransaction(deps.database, async (db) => {
    const letter = await visibleLetter(db, actor, id, true);
    check(letter, 'verify', actor);
    if (!letter.promises.some((p) => p.id === promiseId)) throw new DomainError('OPEN_LETTER_PROMISE_NOT_FOUND', 'promiseId');
    const now = deps.now();
    const promises = letter.promises.map((p) =>
      p.id === promiseId ? { ...p, verdict: input.verdict, note: input.note ?? null, verifiedBy: actor.id, verifiedAt: now } : p,
    );
    await updateOpenLetter(db, id, { promises, updatedAt: now });
    await audit(db, actor, letter, 'open_letter.promise_verified', now, { promiseId, verdict: input.verdict });
  });
  return getOpenLetter(deps, actor, id);
}
