import { type OwnerReach } from '@guanjia/core';
import { listOwnerContacts, lastPushes, type Schema } from '@guanjia/storage';
import type { Channel, DeliveryChannel, MessageKind } from '@guanjia/vocabulary';
import type { Kysely } from 'kysely';

/**
 * Where people can be reached, read for a batch of recipients: an owner's addresses per outside channel
 * (phone → SMS, email, a linked WeChat openid), their preferred channel, 免打扰 times, mutes and last
 * common push (core's planOwnerChannel decides from these); a staff member's channel for pages.
 */

/** The intake channel an owner prefers (their archive's 首选沟通渠道), as the outside channel a message can take. */
const PREFERRED_DELIVERY: Partial<Record<Channel | DeliveryChannel, DeliveryChannel>> = {
  wechat_group: 'wechat',
  online_chat: 'wechat',
  hotline: 'sms',
  email: 'email',
  sms: 'sms',
  wechat: 'wechat',
};

/** null: no preference a message can serve (the counter, a letter …): the fallback order decides. */
export function deliveryChannelOf(preferred: string | null): DeliveryChannel | null {
  return preferred ? (PREFERRED_DELIVERY[preferred as Channel] ?? null) : null;
}

export async function ownerReaches(
  db: Kysely<Schema>,
  ownerIds: readonly string[],
  commonKinds: readonly MessageKind[] = [],
): Promise<Map<string, OwnerReach>> {
  const ids = [...new Set(ownerIds)];
  const out = new Map<string, OwnerReach>();
  if (!ids.length) return out;
  const rows: { id: string; preferredChannel: string | null; doNotDisturb: string; messageMutes: string }[] = [];
  for (let i = 0; i < ids.length; i += 1000)
    rows.push(
      ...(await db
        .selectFrom('owners')
        .select(['id', 'preferredChannel', 'doNotDisturb', 'messageMutes'])
        .where('id', 'in', ids.slice(i, i + 1000))
        .execute()),
    );
  const contacts = await listOwnerContacts(db, ids);
  const pushes = commonKinds.length ? await lastPushes(db, ids, commonKinds) : new Map<string, string>();
  // each owner's contacts, gathered once (a notice reads thousands of owners a batch)
  const contactsOf = new Map<string, typeof contacts>();
  for (const c of contacts) {
    const list = contactsOf.get(c.ownerId);
    if (list) list.push(c);
    else contactsOf.set(c.ownerId, [c]);
  }
  for (const r of rows) {
    const addresses: Partial<Record<DeliveryChannel, string>> = {};
    // the primary contact of each kind first
    const mine = (contactsOf.get(r.id) ?? []).sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary));
    for (const c of mine) {
      const channel: DeliveryChannel | null =
        c.kind === 'phone' ? (/^\+?(86)?1[3-9]\d{9}$/.test(c.value.replace(/[\s-]/g, '')) ? 'sms' : null) : c.kind === 'email' ? 'email' : 'wechat';
      if (channel && !addresses[channel]) addresses[channel] = c.value.replace(/[\s-]/g, '');
    }
    const last = pushes.get(r.id);
    out.set(r.id, {
      preferred: deliveryChannelOf(r.preferredChannel),
      addresses,
      quiet: JSON.parse(r.doNotDisturb || '[]'),
      mutes: JSON.parse(r.messageMutes || '[]'),
      lastCommonPushAt: last ? Date.parse(last) : null,
    });
  }
  return out;
}

export interface StaffReach {
  id: string;
  name: string;
  active: boolean;
  /** The outside channel a page reaches them on, with its address; null when they have none. */
  page: { channel: DeliveryChannel; address: string } | null;
}

/** Staff members' page channels: the one they chose (alert_channel) when it has an address, else WeCom, SMS, email in that order. */
export async function staffReaches(db: Kysely<Schema>, staffIds: readonly string[]): Promise<Map<string, StaffReach>> {
  const ids = [...new Set(staffIds)];
  const out = new Map<string, StaffReach>();
  if (!ids.length) return out;
  const rows = await db.selectFrom('staff').select(['id', 'name', 'active', 'phone', 'email', 'wecomUserId', 'alertChannel']).where('id', 'in', ids).execute();
  for (const r of rows) {
    const addresses: Partial<Record<DeliveryChannel, string>> = {};
    if (r.wecomUserId) addresses.wecom = r.wecomUserId;
    if (r.phone && /^1[3-9]\d{9}$/.test(r.phone.replace(/[\s-]/g, ''))) addresses.sms = r.phone.replace(/[\s-]/g, '');
    if (r.email) addresses.email = r.email;
    const order = [r.alertChannel as DeliveryChannel | null, 'wecom', 'sms', 'email'].filter((c): c is DeliveryChannel => !!c);
    const channel = order.find((c) => addresses[c]);
    out.set(r.id, { id: r.id, name: r.name, active: Number(r.active) === 1, page: channel ? { channel, address: addresses[channel]! } : null });
  }
  return out;
}
