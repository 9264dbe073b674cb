import { planOwnerChannel, type CaseRecord, type NewCaseEvent } from '@guanjia/core';
import { findCase, findCaseRating, findStaff, unitLabelsOf, type OutboxEntry } from '@guanjia/storage';
import { CASE_EVENT_LABELS, CASE_TYPE_LABELS, type CaseEventType, type MessageKind } from '@guanjia/vocabulary';
import { localText, type PlanContext } from './plan-context.ts';
import { ownerReaches } from './reach.ts';

/**
 * A case's messages (SPEC §3, issue 13 item 3), planned from its outbox entry:
 * - to the owner, at the steps that matter — received, accepted with the committed time (a repair has
 *   no acceptance: its committed time is the visit agreed with the owner, 预约上门), technician on the
 *   way (派工), work done (please confirm), closed — on their channel (core's planOwnerChannel:
 *   preferred channel, fallback, 免打扰), each one written to the case's history (`owner_notified`);
 * - to the first receiver (首问负责人), every change made by someone else, in their console inbox;
 * - to the owner, the staff's reply to their rating (`rating.replied`, decision 0028), the same way.
 */

/** The event that makes a progress message to the owner, and which. */
const OWNER_PROGRESS: Partial<Record<string, MessageKind>> = {
  created: 'case_received',
  accepted: 'case_accepted',
  // a repair's committed time: the visit agreed with the owner (a repair is never `accepted`)
  appointment_scheduled: 'case_accepted',
  dispatched: 'technician_on_the_way',
  work_completed: 'work_done',
  closed: 'case_closed',
  closed_out_of_scope: 'case_closed',
};

interface CasePayload {
  caseId: string;
  events?: string[];
  /** Who made the change; null: the system (an SLA alert, a recompute of the clocks). */
  actorId?: string | null;
  /** Staff who already heard of every one of these events by their own notice (an SLA alert's recipients). */
  informed?: string[];
}

export async function planCaseEntry(ctx: PlanContext, entry: OutboxEntry): Promise<void> {
  const payload = entry.payload as unknown as CasePayload;
  const c = await findCase(ctx.db, payload.caseId, { forUpdate: true });
  if (!c) return;
  const events = entry.topic === 'case.created' ? ['created'] : (payload.events ?? []);
  const kinds = [...new Set(events.map((e) => OWNER_PROGRESS[e]).filter((k): k is MessageKind => !!k))];
  // 首问负责: the first receiver hears of every change someone else made — staff, or the system (SLA
  // alerts and recomputes) — unless its own notice already told them
  const firstReceiverHears =
    entry.topic === 'case.changed' &&
    !!c.firstReceiverId &&
    payload.actorId !== c.firstReceiverId &&
    !payload.informed?.includes(c.firstReceiverId) &&
    events.length > 0;
  const variables = kinds.length || firstReceiverHears ? await caseVariables(ctx, c) : null;
  for (const kind of kinds) await planOwnerProgress(ctx, entry, c, kind, variables!);
  if (firstReceiverHears && c.firstReceiverId) {
    const text = await ctx.render(c.organizationId, 'case_changed', {
      ...variables!,
      change: events.map((e) => CASE_EVENT_LABELS[e as CaseEventType]?.[0] ?? e).join('、'),
      actorName: await nameOf(ctx, payload.actorId),
    });
    const d = ctx.delivery({
      organizationId: c.organizationId,
      projectId: c.projectId,
      messageKey: `outbox:${entry.id}:case_changed`,
      kind: 'case_changed',
      sourceType: 'case',
      sourceId: c.id,
      recipientType: 'staff',
      recipientId: c.firstReceiverId,
      channel: 'in_app',
      address: null,
      urgent: false,
      title: text.title,
      body: text.body,
      fields: { caseNumber: c.number, events: events.join(',') },
      url: null,
      status: 'delivered',
      nextAttemptAt: null,
      reason: null,
    });
    ctx.notifications.push({
      id: ctx.deps.newId(),
      organizationId: c.organizationId,
      recipientId: c.firstReceiverId,
      caseId: c.id,
      kind: 'case_changed',
      data: { caseNumber: c.number, events, title: text.title, body: text.body, deliveryId: d.id },
      createdAt: ctx.now,
      readAt: null,
    });
  }
}

/** The outbox topic of a staff reply to an owner's rating (written in the reply's transaction). */
export const RATING_REPLIED_TOPIC = 'rating.replied';

/** The owner hears of the reply to their rating on their channel, and it is written to the case's history (the portal shows it). */
export async function planRatingReply(ctx: PlanContext, entry: OutboxEntry): Promise<void> {
  const { caseId } = entry.payload as unknown as { caseId: string };
  const c = await findCase(ctx.db, caseId, { forUpdate: true });
  const rating = c ? await findCaseRating(ctx.db, c.id) : null;
  // a new rating since clears the reply: nothing to tell
  if (!c || !rating?.reply) return;
  await planOwnerProgress(ctx, entry, c, 'rating_replied', { ...(await caseVariables(ctx, c)), reply: rating.reply });
}

