import { canSeeProject, DomainError, ownerNameFor, type Actor, type StaffActor } from '@guanjia/core';
import {
  currentHomesInProject,
  findNotice,
  findNotices,
  listNoticeRecipients,
  noticeFiguresOf,
  ownerNamesOf,
  unitLabelsOf,
  type NoticeRecord,
} from '@guanjia/storage';
import type { DeliveryChannel, DeliveryStatus } from '@guanjia/vocabulary';
import type { AppDeps } from '../context.ts';

/**
 * A notice's recipients and the ledger's figures (通知公告, issue 13 items 5 and 7), for the console:
 * each owner a notice was pushed to — name (masked unless the reader may reveal owner data), the homes
 * it covers, channel, status and reason, and when they opened it in the portal (the read receipt) —,
 * paged; and for a page of the ledger, each notice's pushes per status and its read receipts. Who may
 * read them: whoever reads the ledger (notice.write or notice.approve), inside their projects; a
 * notice elsewhere answers like an unknown id.
 */

function requireNoticeReader(actor: Actor): asserts actor is StaffActor {
  if (actor.kind !== 'staff' || !(actor.capabilities.has('notice.write') || actor.capabilities.has('notice.approve')))
    throw new DomainError('FORBIDDEN', undefined, { capability: 'notice.write' });
}

const seen = (actor: StaffActor, n: NoticeRecord | null | undefined): n is NoticeRecord =>
  !!n && n.organizationId === actor.organizationId && canSeeProject(actor, n.organizationId, n.projectId);

/** Whether a home lies inside the notice's targets. */
function targeted(n: NoticeRecord, home: { unitId: string; buildingId: string }): boolean {
  if (n.targetScope === 'project') return true;
  return n.targetIds.includes(n.targetScope === 'buildings' ? home.buildingId : home.unitId);
}

export async function listRecipients(
  deps: AppDeps,
  actor: Actor,
  id: string,
  q: { status?: DeliveryStatus; read?: 'true' | 'false'; limit: number; before?: string },
) {
  requireNoticeReader(actor);
  const db = deps.database.db;
  const notice = await findNotice(db, id);
  if (!seen(actor, notice)) throw new DomainError('NOTICE_NOT_FOUND', 'id');
  const rows = await listNoticeRecipients(db, {
    noticeId: notice.id,
    organizationId: actor.organizationId,
    status: q.status,
    read: q.read === undefined ? undefined : q.read === 'true',
    afterId: q.before,
    limit: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  const ownerIds = page.map((r) => r.recipientId);
  const [names, homes] = await Promise.all([ownerNamesOf(db, ownerIds), currentHomesInProject(db, notice.projectId, ownerIds)]);
  const homesOf = new Map([...homes].map(([owner, list]) => [owner, list.filter((h) => targeted(notice, h)).map((h) => h.unitId)]));
  const labels = await unitLabelsOf(db, [...homesOf.values()].flat());
  return {
    items: page.map((r) => ({
      deliveryId: r.id,
      ownerId: r.recipientId,
      ownerName: ownerNameFor(actor, names.get(r.recipientId) ?? ''),
      units: (homesOf.get(r.recipientId) ?? []).map((u) => labels.get(u)?.label ?? '').filter(Boolean),
      channel: r.channel as DeliveryChannel,
      to: r.addressMasked,
      status: r.status as DeliveryStatus,
      reason: r.reason,
      lastError: r.lastError,
      sentAt: r.sentAt,
      deliveredAt: r.deliveredAt,
      channelReadAt: r.readAt,
      portalReadAt: r.portalReadAt,
    })),
    next: rows.length > q.limit ? page[page.length - 1]!.id : null,
  };
}

/** The ledger's figures of these notices (those outside the reader's projects left out), in the order asked. */
export async function noticeFigures(deps: AppDeps, actor: Actor, ids: string | readonly string[]) {
  requireNoticeReader(actor);
  const wanted = [...new Set(typeof ids === 'string' ? [ids] : ids)];
  const notices = (await findNotices(deps.database.db, wanted)).filter((n) => seen(actor, n));
  const figures = await noticeFiguresOf(
    deps.database.db,
    notices.map((n) => n.id),
  );
  const found = new Set(notices.map((n) => n.id));
  return wanted
    .filter((id) => found.has(id))
    .map((id) => {
      const f = figures.get(id)!;
      return {
        noticeId: id,
        deliveries: Object.values(f.byStatus).reduce((a, b) => a + b, 0),
        byStatus: f.byStatus as Partial<Record<DeliveryStatus, number>>,
        reads: f.reads,
      };
    });
}
