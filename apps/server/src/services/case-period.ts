import { DomainError, startOfLocalDate } from '@guanjia/core';
import { findProject, type CaseListFilter } from '@guanjia/storage';
import type { AppDeps } from '../context.ts';

/** The zone of a period when no project is named (the company's; every demo and real project so far). */
export const DEFAULT_PERIOD_ZONE = 'Asia/Shanghai';

/**
 * 工单台账's period: the local dates createdFrom … createdTo (both included) as the instants
 * [createdFrom, createdBefore) of a case list, in the named project's time zone (Asia/Shanghai
 * without one). A period that ends before it starts is refused, naming createdTo.
 */
export async function createdPeriod(
  deps: AppDeps,
  q: { projectId?: string; createdFrom?: string; createdTo?: string },
): Promise<Pick<CaseListFilter, 'createdFrom' | 'createdBefore'>> {
  if (q.createdFrom && q.createdTo && q.createdTo < q.createdFrom) throw new DomainError('FIELD_INVALID', 'query.createdTo', { reason: `≥ ${q.createdFrom}` });
  const zone = (q.projectId ? (await findProject(deps.database.db, q.projectId))?.timeZone : null) ?? DEFAULT_PERIOD_ZONE;
  return {
    ...(q.createdFrom ? { createdFrom: startOfLocalDate(q.createdFrom, zone) } : {}),
    ...(q.createdTo ? { createdBefore: startOfLocalDate(nextDay(q.createdTo), zone) } : {}),
  };
}

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** Whether a case's 受理 instant is inside a period (lists that are not read by creation: 即将超时, 待回访). */
export function insidePeriod(createdAt: string, p: Pick<CaseListFilter, 'createdFrom' | 'createdBefore'>): boolean {
  return (!p.createdFrom || createdAt >= p.createdFrom) && (!p.createdBefore || createdAt < p.createdBefore);
}