async function planOwnerProgress(ctx: PlanContext, entry: OutboxEntry, c: CaseRecord, kind: MessageKind, variables: Record<string, string>): Promise<void> {
  if (!c.ownerId) return;
  const project = await ctx.project(c.projectId);
  const timeZone = project?.timeZone ?? 'Asia/Shanghai';
  const reach = (await ownerReaches(ctx.db, [c.ownerId])).get(c.ownerId);
  if (!reach) return;
  const usable = await ctx.channelsOf(c.organizationId);
  const addresses = Object.fromEntries(Object.entries(reach.addresses).filter(([channel]) => usable.has(channel as never)));
  const urgency = ownerUrgencyOf(c, kind);
  const plan = planOwnerChannel({ ...reach, addresses }, { kind, urgency, common: false }, Date.parse(ctx.now), ctx.clockOf(timeZone));
  const text = await ctx.render(c.organizationId, kind, variables);
  const d = ctx.delivery({
    organizationId: c.organizationId,
    projectId: c.projectId,
    messageKey: `outbox:${entry.id}:${kind}`,
    kind,
    sourceType: 'case',
    sourceId: c.id,
    recipientType: 'owner',
    recipientId: c.ownerId,
    channel: plan.channel ?? 'in_app',
    address: plan.status === 'queued' ? plan.address : null,
    urgent: urgency === 'emergency',
    title: text.title,
    body: text.body,
    fields: variables,
    url: variables.portalUrl || null,
    status: plan.status,
    nextAttemptAt: plan.status === 'queued' ? new Date(plan.notBefore).toISOString() : null,
    reason: plan.reason,
  });
  ctx.addCaseEvent(c.id, ownerNotifiedEvent(ctx.now, kind, text.body, d));
}

/**
 * How urgent a message to the owner is: the live steps of a 特急 (very urgent) repair — received,
 * accepted, technician on the way, work done — are emergencies and go through the owner's 免打扰 now
 * (core's planOwnerChannel records `emergency_overrides_quiet_hours`): the owner whose flat floods at
 * 03:00 is awake and waiting for the plumber. Its closing note, a rating's reply and every message of
 * any other case wait for the end of 免打扰 (decision 0025).
 */
export function ownerUrgencyOf(c: Pick<CaseRecord, 'type' | 'repairGrade'>, kind: MessageKind): 'emergency' | 'normal' {
  return c.type === 'repair' && c.repairGrade === 'very_urgent' && URGENT_REPAIR_STEPS.has(kind) ? 'emergency' : 'normal';
}
const URGENT_REPAIR_STEPS = new Set<MessageKind>(['case_received', 'case_accepted', 'technician_on_the_way', 'work_done']);

/** The history's line for a message to the owner: what was sent, on which channel, and what became of it at planning. */
export function ownerNotifiedEvent(
  at: string,
  kind: MessageKind,
  body: string,
  d: { id: string; channel: string; status: string; reason: string | null; nextAttemptAt: string | null; addressMasked: string | null },
): NewCaseEvent {
  return {
    type: 'owner_notified',
    actorKind: 'system',
    actorId: null,
    channel: 'internal',
    direction: 'outbound',
    content: body,
    internal: false,
    attachmentIds: [],
    changes: {},
    data: {
      messageKind: kind,
      deliveryId: d.id,
      deliveryChannel: d.channel,
      status: d.status,
      ...(d.reason ? { reason: d.reason } : {}),
      ...(d.addressMasked ? { to: d.addressMasked } : {}),
      ...(d.status === 'queued' && d.nextAttemptAt && d.nextAttemptAt > at ? { notBefore: d.nextAttemptAt } : {}),
    },
    at,
  };
}

async function caseVariables(ctx: PlanContext, c: CaseRecord): Promise<Record<string, string>> {
  const project = await ctx.project(c.projectId);
  const timeZone = project?.timeZone ?? 'Asia/Shanghai';
  const unit = c.unitId ? (await unitLabelsOf(ctx.db, [c.unitId])).get(c.unitId) : null;
  const technician = c.type === 'repair' && c.assigneeId ? await findStaff(ctx.db, c.assigneeId) : null;
  return {
    caseNumber: c.number,
    caseType: CASE_TYPE_LABELS[c.type][0],
    summary: c.title.length > 20 ? `${c.title.slice(0, 19)}…` : c.title,
    projectName: project?.name ?? '',
    unitLabel: unit?.label ?? '',
    committedAt: localText(c.committedAt ?? c.appointmentAt ?? c.promisedAt, timeZone),
    technicianName: technician?.name ?? '',
    technicianPhone: technician?.phone ?? '',
    portalUrl: ctx.deps.publicUrl ? `${ctx.deps.publicUrl.replace(/\/$/, '')}/portal/#/cases/${c.id}` : '',
  };
}

async function nameOf(ctx: PlanContext, staffId: string | null | undefined): Promise<string> {
  if (!staffId) return '系统';
  return (await findStaff(ctx.db, staffId))?.name ?? '';
}
