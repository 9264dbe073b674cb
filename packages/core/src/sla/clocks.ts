import { STATUTORY_OBJECTION_CATEGORY } from '@guanjia/vocabulary';
import type { BusinessCalendar } from '../calendar/business-calendar.ts';
import type { CaseRecord, CaseType } from '../cases/case.ts';
import type { NewCaseEvent } from '../cases/events.ts';
import { refuse, type Refusal } from '../shared/errors.ts';
import {
  DEFAULT_LATE_INTAKE_HOURS,
  DEFAULT_WARN_AT,
  policySubjectOf,
  resolveRule,
  type ClockBasis,
  type ClockKind,
  type CustomerGrade,
  type SlaRule,
  type SlaTarget,
} from './policies.ts';

/**
 * SLA clocks (SPEC §4–§5). A case's events start, pause, resume and stop its clocks; each clock keeps
 * its start, its pauses, the rule it runs under, its due instant and its result. Clocks are
 * independent: none overrides another. Everything here is pure; the server stores the clocks and
 * feeds each new event through `advanceClocks`.
 */

/** A stretch during which the clock does not run (waiting on the owner); `to` null: open-ended. */
export interface ClockPause {
  from: string;
  to: string | null;
  reason: string | null;
}

export type ClockResult = 'met' | 'breached' | 'cancelled';

export interface SlaClock {
  id: string;
  caseId: string;
  kind: ClockKind;
  /** The rule the clock runs under (target, basis, warning, escalation), resolved from the case. */
  rule: SlaRule;
  startedAt: string;
  pauses: ClockPause[];
  /** Null while paused without an end. */
  dueAt: string | null;
  warnAt: string | null;
  stoppedAt: string | null;
  result: ClockResult | null;
  /** At a breached stop: how late, in the clock's own minutes (working minutes on working time). */
  lateMinutes: number | null;
}

export interface SlaContext {
  calendar: BusinessCalendar;
  projectRules: readonly SlaRule[];
  customerGrade: CustomerGrade | null;
  newId: () => string;
}

interface ClockDefinition {
  kind: ClockKind;
  /** Case types the clock belongs to (all when absent). */
  types?: readonly CaseType[];
  startsOn(e: NewCaseEvent, c: CaseRecord): boolean;
  stopsOn(e: NewCaseEvent, c: CaseRecord): boolean;
  /** For clocks due at an instant the case holds (a promise, a deadline, an appointment). */
  fixedDue?(c: CaseRecord): string | null;
  /**
   * A follow-up task (回访): it may start on a closed case and closing does not stop it; only its
   * own stopping event (a recorded follow-up) does.
   */
  afterClose?: boolean;
}

const opened = (e: NewCaseEvent) => e.type === 'created' || e.type === 'retyped';
const is =
  (...types: NewCaseEvent['type'][]) =>
  (e: NewCaseEvent) =>
    types.includes(e.type);
const outbound = (e: NewCaseEvent) => e.type === 'message' && e.direction === 'outbound';
/** The event set this case field (at creation: the case already has it). */
const sets = (field: keyof CaseRecord) => (e: NewCaseEvent, c: CaseRecord) => c[field] !== null && (e.type === 'created' || field in e.changes);
const unsatisfied = (e: NewCaseEvent, c: CaseRecord) => e.type === 'satisfaction_recorded' && c.satisfied === false;
/** A follow-up made: a callback's attempt that did not reach the owner (`data.reached` false) is not one. */
const followedUp = (e: NewCaseEvent) => e.type === 'follow_up_recorded' && e.data.reached !== false;
/**
 * Handed to someone who must act: a transfer, an escalation that names the department, or a
 * complaint at company or leadership level (escalated there, or taken in there at intake), which has
 * its handler's clocks running even before any department is named.
 */
const handedOver = (e: NewCaseEvent, c: CaseRecord) =>
  e.type === 'transferred' ||
  (e.type === 'escalated' && (!!e.changes.departmentId || c.level !== 'office')) ||
  (e.type === 'created' && c.type === 'complaint' && c.level !== 'office');

