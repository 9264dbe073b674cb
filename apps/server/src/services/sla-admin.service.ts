import {
  accusedExclusionOf,
  canSeeCase,
  CLOCK_LABELS,
  describeLateness,
  localDateOf,
  describeRemaining,
  describeTarget,
  DomainError,
  evolve,
  isOverdue,
  lateness,
  MAINLAND_YEARS,
  minutesBetween,
  requireCapability,
  validateCalendarSpec,
  visibleProjectIds,
  type Actor,
  type Locale,
  type NewCaseEvent,
  type SlaRule,
  type StaffActor,
  type WorkingSpan,
} from '@guanjia/core';
import {
  appendAudit,
  appendOutbox,
  complaintCategoryRollup,
  outcomeRollup,
  timelinessRollup,
  type OutcomeGrouping,
  type TimelinessGrouping,
  appendCaseEvents,
  countUnreadNotifications,
  findCase,
  findCases,
  findProjectCalendar,
  listCalendarYears,
  listClocksOfCase,
  listNotifications,
  type NoticeReader,
  listProjects,
  listRunningClocksOfProject,
  listSlaRules,
  markNotificationRead,
  markNotifiedDeliveryRead,
  replaceSlaRules,
  saveCalendarYear,
  saveProjectCalendar,
  updateCase,
  type Schema,
} from '@guanjia/storage';
import type { Kysely } from 'kysely';
import type { AppDeps } from '../context.ts';
import { getVisibleCase } from './cases.service.ts';
import { surveySatisfaction } from './survey-satisfaction.ts';
import { loadSlaSetup, recomputeCaseClocks, slaSetupOf } from './sla.service.ts';
import { visibleProject } from './structure.service.ts';
import { inTransaction } from './transaction.ts';

// --- clock times ⇄ minutes -----------------------------------------------------------------------

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const toClockTime = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const spansIn = (spans: readonly { start: string; end: string }[]): WorkingSpan[] => spans.map((s) => ({ start: toMinutes(s.start), end: toMinutes(s.end) }));
const spansOut = (spans: readonly WorkingSpan[]) => spans.map((s) => ({ start: toClockTime(s.start), end: toClockTime(s.end) }));

// --- project calendars -------------------------------------------------------------------------

export async function getProjectCalendar(deps: AppDeps, actor: StaffActor, projectId: string) {
  requireCapability(actor, 'structure.read');
  const p = await visibleProject(deps, actor, projectId, 'id');
  const setup = await slaSetupOf(deps, deps.database.db, p.id);
  const own = await findProjectCalendar(deps.database.db, p.id);
  return {
    projectId: p.id,
    timeZone: p.timeZone,
    week: setup.week.map(spansOut),
    makeupSpans: own?.makeupSpans ? spansOut(own.makeupSpans) : null,
    holidays: own?.holidays ?? [],
    makeupWorkdays: own?.makeupWorkdays ?? [],
    configured: !!own,
    years: setup.years,
  };
}

/**
 * Sets a project's working week and its own days off and working days (absent lists: unchanged); every
 * running clock of the project is recomputed (with an event where its due time moves).
 */
export async function setProjectCalendar(
  deps: AppDeps,
  actor: StaffActor,
  projectId: string,
  body: { week: { start: string; end: string }[][]; makeupSpans?: { start: string; end: string }[] | null; holidays?: string[]; makeupWorkdays?: string[] },
) {
  requireCapability(actor, 'structure.admin');
  const p = await visibleProject(deps, actor, projectId, 'id');
  const week = body.week.map(spansIn);
  const makeupSpans = body.makeupSpans ? spansIn(body.makeupSpans) : null;
  const previous = await findProjectCalendar(deps.database.db, p.id);
  const holidays = [...new Set(body.holidays ?? previous?.holidays ?? [])].sort();
  const makeupWorkdays = [...new Set(body.makeupWorkdays ?? previous?.makeupWorkdays ?? [])].sort();
  // the lists as sent are checked, so a refusal names the sender's index
  validateCalendarSpec({
    timeZone: p.timeZone,
    week,
    holidays: body.holidays ?? holidays,
    makeupWorkdays: body.makeupWorkdays ?? makeupWorkdays,
    ...(makeupSpans ? { makeupSpans } : {}),
  });
  const now = deps.now();
  const moved = await inTransaction(deps.database, async (db) => {
    await saveProjectCalendar(db, { projectId: p.id, organizationId: p.organizationId, week, makeupSpans, holidays, makeupWorkdays, updatedAt: now });
    await appendAudit(db, {
      organizationId: actor.organizationId,
      actorKind: 'staff',
      actorId: actor.id,
      action: 'calendar.update',
      targetType: 'project',
      targetId: p.id,
      projectId: p.id,
      detail: { week: body.week, makeupSpans: body.makeupSpans ?? null, holidays, makeupWorkdays },
      at: now,
    });
    deps.slaCache?.clear();
    return recomputeProject(deps, db, p.id, 'calendar', actor.id);
  });
  deps.slaCache?.clear();
  if (moved) deps.delivery?.poke();
  return { ...(await getProjectCalendar(deps, actor, p.id)), recomputedCases: moved };
}

