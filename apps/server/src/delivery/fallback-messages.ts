import { planFallbackChannel, type MessageClass } from '@guanjia/core';
import { findCase, findDelivery, findNotice, listDeliveriesOfMessage, type OutboxEntry } from '@guanjia/storage';
import type { DeliveryChannel, MessageKind } from '@guanjia/vocabulary';
import { ownerNotifiedEvent } from './case-messages.ts';
import { noticeMessageClass, reachForNotice } from './notice-audience.ts';
import type { PlanContext } from './plan-context.ts';
import { ownerReaches } from './reach.ts';

/**
 * The fallback at send time (issue 13 item 7, decision 0025): a message to an owner that failed for
 * good because the owner cannot be reached on its channel (the adapter's ChannelError says
 * `unreachable`: WeChat 43004 / 40003, an SMS number the carrier refuses, a mailbox that does not
 * exist) goes once more on their next channel. The send's transaction wrote the failure and an
 * outbox row `delivery.fallback` together, so a crash loses neither; this planner picks the channel
 * (core's planFallbackChannel: the owner's order, the channels not tried yet for this message, mutes
 * and 免打扰 as at first) and plans a new delivery of the same message — the same message key, so the
 * unique index keeps one per channel and the failed row is the one of that key on the channel named
 * in its reason, `fallback_from_<channel>`. A case's message gets its history line too. No channel
 * left: nothing is planned, and the failed delivery stays in the dead-letter list.
 */
export const DELIVERY_FALLBACK_TOPIC = 'delivery.fallback';

export async function planDeliveryFallback(ctx: PlanContext, entry: OutboxEntry): Promise<void> {
  const { deliveryId } = entry.payload as { deliveryId?: string };
  if (!deliveryId) return;
  const failed = await findDelivery(ctx.db, deliveryId);
  if (!failed || failed.status !== 'failed' || failed.recipientType !== 'owner') return;
  // a case's planners lock the case before its history grows (the worker appends the events)
  const c = failed.sourceType === 'case' && failed.sourceId ? await findCase(ctx.db, failed.sourceId, { forUpdate: true }) : null;
  let reach = (await ownerReaches(ctx.db, [failed.recipientId])).get(failed.recipientId);
  if (!reach) return;
  const usable = await ctx.channelsOf(failed.organizationId);
  let message: MessageClass;
  if (failed.sourceType === 'notice' && failed.sourceId) {
    // a notice: only its own channels, the owner's mutes of its kind; one no longer published sends nothing more
    const notice = await findNotice(ctx.db, failed.sourceId);
    if (!notice || notice.status !== 'published') return;
    message = noticeMessageClass(notice);
    reach = reachForNotice(reach, notice, new Set(notice.channels.filter((ch) => usable.has(ch as DeliveryChannel)) as DeliveryChannel[]));
  } else {
    message = { kind: failed.kind as MessageKind, urgency: failed.urgent ? 'emergency' : 'normal', common: false };
    reach = { ...reach, addresses: Object.fromEntries(Object.entries(reach.addresses).filter(([ch]) => usable.has(ch as DeliveryChannel))) };
  }
  const tried = (await listDeliveriesOfMessage(ctx.db, failed.messageKey, failed.recipientType, failed.recipientId)).map((d) => d.channel as DeliveryChannel);
  const project = failed.projectId ? await ctx.project(failed.projectId) : null;
  const plan = planFallbackChannel(
    reach,
    message,
    failed.channel as DeliveryChannel,
    tried,
    Date.parse(ctx.now),
    ctx.clockOf(project?.timeZone ?? 'Asia/Shanghai'),
  );
  if (!plan) return;
  const d = ctx.delivery({
    organizationId: failed.organizationId,
    projectId: failed.projectId,
    messageKey: failed.messageKey,
    kind: failed.kind,
    sourceType: failed.sourceType,
    sourceId: failed.sourceId,
    recipientType: failed.recipientType,
    recipientId: failed.recipientId,
    channel: plan.channel,
    address: plan.address,
    urgent: failed.urgent,
    title: failed.title,
    body: failed.body,
    fields: failed.fields,
    url: failed.url,
    status: 'queued',
    nextAttemptAt: new Date(plan.notBefore).toISOString(),
    reason: plan.reason,
  });
  if (c) ctx.addCaseEvent(c.id, ownerNotifiedEvent(ctx.now, failed.kind as MessageKind, failed.body, d));
}
