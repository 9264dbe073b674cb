import type { DeliveryChannel, MessageKind } from '@guanjia/vocabulary';
import type { LocalClock } from '../calendar/local-clock.ts';
import { isQuietAt, quietEndsAt, type QuietSpan } from './quiet-hours.ts';

/**
 * Which outside channel a message to one owner goes on, and what becomes of it (SPEC §9, issue 13):
 * the preferred channel first, then WeChat, SMS, email; a channel without an address is skipped (the
 * plan says which one it fell back from); a common notice the owner muted on a channel skips that
 * channel, and goes out at most once an hour; a normal message waits for the end of 免打扰, an
 * emergency goes through it (and says so). The in-app inbox is not chosen here: the portal always
 * shows every message. Pure: the instant and the owner's clock are inputs.
 */

export interface OwnerReach {
  /** The owner's preferred outside channel, if any (already mapped to a DeliveryChannel). */
  preferred: DeliveryChannel | null;
  /** Addresses the owner can be reached at, per outside channel (wechat = a linked openid). */
  addresses: Partial<Record<DeliveryChannel, string>>;
  quiet: readonly QuietSpan[];
  /** What the owner muted: a message kind on a channel (only common notices can be muted). */
  mutes: readonly { kind: MessageKind; channel: DeliveryChannel }[];
  /** When this owner was last sent a common notice on an outside channel (epoch ms), for the 1-per-hour throttle. */
  lastCommonPushAt: number | null;
}

export interface MessageClass {
  kind: MessageKind;
  /** 'emergency': an emergency notice or an urgent alert — never muted, never throttled, sent through 免打扰 (with reason). */
  urgency: 'emergency' | 'normal';
  /** A common notice: mutable per kind and channel and throttled to one push per owner per hour. Case progress messages are not. */
  common: boolean;
}

/** The order outside channels are tried in after the preferred one. */
export const OWNER_FALLBACK_ORDER: readonly DeliveryChannel[] = ['wechat', 'sms', 'email'];
/** One common notice per owner per hour on the outside channels. */
export const COMMON_PUSH_INTERVAL_MS = 3_600_000;

/**
 * The machine-readable reasons a plan gives (the integrator words them in zh-CN and English). A
 * queued plan's `reason` lists the ones that apply, joined by ',' in this order, or is null.
 */
export const OWNER_PLAN_REASONS = [
  'fallback_from_wechat',
  'fallback_from_sms',
  'fallback_from_email',
  'fallback_from_wecom',
  'fallback_from_webhook',
  'emergency_overrides_quiet_hours', // sent now although the owner is in 免打扰
  'deferred_for_quiet_hours', // waits for the end of 免打扰 (notBefore)
  'muted_by_owner',
  'common_notice_within_hour',
  'no_address',
] as const;
export type OwnerPlanReason = (typeof OWNER_PLAN_REASONS)[number];

export type OwnerChannelPlan =
  | {
      status: 'queued';
      channel: DeliveryChannel;
      address: string;
      notBefore: number;
      fellBackFrom: DeliveryChannel | null;
      quietOverridden: boolean;
      reason: string | null;
    }
  | { status: 'muted' | 'throttled' | 'unreachable'; channel: DeliveryChannel | null; reason: string };

/** The outside channels in the order they are tried: the preferred one, then the fallback order; never in_app, no duplicates. */
export function ownerChannelOrder(preferred: DeliveryChannel | null): DeliveryChannel[] {
  const order = preferred ? [preferred, ...OWNER_FALLBACK_ORDER] : [...OWNER_FALLBACK_ORDER];
  return [...new Set(order)].filter((c) => c !== 'in_app');
}

function addressOn(reach: OwnerReach, channel: DeliveryChannel): string | null {
  const address = reach.addresses[channel]?.trim();
  return address ? address : null;
}

export function planOwnerChannel(reach: OwnerReach, message: MessageClass, now: number, clock: LocalClock): OwnerChannelPlan {
  const emergency = message.urgency === 'emergency';
  const mutable = message.common && !emergency;
  const order = ownerChannelOrder(reach.preferred);
  let firstMuted: DeliveryChannel | null = null;
  let chosen: { channel: DeliveryChannel; address: string } | null = null;
  for (const channel of order) {
    const address = addressOn(reach, channel);
    if (!address) continue;
    if (mutable && reach.mutes.some((m) => m.kind === message.kind && m.channel === channel)) {
      firstMuted ??= channel;
      continue;
    }
    chosen = { channel, address };
    break;
  }
  if (!chosen) {
    return firstMuted ? { status: 'muted', channel: firstMuted, reason: 'muted_by_owner' } : { status: 'unreachable', channel: null, reason: 'no_address' };
  }
  if (mutable && reach.lastCommonPushAt !== null && now < reach.lastCommonPushAt + COMMON_PUSH_INTERVAL_MS) {
    return { status: 'throttled', channel: chosen.channel, reason: 'common_notice_within_hour' };
  }
  const fellBackFrom = chosen.channel === order[0] ? null : order[0]!;
  const reasons: OwnerPlanReason[] = fellBackFrom ? [`fallback_from_${fellBackFrom}` as OwnerPlanReason] : [];
  const quiet = isQuietAt(reach.quiet, now, clock);
  let notBefore = now;
  if (quiet && emergency) reasons.push('emergency_overrides_quiet_hours');
  if (quiet && !emergency) {
    notBefore = quietEndsAt(reach.quiet, now, clock);
    if (notBefore > now) reasons.push('deferred_for_quiet_hours');
  }
  return {
    status: 'queued',
    channel: chosen.channel,
    address: chosen.address,
    notBefore,
    fellBackFrom,
    quietOverridden: quiet && emergency,
    reason: reasons.length ? reasons.join(',') : null,
  };
}

/**
 * The fallback at send time (issue 13 item 7): a message to an owner failed for good on `failedOn`
 * because the owner cannot be reached there (WeChat 43004 not following or 40003 a wrong openid, an
 * SMS number the carrier refuses, a mailbox that does not exist). The same message goes once more on
 * the next channel of the owner's order that has an address and has not been tried for this message
 * (`tried`: the channels of its earlier deliveries), the owner's mutes and 免打扰 respected as in
 * planOwnerChannel; the throttle does not apply (the owner has not been reached). Its reason starts
 * with `fallback_from_<failedOn>`. null: no channel left — the failed delivery stays in the
 * dead-letter list.
 */
export function planFallbackChannel(
  reach: OwnerReach,
  message: MessageClass,
  failedOn: DeliveryChannel,
  tried: readonly DeliveryChannel[],
  now: number,
  clock: LocalClock,
): Extract<OwnerChannelPlan, { status: 'queued' }> | null {
  const skip = new Set<DeliveryChannel>([failedOn, ...tried]);
  const addresses: Partial<Record<DeliveryChannel, string>> = {};
  for (const [channel, address] of Object.entries(reach.addresses) as [DeliveryChannel, string][]) if (!skip.has(channel)) addresses[channel] = address;
  const plan = planOwnerChannel({ ...reach, addresses, lastCommonPushAt: null }, message, now, clock);
  if (plan.status !== 'queued') return null;
  const reasons = [`fallback_from_${failedOn}`, ...(plan.reason ?? '').split(',').filter((r) => r && !r.startsWith('fallback_from_'))];
  return { ...plan, fellBackFrom: failedOn, reason: reasons.join(',') };
}
