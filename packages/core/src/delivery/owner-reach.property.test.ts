import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DELIVERY_CHANNELS, MESSAGE_KINDS, type DeliveryChannel, type MessageKind } from '@guanjia/vocabulary';
import { LocalClock } from '../calendar/local-clock.ts';
import { COMMON_PUSH_INTERVAL_MS, ownerChannelOrder, planOwnerChannel, type MessageClass, type OwnerReach } from './owner-reach.ts';
import { isQuietAt } from './quiet-hours.ts';

const MINUTE = 60_000;
const clocks = [new LocalClock('Asia/Shanghai'), new LocalClock('America/New_York')];
const clock = fc.constantFrom(...clocks);
const channel = fc.constantFrom(...DELIVERY_CHANNELS);
const kind = fc.constantFrom(...MESSAGE_KINDS);
const now = fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) });
const hhmm = fc.integer({ min: 0, max: 47 }).map((h) => `${String(Math.floor(h / 2)).padStart(2, '0')}:${h % 2 ? '30' : '00'}`);
const address = fc.constantFrom('13800138000', 'owner@example.cn', 'oAbC123openid', '', '  ');

const reachArb = (kinds: fc.Arbitrary<MessageKind>): fc.Arbitrary<OwnerReach> =>
  fc.record({
    preferred: fc.option(channel, { nil: null }),
    addresses: fc.dictionary(channel, address, { maxKeys: 6 }) as fc.Arbitrary<Partial<Record<DeliveryChannel, string>>>,
    quiet: fc.array(fc.record({ from: hhmm, to: hhmm }), { maxLength: 2 }),
    mutes: fc.array(fc.record({ kind: kinds, channel }), { maxLength: 4 }),
    lastCommonPushAt: fc.option(fc.integer({ min: Date.UTC(2025, 11, 31), max: Date.UTC(2027, 0, 1) }), { nil: null }),
  });
const reach = reachArb(kind);
const message: fc.Arbitrary<MessageClass> = fc.record({
  kind,
  urgency: fc.constantFrom('emergency', 'normal') as fc.Arbitrary<MessageClass['urgency']>,
  common: fc.boolean(),
});

function wholeDayQuiet(r: OwnerReach, c: LocalClock): boolean {
  const start = c.instantOf('2026-06-15', 0);
  for (let m = 0; m < 1440; m += 1) if (!isQuietAt(r.quiet, start + m * MINUTE, c)) return false;
  return true;
}

describe('which channel a message to an owner goes on', () => {
  it('never plans a channel without an address, nor the in-app inbox', () => {
    fc.assert(
      fc.property(reach, message, now, clock, (r, m, t, c) => {
        const plan = planOwnerChannel(r, m, t, c);
        if (plan.status === 'unreachable') {
          expect(plan.channel).toBeNull();
          expect(ownerChannelOrder(r.preferred).every((ch) => !r.addresses[ch]?.trim())).toBe(true);
          return;
        }
        expect(plan.channel).not.toBe('in_app');
        expect(r.addresses[plan.channel!]?.trim()).toBeTruthy();
        if (plan.status === 'queued') expect(plan.address).toBe(r.addresses[plan.channel]!.trim());
      }),
    );
  });

  it('an emergency is never muted, never throttled and never deferred', () => {
    fc.assert(
      fc.property(reach, message, now, clock, (r, m, t, c) => {
        const plan = planOwnerChannel(r, { ...m, urgency: 'emergency' }, t, c);
        expect(['queued', 'unreachable']).toContain(plan.status);
        if (plan.status === 'queued') {
          expect(plan.notBefore).toBe(t);
          expect(plan.quietOverridden).toBe(isQuietAt(r.quiet, t, c));
          if (plan.quietOverridden) expect(plan.reason).toContain('emergency_overrides_quiet_hours');
        }
      }),
    );
  });

  it('a normal message is never sent inside 免打扰 (unless the spans cover the whole day)', () => {
    fc.assert(
      fc.property(reach, message, now, clock, (r, m, t, c) => {
        const plan = planOwnerChannel(r, { ...m, urgency: 'normal' }, t, c);
        if (plan.status !== 'queued') return;
        expect(plan.quietOverridden).toBe(false);
        expect(plan.notBefore).toBeGreaterThanOrEqual(t);
        if (!wholeDayQuiet(r, c)) expect(isQuietAt(r.quiet, plan.notBefore, c)).toBe(false);
      }),
    );
  });

  it('throttles only common notices of normal urgency, and only within the hour after the last push', () => {
    fc.assert(
      fc.property(reach, message, now, clock, (r, m, t, c) => {
        const plan = planOwnerChannel(r, m, t, c);
        if (plan.status !== 'throttled') return;
        expect(m.common).toBe(true);
        expect(m.urgency).toBe('normal');
        expect(r.lastCommonPushAt).not.toBeNull();
        expect(t - r.lastCommonPushAt!).toBeLessThan(COMMON_PUSH_INTERVAL_MS);
      }),
    );
  });

  it('mutes only common notices of normal urgency', () => {
    fc.assert(
      fc.property(reach, message, now, clock, (r, m, t, c) => {
        const plan = planOwnerChannel(r, m, t, c);
        if (plan.status === 'muted') expect(m.common && m.urgency === 'normal').toBe(true);
        if (!(m.common && m.urgency === 'normal')) expect(plan).toEqual(planOwnerChannel({ ...r, mutes: [] }, m, t, c));
      }),
    );
  });

  it('muting the channel a common notice would take falls back to another reachable unmuted channel', () => {
    fc.assert(
      fc.property(reach, kind, now, clock, (r, k, t, c) => {
        const m: MessageClass = { kind: k, urgency: 'normal', common: true };
        const before = planOwnerChannel({ ...r, lastCommonPushAt: null }, m, t, c);
        fc.pre(before.status === 'queued');
        const mutes = [...r.mutes, { kind: k, channel: before.channel! }];
        const after = planOwnerChannel({ ...r, mutes, lastCommonPushAt: null }, m, t, c);
        const others = ownerChannelOrder(r.preferred).filter((ch) => r.addresses[ch]?.trim() && !mutes.some((x) => x.kind === k && x.channel === ch));
        if (others.length === 0) expect(after.status).toBe('muted');
        else {
          expect(after.status).toBe('queued');
          expect(after.channel).toBe(others[0]);
          expect(after.channel).not.toBe(before.channel);
        }
      }),
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(reach, message, now, clock, (r, m, t, c) => {
        expect(planOwnerChannel(r, m, t, c)).toEqual(planOwnerChannel(structuredClone(r), { ...m }, t, c));
      }),
    );
  });
});

