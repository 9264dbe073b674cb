import { planOwnerChannel, type LocalClock, type MessageClass, type OwnerChannelPlan, type OwnerReach } from '@guanjia/core';
import { noticeAudience, type NoticeRecord, type Schema } from '@guanjia/storage';
import type { DeliveryChannel, MessageKind } from '@guanjia/vocabulary';
import type { Kysely } from 'kysely';
import { ownerReaches } from './reach.ts';

/**
 * Whom a notice reaches and how (SPEC §9, issue 13 item 7): the current owners of the units it targets,
 * each once, and for each what a push would do — core's planOwnerChannel over the notice's own channels
 * that the organization has set up: the owner's preferred channel, else WeChat → SMS → email; a common
 * notice the owner muted (its kind on a channel) or within an hour of another push is muted or
 * throttled, an owner with no address is unreachable. An emergency goes through all of that.
 *
 * Both the reach shown before sending (GET /api/notices/:id/reach) and the delivery worker's planner
 * (notice-messages.ts) read it from here, so what the console shows is what the worker does. Owners are
 * read in batches (1,000 a query), never one at a time.
 */

/** Owners whose reach is read per round (their contacts in one query, their last pushes a thousand at a time). */
const REACH_BATCH = 4000;

export interface NoticeRecipient {
  ownerId: string;
  /** The targeted homes they hold (first: where the export lists them). */
  unitIds: string[];
  plan: OwnerChannelPlan;
}

export interface PlannedAudience {
  buildings: number;
  units: number;
  recipients: NoticeRecipient[];
}

/** How a notice's message is classed: an emergency is never muted or throttled and goes through 免打扰; a common notice is both. */
export function noticeMessageClass(notice: Pick<NoticeRecord, 'emergency'>): MessageClass {
  return notice.emergency ? { kind: 'notice_emergency', urgency: 'emergency', common: false } : { kind: 'notice', urgency: 'normal', common: true };
}

/**
 * An owner's reach as a notice sees it: addresses only on the notice's channels that can send, and
 * their mutes of this notice's kind (stored as { kind: a notice kind, channel }) as mutes of the
 * message kind the plan checks.
 */
export function reachForNotice(reach: OwnerReach, notice: Pick<NoticeRecord, 'kind'>, channels: ReadonlySet<DeliveryChannel>): OwnerReach {
  const addresses = Object.fromEntries(Object.entries(reach.addresses).filter(([channel]) => channels.has(channel as DeliveryChannel)));
  const mutes = reach.mutes
    .filter((m) => (m.kind as string) === notice.kind || m.kind === 'notice')
    .map((m) => ({ kind: 'notice' as MessageKind, channel: m.channel }));
  return { ...reach, addresses, mutes };
}

export async function planNoticeAudience(
  db: Kysely<Schema>,
  notice: Pick<NoticeRecord, 'projectId' | 'kind' | 'emergency' | 'targetScope' | 'targetIds' | 'channels'>,
  usable: ReadonlySet<DeliveryChannel>,
  now: number,
  clock: LocalClock,
  /** Common pushes planned but not yet written (owner → send time, ms): they count for the throttle too. */
  plannedPushes?: ReadonlyMap<string, number>,
): Promise<PlannedAudience> {
  const { buildings, units, households } = await noticeAudience(db, { projectId: notice.projectId, scope: notice.targetScope, ids: notice.targetIds });
  const unitsOf = new Map<string, string[]>();
  for (const h of households) {
    const list = unitsOf.get(h.ownerId);
    if (list) list.push(h.unitId);
    else unitsOf.set(h.ownerId, [h.unitId]);
  }
  const channels = new Set(notice.channels.filter((c) => usable.has(c as DeliveryChannel)) as DeliveryChannel[]);
  const message = noticeMessageClass(notice);
  const owners = [...unitsOf.keys()];
  const recipients: NoticeRecipient[] = [];
  for (let i = 0; i < owners.length; i += REACH_BATCH) {
    const batch = owners.slice(i, i + REACH_BATCH);
    const reaches = await ownerReaches(db, batch, message.common ? ['notice'] : []);
    for (const ownerId of batch) {
      let reach = reaches.get(ownerId);
      if (!reach) continue;
      const planned = message.common ? plannedPushes?.get(ownerId) : undefined;
      if (planned !== undefined) reach = { ...reach, lastCommonPushAt: Math.max(reach.lastCommonPushAt ?? planned, planned) };
      recipients.push({ ownerId, unitIds: unitsOf.get(ownerId)!, plan: planOwnerChannel(reachForNotice(reach, notice, channels), message, now, clock) });
    }
  }
  return { buildings, units, recipients };
}

/** The figures of a planned audience: buildings, units, owners, and owners by what a push does (the channel, or why none). */
export function reachFigures(audience: PlannedAudience, at: string) {
  const byOutcome = { sms: 0, wechat: 0, email: 0, unreachable: 0, muted: 0, throttled: 0 };
  for (const r of audience.recipients) {
    const key = r.plan.status === 'queued' ? r.plan.channel : r.plan.status;
    if (key in byOutcome) byOutcome[key as keyof typeof byOutcome] += 1;
  }
  return { at, buildings: audience.buildings, units: audience.units, owners: audience.recipients.length, byOutcome };
}
