import type { NoticeItem } from '@guanjia/core';
import { findCase, type OutboxEntry } from '@guanjia/storage';
import { CLOCK_LABELS, type ClockKind } from '@guanjia/vocabulary';
import { slaSetupOf } from '../services/sla.service.ts';
import type { PlanContext } from './plan-context.ts';
import { staffReaches } from './reach.ts';

/**
 * Digests on staff channels (issue 13 item 3): the clock alerts gathered for one person (the SLA
 * scheduler's digest, already in their console inbox) also go to their own channel — WeCom, SMS or
 * email — during the working hours of the case's project; one found outside them waits for the next
 * working moment (pages, not digests, are what reaches people at night: alert-pages.ts).
 */
export interface DigestPayload {
  recipientId: string;
  notificationId: string;
  items: NoticeItem[];
}

export async function planDigestEntry(ctx: PlanContext, entry: OutboxEntry): Promise<void> {
  const p = entry.payload as unknown as DigestPayload;
  if (!p.items.length) return;
  const reach = (await staffReaches(ctx.db, [p.recipientId])).get(p.recipientId);
  if (!reach?.active || !reach.page || !(await ctx.channelsOf(entry.organizationId)).has(reach.page.channel)) return;
  const first = await findCase(ctx.db, p.items[0]!.caseId);
  const calendar = first ? (await slaSetupOf(ctx.deps, ctx.db, first.projectId)).calendar : null;
  const nowMs = Date.parse(ctx.now);
  const notBefore = calendar ? calendar.nextWorkingMoment(nowMs) : nowMs;
  const lines = p.items.map((i) => `· ${i.caseNumber} ${CLOCK_LABELS[i.clock as ClockKind]?.['zh-CN'] ?? i.clock} ${i.alert === 'warning' ? '预警' : '超时'}`);
  const variables = { count: String(p.items.length), items: lines.join('\n') };
  const text = await ctx.render(entry.organizationId, 'alert_digest', variables);
  ctx.delivery({
    organizationId: entry.organizationId,
    projectId: first?.projectId ?? null,
    messageKey: `outbox:${entry.id}:alert_digest`,
    kind: 'alert_digest',
    sourceType: 'notification',
    sourceId: p.notificationId,
    recipientType: 'staff',
    recipientId: p.recipientId,
    channel: reach.page.channel,
    address: reach.page.address,
    urgent: false,
    title: text.title,
    body: text.body,
    fields: variables,
    url: null,
    status: 'queued',
    nextAttemptAt: new Date(notBefore).toISOString(),
    reason: notBefore > nowMs ? 'waits_for_working_time' : null,
  });
}