// --- published holiday years -------------------------------------------------------------------

export async function listCalendarYearsView(deps: AppDeps, actor: StaffActor) {
  requireCapability(actor, 'structure.read');
  const loaded = await listCalendarYears(deps.database.db, actor.organizationId);
  if (loaded.length) return loaded.map(({ organizationId: _o, ...y }) => y);
  return Object.entries(MAINLAND_YEARS).map(([year, y]) => ({
    year,
    holidays: [...y.holidays],
    makeupWorkdays: [...y.makeupWorkdays],
    source: 'shipped',
    loadedBy: null,
    loadedAt: null,
  }));
}

/**
 * Loads one year's holidays and make-up working days for the organization (API and CLI). Every
 * date must lie in that year, and no date may be both; then every running clock is recomputed.
 */
export async function loadCalendarYear(
  deps: AppDeps,
  organizationId: string,
  year: string,
  body: { holidays: string[]; makeupWorkdays: string[]; source?: string },
  loadedBy: string | null,
) {
  for (const field of ['holidays', 'makeupWorkdays'] as const) {
    body[field].forEach((d, i) => {
      if (!d.startsWith(`${year}-`)) throw new DomainError('CALENDAR_DATE_INVALID', `${field}.${i}`, { date: d });
    });
  }
  validateCalendarSpec({ timeZone: 'Asia/Shanghai', week: [[], [], [], [], [], [], []], holidays: body.holidays, makeupWorkdays: body.makeupWorkdays });
  const now = deps.now();
  const existing = await listCalendarYears(deps.database.db, organizationId);
  const moved = await inTransaction(deps.database, async (db) => {
    // The first load replaces the shipped years: keep them, so loading 2027 does not forget 2026.
    if (existing.length === 0) {
      for (const [y, published] of Object.entries(MAINLAND_YEARS)) {
        if (y !== year)
          await saveCalendarYear(db, {
            organizationId,
            year: y,
            holidays: [...published.holidays],
            makeupWorkdays: [...published.makeupWorkdays],
            source: 'shipped',
            loadedBy: null,
            loadedAt: now,
          });
      }
    }
    await saveCalendarYear(db, {
      organizationId,
      year,
      holidays: [...new Set(body.holidays)].sort(),
      makeupWorkdays: [...new Set(body.makeupWorkdays)].sort(),
      source: body.source ?? null,
      loadedBy,
      loadedAt: now,
    });
    await appendAudit(db, {
      organizationId,
      actorKind: loadedBy ? 'staff' : 'system',
      actorId: loadedBy,
      action: 'calendar.year.load',
      targetType: 'calendar_year',
      targetId: year,
      detail: { holidays: body.holidays.length, makeupWorkdays: body.makeupWorkdays.length, source: body.source ?? null },
      at: now,
    });
    deps.slaCache?.clear();
    let cases = 0;
    for (const p of await listProjects(db, organizationId, null)) cases += await recomputeProject(deps, db, p.id, 'calendar', loadedBy);
    return cases;
  });
  deps.slaCache?.clear();
  if (moved) deps.delivery?.poke();
  return { year, holidays: body.holidays.length, makeupWorkdays: body.makeupWorkdays.length, recomputedCases: moved };
}

export async function loadCalendarYearAsAdmin(
  deps: AppDeps,
  actor: StaffActor,
  year: string,
  body: { holidays: string[]; makeupWorkdays: string[]; source?: string },
) {
  requireCapability(actor, 'structure.admin');
  if (!actor.companyWide) throw new DomainError('FORBIDDEN');
  return loadCalendarYear(deps, actor.organizationId, year, body, actor.id);
}

// --- SLA rules -----------------------------------------------------------------------------------

