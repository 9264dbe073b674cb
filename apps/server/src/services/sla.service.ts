import {
  advanceClocks,
  BusinessCalendar,
  withOwnDates,
  escalationChain,
  isOverdue,
  mainlandCalendarSpec,
  MAINLAND_YEARS,
  nextAlert,
  OFFICE_WEEK,
  scheduleClock,
  type CaseRecord,
  type CustomerGrade,
  type NewCaseEvent,
  type SlaClock,
  type SlaContext,
  type SlaRule,
  type WorkingSpan,
} from '@guanjia/core';
import {
  breachCountedAfter,
  findOwnerGrade,
  findProject,
  findProjectCalendar,
  insertClock,
  listCalendarYears,
  listClocksOfCase,
  listSlaRules,
  rollUpClockChanges,
  updateClock,
  type Schema,
  type StoredClock,
} from '@guanjia/storage';
import type { Kysely } from 'kysely';
import type { AppDeps } from '../context.ts';

/** A project's business calendar and SLA rules, as the clocks need them. */
export interface SlaSetup {
  calendar: BusinessCalendar;
  rules: readonly SlaRule[];
  timeZone: string;
  week: readonly (readonly WorkingSpan[])[];
  years: string[];
}

/**
 * The calendar of a project: its time zone, its working week (office hours unless configured), its
 * organization's loaded holiday years (the shipped mainland years when none were loaded) and its own
 * days off and working days on top of them.
 */
export async function loadSlaSetup(db: Kysely<Schema>, projectId: string): Promise<SlaSetup> {
  const project = await findProject(db, projectId);
  if (!project) throw new Error(`project ${projectId} not found`);
  const [own, loaded, rules] = await Promise.all([
    findProjectCalendar(db, projectId),
    listCalendarYears(db, project.organizationId),
    listSlaRules(db, projectId),
  ]);
  const years = loaded.length ? Object.fromEntries(loaded.map((y) => [y.year, y])) : MAINLAND_YEARS;
  const week = own?.week ?? OFFICE_WEEK;
  const organizationSpec = {
    ...mainlandCalendarSpec({ timeZone: project.timeZone, week, years }),
    ...(own?.makeupSpans ? { makeupSpans: own.makeupSpans } : {}),
  };
  const spec = withOwnDates(organizationSpec, { holidays: own?.holidays ?? [], makeupWorkdays: own?.makeupWorkdays ?? [] });
  return { calendar: new BusinessCalendar(spec), rules, timeZone: project.timeZone, week, years: Object.keys(years).sort() };
}

/** A project's setup, through the cache (calendars and rules change a few times a year). */
export async function slaSetupOf(deps: AppDeps, db: Kysely<Schema>, projectId: string): Promise<SlaSetup> {
  const load = () => loadSlaSetup(db, projectId);
  return deps.slaCache ? (await deps.slaCache.get(projectId, load))! : load();
}

async function customerGradeOf(db: Kysely<Schema>, ownerId: string | null): Promise<CustomerGrade | null> {
  return ownerId ? findOwnerGrade(db, ownerId) : null;
}

/** What the store keeps besides the core clock: who answers for it, and its next alert. */
function stored(k: SlaClock, c: CaseRecord, setup: SlaSetup, previous: StoredClock | undefined, now: string): StoredClock {
  const warned = previous?.warned ?? false;
  const escalations = previous?.escalations ?? 0;
  const running = k.stoppedAt === null;
  const alert = nextAlert(k, { warned, escalations }, escalationChain(c), setup.calendar);
  return {
    ...k,
    organizationId: c.organizationId,
    projectId: c.projectId,
    caseType: c.type,
    dueLocalDate: k.dueAt ? setup.calendar.localDate(Date.parse(k.dueAt)) : null,
    // while running: who has the case now; once stopped: who had it then
    departmentId: running || !previous || previous.stoppedAt === null ? c.departmentId : previous.departmentId,
    assigneeId: running || !previous || previous.stoppedAt === null ? (c.assigneeId ?? c.firstReceiverId) : previous.assigneeId,
    warned,
    escalations,
    // a breach the scheduler counted in the report rollups stays counted while the due instant stays
    breachCounted: breachCountedAfter(previous, k),
    nextAlertAt: alert?.at ?? null,
    updatedAt: previous && sameClock(previous, k) ? previous.updatedAt : now,
  };
}

