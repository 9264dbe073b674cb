import { DomainError, type Actor, type OwnerActor } from '@guanjia/core';
import {
  findNotice,
  findOwnerMessageSettings,
  insertNoticeRead,
  insertOwnerEvent,
  listProjects,
  listPublishedNotices,
  noticeReadsOf,
  ownerHomes,
  saveOwnerMessageSettings,
  type NoticeRecord,
} from '@guanjia/storage';
import type { NoticeChannel, NoticeKind } from '@guanjia/vocabulary';
import type { AppDeps } from '../context.ts';
import { deliveryChannelOf } from '../delivery/reach.ts';
import { noticeAreas } from './notice-views.ts';
import { inTransaction } from './transaction.ts';

/**
 * Notices in the owner's portal (SPEC §9, issue 13 items 5 and 7): the notices in force for their
 * homes — a whole project's, their building's, their unit's —, emergencies first and pinned, each with
 * when they read it (the read receipt is written when they open it); and their message settings: the
 * channel tried first, 免打扰 times, and kinds of common notice muted per channel.
 *
 * The preferred channel is the archive's 首选沟通渠道 (an intake channel), which the delivery worker
 * reads as an outside channel (delivery/reach.ts): SMS is kept as 客服热线 (hotline), WeChat as 业主微信群,
 * email as email.
 */

function requireOwner(actor: Actor): asserts actor is OwnerActor {
  if (actor.kind !== 'owner') throw new DomainError('FORBIDDEN');
}

/** A notice is the owner's when it is in force and targets their project, one of their buildings, or one of their units. */
function isForHomes(n: NoticeRecord, homes: readonly { unitId: string; buildingId: string; projectId: string }[], now: string): boolean {
  if (n.status !== 'published' || (n.expiresAt && n.expiresAt <= now)) return false;
  const mine = homes.filter((h) => h.projectId === n.projectId);
  if (!mine.length) return false;
  if (n.targetScope === 'project') return true;
  const ids = new Set(n.targetIds);
  return mine.some((h) => ids.has(n.targetScope === 'buildings' ? h.buildingId : h.unitId));
}

export async function listPortalNotices(deps: AppDeps, actor: Actor) {
  requireOwner(actor);
  const db = deps.database.db;
  const now = deps.now();
  const homes = await ownerHomes(db, actor.id);
  const projectIds = [...new Set(homes.map((h) => h.projectId))];
  const notices = (await listPublishedNotices(db, projectIds)).filter((n) => n.organizationId === actor.organizationId && isForHomes(n, homes, now));
  // emergencies pinned first, then the newest
  notices.sort((a, b) => Number(b.emergency) - Number(a.emergency) || (b.publishedAt ?? '').localeCompare(a.publishedAt ?? ''));
  const [reads, areas, projects] = await Promise.all([
    noticeReadsOf(
      db,
      actor.id,
      notices.map((n) => n.id),
    ),
    noticeAreas(db, notices),
    listProjects(db, actor.organizationId, projectIds),
  ]);
  const projectName = new Map(projects.map((p) => [p.id, p.name]));
  return notices.map((n) => ({
    id: n.id,
    projectName: projectName.get(n.projectId) ?? '',
    kind: n.kind as NoticeKind,
    title: n.title,
    body: n.body,
    emergency: n.emergency,
    startsAt: n.startsAt,
    endsAt: n.endsAt,
    expiresAt: n.expiresAt,
    publishedAt: n.publishedAt!,
    area: areas.get(n.id) ?? '',
    readAt: reads.get(n.id) ?? null,
  }));
}

/** The owner opened the notice: its read receipt (once; opening it again changes nothing). Another's notice answers like an unknown one. */
export async function markPortalNoticeRead(deps: AppDeps, actor: Actor, id: string): Promise<void> {
  requireOwner(actor);
  const db = deps.database.db;
  const n = await findNotice(db, id);
  const now = deps.now();
  if (!n || n.organizationId !== actor.organizationId || !isForHomes(n, await ownerHomes(db, actor.id), now)) throw new DomainError('NOTICE_NOT_FOUND', 'id');
  await inTransaction(deps.database, (tx) => insertNoticeRead(tx, n.id, actor.id, now));
}

/** The outside channel an owner's archive preference stands for (null: none of a notice's). */
function preferredNoticeChannel(stored: string | null): NoticeChannel | null {
  const channel = deliveryChannelOf(stored);
  return channel === 'sms' || channel === 'wechat' || channel === 'email' ? channel : null;
}
/** How the portal's choice is kept in the archive (an intake channel the delivery worker maps back). */
const STORED_PREFERENCE: Record<NoticeChannel, string> = { sms: 'hotline', wechat: 'wechat_group', email: 'email' };

export async function getMessageSettings(deps: AppDeps, actor: Actor) {
  requireOwner(actor);
  const s = await findOwnerMessageSettings(deps.database.db, actor.id);
  if (!s) throw new DomainError('OWNER_NOT_FOUND');
  return {
    preferredChannel: preferredNoticeChannel(s.preferredChannel),
    doNotDisturb: s.doNotDisturb.map((q) => ({ from: q.from, to: q.to })),
    mutes: s.mutes.map((m) => ({ kind: m.kind as NoticeKind, channel: m.channel as NoticeChannel })),
  };
}

export async function saveMessageSettings(
  deps: AppDeps,
  actor: Actor,
  input: { preferredChannel: NoticeChannel | null; doNotDisturb: { from: string; to: string }[]; mutes: { kind: NoticeKind; channel: NoticeChannel }[] },
) {
  requireOwner(actor);
  const now = deps.now();
  const mutes = [...new Map(input.mutes.map((m) => [`${m.kind}|${m.channel}`, m])).values()];
  await inTransaction(deps.database, async (db) => {
    const current = await findOwnerMessageSettings(db, actor.id);
    if (!current) throw new DomainError('OWNER_NOT_FOUND');
    // an archive preference the portal does not offer (the counter, a letter …) stays unless the owner picks a channel
    const preferredChannel = input.preferredChannel
      ? STORED_PREFERENCE[input.preferredChannel]
      : preferredNoticeChannel(current.preferredChannel)
        ? null
        : current.preferredChannel;
    await saveOwnerMessageSettings(db, actor.id, { preferredChannel, doNotDisturb: input.doNotDisturb, mutes }, now);
    await insertOwnerEvent(db, {
      id: deps.newId(),
      organizationId: actor.organizationId,
      ownerId: actor.id,
      type: 'message_settings_changed',
      actorKind: 'owner',
      actorId: actor.id,
      data: { preferredChannel: input.preferredChannel, doNotDisturb: input.doNotDisturb, mutes },
      at: now,
    });
  });
  return getMessageSettings(deps, actor);
}