export async function getSlaRules(deps: AppDeps, actor: StaffActor, projectId: string) {
  requireCapability(actor, 'structure.read');
  const p = await visibleProject(deps, actor, projectId, 'id');
  return { projectId: p.id, rules: await listSlaRules(deps.database.db, p.id) };
}

/** Replaces a project's SLA rules (the defaults apply where none matches); running clocks are recomputed. */
export async function setSlaRules(deps: AppDeps, actor: StaffActor, projectId: string, rules: SlaRule[]) {
  requireCapability(actor, 'structure.admin');
  const p = await visibleProject(deps, actor, projectId, 'id');
  const now = deps.now();
  const moved = await inTransaction(deps.database, async (db) => {
    await replaceSlaRules(db, p.organizationId, p.id, rules, deps.newId, now);
    await appendAudit(db, {
      organizationId: actor.organizationId,
      actorKind: 'staff',
      actorId: actor.id,
      action: 'sla_rules.update',
      targetType: 'project',
      targetId: p.id,
      projectId: p.id,
      detail: { rules: rules.length },
      at: now,
    });
    deps.slaCache?.clear();
    return recomputeProject(deps, db, p.id, 'policy', actor.id);
  });
  deps.slaCache?.clear();
  if (moved) deps.delivery?.poke();
  return { projectId: p.id, rules, recomputedCases: moved };
}

/**
 * Recomputes every running clock of a project; each case whose due times move gets an event, and its
 * first receiver hears of it (the outbox row a command writes: delivery/case-messages.ts) unless they
 * made the change themselves.
 */
async function recomputeProject(deps: AppDeps, db: Kysely<Schema>, projectId: string, reason: 'calendar' | 'policy', actorId: string | null): Promise<number> {
  const caseIds = [...new Set((await listRunningClocksOfProject(db, projectId)).map((k) => k.caseId))];
  if (caseIds.length === 0) return 0;
  const setup = await loadSlaSetup(db, projectId); // the edited calendar and rules, uncommitted yet
  let changed = 0;
  for (const id of caseIds) {
    const c = await findCase(db, id, { forUpdate: true });
    if (!c) continue;
    const moved = await recomputeCaseClocks(deps, db, c, setup);
    if (moved.length === 0) continue;
    const event: NewCaseEvent = {
      type: 'sla_recomputed',
      actorKind: 'system',
      actorId: null,
      channel: 'internal',
      direction: 'internal',
      content: null,
      internal: true,
      attachmentIds: [],
      changes: {},
      data: { reason, clocks: moved },
      at: deps.now(),
    };
    await updateCase(db, evolve(c, event), c.version);
    await appendCaseEvents(db, c, [event], deps.newId);
    await appendOutbox(db, {
      organizationId: c.organizationId,
      topic: 'case.changed',
      payload: { caseId: c.id, projectId: c.projectId, events: [event.type], actorId },
      createdAt: event.at,
    });
    changed += 1;
  }
  return changed;
}

// --- a case's clocks, explained ------------------------------------------------------------------

export async function explainCaseSla(deps: AppDeps, actor: Actor, caseId: string, locale: Locale) {
  requireCapability(actor, 'case.read');
  const c = await getVisibleCase(deps, actor, caseId);
  const setup = await slaSetupOf(deps, deps.database.db, c.projectId);
  const now = deps.now();
  const clocks = await listClocksOfCase(deps.database.db, c.id);
  return {
    caseId: c.id,
    calendar: { timeZone: setup.timeZone, week: setup.week.map(spansOut), years: setup.years },
    clocks: clocks.map((k) => {
      const basis = k.rule.target.basis;
      const overdue = isOverdue(k, now);
      const remaining = k.stoppedAt === null && k.dueAt && !overdue ? minutesBetween(setup.calendar, basis, Date.parse(now), Date.parse(k.dueAt)) : null;
      const late = lateness(k, setup.calendar, now);
      return {
        id: k.id,
        kind: k.kind,
        label: CLOCK_LABELS[k.kind][locale],
        basis,
        target: k.rule.target,
        targetText: describeTarget(k.rule.target, locale),
        rule: {
          caseType: k.rule.caseType ?? null,
          category: k.rule.category ?? null,
          repairGrade: k.rule.repairGrade ?? null,
          customerGrade: k.rule.customerGrade ?? null,
        },
        startedAt: k.startedAt,
        pauses: k.pauses,
        dueAt: k.dueAt,
        warnAt: k.warnAt,
        stoppedAt: k.stoppedAt,
        result: k.result ?? (overdue ? 'breached' : null),
        running: k.stoppedAt === null,
        paused: k.stoppedAt === null && k.dueAt === null,
        lateMinutes: late === null ? null : Math.round(late.minutes * 10) / 10,
        lateCalendarMinutes: late === null ? null : Math.round(late.calendarMinutes * 10) / 10,
        lateText: late === null ? null : describeLateness(late.minutes, basis, locale, late.calendarMinutes),
        remainingText: remaining === null ? null : describeRemaining(remaining, basis, locale),
        warned: k.warned,
        escalations: k.escalations,
        nextAlertAt: k.nextAlertAt,
      };
    }),
  };
}

