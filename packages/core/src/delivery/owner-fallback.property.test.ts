import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DELIVERY_CHANNELS, MESSAGE_KINDS, type DeliveryChannel } from '@guanjia/vocabulary';
import { LocalClock } from '../calendar/local-clock.ts';
import { ownerChannelOrder, planFallbackChannel, planOwnerChannel, type MessageClass, type OwnerReach } from './owner-reach.ts';
import { isQuietAt } from './quiet-hours.ts';

/** The fallback at send time: which channel a message goes on after failing for good on one because the owner is not reachable there. */
const clock = fc.constantFrom(new LocalClock('Asia/Shanghai'), new LocalClock('America/New_York'));
const channel = fc.constantFrom(...DELIVERY_CHANNELS);
const outside = fc.constantFrom<DeliveryChannel>('wechat', 'sms', 'email');
const kind = fc.constantFrom(...MESSAGE_KINDS);
const now = fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) });
const hhmm = fc.integer({ min: 0, max: 47 }).map((h) => `${String(Math.floor(h / 2)).padStart(2, '0')}:${h % 2 ? '30' : '00'}`);
const address = fc.constantFrom('13800138000', 'owner@example.cn', 'oAbC123openid', '', '  ');
const reach: fc.Arbitrary<OwnerReach> = fc.record({
  preferred: fc.option(channel, { nil: null }),
  addresses: fc.dictionary(channel, address, { maxKeys: 6 }) as fc.Arbitrary<Partial<Record<DeliveryChannel, string>>>,
  quiet: fc.array(fc.record({ from: hhmm, to: hhmm }), { maxLength: 2 }),
  mutes: fc.array(fc.record({ kind, channel }), { maxLength: 4 }),
  lastCommonPushAt: fc.option(now, { nil: null }),
});
const message: fc.Arbitrary<MessageClass> = fc.record({
  kind,
  urgency: fc.constantFrom('emergency', 'normal') as fc.Arbitrary<MessageClass['urgency']>,
  common: fc.boolean(),
});
const tried = fc.uniqueArray(outside, { maxLength: 3 });

const usable = (r: OwnerReach, c: DeliveryChannel, m: MessageClass) =>
  !!r.addresses[c]?.trim() && !(m.common && m.urgency !== 'emergency' && r.mutes.some((x) => x.kind === m.kind && x.channel === c));

describe('the fallback after an owner could not be reached on a channel', () => {
  it('never falls back to the failed channel, one tried before, in-app or a channel without an address', () => {
    fc.assert(
      fc.property(reach, message, outside, tried, now, clock, (r, m, failed, before, t, c) => {
        const plan = planFallbackChannel(r, m, failed, before, t, c);
        if (!plan) return;
        expect(plan.channel).not.toBe(failed);
        expect(before).not.toContain(plan.channel);
        expect(plan.channel).not.toBe('in_app');
        expect(plan.address).toBe(r.addresses[plan.channel]!.trim());
        expect(plan.fellBackFrom).toBe(failed);
        expect(plan.reason!.split(',')[0]).toBe(`fallback_from_${failed}`);
        expect(plan.reason!.split(',').filter((x) => x.startsWith('fallback_from_'))).toHaveLength(1);
      }),
    );
  });

  it('takes the first untried channel of the owner’s order that can carry the message, and gives up only when none is left', () => {
    fc.assert(
      fc.property(reach, message, outside, tried, now, clock, (r, m, failed, before, t, c) => {
        const plan = planFallbackChannel(r, m, failed, before, t, c);
        const left = ownerChannelOrder(r.preferred).filter((ch) => ch !== failed && !before.includes(ch) && usable(r, ch, m));
        if (left.length === 0) expect(plan).toBeNull();
        else expect(plan?.channel).toBe(left[0]);
      }),
    );
  });

  it('respects 免打扰 as the first plan did (an emergency goes through it, a normal message waits), and the throttle never holds it back', () => {
    fc.assert(
      fc.property(reach, message, outside, now, clock, (r, m, failed, t, c) => {
        const plan = planFallbackChannel({ ...r, lastCommonPushAt: t }, m, failed, [], t, c);
        if (!plan) return;
        const first = planOwnerChannel({ ...r, addresses: { [plan.channel]: r.addresses[plan.channel] }, lastCommonPushAt: null }, m, t, c);
        expect(first.status).toBe('queued');
        if (first.status !== 'queued') return;
        expect(plan.notBefore).toBe(first.notBefore);
        expect(plan.quietOverridden).toBe(first.quietOverridden);
        if (m.urgency === 'emergency') expect(plan.notBefore).toBe(t);
        if (plan.notBefore > t) expect(isQuietAt(r.quiet, t, c)).toBe(true);
      }),
    );
  });
});
