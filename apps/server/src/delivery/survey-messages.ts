import { formatUnitLabel, planOwnerChannel, type MessageClass } from '@guanjia/core';
import { findSurvey, listSurveyAnswers, surveyUnitPlaces, type OutboxEntry } from '@guanjia/storage';
import type { PlanContext } from './plan-context.ts';
import { ownerReaches } from './reach.ts';

/**
 * A launched survey's invitations (SPEC §8, distribution within 3 days of launch): one message to the
 * owner of each sampled household, on the channel core's planOwnerChannel picks (their preferred one,
 * else WeChat → SMS → email among those set up), with the household's questionnaire code and the
 * portal's link. A common message: the owner's mutes, 免打扰 and the hourly throttle apply. Planned from
 * the outbox entry `survey.launched`; a campaign no longer running when it is read sends nothing.
 */
const SURVEY_MESSAGE: MessageClass = { kind: 'survey_invitation', urgency: 'normal', common: true };
const PAGE = 4000;

export async function planSurveyEntry(ctx: PlanContext, entry: OutboxEntry): Promise<void> {
  const { surveyId } = entry.payload as { surveyId?: string };
  if (!surveyId) return;
  const survey = await findSurvey(ctx.db, surveyId);
  if (!survey || survey.status !== 'launched') return;
  const project = await ctx.project(survey.projectId);
  const usable = await ctx.channelsOf(survey.organizationId);
  const clock = ctx.clockOf(project?.timeZone ?? 'Asia/Shanghai');
  const nowMs = Date.parse(ctx.now);
  const portalUrl = ctx.deps.publicUrl ? `${ctx.deps.publicUrl.replace(/\/$/, '')}/portal/#/surveys` : '';
  for (let offset = 0; ; offset += PAGE) {
    const rows = (await listSurveyAnswers(ctx.db, survey.id, { status: 'pending', limit: PAGE, offset })).filter((r) => r.ownerId);
    const reaches = await ownerReaches(
      ctx.db,
      rows.map((r) => r.ownerId!),
      ['survey_invitation'],
    );
    const places = await surveyUnitPlaces(
      ctx.db,
      rows.map((r) => r.unitId),
    );
    for (const r of rows) {
      const reach = reaches.get(r.ownerId!);
      if (!reach) continue;
      const addresses = Object.fromEntries(Object.entries(reach.addresses).filter(([channel]) => usable.has(channel as never)));
      const plan = planOwnerChannel({ ...reach, addresses }, SURVEY_MESSAGE, nowMs, clock);
      const place = places.get(r.unitId);
      const variables = {
        title: survey.title,
        projectName: project?.name ?? '',
        unitLabel: place ? formatUnitLabel(place) : '',
        endsOn: survey.endsOn,
        code: r.code,
        portalUrl,
      };
      const text = await ctx.render(survey.organizationId, 'survey_invitation', variables);
      ctx.delivery({
        organizationId: survey.organizationId,
        projectId: survey.projectId,
        messageKey: `survey:${survey.id}:${r.unitId}`,
        kind: 'survey_invitation',
        sourceType: 'survey',
        sourceId: survey.id,
        recipientType: 'owner',
        recipientId: r.ownerId!,
        channel: plan.channel ?? 'in_app',
        address: plan.status === 'queued' ? plan.address : null,
        urgent: false,
        title: text.title,
        body: text.body,
        fields: variables,
        url: portalUrl || null,
        status: plan.status,
        nextAttemptAt: plan.status === 'queued' ? new Date(plan.notBefore).toISOString() : null,
        reason: plan.reason,
      });
    }
    if (offset + PAGE >= survey.sampled) return;
  }
}
