import { canSeeProject, DomainError, LocalClock, maskName, type Actor, type StaffActor } from '@guanjia/core';
import { findNotice, findProject, listChannelSettings, ownerNamesOf, unitLabelsOf, type NoticeRecord } from '@guanjia/storage';
import type { DeliveryChannel, Locale } from '@guanjia/vocabulary';
import type { FastifyReply } from 'fastify';
import type { AppDeps } from '../context.ts';
import { planNoticeAudience, reachFigures, type NoticeRecipient } from '../delivery/notice-audience.ts';
import { sendTableExport } from './export-delivery.ts';
import type { ExportColumn } from './table-export.ts';

/**
 * A notice's reach before sending (SPEC §9, issue 13 item 7): how many buildings, units and owners it
 * covers, and how many owners a push would reach now on each channel — or not, and why (unreachable,
 * muted, throttled) —, exactly as the delivery worker would plan it (delivery/notice-audience.ts);
 * and the list behind the figures as a workbook (unit, owner's masked name, channel, outcome).
 */

/** Names and units read per query for the list. */
const LIST_BATCH = 1000;

async function readableNotice(deps: AppDeps, actor: Actor, id: string): Promise<{ actor: StaffActor; notice: NoticeRecord }> {
  if (actor.kind !== 'staff' || !(actor.capabilities.has('notice.write') || actor.capabilities.has('notice.approve')))
    throw new DomainError('FORBIDDEN', undefined, { capability: 'notice.write' });
  const notice = await findNotice(deps.database.db, id);
  if (!notice || notice.organizationId !== actor.organizationId || !canSeeProject(actor, notice.organizationId, notice.projectId))
    throw new DomainError('NOTICE_NOT_FOUND', 'id');
  return { actor, notice };
}

async function plannedNow(deps: AppDeps, notice: NoticeRecord) {
  const db = deps.database.db;
  const project = await findProject(db, notice.projectId);
  const usable = new Set((await listChannelSettings(db, notice.organizationId)).filter((s) => s.enabled).map((s) => s.channel as DeliveryChannel));
  return planNoticeAudience(db, notice, usable, Date.parse(deps.now()), new LocalClock(project?.timeZone ?? 'Asia/Shanghai'));
}

export async function noticeReach(deps: AppDeps, actor: Actor, id: string) {
  const { notice } = await readableNotice(deps, actor, id);
  return reachFigures(await plannedNow(deps, notice), deps.now());
}

const CHANNEL_WORDS: Record<string, [string, string]> = { sms: ['短信', 'SMS'], wechat: ['微信', 'WeChat'], email: ['电子邮件', 'Email'] };
const OUTCOME_WORDS: Record<string, [string, string]> = {
  queued: ['将发送', 'Will be sent'],
  muted: ['业主已屏蔽', 'Muted by the owner'],
  throttled: ['一小时内已推送过', 'Pushed within the hour'],
  unreachable: ['无可用联系方式', 'No address'],
};

interface ReachRow {
  unit: string;
  owner: string;
  channel: string | null;
  outcome: string;
  fellBack: boolean;
}

/** GET /api/notices/:id/reach.xlsx: one row per owner the notice covers (names masked), as .xlsx. */
export async function exportNoticeReach(reply: FastifyReply, deps: AppDeps, actor: Actor, id: string, lang: Locale) {
  const { actor: staff, notice } = await readableNotice(deps, actor, id);
  const audience = await plannedNow(deps, notice);
  const pick = (words: [string, string] | undefined, fallback: string) => words?.[lang === 'en' ? 1 : 0] ?? fallback;
  async function* rows(): AsyncGenerator<ReachRow> {
    for (let i = 0; i < audience.recipients.length; i += LIST_BATCH) {
      const batch: NoticeRecipient[] = audience.recipients.slice(i, i + LIST_BATCH);
      const [names, units] = await Promise.all([
        ownerNamesOf(
          deps.database.db,
          batch.map((r) => r.ownerId),
        ),
        unitLabelsOf(
          deps.database.db,
          batch.flatMap((r) => r.unitIds),
        ),
      ]);
      for (const r of batch)
        yield {
          unit: r.unitIds.map((u) => units.get(u)?.label ?? '').join('、'),
          owner: maskName(names.get(r.ownerId) ?? ''),
          channel: r.plan.channel && r.plan.status !== 'unreachable' ? pick(CHANNEL_WORDS[r.plan.channel], r.plan.channel) : null,
          outcome: pick(OUTCOME_WORDS[r.plan.status], r.plan.status),
          fellBack: r.plan.status === 'queued' && r.plan.fellBackFrom !== null,
        };
    }
  }
  const h = (zh: string, en: string) => (lang === 'en' ? en : zh);
  const columns: ExportColumn<ReachRow>[] = [
    { header: h('房屋', 'Unit'), kind: 'text', width: 22, value: (r) => r.unit },
    { header: h('业主', 'Owner'), kind: 'text', width: 10, value: (r) => r.owner },
    { header: h('渠道', 'Channel'), kind: 'text', width: 10, value: (r) => r.channel },
    { header: h('结果', 'Outcome'), kind: 'text', width: 16, value: (r) => r.outcome },
    {
      header: h('备注', 'Note'),
      kind: 'text',
      width: 22,
      value: (r) => (r.fellBack ? h('首选渠道不可用，已改用此渠道', 'Preferred channel unavailable') : null),
    },
  ];
  const title = h('通知覆盖名单', 'Notice reach');
  return sendTableExport(reply, deps, staff, {
    format: 'xlsx',
    fileName: title,
    table: { title, columns, rows: rows() },
    audit: { table: 'notice_reach', filters: { noticeId: notice.id }, projectId: notice.projectId },
  });
}
