import type { VisitQuotaRole, VisitReason } from '@guanjia/vocabulary';
import { parseTimeOfDay, type QuietSpan } from '../delivery/quiet-hours.ts';
import { addLocalDays, addMonthsOnDay, daysInMonth } from '../notices/statutory.ts';

/**
 * The monthly visit plan per building (走访计划, SPEC §7, decision 0029). Pure and fast: a project of
 * 20,000 households is planned in a few tens of milliseconds; the caller reads the facts and writes the rows.
 *
 * Per building and month:
 * - front-desk assistants (大堂助理) together visit ⌈10 %⌉ of the building's occupied households, shared evenly
 *   (no front-desk assistant: one unassigned line, to be given to someone by editing the plan);
 * - each service supervisor (客服主管) ≥ 3 households, each office manager (管理处主任) ≥ 1;
 * - required follow-ups (e.g. after a complaint) are always planned, beyond the quotas if need be, and
 *   ignore the spacing; routine visits never come within `spacingMonths` (2) of the household's last visit;
 * - order: follow-ups, then owners with recent complaints or suggestions, then households not visited for
 *   `yearlyAfterMonths` (10) months or more (so every household is seen at least once a year), then the
 *   longest unvisited; ties broken by a hash of unit and month (the same facts give the same plan);
 * - each visit is door to door: an assignee and a companion (another of the project's staff), a day from
 *   `firstDay` to the month's end and a time between `earliest` and `latest` (21:00) outside the owner's
 *   免打扰 spans. A household whose spans leave no such time is not planned (listed in `unscheduled`).
 */

export interface PlanHousehold {
  unitId: string;
  buildingId: string;
  ownerId: string | null;
  /** The owner's 免打扰 spans (local HH:mm). */
  quiet: readonly QuietSpan[];
  /** The last visit made (YYYY-MM-DD), or null when never. */
  lastVisitOn: string | null;
  /** A required follow-up (跟进走访): planned whatever the spacing. */
  followUp: boolean;
  /** A complaint or suggestion of the owner lately: comes first among routine visits. */
  recentOpinion: boolean;
}

export interface PlanStaff {
  id: string;
  role: VisitQuotaRole;
}

/** A visit of this month's plan that is kept as it is (done already): it counts, and its household is not planned again. */
export interface KeptVisit {
  unitId: string;
  buildingId: string;
  assigneeId: string | null;
  quotaRole: VisitQuotaRole | null;
}

export interface VisitPlanSettings {
  frontDeskShare: number;
  supervisorPerBuilding: number;
  managerPerBuilding: number;
  spacingMonths: number;
  yearlyAfterMonths: number;
  /** HH:mm: the earliest planned time. */
  earliest: string;
  /** HH:mm: no planned time after this (the 21:00 rule). */
  latest: string;
  /** Minutes between candidate times. */
  slotMinutes: number;
}

export const DEFAULT_VISIT_PLAN_SETTINGS: VisitPlanSettings = {
  frontDeskShare: 0.1,
  supervisorPerBuilding: 3,
  managerPerBuilding: 1,
  spacingMonths: 2,
  yearlyAfterMonths: 10,
  earliest: '09:00',
  latest: '21:00',
  slotMinutes: 30,
};

export interface VisitPlanInput {
  /** YYYY-MM */
  month: string;
  /** The first day visits may be planned on (YYYY-MM-DD, inside the month): today when planning the current month. */
  firstDay?: string;
  households: readonly PlanHousehold[];
  staff: readonly PlanStaff[];
  /** Who may go along as the second person of a door-to-door visit (default: the staff above). */
  companions?: readonly string[];
  kept?: readonly KeptVisit[];
  /** Households taken out of this month's plan by hand: not planned again. */
  excluded?: readonly string[];
  settings?: Partial<VisitPlanSettings>;
}