/**
 * Who answers for a follow-up task (the "assignee" of its warnings and first escalation step): the
 * desk that took the case (its first receiver) calls back after a rework; the quality department
 * calls back after a company-level complaint. Other clocks: whoever has the case.
 */
export const FOLLOW_UP_RESPONSIBLE: Partial<Record<ClockKind, 'first_receiver' | 'quality_department'>> = {
  rework_follow_up: 'first_receiver',
  quality_callback: 'quality_department',
};

/** The clocks that are follow-up tasks (the follow-up queue lists the cases running one). */
export const FOLLOW_UP_CLOCK_KINDS = Object.keys(FOLLOW_UP_RESPONSIBLE) as ClockKind[];

export const CLOCK_DEFINITIONS: readonly ClockDefinition[] = [
  {
    kind: 'first_reply',
    types: ['inquiry'],
    startsOn: opened,
    stopsOn: (e) => outbound(e) || ['acknowledged', 'answered', 'transferred', 'owner_contacted', 'owner_informed'].includes(e.type),
  },
  { kind: 'department_answer', types: ['inquiry'], startsOn: handedOver, stopsOn: is('answer_submitted') },
  {
    kind: 'reply_to_owner',
    types: ['inquiry'],
    startsOn: is('answer_submitted'),
    stopsOn: (e) => outbound(e) || ['owner_informed', 'answered'].includes(e.type),
  },
  { kind: 'complaint_transfer', types: ['complaint'], startsOn: opened, stopsOn: is('transferred', 'escalated') },
  { kind: 'department_contact', types: ['complaint'], startsOn: handedOver, stopsOn: is('owner_contacted') },
  {
    kind: 'complaint_plan',
    types: ['complaint'],
    startsOn: (e, c) => handedOver(e, c) || e.type === 'plan_returned' || unsatisfied(e, c),
    stopsOn: is('plan_submitted'),
  },
  { kind: 'plan_approval', types: ['complaint'], startsOn: is('plan_submitted'), stopsOn: is('plan_approved', 'plan_returned') },
  { kind: 'suggestion_feedback', types: ['suggestion'], startsOn: handedOver, stopsOn: is('evaluated') },
  {
    kind: 'repair_on_site',
    types: ['repair'],
    startsOn: opened,
    stopsOn: is('arrived_on_site'),
    fixedDue: (c) => (c.repairGrade === 'appointment' ? c.appointmentAt : null),
  },
  // a repair whose owner is not satisfied is reworked at once (its own on-site clock; an old
  // appointment does not carry over) and gets a special follow-up within 24 hours (SPEC §4)
  { kind: 'rework_on_site', types: ['repair'], startsOn: unsatisfied, stopsOn: is('arrived_on_site') },
  { kind: 'rework_follow_up', types: ['repair'], startsOn: unsatisfied, stopsOn: followedUp, afterClose: true },
  // the quality department calls back after a complaint handled above the office is closed: at
  // company level, and at leadership level (a complaint against the office's management or claiming
  // compensation: the office, whose management it concerns, does not make that call)
  {
    kind: 'quality_callback',
    types: ['complaint'],
    startsOn: (e, c) => e.type === 'closed' && c.level !== 'office',
    stopsOn: followedUp,
    afterClose: true,
  },
  // an owner's objection to a statutory posting (业主异议, SPEC §9) is answered within 3 days: its own
  // clock beside the inquiry's, started when the objection's case is opened, stopped by the answer
  {
    kind: 'objection_reply',
    types: ['inquiry'],
    startsOn: (e, c) => opened(e) && c.category === STATUTORY_OBJECTION_CATEGORY,
    stopsOn: (e) => ['answered', 'owner_informed'].includes(e.type),
  },
  { kind: 'promised_time', startsOn: sets('promisedAt'), stopsOn: (e) => ['answered', 'owner_informed'].includes(e.type), fixedDue: (c) => c.promisedAt },
  {
    kind: 'owner_deadline',
    startsOn: sets('ownerDeadlineAt'),
    stopsOn: (e, c) => e.type === 'satisfaction_recorded' && c.satisfied === true,
    fixedDue: (c) => c.ownerDeadlineAt,
  },
  {
    kind: 'department_commitment',
    startsOn: is('accepted'),
    stopsOn: is('answer_submitted', 'plan_submitted', 'evaluated', 'work_completed'),
    fixedDue: (c) => c.committedAt,
  },
];
const DEFINITIONS = new Map(CLOCK_DEFINITIONS.map((d) => [d.kind, d]));

