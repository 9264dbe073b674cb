import { startOfLocalDate } from '../calendar/local-clock.ts';
import { addLocalDays } from '../notices/statutory.ts';

/**
 * Patrol plans (巡检计划, issue 15 item 2; SPEC §11): a route of inspection points, each with a time
 * window after the round's start, walked in rounds at set times on the days a plan repeats (weekdays,
 * or days of the month); each round becomes a task created a set time ahead, for the first of the
 * plan's inspectors who is on duty that day (the duty roster), else unassigned. Pure: the server
 * reads the plan and the roster and writes the tasks this returns.
 */

/** When a plan repeats: on weekdays (1 = Monday … 7 = Sunday) or on days of the month (-1: its last day; a day past its end: not that month). */
export type PatrolRepeat = { kind: 'weekdays'; weekdays: readonly number[] } | { kind: 'days_of_month'; days: readonly number[] };

export interface PatrolRouteStop {
  pointId: string;
  /** Minutes after the round's start the point's window opens, and how long it stays open. */
  offsetMinutes: number;
  windowMinutes: number;
}

export interface PatrolPlanRule {
  id: string;
  timeZone: string;
  repeat: PatrolRepeat;
  /** The rounds' local start times ('HH:MM'), e.g. three a day. */
  rounds: readonly string[];
  route: readonly PatrolRouteStop[];
  /** The inspectors, in order of preference. */
  inspectors: readonly string[];
  /** A task is created this many minutes before its round starts. */
  leadMinutes: number;
}

export interface PlannedCheck {
  pointId: string;
  opensAt: string;
  closesAt: string;
}

export interface PlannedTask {
  planId: string;
  /** The local date and round ('HH:MM'): with the plan, the task's identity (generating twice makes it once). */
  date: string;
  round: string;
  assigneeId: string | null;
  createAt: string;
  startsAt: string;
  endsAt: string;
  checks: PlannedCheck[];
}

/** The ISO weekday (1 = Monday … 7 = Sunday) of a date 'YYYY-MM-DD'. */
export function isoWeekday(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

function daysInMonth(date: string): number {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Does the plan repeat on this local date? */
export function repeatsOn(repeat: PatrolRepeat, date: string): boolean {
  if (repeat.kind === 'weekdays') return repeat.weekdays.includes(isoWeekday(date));
  const day = Number(date.slice(8, 10));
  const last = daysInMonth(date);
  return repeat.days.some((d) => (d === -1 ? day === last : d === day));
}

const MINUTE = 60_000;
const at = (ms: number) => new Date(ms).toISOString();

/**
 * The tasks of the dates in [fromDate, toDate] (local, inclusive): one per date the plan repeats on and
 * round, the assignee the first inspector on duty that day (`onDuty`), each point's window from the
 * round's start; in date, round order.
 */
export function planPatrolTasks(plan: PatrolPlanRule, fromDate: string, toDate: string, onDuty: (staffId: string, date: string) => boolean): PlannedTask[] {
  const out: PlannedTask[] = [];
  const rounds = [...plan.rounds].sort();
  for (let date = fromDate; date <= toDate; date = addLocalDays(date, 1)) {
    if (!repeatsOn(plan.repeat, date)) continue;
    const assigneeId = plan.inspectors.find((s) => onDuty(s, date)) ?? null;
    const midnight = Date.parse(startOfLocalDate(date, plan.timeZone));
    for (const round of rounds) {
      const start = midnight + (Number(round.slice(0, 2)) * 60 + Number(round.slice(3, 5))) * MINUTE;
      const checks = plan.route.map((s) => ({
        pointId: s.pointId,
        opensAt: at(start + s.offsetMinutes * MINUTE),
        closesAt: at(start + (s.offsetMinutes + s.windowMinutes) * MINUTE),
      }));
      const end = Math.max(start, ...checks.map((c) => Date.parse(c.closesAt)));
      out.push({ planId: plan.id, date, round, assigneeId, createAt: at(start - plan.leadMinutes * MINUTE), startsAt: at(start), endsAt: at(end), checks });
    }
  }
  return out;
}

/** A check's grade: before its window (early, when the plan allows checks that early), in it, after it, or never. */
export type CheckGrade = 'early' | 'on_time' | 'late' | 'missed';

/**
 * Grades a check of a point against its window: done before it opens → early; inside → on time; after
 * it closes but before the task's end plus `lateMinutes` → late; not done (or later still) → missed.
 */
export function gradeCheck(window: { opensAt: string; closesAt: string }, checkedAt: string | null, lateMinutes: number): CheckGrade {
  if (checkedAt === null) return 'missed';
  const t = Date.parse(checkedAt);
  if (t < Date.parse(window.opensAt)) return 'early';
  if (t <= Date.parse(window.closesAt)) return 'on_time';
  return t <= Date.parse(window.closesAt) + lateMinutes * MINUTE ? 'late' : 'missed';
}

/** Where a task stands: running until its end; then done (every point checked), incomplete (some), or overdue (none). */
export function patrolTaskState(task: { endsAt: string }, grades: readonly CheckGrade[], now: string): 'running' | 'done' | 'incomplete' | 'overdue' {
  const checked = grades.filter((g) => g !== 'missed').length;
  if (checked === grades.length && grades.length > 0) return 'done';
  if (Date.parse(now) <= Date.parse(task.endsAt)) return 'running';
  return checked === 0 ? 'overdue' : 'incomplete';
}
