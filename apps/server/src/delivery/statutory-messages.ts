import { STATUTORY_SUBJECT_LABELS, type StatutorySubject } from '@guanjia/vocabulary';
import type { OutboxEntry } from '@guanjia/storage';
import { slaSetupOf } from '../services/sla.service.ts';
import type { PlanContext } from './plan-context.ts';
import { staffReaches } from './reach.ts';

/**
 * 法定公示 warnings on staff channels (issue 13 item 6): a schedule falling due soon or found overdue
 * has told its project's office manager(s) in the console (statutory-alerts.ts, in the same
 * transaction as the outbox row `statutory.due`); the message also goes to each of them on their own
 * channel — WeCom, SMS or email, as the other staff alerts do (`statutory_due`) — during the working
 * hours of the project: an alert found at 00:00 (the due-soon day begins then) waits for the next
 * working moment (reason `waits_for_working_time`). Nothing is planned for a recipient without a
 * channel the company has set up (the console's notification stays).
 */
export interface StatutoryDuePayload {
  scheduleId: string;
  projectId: string;
  subject: StatutorySubject;
  title: string;
  dueOn: string;
  alert: 'due_soon' | 'overdue';
  recipients: string[];
}

/** 2026-12-10 → 12月10日. */
const monthDay = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

export async function planStatutoryDue(ctx: PlanContext, entry: OutboxEntry): Promise<void> {
  const p = entry.payload as unknown as StatutoryDuePayload;
  if (!p.recipients?.length) return;
  const usable = await ctx.channelsOf(entry.organizationId);
  const reaches = await staffReaches(ctx.db, p.recipients);
  const pages = p.recipients.flatMap((id) => {
    const reach = reaches.get(id);
    return reach?.active && reach.page && usable.has(reach.page.channel) ? [{ id, page: reach.page }] : [];
  });
  if (!pages.length) return;
  const project = await ctx.project(p.projectId);
  const { calendar } = await slaSetupOf(ctx.deps, ctx.db, p.projectId);
  const nowMs = Date.parse(ctx.now);
  const notBefore = calendar.nextWorkingMoment(nowMs);
  const variables = {
    projectName: project?.name ?? '',
    title: p.title,
    subject: STATUTORY_SUBJECT_LABELS[p.subject]?.['zh-CN'] ?? p.subject,
    alert: p.alert === 'overdue' ? '已逾期' : '即将到期',
    dueOn: monthDay(p.dueOn),
  };
  const text = await ctx.render(entry.organizationId, 'statutory_due', variables);
  for (const { id, page } of pages)
    ctx.delivery({
      organizationId: entry.organizationId,
      projectId: p.projectId,
      messageKey: `outbox:${entry.id}:statutory_due:${id}`,
      kind: 'statutory_due',
      sourceType: 'statutory_schedule',
      sourceId: p.scheduleId,
      recipientType: 'staff',
      recipientId: id,
      channel: page.channel,
      address: page.address,
      urgent: false,
      title: text.title,
      body: text.body,
      fields: { ...variables, scheduleId: p.scheduleId, dueOnDate: p.dueOn },
      url: null,
      status: 'queued',
      nextAttemptAt: new Date(notBefore).toISOString(),
      reason: notBefore > nowMs ? 'waits_for_working_time' : null,
    });
}