const CORE_KEYS: readonly (keyof SlaClock)[] = ['kind', 'rule', 'startedAt', 'pauses', 'dueAt', 'warnAt', 'stoppedAt', 'result', 'lateMinutes'];
function sameClock(a: SlaClock, b: SlaClock): boolean {
  return CORE_KEYS.every((key) => JSON.stringify(a[key]) === JSON.stringify(b[key]));
}
function sameStored(a: StoredClock, b: StoredClock): boolean {
  return (
    sameClock(a, b) &&
    a.nextAlertAt === b.nextAlertAt &&
    a.breachCounted === b.breachCounted &&
    a.departmentId === b.departmentId &&
    a.assigneeId === b.assigneeId &&
    a.dueLocalDate === b.dueLocalDate
  );
}

/** What a new case's clocks are computed from: its project's setup and its owner's grade (read before the write, with the intake's other facts). */
export interface NewCaseClockContext {
  setup: SlaSetup;
  customerGrade: CustomerGrade | null;
}
export async function newCaseClockContext(deps: AppDeps, projectId: string, customerGrade: Promise<CustomerGrade | null>): Promise<NewCaseClockContext> {
  const [setup, grade] = await Promise.all([slaSetupOf(deps, deps.database.db, projectId), customerGrade]);
  return { setup, customerGrade: grade };
}

/**
 * The clocks a new case starts with (what syncCaseClocks with `isNew` stores), as rows for the
 * intake's one write; no I/O. The caller pokes the scheduler after commit when one has an alert.
 */
export function startCaseClocks(deps: AppDeps, context: NewCaseClockContext, c: CaseRecord, events: readonly NewCaseEvent[]): StoredClock[] {
  const { setup } = context;
  const ctx: SlaContext = { calendar: setup.calendar, projectRules: setup.rules, customerGrade: context.customerGrade, newId: deps.newId };
  let clocks: SlaClock[] = [];
  for (const e of events) clocks = advanceClocks(clocks, e, c, ctx);
  const now = deps.now();
  return clocks.map((k) => stored(k, c, setup, undefined, now));
}

/**
 * Feeds a case's new events through its clocks and stores what changed, inside the caller's
 * transaction. `c` is the case after the events. Returns the case's clocks.
 */
export async function syncCaseClocks(
  deps: AppDeps,
  db: Kysely<Schema>,
  c: CaseRecord,
  events: readonly NewCaseEvent[],
  options: { isNew?: boolean } = {},
): Promise<StoredClock[]> {
  const setup = await slaSetupOf(deps, db, c.projectId);
  const previous = options.isNew ? [] : await listClocksOfCase(db, c.id);
  const ctx: SlaContext = { calendar: setup.calendar, projectRules: setup.rules, customerGrade: await customerGradeOf(db, c.ownerId), newId: deps.newId };
  let clocks: SlaClock[] = previous;
  for (const e of events) clocks = advanceClocks(clocks, e, c, ctx);
  return saveClocks(deps, db, c, setup, previous, clocks);
}

/** Recomputes the running clocks of a case after its calendar or rules changed (`setup`: read in the same transaction); the clocks whose due instant moved. */
export async function recomputeCaseClocks(
  deps: AppDeps,
  db: Kysely<Schema>,
  c: CaseRecord,
  setup: SlaSetup,
): Promise<{ kind: string; from: string | null; to: string | null }[]> {
  const previous = await listClocksOfCase(db, c.id);
  const ctx: SlaContext = { calendar: setup.calendar, projectRules: setup.rules, customerGrade: await customerGradeOf(db, c.ownerId), newId: deps.newId };
  // an overdue clock keeps its due instant (a breach, once reached, stays)
  const now = deps.now();
  const clocks = previous.map((k) => (k.stoppedAt === null && !isOverdue(k, now) ? scheduleClock(k, c, ctx) : k));
  await saveClocks(deps, db, c, setup, previous, clocks);
  return clocks.flatMap((k, i) => (k.dueAt !== previous[i]!.dueAt ? [{ kind: k.kind, from: previous[i]!.dueAt, to: k.dueAt }] : []));
}

async function saveClocks(
  deps: AppDeps,
  db: Kysely<Schema>,
  c: CaseRecord,
  setup: SlaSetup,
  previous: readonly StoredClock[],
  clocks: readonly SlaClock[],
): Promise<StoredClock[]> {
  const now = deps.now();
  const before = new Map(previous.map((k) => [k.id, k]));
  const out: StoredClock[] = [];
  const written: { before: StoredClock | null; after: StoredClock }[] = [];
  for (const k of clocks) {
    const old = before.get(k.id);
    const row = stored(k, c, setup, old, now);
    if (!old) await insertClock(db, row);
    else if (!sameStored(old, row)) await updateClock(db, row);
    else {
      out.push(row);
      continue;
    }
    written.push({ before: old ?? null, after: row });
    out.push(row);
  }
  await rollUpClockChanges(db, written); // report rollups (decision 0015)
  if (out.some((k) => k.nextAlertAt !== null)) deps.scheduler?.poke();
  return out;
}