describe('owner channel plans: examples', () => {
  const shanghai = new LocalClock('Asia/Shanghai');
  const noon = Date.parse('2026-11-25T12:00:00+08:00');
  const night = Date.parse('2026-11-25T23:00:00+08:00');
  const owner: OwnerReach = {
    preferred: 'wechat',
    addresses: { sms: '13800138000', email: 'owner@example.cn' },
    quiet: [{ from: '21:00', to: '08:00' }],
    mutes: [],
    lastCommonPushAt: null,
  };
  const progress: MessageClass = { kind: 'case_accepted', urgency: 'normal', common: false };
  const notice: MessageClass = { kind: 'notice', urgency: 'normal', common: true };
  const emergency: MessageClass = { kind: 'notice_emergency', urgency: 'emergency', common: true };

  it('WeChat not linked: falls back to SMS and says so', () => {
    expect(planOwnerChannel(owner, progress, noon, shanghai)).toEqual({
      status: 'queued',
      channel: 'sms',
      address: '13800138000',
      notBefore: noon,
      fellBackFrom: 'wechat',
      quietOverridden: false,
      reason: 'fallback_from_wechat',
    });
  });

  it('the preferred channel first, without a fallback reason when it has an address', () => {
    const plan = planOwnerChannel({ ...owner, preferred: 'email' }, progress, noon, shanghai);
    expect(plan).toMatchObject({ status: 'queued', channel: 'email', fellBackFrom: null, reason: null });
  });

  it('at 23:00 in 免打扰 a case message waits until 08:00; an emergency notice goes now', () => {
    expect(planOwnerChannel(owner, progress, night, shanghai)).toMatchObject({
      status: 'queued',
      notBefore: Date.parse('2026-11-26T08:00:00+08:00'),
      quietOverridden: false,
      reason: 'fallback_from_wechat,deferred_for_quiet_hours',
    });
    expect(planOwnerChannel(owner, emergency, night, shanghai)).toMatchObject({
      status: 'queued',
      notBefore: night,
      quietOverridden: true,
      reason: 'fallback_from_wechat,emergency_overrides_quiet_hours',
    });
  });

  it('a second common notice within the hour is throttled; after the hour it goes; case progress is never throttled', () => {
    const pushed = { ...owner, lastCommonPushAt: noon - 59 * MINUTE };
    expect(planOwnerChannel(pushed, notice, noon, shanghai)).toEqual({ status: 'throttled', channel: 'sms', reason: 'common_notice_within_hour' });
    expect(planOwnerChannel({ ...owner, lastCommonPushAt: noon - 60 * MINUTE }, notice, noon, shanghai).status).toBe('queued');
    expect(planOwnerChannel(pushed, progress, noon, shanghai).status).toBe('queued');
    expect(planOwnerChannel(pushed, emergency, noon, shanghai).status).toBe('queued');
  });

  it('muted on every reachable channel: muted, naming the first; muted on SMS only: email', () => {
    const mutedSms = { ...owner, mutes: [{ kind: 'notice' as const, channel: 'sms' as const }] };
    expect(planOwnerChannel(mutedSms, notice, noon, shanghai)).toMatchObject({ status: 'queued', channel: 'email', fellBackFrom: 'wechat' });
    const mutedBoth = { ...mutedSms, mutes: [...mutedSms.mutes, { kind: 'notice' as const, channel: 'email' as const }] };
    expect(planOwnerChannel(mutedBoth, notice, noon, shanghai)).toEqual({ status: 'muted', channel: 'sms', reason: 'muted_by_owner' });
    // a mute of another kind, or of a case message, changes nothing
    expect(planOwnerChannel(mutedBoth, { ...notice, kind: 'case_closed', common: false }, noon, shanghai).channel).toBe('sms');
  });

  it('no address at all: unreachable', () => {
    expect(planOwnerChannel({ ...owner, addresses: { wechat: ' ' } }, progress, noon, shanghai)).toEqual({
      status: 'unreachable',
      channel: null,
      reason: 'no_address',
    });
  });

  it('the order: preferred first, then WeChat, SMS, email, without duplicates or the in-app inbox', () => {
    expect(ownerChannelOrder(null)).toEqual(['wechat', 'sms', 'email']);
    expect(ownerChannelOrder('email')).toEqual(['email', 'wechat', 'sms']);
    expect(ownerChannelOrder('wecom')).toEqual(['wecom', 'wechat', 'sms', 'email']);
    expect(ownerChannelOrder('in_app')).toEqual(['wechat', 'sms', 'email']);
  });
});