// --- notifications -------------------------------------------------------------------------------

/**
 * What I may be shown of my notices (core's canSeeCase as storage's where-clause): none about a case I
 * may no longer see — a complaint naming me as accused after the notice was written, a project no
 * longer mine. The list and the unread badge use the same clause, so the badge counts what the list shows.
 */
function noticeReaderOf(actor: StaffActor): NoticeReader {
  return {
    organizationId: actor.organizationId,
    projectIds: actor.companyWide ? null : actor.projectIds,
    excludeAccused: accusedExclusionOf(actor),
    readsCases: actor.capabilities.has('case.read'),
  };
}

/**
 * My notifications, minus any about a case I may not see: the accused is never told of it, not even
 * by an older notice. A digest shown keeps only its items about cases I may see.
 */
export async function myNotifications(deps: AppDeps, actor: StaffActor, q: { unread: 'true' | 'false'; limit: number }) {
  const list = await listNotifications(deps.database.db, actor.id, { unreadOnly: q.unread === 'true', limit: q.limit, shownTo: noticeReaderOf(actor) });
  const itemsOf = (n: (typeof list)[number]) => (n.kind === 'sla_digest' && Array.isArray(n.data.items) ? (n.data.items as { caseId?: unknown }[]) : []);
  const itemCaseIds = list.flatMap((n) => itemsOf(n).flatMap((i) => (typeof i.caseId === 'string' ? [i.caseId] : [])));
  if (itemCaseIds.length === 0) return list;
  const cases = await findCases(deps.database.db, [...new Set(itemCaseIds)]);
  const hidden = new Set(cases.filter((c) => !canSeeCase(actor, c)).map((c) => c.id));
  if (hidden.size === 0) return list;
  // the digest itself is shown (at least one item is visible: the where-clause above); its hidden items are not
  return list.map((n) => {
    const items = itemsOf(n);
    if (items.length === 0) return n;
    const shown = items.filter((i) => !(typeof i.caseId === 'string' && hidden.has(i.caseId)));
    return shown.length === items.length ? n : { ...n, data: { ...n.data, items: shown, count: shown.length } };
  });
}

/** The unread badge: how many of my notifications the list would show unread, counted in the database (no list downloaded). */
export async function myUnreadCount(deps: AppDeps, actor: StaffActor): Promise<{ count: number }> {
  return { count: await countUnreadNotifications(deps.database.db, actor.id, noticeReaderOf(actor)) };
}

export async function readNotification(deps: AppDeps, actor: StaffActor, id: string) {
  const at = deps.now();
  await inTransaction(deps.database, async (db) => {
    if (!(await markNotificationRead(db, actor.id, id, at))) throw new DomainError('NOT_FOUND', 'id');
    // the read receipt: the in-app delivery the notification told of becomes read
    await markNotifiedDeliveryRead(db, actor.id, id, at);
  });
}

/**
 * What a report covers: the reader's projects (or the one asked for, if theirs) and a period of
 * local dates [from, to), by default the current month.
 */
export async function reportScope(deps: AppDeps, actor: StaffActor, q: { from?: string; to?: string; projectId?: string }) {
  requireCapability(actor, 'report.read');
  const scope = visibleProjectIds(actor);
  let projectIds: string[] | null = scope === 'all' ? null : [...scope];
  let timeZone = DEFAULT_REPORT_ZONE;
  if (q.projectId) {
    timeZone = (await visibleProject(deps, actor, q.projectId)).timeZone;
    projectIds = [q.projectId];
  } else if (!q.from) {
    timeZone = (await listProjects(deps.database.db, actor.organizationId, projectIds))[0]?.timeZone ?? timeZone;
  }
  // "this month" is the project's local month (1 November 00:30 in Shanghai is still 31 October in UTC)
  const today = localDateOf(deps.now(), timeZone);
  const from = q.from ?? `${today.slice(0, 7)}-01`;
  const to = q.to ?? nextMonth(from);
  if (to <= from) throw new DomainError('FIELD_INVALID', 'query.to', { reason: `> ${from}` });
  return { projectIds, from, to };
}

