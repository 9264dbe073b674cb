import { formatUnitLabel, planOwnerChannel, type MessageClass } from '@guanjia/core';
import { findVisit, namesOf, surveyUnitPlaces, type OutboxEntry } from '@guanjia/storage';
import type { PlanContext } from './plan-context.ts';
import { ownerReaches } from './reach.ts';

/**
 * A visit agreed with the owner (预约上门, SPEC §7: door-to-door visits by appointment): once the
 * appointment is recorded, the owner is told who comes, when and where, on their channel. Not a common
 * message (it answers their own agreement), so mutes do not hold it; 免打扰 still does. Planned from the
 * outbox entry `visit.appointed`; a visit no longer due, or whose appointment was withdrawn, sends nothing.
 */
const APPOINTMENT: MessageClass = { kind: 'visit_appointment', urgency: 'normal', common: false };

export async function planVisitAppointment(ctx: PlanContext, entry: OutboxEntry): Promise<void> {
  const { visitId } = entry.payload as { visitId?: string };
  const v = visitId ? await findVisit(ctx.db, visitId) : null;
  if (!v || v.status !== 'due' || !v.appointmentAt || !v.ownerId) return;
  const project = await ctx.project(v.projectId);
  const reach = (await ownerReaches(ctx.db, [v.ownerId], ['visit_appointment'])).get(v.ownerId);
  if (!reach) return;
  const usable = await ctx.channelsOf(v.organizationId);
  const addresses = Object.fromEntries(Object.entries(reach.addresses).filter(([channel]) => usable.has(channel as never)));
  const plan = planOwnerChannel({ ...reach, addresses }, APPOINTMENT, Date.parse(ctx.now), ctx.clockOf(project?.timeZone ?? 'Asia/Shanghai'));
  const people = [v.assigneeId, v.companionId].filter((x): x is string => !!x);
  const names = await namesOf(ctx.db, 'staff', people);
  const place = v.unitId ? (await surveyUnitPlaces(ctx.db, [v.unitId])).get(v.unitId) : undefined;
  const [, month, day] = (v.plannedOn ?? v.dueOn).split('-').map(Number);
  const variables = {
    projectName: project?.name ?? '',
    unitLabel: place ? formatUnitLabel(place) : '',
    visitDate: `${month}月${day}日`,
    visitTime: v.plannedTime ?? '',
    visitors: people
      .map((id) => names.get(id) ?? '')
      .filter(Boolean)
      .join('、'),
  };
  const text = await ctx.render(v.organizationId, 'visit_appointment', variables);
  ctx.delivery({
    organizationId: v.organizationId,
    projectId: v.projectId,
    messageKey: `outbox:${entry.id}:visit_appointment`,
    kind: 'visit_appointment',
    sourceType: 'visit',
    sourceId: v.id,
    recipientType: 'owner',
    recipientId: v.ownerId,
    channel: plan.channel ?? 'in_app',
    address: plan.status === 'queued' ? plan.address : null,
    urgent: false,
    title: text.title,
    body: text.body,
    fields: variables,
    url: null,
    status: plan.status,
    nextAttemptAt: plan.status === 'queued' ? new Date(plan.notBefore).toISOString() : null,
    reason: plan.reason,
  });
}