const appliesTo = (d: ClockDefinition, type: CaseType) => !d.types || d.types.includes(type);
const running = (k: SlaClock) => k.stoppedAt === null;
const closing = (e: NewCaseEvent) => e.type === 'closed' || e.type === 'closed_out_of_scope';

/**
 * The instant a stopping event happened: a recorded arrival or completion (`at` given by the
 * technician, checked by `decide`) rather than the moment it was typed in.
 */
function happenedAt(e: NewCaseEvent, c: CaseRecord): string {
  if (e.type === 'arrived_on_site' && c.onSiteAt) return c.onSiteAt;
  if (e.type === 'work_completed' && c.doneAt) return c.doneAt;
  return e.at;
}

/**
 * Feeds one event (already applied: `c` is the case after it) through a case's clocks and returns
 * the new list: clocks stopped, cancelled (re-typed away), paused, resumed, started, and every running
 * clock's due instant recomputed from the case as it now is (a new grade, appointment or promise).
 */
export function advanceClocks(clocks: readonly SlaClock[], e: NewCaseEvent, c: CaseRecord, ctx: SlaContext): SlaClock[] {
  let next = clocks.map((k) => ({ ...k, pauses: [...k.pauses] }));
  const stop = (k: SlaClock, at: string, result?: ClockResult) => {
    const stoppedAt = at < k.startedAt ? k.startedAt : at;
    k.stoppedAt = stoppedAt;
    if (result === 'cancelled') {
      k.result = 'cancelled';
      return;
    }
    const due = k.dueAt;
    // "met" only when stopped by the due instant; a breach, once reached, stays
    k.result = due === null || stoppedAt <= due ? 'met' : 'breached';
    k.lateMinutes = k.result === 'breached' ? roundMinutes(minutesBetween(ctx.calendar, k.rule.target.basis, Date.parse(due!), Date.parse(stoppedAt))) : null;
    closeOpenPause(k, stoppedAt);
  };

  for (const k of next.filter(running)) {
    const d = DEFINITIONS.get(k.kind)!;
    if (e.type === 'retyped' && !appliesTo(d, c.type)) stop(k, e.at, 'cancelled');
    else if (d.stopsOn(e, c)) stop(k, happenedAt(e, c));
    else if (closing(e) && !d.afterClose) stop(k, e.at);
  }
  if (e.type === 'clocks_paused') {
    const until = typeof e.data.until === 'string' ? e.data.until : null;
    // an overdue clock is not paused: it keeps its due instant, its breach and its escalation
    for (const k of next.filter((x) => pausable(x, c, e.at))) k.pauses.push({ from: e.at, to: until, reason: e.content });
  }
  if (e.type === 'clocks_resumed' || (e.type === 'message' && e.direction === 'inbound')) {
    for (const k of next.filter(running)) closeOpenPause(k, e.at);
  }
  for (const d of CLOCK_DEFINITIONS) {
    if (c.status === 'closed' && !d.afterClose) continue;
    if (!appliesTo(d, c.type) || !d.startsOn(e, c) || next.some((k) => k.kind === d.kind && running(k))) continue;
    if (d.fixedDue && d.kind !== 'repair_on_site' && !d.fixedDue(c)) continue;
    next.push({
      id: ctx.newId(),
      caseId: c.id,
      kind: d.kind,
      rule: resolveRule(d.kind, policySubjectOf(c, ctx.customerGrade), ctx.projectRules),
      startedAt: e.at,
      pauses: [],
      dueAt: null,
      warnAt: null,
      stoppedAt: null,
      result: null,
      lateMinutes: null,
    });
  }
  // a clock already overdue keeps its due instant: no regrade, new appointment or extension given
  // after the breach turns it back into a clock in time
  next = next.map((k) => (running(k) && !isOverdue(k, e.at) ? scheduleClock(k, c, ctx) : k));
  return next;
}