export interface PlannedVisit {
  unitId: string;
  buildingId: string;
  ownerId: string | null;
  assigneeId: string | null;
  companionId: string | null;
  quotaRole: VisitQuotaRole;
  kind: 'routine' | 'follow_up';
  reason: VisitReason;
  plannedOn: string;
  plannedTime: string;
}

/** One person's quota in one building: how many they must visit, and how many the plan gives them (kept ones included). */
export interface QuotaLine {
  staffId: string | null;
  role: VisitQuotaRole;
  buildingId: string;
  quota: number;
  planned: number;
}

export interface VisitPlan {
  visits: PlannedVisit[];
  quotas: QuotaLine[];
  unscheduled: { unitId: string; reason: 'no_time_outside_quiet_hours' }[];
}

const ROLE_ORDER: readonly VisitQuotaRole[] = ['office_manager', 'service_supervisor', 'front_desk'];

/** The first day of a month (YYYY-MM) and its last. */
export function monthBounds(month: string): { first: string; last: string } {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return { first: `${month}-01`, last: `${month}-${String(daysInMonth(y, m)).padStart(2, '0')}` };
}

/** Whether a routine visit on `day` keeps `months` months from the last visit (none: always). */
export function keepsSpacing(lastVisitOn: string | null, day: string, months: number): boolean {
  return lastVisitOn === null || lastVisitOn <= addMonthsOnDay(day, -months, Number(day.slice(8, 10)));
}

/** Whether a local minute of the day lies in any span ([from, to), wrapping past midnight). */
export function minuteIsQuiet(spans: readonly QuietSpan[], minute: number): boolean {
  for (const s of spans) {
    const from = parseTimeOfDay(s.from);
    const to = parseTimeOfDay(s.to);
    if (from === null || to === null || from === to) continue;
    if (from < to ? minute >= from && minute < to : minute >= from || minute < to) return true;
  }
  return false;
}

