import { findCase, findStaff, listStaff, type OutboxEntry } from '@guanjia/storage';
import { CALLBACK_FOLLOW_UP_LABELS, type CallbackFollowUp } from '@guanjia/vocabulary';
import type { PlanContext } from './plan-context.ts';
import { staffReaches } from './reach.ts';

/**
 * 不满意 at a callback (回访, decision 0027): the project's service supervisors (客服主管; none: its
 * office managers) are alerted — an in-app notification each and a message on their own channel
 * (WeCom, SMS or email: the `case_changed` text, "回访不满意，已返工 / 已转投诉"), planned from the
 * outbox row `callback.unsatisfied` the call's transaction wrote.
 */
interface UnsatisfiedPayload {
  callbackId: string;
  caseId: string;
  projectId: string;
  followUp: CallbackFollowUp | null;
  actorId: string | null;
}

export async function planCallbackUnsatisfied(ctx: PlanContext, entry: OutboxEntry): Promise<void> {
  const p = entry.payload as unknown as UnsatisfiedPayload;
  const c = await findCase(ctx.db, p.caseId);
  if (!c) return;
  const staff = (await listStaff(ctx.db, c.organizationId, [c.projectId])).filter((s) => s.active && !s.companyWide);
  const supervisors = staff.filter((s) => s.roles.includes('service_supervisor'));
  const recipients = (supervisors.length ? supervisors : staff.filter((s) => s.roles.includes('office_manager'))).map((s) => s.id);
  if (!recipients.length) return;
  const change = `回访不满意${p.followUp ? `，已${CALLBACK_FOLLOW_UP_LABELS[p.followUp]['zh-CN']}` : ''}`;
  const actorName = p.actorId ? ((await findStaff(ctx.db, p.actorId))?.name ?? '') : '系统';
  const text = await ctx.render(c.organizationId, 'case_changed', { caseNumber: c.number, change, actorName });
  const reaches = await staffReaches(ctx.db, recipients);
  const usable = await ctx.channelsOf(c.organizationId);
  for (const recipientId of recipients) {
    const common = {
      organizationId: c.organizationId,
      projectId: c.projectId,
      kind: 'case_changed' as const,
      sourceType: 'callback',
      sourceId: p.callbackId,
      recipientType: 'staff' as const,
      recipientId,
      urgent: false,
      title: text.title,
      body: text.body,
      fields: { caseNumber: c.number, callbackId: p.callbackId },
      url: null,
      reason: null,
    };
    const d = ctx.delivery({
      ...common,
      messageKey: `outbox:${entry.id}:callback_unsatisfied:${recipientId}`,
      channel: 'in_app',
      address: null,
      status: 'delivered',
      nextAttemptAt: null,
    });
    ctx.notifications.push({
      id: ctx.deps.newId(),
      organizationId: c.organizationId,
      recipientId,
      caseId: c.id,
      kind: 'callback_unsatisfied',
      data: { caseNumber: c.number, callbackId: p.callbackId, followUp: p.followUp, title: text.title, body: text.body, deliveryId: d.id },
      createdAt: ctx.now,
      readAt: null,
    });
    const page = reaches.get(recipientId)?.page;
    if (page && usable.has(page.channel))
      ctx.delivery({
        ...common,
        messageKey: `outbox:${entry.id}:callback_unsatisfied:${recipientId}:${page.channel}`,
        channel: page.channel,
        address: page.address,
        status: 'queued',
        nextAttemptAt: ctx.now,
      });
  }
}
