import { isAccused, onDutyAt } from '@guanjia/core';
import { findCase, listDutyShifts, listStaff, type OutboxEntry } from '@guanjia/storage';
import { CLOCK_LABELS, type ClockKind } from '@guanjia/vocabulary';
import { localText, type PlanContext } from './plan-context.ts';
import { staffReaches } from './reach.ts';

/**
 * Pages (issue 13 item 3): a warning or breach of a clock on calendar time found outside the project's
 * working hours reaches the on-duty person (值班表) of the case's project and department at once, on
 * their channel (WeCom, SMS or email), marked urgent. With nobody on duty it goes to the people the
 * alert itself reached (the escalation chain). Never to the accused of a complaint. Someone with no
 * outside channel gets an `unreachable` delivery, so the gap shows in the delivery list.
 */
export interface PagePayload {
  caseId: string;
  clockId: string;
  clock: ClockKind;
  alert: 'warning' | 'escalation';
  step: number;
  dueAt: string | null;
  /** Whom the alert reached (the fallback when nobody is on duty). */
  recipients: string[];
}

export async function planPageEntry(ctx: PlanContext, entry: OutboxEntry): Promise<void> {
  const p = entry.payload as unknown as PagePayload;
  const c = await findCase(ctx.db, p.caseId);
  if (!c) return;
  const nowMs = Date.parse(ctx.now);
  const shifts = await listDutyShifts(ctx.db, [c.projectId], ctx.now, new Date(nowMs + 1).toISOString());
  const staff = await listStaff(ctx.db, c.organizationId, [c.projectId]);
  const accused = new Set(staff.filter((s) => isAccused(s, c)).map((s) => s.id));
  if (c.accusedStaffId) accused.add(c.accusedStaffId);
  const onDuty = onDutyAt(
    shifts.map((s) => ({
      staffId: s.staffId,
      projectId: s.projectId,
      departmentId: s.departmentId,
      startsAt: Date.parse(s.startsAt),
      endsAt: Date.parse(s.endsAt),
    })),
    c.projectId,
    c.departmentId,
    nowMs,
    accused,
  );
  const recipients = onDuty.length ? onDuty : p.recipients.filter((id) => !accused.has(id));
  const reaches = await staffReaches(ctx.db, recipients);
  const usable = await ctx.channelsOf(c.organizationId);
  const project = await ctx.project(c.projectId);
  const timeZone = project?.timeZone ?? 'Asia/Shanghai';
  const variables = {
    caseNumber: c.number,
    clock: CLOCK_LABELS[p.clock]?.['zh-CN'] ?? p.clock,
    alert: p.alert === 'warning' ? '预警' : '超时',
    dueAt: localText(p.dueAt, timeZone),
    lateBy: p.alert === 'escalation' && p.dueAt && p.dueAt < ctx.now ? `已超时${lateText(nowMs - Date.parse(p.dueAt))}` : '',
    projectName: project?.name ?? '',
  };
  const text = await ctx.render(c.organizationId, 'clock_alert', variables);
  for (const id of recipients) {
    const reach = reaches.get(id);
    if (!reach?.active) continue;
    const page = reach.page && usable.has(reach.page.channel) ? reach.page : null;
    ctx.delivery({
      organizationId: c.organizationId,
      projectId: c.projectId,
      messageKey: `outbox:${entry.id}:clock_alert`,
      kind: 'clock_alert',
      sourceType: 'case',
      sourceId: c.id,
      recipientType: 'staff',
      recipientId: id,
      channel: page?.channel ?? 'sms',
      address: page?.address ?? null,
      urgent: true,
      title: text.title,
      body: text.body,
      fields: variables,
      url: null,
      status: page ? 'queued' : 'unreachable',
      nextAttemptAt: page ? ctx.now : null,
      reason: onDuty.length ? 'on_duty' : 'nobody_on_duty_chain_paged',
    });
  }
}

/** 1小时20分 / 25分 — calendar time late (pages are for calendar-time clocks only). */
function lateText(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  const hours = Math.floor(minutes / 60);
  return hours ? `${hours}小时${minutes % 60 ? `${minutes % 60}分` : ''}` : `${minutes}分`;
}
