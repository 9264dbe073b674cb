import type { ReportItemsQuery } from '@guanjia/api-contract';
import { accusedExclusionOf, DomainError, type StaffActor } from '@guanjia/core';
import { complaintItems, listProjects, outcomeItems, timelinessItems, type ItemScope, type OutcomeMeasure } from '@guanjia/storage';
import type { AppDeps } from '../context.ts';
import { reportScope } from './sla-admin.service.ts';

/**
 * The list behind a figure of the dashboard (issue 16 item 1): the same reader, projects and period as
 * the report (reportScope), the same grouping key, and the measure the figure counts — timeliness'
 * met / breached clocks, outcomes' closed / resolved first time / not / out of scope / reopened
 * cases, a complaint category's complaints. Its `total` is the figure.
 */

const TIMELINESS_MEASURES = ['all', 'met', 'breached'] as const;
const OUTCOME_MEASURES = ['all', 'closed', 'resolved', 'unresolved', 'outOfScope', 'reopened'] as const;

const invalid = (field: string, reason: string, reasonEn: string) => new DomainError('FIELD_INVALID', field, { reason, reasonEn });

export async function reportItems(deps: AppDeps, actor: StaffActor, q: ReportItemsQuery) {
  const { projectIds, from, to } = await reportScope(deps, actor, q);
  if (q.groupBy === 'clock' && q.report !== 'timeliness') throw invalid('query.groupBy', '仅沟通及时率可按时限分组', 'only timeliness groups by clock');
  if (q.key !== undefined && !q.groupBy && q.report !== 'complaints') throw new DomainError('FIELD_REQUIRED', 'query.groupBy');
  const allowed: readonly string[] = q.report === 'timeliness' ? TIMELINESS_MEASURES : q.report === 'outcomes' ? OUTCOME_MEASURES : ['all'];
  if (!allowed.includes(q.measure)) throw invalid('query.measure', `可选：${allowed.join('、')}`, `one of ${allowed.join(', ')}`);
  const projects = (await listProjects(deps.database.db, actor.organizationId, projectIds)).map((p) => ({ id: p.id, timeZone: p.timeZone }));
  const scope: ItemScope = {
    organizationId: actor.organizationId,
    projects,
    from,
    to,
    excludeAccused: accusedExclusionOf(actor),
    limit: q.limit,
    offset: q.offset,
  };
  const db = deps.database.db;
  const groupBy = q.groupBy;
  const result =
    q.report === 'timeliness'
      ? await timelinessItems(db, { ...scope, groupBy, key: q.key, measure: q.measure as 'all' | 'met' | 'breached', now: deps.now() })
      : q.report === 'outcomes'
        ? await outcomeItems(db, {
            ...scope,
            groupBy: groupBy === 'clock' ? undefined : groupBy,
            key: q.key,
            measure: (q.measure === 'all' ? 'closed' : q.measure) as OutcomeMeasure,
          })
        : await complaintItems(db, { ...scope, key: q.key });
  return {
    report: q.report,
    from,
    to,
    counts: q.report === 'timeliness' ? ('clocks' as const) : ('cases' as const),
    total: result.total,
    items: result.items as never,
  };
}