const hhmm = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/** FNV-1a of a text: a stable tie-break. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

interface Candidate {
  h: PlanHousehold;
  tier: number;
  tie: number;
}

export function planMonthlyVisits(input: VisitPlanInput): VisitPlan {
  const s = { ...DEFAULT_VISIT_PLAN_SETTINGS, ...input.settings };
  const { first, last } = monthBounds(input.month);
  const firstDay = input.firstDay && input.firstDay > first && input.firstDay <= last ? input.firstDay : first;
  const days = Number(last.slice(8, 10)) - Number(firstDay.slice(8, 10)) + 1;
  // a routine visit on the month's first day keeps the spacing from a visit on or before this day
  const spacingLimit = addMonthsOnDay(first, -s.spacingMonths, 1);
  const yearlyLimit = addMonthsOnDay(first, -s.yearlyAfterMonths, 1);
  const earliest = parseTimeOfDay(s.earliest) ?? 540;
  const latest = parseTimeOfDay(s.latest) ?? 1260;
  const slots: number[] = [];
  for (let m = earliest; m <= latest; m += Math.max(5, s.slotMinutes)) slots.push(m);
  const kept = input.kept ?? [];
  const keptUnits = new Set([...kept.map((k) => k.unitId), ...(input.excluded ?? [])]);
  const byRole = (role: VisitQuotaRole) => input.staff.filter((p) => p.role === role);
  const staffIds = input.companions ?? input.staff.map((p) => p.id);

  const buildings = new Map<string, PlanHousehold[]>();
  for (const h of input.households) {
    let list = buildings.get(h.buildingId);
    if (!list) buildings.set(h.buildingId, (list = []));
    list.push(h);
  }

  const visits: PlannedVisit[] = [];
  const quotas: QuotaLine[] = [];
  const unscheduled: VisitPlan['unscheduled'] = [];
  const perAssignee = new Map<string, number>();

  /** A time of the household's day outside its quiet spans, starting from a slot that rotates with `k`; null when none. */
  const timeFor = (h: PlanHousehold, k: number): string | null => {
    for (let i = 0; i < slots.length; i += 1) {
      const minute = slots[(k + i) % slots.length]!;
      if (!minuteIsQuiet(h.quiet, minute)) return hhmm(minute);
    }
    return null;
  };

  for (const [buildingId, households] of buildings) {
    // the quota lines of this building, in the order they are filled
    const lines: QuotaLine[] = [];
    for (const role of ROLE_ORDER) {
      const people = byRole(role);
      if (role === 'front_desk') {
        const total = Math.ceil(households.length * s.frontDeskShare);
        if (people.length === 0) lines.push({ staffId: null, role, buildingId, quota: total, planned: 0 });
        people.forEach((p, i) =>
          lines.push({ staffId: p.id, role, buildingId, quota: Math.floor(total / people.length) + (i < total % people.length ? 1 : 0), planned: 0 }),
        );
      } else {
        const each = role === 'office_manager' ? s.managerPerBuilding : s.supervisorPerBuilding;
        for (const p of people) lines.push({ staffId: p.id, role, buildingId, quota: each, planned: 0 });
      }
    }
    for (const k of kept) {
      if (k.buildingId !== buildingId) continue;
      const line = lines.find((l) => l.staffId === k.assigneeId && (k.quotaRole === null || l.role === k.quotaRole));
      if (line) line.planned += 1;
    }

    const candidates: Candidate[] = [];
    for (const h of households) {
      if (keptUnits.has(h.unitId)) continue;
      if (!h.followUp && !(h.lastVisitOn === null || h.lastVisitOn <= spacingLimit)) continue;
      const tier = h.followUp ? 0 : h.recentOpinion ? 1 : h.lastVisitOn === null || h.lastVisitOn <= yearlyLimit ? 2 : 3;
      candidates.push({ h, tier, tie: hash(`${h.unitId}|${input.month}`) });
    }
    // plain comparisons (localeCompare costs ICU's collation on every call)
    const order = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
    candidates.sort((a, b) => a.tier - b.tier || order(a.h.lastVisitOn ?? '', b.h.lastVisitOn ?? '') || a.tie - b.tie || order(a.h.unitId, b.h.unitId));

    const place = (c: Candidate, line: QuotaLine): boolean => {
      const key = line.staffId ?? '';
      const k = perAssignee.get(key) ?? 0;
      const time = timeFor(c.h, k + hash(c.h.unitId));
      if (time === null) {
        unscheduled.push({ unitId: c.h.unitId, reason: 'no_time_outside_quiet_hours' });
        return false;
      }
      perAssignee.set(key, k + 1);
      const companions = staffIds.filter((id) => id !== line.staffId);
      visits.push({
        unitId: c.h.unitId,
        buildingId,
        ownerId: c.h.ownerId,
        assigneeId: line.staffId,
        companionId: companions.length ? companions[(k + visits.length) % companions.length]! : null,
        quotaRole: line.role,
        kind: c.h.followUp ? 'follow_up' : 'routine',
        reason: c.h.followUp ? 'follow_up' : c.tier === 1 ? 'recent_opinion' : c.tier === 2 ? 'yearly' : 'routine',
        plannedOn: addLocalDays(firstDay, (k * 7) % days),
        plannedTime: time,
      });
      line.planned += 1;
      return true;
    };

    let next = 0;
    for (const line of lines)
      while (line.planned < line.quota && next < candidates.length) {
        const c = candidates[next]!;
        next += 1;
        place(c, line);
      }
    // follow-ups are required: any left over go beyond the quotas, supervisors first
    const overflow = [...lines].sort((a, b) => (a.role === 'service_supervisor' ? 0 : 1) - (b.role === 'service_supervisor' ? 0 : 1));
    let turn = 0;
    for (; next < candidates.length && candidates[next]!.tier === 0; next += 1) {
      if (!overflow.length) break;
      place(candidates[next]!, overflow[turn % overflow.length]!);
      turn += 1;
    }
    quotas.push(...lines);
  }
  return { visits, quotas, unscheduled };
}
