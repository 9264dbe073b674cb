import type { Kysely } from 'kysely';
import type { Schema } from '../schema.ts';

/**
 * Reads behind a notice's recipient list and the ledger's figures (通知公告, issue 13 items 5 and 7):
 * who of a page of owners read the notice in the portal, which of their homes in the project they
 * hold now, and the pushes per status and the read receipts of a page of notices — one query each,
 * whatever the page's size.
 */
type Db = Kysely<Schema>;

/** When each of these owners read the notice in the portal (owners who have not are absent). */
export async function noticeReadsBy(db: Db, noticeId: string, ownerIds: readonly string[]): Promise<Map<string, string>> {
  const ids = [...new Set(ownerIds)];
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('noticeReads').select(['ownerId', 'readAt']).where('noticeId', '=', noticeId).where('ownerId', 'in', ids).execute();
  return new Map(rows.map((r) => [r.ownerId, r.readAt]));
}

/** One push of a notice to an owner, with when the owner read the notice in the portal. */
export interface NoticeRecipientRow {
  id: string;
  recipientId: string;
  channel: string;
  addressMasked: string | null;
  status: string;
  reason: string | null;
  lastError: string | null;
  sentAt: string | null;
  deliveredAt: string | null;
  readAt: string | null;
  portalReadAt: string | null;
}

export interface NoticeRecipientFilter {
  noticeId: string;
  organizationId: string;
  status?: string;
  /** true: only owners who read it in the portal; false: only those who did not. */
  read?: boolean;
  /** Keyset: deliveries with an id after this one. */
  afterId?: string;
  limit: number;
}

/** A page of a notice's pushes to owners (in id order), each with the owner's portal read receipt. */
export async function listNoticeRecipients(db: Db, f: NoticeRecipientFilter): Promise<NoticeRecipientRow[]> {
  let q = db
    .selectFrom('deliveries')
    .leftJoin('noticeReads', (join) =>
      join.onRef('noticeReads.noticeId', '=', 'deliveries.sourceId').onRef('noticeReads.ownerId', '=', 'deliveries.recipientId'),
    )
    .select([
      'deliveries.id',
      'deliveries.recipientId',
      'deliveries.channel',
      'deliveries.addressMasked',
      'deliveries.status',
      'deliveries.reason',
      'deliveries.lastError',
      'deliveries.sentAt',
      'deliveries.deliveredAt',
      'deliveries.readAt',
      'noticeReads.readAt as portalReadAt',
    ])
    .where('deliveries.organizationId', '=', f.organizationId)
    .where('deliveries.sourceType', '=', 'notice')
    .where('deliveries.sourceId', '=', f.noticeId)
    .where('deliveries.recipientType', '=', 'owner');
  if (f.status) q = q.where('deliveries.status', '=', f.status);
  if (f.read === true) q = q.where('noticeReads.readAt', 'is not', null);
  if (f.read === false) q = q.where('noticeReads.readAt', 'is', null);
  if (f.afterId) q = q.where('deliveries.id', '>', f.afterId);
  return q.orderBy('deliveries.id').limit(f.limit).execute();
}

/** Each owner's current homes (units, with their building) in a project: ties ended by 迁出/过户 left out. */
export async function currentHomesInProject(
  db: Db,
  projectId: string,
  ownerIds: readonly string[],
): Promise<Map<string, { unitId: string; buildingId: string }[]>> {
  const ids = [...new Set(ownerIds)];
  const out = new Map<string, { unitId: string; buildingId: string }[]>();
  if (!ids.length) return out;
  const rows = await db
    .selectFrom('ownerUnits')
    .innerJoin('units', 'units.id', 'ownerUnits.unitId')
    .select(['ownerUnits.ownerId', 'ownerUnits.unitId', 'units.buildingId'])
    .where('ownerUnits.projectId', '=', projectId)
    .where('ownerUnits.movedOutOn', 'is', null)
    .where('ownerUnits.ownerId', 'in', ids)
    .orderBy('units.buildingId')
    .orderBy('ownerUnits.unitId')
    .execute();
  for (const r of rows) {
    const list = out.get(r.ownerId);
    if (list) list.push({ unitId: r.unitId, buildingId: r.buildingId });
    else out.set(r.ownerId, [{ unitId: r.unitId, buildingId: r.buildingId }]);
  }
  return out;
}

/** A page of notices' pushes per status, and their read receipts. */
export async function noticeFiguresOf(db: Db, noticeIds: readonly string[]): Promise<Map<string, { byStatus: Record<string, number>; reads: number }>> {
  const ids = [...new Set(noticeIds)];
  const out = new Map(ids.map((id) => [id, { byStatus: {} as Record<string, number>, reads: 0 }]));
  if (!ids.length) return out;
  const [pushes, reads] = await Promise.all([
    db
      .selectFrom('deliveries')
      .select(['sourceId', 'status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('sourceType', '=', 'notice')
      .where('sourceId', 'in', ids)
      .groupBy(['sourceId', 'status'])
      .execute(),
    db
      .selectFrom('noticeReads')
      .select(['noticeId', (eb) => eb.fn.countAll<number>().as('n')])
      .where('noticeId', 'in', ids)
      .groupBy('noticeId')
      .execute(),
  ]);
  for (const p of pushes) {
    const figures = out.get(p.sourceId ?? '');
    if (figures) figures.byStatus[p.status] = Number(p.n);
  }
  for (const r of reads) {
    const figures = out.get(r.noticeId);
    if (figures) figures.reads = Number(r.n);
  }
  return out;
}
