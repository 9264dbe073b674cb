import { NOTICE_UNDO_WINDOW_MS } from '@guanjia/core';
import { findNotice, setNoticeReach, type OutboxEntry } from '@guanjia/storage';
import { noticeAreas } from '../services/notice-views.ts';
import { noticeMessageClass, planNoticeAudience, reachFigures } from './notice-audience.ts';
import { localText, type PlanContext } from './plan-context.ts';

/**
 * A published notice's pushes (SPEC §9, issue 13 items 5 and 7), planned from its outbox entry
 * (`notice.published`): one delivery per owner it reaches, on the channel core's planOwnerChannel
 * picks among the notice's channels the organization has set up — with each recipient's outcome kept,
 * muted, throttled and unreachable ones too. The text is rendered once for all. A common notice's
 * pushes wait out the undo window (so an undo cancels them all); an emergency's go at once, marked
 * urgent. The figures it was sent with are written to the notice (the ledger's reach). A notice no
 * longer published when its entry is read (undone at once) sends nothing.
 */
export async function planNoticeEntry(ctx: PlanContext, entry: OutboxEntry): Promise<void> {
  const { noticeId } = entry.payload as { noticeId?: string };
  if (!noticeId) return;
  const notice = await findNotice(ctx.db, noticeId, { forUpdate: true });
  if (!notice || notice.status !== 'published' || !notice.publishedAt) return;
  const project = await ctx.project(notice.projectId);
  const timeZone = project?.timeZone ?? 'Asia/Shanghai';
  const nowMs = Date.parse(ctx.now);
  const usable = await ctx.channelsOf(notice.organizationId);
  // the throttle sees this pass's own planned pushes too (a second common notice in the same batch)
  const audience = await planNoticeAudience(ctx.db, notice, usable, nowMs, ctx.clockOf(timeZone), ctx.commonPushes);
  const message = noticeMessageClass(notice);
  const variables = {
    title: notice.title,
    projectName: project?.name ?? '',
    startsAt: localText(notice.startsAt, timeZone),
    endsAt: localText(notice.endsAt, timeZone),
    area: (await noticeAreas(ctx.db, [notice])).get(notice.id) ?? '',
    body: notice.body,
    portalUrl: ctx.deps.publicUrl ? `${ctx.deps.publicUrl.replace(/\/$/, '')}/portal/#/notices/${notice.id}` : '',
  };
  const text = await ctx.render(notice.organizationId, message.kind, variables);
  // a common notice goes out once its undo window has passed; an emergency at once
  const floor = notice.emergency ? nowMs : Math.max(nowMs, Date.parse(notice.publishedAt) + NOTICE_UNDO_WINDOW_MS);
  for (const r of audience.recipients) {
    const plan = r.plan;
    const sendAt = plan.status === 'queued' ? Math.max(plan.notBefore, floor) : null;
    if (message.common && sendAt !== null) ctx.commonPushes.set(r.ownerId, Math.max(ctx.commonPushes.get(r.ownerId) ?? sendAt, sendAt));
    ctx.delivery({
      organizationId: notice.organizationId,
      projectId: notice.projectId,
      messageKey: `notice:${notice.id}`,
      kind: message.kind,
      sourceType: 'notice',
      sourceId: notice.id,
      recipientType: 'owner',
      recipientId: r.ownerId,
      channel: plan.channel ?? 'in_app',
      address: plan.status === 'queued' ? plan.address : null,
      urgent: notice.emergency,
      title: text.title,
      body: text.body,
      fields: variables,
      url: variables.portalUrl || null,
      status: plan.status,
      nextAttemptAt: sendAt !== null ? new Date(sendAt).toISOString() : null,
      reason: plan.reason,
    });
  }
  await setNoticeReach(ctx.db, notice.id, reachFigures(audience, ctx.now));
}