/**
 * Whether a pause given at `at` pauses this clock: running, not due at an instant the case holds (a
 * promise, a deadline, an appointment), not paused already, and not past its due instant (a breach,
 * once reached, stays).
 */
function pausable(k: SlaClock, c: CaseRecord, at: string): boolean {
  return running(k) && !DEFINITIONS.get(k.kind)!.fixedDue?.(c) && !pauseInEffect(k, at) && !isOverdue(k, at);
}

/** What a pause given at `at` does to a case's clocks: those it pauses, and the running ones past their due instant, which it leaves running. */
export function pauseOutcome(clocks: readonly SlaClock[], c: CaseRecord, at: string): { paused: SlaClock[]; overdue: SlaClock[] } {
  return { paused: clocks.filter((k) => pausable(k, c, at)), overdue: clocks.filter((k) => isOverdue(k, at)) };
}

/**
 * A pause as it is recorded (SPEC §5: a breach, once reached, stays). The `clocks_paused` event names
 * the clocks it paused and those it left running because they were overdue (`data.paused`,
 * `data.keptRunning` with each one's due instant), so the timeline never reads "paused" over a clock
 * that runs on. A pause that would pause nothing while a clock runs overdue is refused
 * (CLOCKS_OVERDUE, naming them): there is nothing to wait for, only a breach to act on.
 */
export function settlePause(
  event: NewCaseEvent,
  clocks: readonly SlaClock[],
  c: CaseRecord,
): { ok: true; event: NewCaseEvent } | { ok: false; refusal: Refusal } {
  if (event.type !== 'clocks_paused') return { ok: true, event };
  const { paused, overdue } = pauseOutcome(clocks, c, event.at);
  if (paused.length === 0 && overdue.length > 0)
    return { ok: false, refusal: refuse('CLOCKS_OVERDUE', undefined, { clocks: overdue.map((k) => k.kind).join(',') }) };
  return {
    ok: true,
    event: {
      ...event,
      data: { ...event.data, paused: paused.map((k) => k.kind), keptRunning: overdue.map((k) => ({ clock: k.kind, dueAt: k.dueAt })) },
    },
  };
}

/** Recomputes a running clock's rule, due and warning instants from the case as it now is. */
export function scheduleClock(k: SlaClock, c: CaseRecord, ctx: SlaContext): SlaClock {
  const rule = resolveRule(k.kind, policySubjectOf(c, ctx.customerGrade), ctx.projectRules);
  const fixed = DEFINITIONS.get(k.kind)!.fixedDue?.(c) ?? null;
  const target: SlaTarget = rule.target.unit === 'fixed' && !fixed ? { unit: 'same_day', basis: 'working' } : rule.target; // an appointment grade without a time: same day
  const effective: SlaRule = { ...rule, target };
  const start = Date.parse(k.startedAt);
  const warnRatio = rule.warnAt === undefined ? DEFAULT_WARN_AT : rule.warnAt;
  if (target.unit === 'fixed') {
    const due = Date.parse(fixed!);
    const warnAt = warnRatio === null ? null : start + (due - start) * warnRatio;
    return { ...k, rule: effective, dueAt: iso(due), warnAt: warnAt !== null && warnAt < due ? iso(warnAt) : null };
  }
  if (k.pauses.some((p) => p.to === null)) return { ...k, rule: effective, dueAt: null, warnAt: null };
  const amount = targetMinutes(ctx.calendar, target, start);
  const pauses = k.pauses.map((p) => ({ from: Date.parse(p.from), to: Date.parse(p.to!) }));
  const due = advance(ctx.calendar, target.basis, start, amount, pauses);
  const warn = warnRatio === null ? null : advance(ctx.calendar, target.basis, start, amount * warnRatio, pauses);
  return { ...k, rule: effective, dueAt: iso(due), warnAt: warn !== null && warn < due ? iso(warn) : null };
}

