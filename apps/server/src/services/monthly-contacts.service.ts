import {
  contactClock,
  contactDueOn,
  DomainError,
  localDateOf,
  localMonthOf,
  maskName,
  MONTHLY_DEFAULTS,
  monthInstants,
  planContactList,
  type Actor,
  type CaseType,
  type MonthlyContactChannel,
  type MonthlyContactResult,
} from '@guanjia/core';
import {
  findCases,
  findMonthlyContact,
  findSurveyCommentTexts,
  findVisitOpinionTexts,
  insertMonthlyContacts,
  listMonthlyContacts,
  monthlyContactSources,
  monthSurveyComments,
  monthVisitOpinions,
  namesOf,
  SURVEY_COMMENT_PREFIX,
  updateMonthlyContact,
  VISIT_OPINION_PREFIX,
  type ContactAttempt,
  type MonthlyContactRecord,
  type Schema,
} from '@guanjia/storage';
import type { Kysely } from 'kysely';
import type { AppDeps } from '../context.ts';
import { MONTHLY_READ, monthlyProject, requireAnyCapability, requireVisible } from './monthly-access.ts';
import { inTransaction } from './transaction.ts';

/**
 * The service supervisor's monthly contact list (每月投诉和提出意见的客户沟通, seed 004 §3.2): every
 * owner who complained or made a suggestion in a month, one row each with what they raised, due by
 * the 5th of the following month. Generated (and regenerated during the month: new owners and cases
 * are added, nothing is duplicated) from the month's cases; each row is closed by a contact record or
 * marked unreachable after attempts. Opinions raised at visits count too (by their case once they are one), and so
 * do the comments of survey answers (客户意见登记): the supervisor's contact is the respondent's callback.
 */

const SOURCES = { cases: true, visitOpinions: true, surveyComments: true };

/** The rows as the API shows them: the owner's masked name, the cases listed, the clock. */
export async function contactViews(db: Kysely<Schema>, rows: readonly MonthlyContactRecord[], timeZone: string, now: string) {
  const owners = await namesOf(
    db,
    'owners',
    rows.map((r) => r.ownerId),
  );
  const ids = [...new Set(rows.flatMap((r) => r.caseIds))];
  const cases = new Map<string, { id: string; number: string; type: CaseType; title: string }>(
    (
      await findCases(
        db,
        ids.filter((id) => !id.startsWith(VISIT_OPINION_PREFIX) && !id.startsWith(SURVEY_COMMENT_PREFIX)),
      )
    ).map((c) => [c.id, c]),
  );
  const commentIds = ids.filter((id) => id.startsWith(SURVEY_COMMENT_PREFIX)).map((id) => id.slice(SURVEY_COMMENT_PREFIX.length));
  for (const c of await findSurveyCommentTexts(db, commentIds))
    cases.set(`${SURVEY_COMMENT_PREFIX}${c.id}`, { id: `${SURVEY_COMMENT_PREFIX}${c.id}`, number: '', type: 'suggestion', title: c.text });
  const opinionIds = ids.filter((id) => id.startsWith(VISIT_OPINION_PREFIX)).map((id) => id.slice(VISIT_OPINION_PREFIX.length));
  // a visit opinion turned into a case since: shown once, as its case (listed too once the list is generated again)
  const becameCase = new Map<string, string>();
  for (const o of await findVisitOpinionTexts(db, opinionIds)) {
    cases.set(`${VISIT_OPINION_PREFIX}${o.id}`, { id: `${VISIT_OPINION_PREFIX}${o.id}`, number: '', type: o.caseType as CaseType, title: o.text });
    if (o.caseId) becameCase.set(`${VISIT_OPINION_PREFIX}${o.id}`, o.caseId);
  }
  const today = localDateOf(now, timeZone);
  return rows.map((r) => ({
    id: r.id,
    projectId: r.projectId,
    month: r.month,
    ownerId: r.ownerId,
    ownerName: maskName(owners.get(r.ownerId) ?? ''),
    cases: r.caseIds.flatMap((id) => {
      if (r.caseIds.includes(becameCase.get(id) ?? '')) return [];
      const c = cases.get(id);
      return c ? [{ id: c.id, number: c.number, type: c.type, title: c.title }] : [];
    }),
    dueOn: r.dueOn,
    status: r.status,
    clock: contactClock({ dueOn: r.dueOn, closedOn: r.closedAt ? localDateOf(r.closedAt, timeZone) : null }, today),
    attempts: r.attempts,
    channel: r.channel,
    ownerWords: r.ownerWords,
    result: r.result,
    closedBy: r.closedBy,
    closedAt: r.closedAt,
  }));
}

async function listView(deps: AppDeps, projectId: string, month: string, timeZone: string, added: number) {
  const db = deps.database.db;
  const rows = await contactViews(db, await listMonthlyContacts(db, projectId, month), timeZone, deps.now());
  return { projectId, month, dueOn: contactDueOn(month), rows, added, sources: SOURCES };
}

/** A month that has started (in the project's time zone): a list of the future has nothing in it. */
export function requireStartedMonth(month: string, timeZone: string, now: string): void {
  if (month > localMonthOf(now, timeZone)) throw new DomainError('MONTHLY_MONTH_NOT_STARTED', 'month', { month });
}