// --- timeliness (沟通及时率) -----------------------------------------------------------------------

/** The share of clocks met, by staff, department, project, case type, month or clock, within the reader's projects. */
export async function timelinessReport(deps: AppDeps, actor: StaffActor, q: { groupBy: TimelinessGrouping; from?: string; to?: string; projectId?: string }) {
  const { projectIds, from, to } = await reportScope(deps, actor, q);
  const rows = await timelinessRollup(deps.database.db, {
    organizationId: actor.organizationId,
    projectIds: await resolvedProjectIds(deps, actor, projectIds),
    from,
    to,
    now: deps.now(),
    groupBy: q.groupBy,
    excludeAccused: accusedExclusionOf(actor),
  });
  const total = rows.reduce((a, r) => ({ met: a.met + r.met, breached: a.breached + r.breached }), { met: 0, breached: 0 });
  const rate = (met: number, breached: number) => (met + breached === 0 ? null : Math.round((met / (met + breached)) * 10_000) / 10_000);
  return {
    groupBy: q.groupBy,
    from,
    to,
    counts: 'clocks' as const,
    dated: 'due' as const,
    rows: rows.map((r) => ({ key: r.key, met: r.met, breached: r.breached, total: r.met + r.breached, rate: rate(r.met, r.breached) })),
    total: { ...total, total: total.met + total.breached, rate: rate(total.met, total.breached) },
  };
}

const DEFAULT_REPORT_ZONE = 'Asia/Shanghai';

/** The reader's projects as a list (company-wide: every project of the organization). */
async function resolvedProjectIds(deps: AppDeps, actor: StaffActor, projectIds: string[] | null): Promise<string[]> {
  return projectIds ?? (await listProjects(deps.database.db, actor.organizationId, null)).map((p) => p.id);
}

function nextMonth(date: string): string {
  const d = new Date(`${date.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return d.toISOString().slice(0, 10);
}

// --- outcomes: resolution success and satisfaction (问题处理成功率, 业主满意度) --------------------

/**
 * Closed cases in [from, to) (local dates), by month (the project's local month), department or
 * project: resolution success = closed with the owner satisfied, never reopened / closed;
 * satisfaction = satisfied / asked; average rating. Plus complaint categories ranked.
 */
export async function outcomesReport(deps: AppDeps, actor: StaffActor, q: { groupBy: OutcomeGrouping; from?: string; to?: string; projectId?: string }) {
  const scope = await reportScope(deps, actor, q);
  const { from, to } = scope;
  const filter = {
    organizationId: actor.organizationId,
    projectIds: await resolvedProjectIds(deps, actor, scope.projectIds),
    from,
    to,
    // the accused's measures leave out the complaints against them (they may not know of them)
    excludeAccused: accusedExclusionOf(actor),
  };
  const [raw, categoryCounts, surveys] = await Promise.all([
    outcomeRollup(deps.database.db, { ...filter, groupBy: q.groupBy }),
    complaintCategoryRollup(deps.database.db, filter),
    surveySatisfaction(deps, filter.projectIds),
  ]);
  const categories = categoryCounts.sort((a, b) => b.count - a.count || ((a.category ?? '') < (b.category ?? '') ? -1 : 1));
  const groups = new Map(raw.map((r) => [r.key, r]));
  const ratio = (a: number, b: number) => (b === 0 ? null : Math.round((a / b) * 10_000) / 10_000);
  const rows = [...groups]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, g]) => ({
      key,
      closed: g.closed,
      // 问题处理成功率: out-of-scope closures are reported apart, not counted as failures (decision 0040)
      outOfScope: g.outOfScope,
      reopened: g.reopened,
      resolvedFirstTime: g.resolvedFirstTime,
      successRate: ratio(g.resolvedFirstTime, g.closed - g.outOfScope),
      satisfactionRate: ratio(g.satisfied, g.asked),
      averageRating: g.rated ? Math.round((g.ratingSum / g.rated) * 100) / 100 : null,
    }));
  return { groupBy: q.groupBy, from, to, counts: 'cases' as const, dated: 'closed' as const, rows, complaintCategories: categories, surveys };
}