/** A target as minutes of its basis, counted from `start`. */
function targetMinutes(calendar: BusinessCalendar, t: SlaTarget, start: number): number {
  switch (t.unit) {
    case 'minutes':
      return t.amount;
    case 'hours':
      return t.amount * 60;
    case 'working_days':
      return t.basis === 'working' ? calendar.workingMinutesBetween(start, calendar.addWorkingDays(start, t.amount)) : t.amount * 1440;
    case 'same_day': {
      // the close of the day it is received on (outside working hours: of the next working day);
      // received in the day's last hours: the close of the following working day
      const end = calendar.endOfWorkingDay(calendar.nextWorkingMoment(start))!;
      const late = calendar.workingMinutesBetween(start, end) <= (t.lateIntakeHours ?? DEFAULT_LATE_INTAKE_HOURS) * 60;
      const due = late ? calendar.endOfWorkingDay(calendar.nextWorkingMoment(end))! : end;
      return calendar.workingMinutesBetween(start, due);
    }
    case 'fixed':
      return 0;
  }
}

/** `amount` minutes of the basis after `start`, not counting the pauses. */
export function advance(calendar: BusinessCalendar, basis: ClockBasis, start: number, amount: number, pauses: readonly { from: number; to: number }[]): number {
  const add = (t: number, m: number) => (basis === 'working' ? calendar.addWorkingMinutes(t, m) : t + m * 60_000);
  let t = start;
  let remaining = amount;
  for (const p of [...pauses].sort((a, b) => a.from - b.from)) {
    if (p.to <= t) continue;
    if (p.from > t) {
      const candidate = add(t, remaining);
      if (candidate <= p.from) return candidate;
      remaining -= minutesBetween(calendar, basis, t, p.from);
    }
    t = Math.max(t, p.to);
  }
  return add(t, remaining);
}

export function minutesBetween(calendar: BusinessCalendar, basis: ClockBasis, from: number, to: number): number {
  return basis === 'working' ? calendar.workingMinutesBetween(from, to) : (to - from) / 60_000;
}

/** The last pause, when it is still in effect at `at` (open-ended, or ending later). */
function pauseInEffect(k: SlaClock, at: string): ClockPause | undefined {
  const last = k.pauses[k.pauses.length - 1];
  return last && last.from <= at && (last.to === null || last.to > at) ? last : undefined;
}

/** Ends a pause in effect at `at` (the owner answered, staff resumed, the clock stopped). */
function closeOpenPause(k: SlaClock, at: string): void {
  if (pauseInEffect(k, at)) k.pauses[k.pauses.length - 1] = { ...k.pauses[k.pauses.length - 1]!, to: at };
}

const iso = (ms: number) => new Date(Math.round(ms)).toISOString();
const roundMinutes = (m: number) => Math.round(m * 10) / 10;

/**
 * How late a clock is (stopped: at its stop; running: at `now`), both in its own basis and in
 * calendar minutes — a working-time clock breached after hours may be 0 working minutes but 30
 * calendar minutes late. Null when it is not late.
 */
export function lateness(k: SlaClock, calendar: BusinessCalendar, now: string): { minutes: number; calendarMinutes: number } | null {
  if (k.dueAt === null || k.result === 'cancelled' || k.result === 'met') return null;
  const end = k.stoppedAt ?? now;
  if (end <= k.dueAt) return null;
  const from = Date.parse(k.dueAt);
  const to = Date.parse(end);
  return {
    minutes: k.lateMinutes ?? roundMinutes(minutesBetween(calendar, k.rule.target.basis, from, to)),
    calendarMinutes: roundMinutes((to - from) / 60_000),
  };
}

/** A running clock is overdue once its due instant has passed. */
export function isOverdue(k: SlaClock, now: string): boolean {
  return k.stoppedAt === null && k.dueAt !== null && k.dueAt < now;
}