/** Generates (or completes) a month's list: owners not listed yet are added, listed ones gain their new cases. */
export async function generateContacts(deps: AppDeps, actor: Actor, input: { projectId: string; month: string }) {
  const project = await monthlyProject(deps, actor, ['monthly.write'], input.projectId);
  const now = deps.now();
  requireStartedMonth(input.month, project.timeZone, now);
  const { from, to } = monthInstants(input.month, project.timeZone);
  const added = await inTransaction(deps.database, async (db) => {
    const existing = await listMonthlyContacts(db, input.projectId, input.month);
    const opinions = (await monthVisitOpinions(db, input.projectId, from, to)).map((o) => ({
      ownerId: o.ownerId,
      caseId: o.caseId ?? `${VISIT_OPINION_PREFIX}${o.id}`,
    }));
    // a comment of a known owner lists them (a paper questionnaire may have none)
    const comments = (await monthSurveyComments(db, input.projectId, from, to)).flatMap((c) =>
      c.ownerId ? [{ ownerId: c.ownerId, caseId: `${SURVEY_COMMENT_PREFIX}${c.id}` }] : [],
    );
    const sources = [...(await monthlyContactSources(db, input.projectId, from, to)), ...opinions, ...comments];
    const plan = planContactList(existing, sources);
    await insertMonthlyContacts(
      db,
      plan.created.map((r) => ({
        id: deps.newId(),
        organizationId: project.organizationId,
        projectId: input.projectId,
        month: input.month,
        ownerId: r.ownerId,
        caseIds: r.caseIds,
        dueOn: contactDueOn(input.month),
        status: 'open',
        attempts: [],
        channel: null,
        ownerWords: null,
        result: null,
        closedBy: null,
        closedAt: null,
        createdAt: now,
        updatedAt: now,
      })),
    );
    const byOwner = new Map(existing.map((r) => [r.ownerId, r]));
    for (const g of plan.grown) {
      const row = byOwner.get(g.ownerId)!;
      // something new raised after the owner was contacted: the row is open again (its history kept)
      await updateMonthlyContact(db, row.id, row.updatedAt, {
        caseIds: [...row.caseIds, ...g.added],
        ...(row.status === 'open' ? {} : { status: 'open' as const, closedAt: null, closedBy: null }),
        updatedAt: now,
      });
    }
    return plan.created.length;
  });
  return listView(deps, input.projectId, input.month, project.timeZone, added);
}

export async function listContacts(deps: AppDeps, actor: Actor, q: { projectId: string; month: string }) {
  const project = await monthlyProject(deps, actor, MONTHLY_READ, q.projectId);
  return listView(deps, q.projectId, q.month, project.timeZone, 0);
}

async function openContact(deps: AppDeps, actor: Actor, id: string) {
  requireAnyCapability(actor, ['monthly.write']);
  const row = requireVisible(actor, await findMonthlyContact(deps.database.db, id), 'MONTHLY_CONTACT_NOT_FOUND');
  const project = await monthlyProject(deps, actor, ['monthly.write'], row.projectId, 'id');
  if (row.status !== 'open') throw new DomainError('MONTHLY_CONTACT_CLOSED', 'id');
  return { row, project };
}

async function saveContact(deps: AppDeps, row: MonthlyContactRecord, patch: Partial<MonthlyContactRecord>, timeZone: string) {
  const saved = await inTransaction(deps.database, (db) => updateMonthlyContact(db, row.id, row.updatedAt, patch));
  if (!saved) throw new DomainError('MONTHLY_CONTACT_CLOSED', 'id');
  const again = (await findMonthlyContact(deps.database.db, row.id))!;
  return (await contactViews(deps.database.db, [again], timeZone, deps.now()))[0]!;
}

export type AttemptInput =
  | { reached: true; channel: MonthlyContactChannel; ownerWords: string; result: MonthlyContactResult; note?: string }
  | { reached: false; channel: MonthlyContactChannel; note?: string };

/** Records a call or visit: reached closes the row with the contact record; not reached counts an attempt. */
export async function recordAttempt(deps: AppDeps, actor: Actor, id: string, input: AttemptInput) {
  const { row, project } = await openContact(deps, actor, id);
  const now = deps.now();
  const attempt: ContactAttempt = {
    at: now,
    by: actor.id,
    reached: input.reached,
    channel: input.channel,
    ownerWords: input.reached ? input.ownerWords : null,
    result: input.reached ? input.result : null,
    note: input.note ?? null,
  };
  const patch: Partial<MonthlyContactRecord> = { attempts: [...row.attempts, attempt], updatedAt: now };
  if (input.reached)
    Object.assign(patch, {
      status: 'contacted',
      channel: input.channel,
      ownerWords: input.ownerWords,
      result: input.result,
      closedBy: actor.id,
      closedAt: now,
    });
  return saveContact(deps, row, patch, project.timeZone);
}

/** Marks the owner unreachable this month, after at least three failed attempts (MONTHLY_DEFAULTS). */
export async function markUnreachable(deps: AppDeps, actor: Actor, id: string, input: { note: string }) {
  const { row, project } = await openContact(deps, actor, id);
  const failed = row.attempts.filter((a) => !a.reached).length;
  const needed = MONTHLY_DEFAULTS.attemptsBeforeUnreachable;
  if (failed < needed) throw new DomainError('MONTHLY_ATTEMPTS_TOO_FEW', 'id', { needed, made: failed });
  const now = deps.now();
  return saveContact(
    deps,
    row,
    { status: 'unreachable', result: null, ownerWords: input.note, closedBy: actor.id, closedAt: now, updatedAt: now },
    project.timeZone,
  );
}
