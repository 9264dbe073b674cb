import { VISIT_TOPICS, type VisitKind, type VisitMethod, type VisitPhase } from '@guanjia/vocabulary';
import { parseTimeOfDay, type QuietSpan } from '../delivery/quiet-hours.ts';
import { refuse, type Refusal } from '../shared/errors.ts';
import { DEFAULT_VISIT_PLAN_SETTINGS, minuteIsQuiet } from './visit-plan.ts';

/**
 * The checks of a planned visit's time and of a visit record (客户访问记录), decision 0029. Pure: each
 * returns the first refusal (naming its field) or null.
 */

/**
 * A planned time (HH:mm local): not after `latest` (21:00) and not inside the owner's 免打扰 spans,
 * unless the owner asked for that time — then `requestReason` says so and is kept with the visit.
 */
export function visitTimeProblem(
  time: string,
  quiet: readonly QuietSpan[],
  requestReason: string | null | undefined,
  latest = DEFAULT_VISIT_PLAN_SETTINGS.latest,
): Refusal | null {
  if (requestReason?.trim()) return null;
  const minute = parseTimeOfDay(time);
  if (minute === null) return refuse('FIELD_INVALID', 'plannedTime');
  if (minute > (parseTimeOfDay(latest) ?? 1260)) return refuse('VISIT_TIME_AFTER_LATEST', 'plannedTime', { latest });
  if (minuteIsQuiet(quiet, minute)) {
    const span = quiet.find((s) => minuteIsQuiet([s], minute))!;
    return refuse('VISIT_TIME_IN_QUIET_HOURS', 'plannedTime', { time, from: span.from, to: span.to });
  }
  return null;
}

export interface VisitTopicEntry {
  topic: string;
  rating?: number | null;
  remark?: string | null;
}

export interface VisitRecordFacts {
  kind: VisitKind;
  phase: VisitPhase;
  method: VisitMethod;
  visitorId: string;
  companionId?: string | null;
  /** Instants (ISO UTC). */
  visitedAt: string;
  appointmentAt?: string | null;
  now: string;
  topics: readonly VisitTopicEntry[];
  evaluation?: { score: number; text: string } | null;
}

/** The topics of a project's phase (销售配合期 / 前期物业管理期 / 正常期). */
export function visitTopicsOf(phase: string): readonly string[] {
  return (VISIT_TOPICS as Record<string, readonly string[]>)[phase] ?? VISIT_TOPICS.normal;
}

/** What is wrong with a visit record, or null. Door-to-door: two staff and an appointment before the visit. */
export function visitRecordProblem(r: VisitRecordFacts): Refusal | null {
  if (r.visitedAt > r.now) return refuse('VISIT_IN_FUTURE', 'visitedAt', { now: r.now });
  if (r.method === 'door') {
    if (!r.companionId) return refuse('VISIT_COMPANION_REQUIRED', 'companionId');
    if (r.companionId === r.visitorId) return refuse('VISIT_COMPANION_SELF', 'companionId');
    if (!r.appointmentAt) return refuse('VISIT_APPOINTMENT_REQUIRED', 'appointmentAt');
  } else if (r.companionId && r.companionId === r.visitorId) return refuse('VISIT_COMPANION_SELF', 'companionId');
  if (r.appointmentAt && r.appointmentAt > r.visitedAt) return refuse('VISIT_APPOINTMENT_AFTER_VISIT', 'appointmentAt', { appointmentAt: r.appointmentAt });
  const allowed = visitTopicsOf(r.phase);
  const seen = new Set<string>();
  for (const [i, t] of r.topics.entries()) {
    if (!allowed.includes(t.topic)) return refuse('VISIT_TOPIC_NOT_OF_PHASE', `topics.${i}.topic`, { topic: t.topic, phase: r.phase });
    if (seen.has(t.topic)) return refuse('VISIT_TOPIC_TWICE', `topics.${i}.topic`, { topic: t.topic });
    seen.add(t.topic);
    if ((t.rating === null || t.rating === undefined) && !t.remark?.trim()) return refuse('VISIT_TOPIC_EMPTY', `topics.${i}`, { topic: t.topic });
  }
  if (r.kind === 'new_owner' && !r.evaluation) return refuse('VISIT_EVALUATION_REQUIRED', 'evaluation');
  return null;
}
