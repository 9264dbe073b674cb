import { NOTICE_UNDO_WINDOW_MS } from '@guanjia/core';
import type { Notice } from '@guanjia/api-contract';
import { buildingNamesOf, listProjects, staffNamesOf, unitLabelsOf, type NoticePostingRecord, type NoticeRecord, type Schema } from '@guanjia/storage';
import type { Kysely } from 'kysely';
import type { AppDeps } from '../context.ts';

/**
 * How notices and their paper tasks are shown: the targets in words (全部楼栋 / 1栋、2栋 / 1栋-101 …),
 * the people by name, the project's name, until when it can be undone. Names are read once per page.
 */

/** Units named in an area before it says how many more (…等 12 户). */
const AREA_UNITS_NAMED = 5;

/** Each notice's targets in words. */
export async function noticeAreas(
  db: Kysely<Schema>,
  notices: readonly Pick<NoticeRecord, 'id' | 'targetScope' | 'targetIds'>[],
): Promise<Map<string, string>> {
  const buildingIds = notices.filter((n) => n.targetScope === 'buildings').flatMap((n) => n.targetIds);
  const unitIds = notices.filter((n) => n.targetScope === 'units').flatMap((n) => n.targetIds.slice(0, AREA_UNITS_NAMED));
  const [buildings, units] = await Promise.all([buildingNamesOf(db, buildingIds), unitLabelsOf(db, unitIds)]);
  const out = new Map<string, string>();
  for (const n of notices) {
    if (n.targetScope === 'project') out.set(n.id, '全部楼栋');
    else if (n.targetScope === 'buildings')
      out.set(
        n.id,
        n.targetIds
          .map((id) => buildings.get(id) ?? '')
          .filter(Boolean)
          .join('、'),
      );
    else {
      const named = n.targetIds.slice(0, AREA_UNITS_NAMED).map((id) => units.get(id)?.label ?? '');
      const more = n.targetIds.length - AREA_UNITS_NAMED;
      out.set(n.id, `${named.filter(Boolean).join('、')}${more > 0 ? `等${n.targetIds.length}户` : ''}`);
    }
  }
  return out;
}

export async function noticeViews(deps: AppDeps, organizationId: string, notices: readonly NoticeRecord[]): Promise<Notice[]> {
  const db = deps.database.db;
  const people = notices.flatMap((n) => [n.createdBy, n.submittedBy, n.approvedBy, n.rejectedBy, n.withdrawnBy]);
  const [names, areas, projects] = await Promise.all([
    staffNamesOf(db, people),
    noticeAreas(db, notices),
    listProjects(db, organizationId, [...new Set(notices.map((n) => n.projectId))]),
  ]);
  const projectName = new Map(projects.map((p) => [p.id, p.name]));
  const person = (id: string | null) => (id ? { id, name: names.get(id) ?? '' } : null);
  const now = Date.parse(deps.now());
  return notices.map((n) => {
    const undoUntil = n.status === 'published' && n.publishedAt ? Date.parse(n.publishedAt) + NOTICE_UNDO_WINDOW_MS : null;
    return {
      id: n.id,
      projectId: n.projectId,
      projectName: projectName.get(n.projectId) ?? '',
      kind: n.kind as Notice['kind'],
      title: n.title,
      body: n.body,
      emergency: n.emergency,
      emergencyReason: n.emergencyReason,
      startsAt: n.startsAt,
      endsAt: n.endsAt,
      expiresAt: n.expiresAt,
      targetScope: n.targetScope,
      targetIds: n.targetIds,
      area: areas.get(n.id) ?? '',
      channels: n.channels as Notice['channels'],
      paperPosting: n.paperPosting,
      status: n.status as Notice['status'],
      supersedesId: n.supersedesId,
      supersededById: n.supersededById,
      createdBy: person(n.createdBy),
      createdAt: n.createdAt,
      submittedBy: person(n.submittedBy),
      submittedAt: n.submittedAt,
      approvedBy: person(n.approvedBy),
      approvedAt: n.approvedAt,
      rejectedBy: person(n.rejectedBy),
      rejectedAt: n.rejectedAt,
      rejectedReason: n.rejectedReason,
      publishedAt: n.publishedAt,
      undoUntil: undoUntil !== null && undoUntil >= now ? new Date(undoUntil).toISOString() : null,
      withdrawnAt: n.withdrawnAt,
      withdrawnBy: person(n.withdrawnBy),
      expiredAt: n.expiredAt,
      reach: (n.reach as Notice['reach']) ?? null,
      updatedAt: n.updatedAt,
      version: n.version,
    };
  });
}

/** Paper tasks as the steward (and the notice's page) shows them: where, what, by when. */
export async function postingViews(
  deps: AppDeps,
  postings: readonly NoticePostingRecord[],
  notices: ReadonlyMap<string, Pick<NoticeRecord, 'title' | 'emergency'>>,
) {
  const boards = await buildingNamesOf(
    deps.database.db,
    postings.map((p) => p.buildingId).filter((id): id is string => !!id),
  );
  const now = deps.now();
  return postings.map((p) => ({
    id: p.id,
    noticeId: p.noticeId,
    noticeTitle: notices.get(p.noticeId)?.title ?? '',
    emergency: notices.get(p.noticeId)?.emergency ?? false,
    projectId: p.projectId,
    buildingId: p.buildingId,
    board: p.buildingId ? `${boards.get(p.buildingId) ?? ''}公告栏` : '管理处公告栏',
    task: p.task,
    assigneeId: p.assigneeId,
    dueAt: p.dueAt,
    overdue: p.status === 'open' && p.dueAt <= now,
    status: p.status,
    doneAt: p.doneAt,
    photoAttachmentId: p.photoAttachmentId,
    note: p.note,
    damaged: p.damaged,
  }));
}
