import { CASE_COUNT_CAP, COUNTED_QUEUES } from '@guanjia/api-contract';
import { DomainError, FOLLOW_UP_CLOCK_KINDS, mayGiveCommand, type Actor } from '@guanjia/core';
import { countCasesBounded, countCasesDueBy, listCases } from '@guanjia/storage';
import type { AppDeps } from '../context.ts';
import { queueFilter } from './cases.service.ts';

type Queue = (typeof COUNTED_QUEUES)[number];
type Bounded = { count: number; more: boolean };

/**
 * 队列数量: each queue's size for the console's tabs, counted through the queue's own index and never
 * past CASE_COUNT_CAP (a queue with more answers "1000+"). The same scope as the lists: the caller's
 * projects, minus the cases they are accused in.
 */
export async function countQueues(deps: AppDeps, actor: Actor, q: { projectId?: string; withinMinutes: number }) {
  if (actor.kind !== 'staff' || !actor.capabilities.has('case.read')) throw new DomainError('FORBIDDEN');
  const db = deps.database.db;
  const cap = CASE_COUNT_CAP;
  const none: Bounded = { count: 0, more: false };
  const count = async (queue: Queue): Promise<Bounded> => {
    const filter = queueFilter(actor, { projectId: q.projectId, queue });
    if (!filter) return none;
    if (queue === 'at_risk' || queue === 'follow_up') {
      const followUp = queue === 'follow_up';
      const until = followUp ? '9999-12-31T23:59:59.999Z' : new Date(Date.parse(deps.now()) + q.withinMinutes * 60_000).toISOString();
      return countCasesDueBy(db, { ...filter, until, ...(followUp ? { kinds: FOLLOW_UP_CLOCK_KINDS } : {}) }, cap);
    }
    if (queue === 'awaiting_my_approval') {
      // core's approval rule decides case by case: the submitted plans (few) are read, at most cap + 1
      const rows = await listCases(db, { ...filter, limit: cap + 1 });
      const mine = rows.filter((c) => mayGiveCommand(actor, c, 'approve_plan')).length;
      return mine > cap ? { count: cap, more: true } : { count: mine, more: rows.length > cap };
    }
    return countCasesBounded(db, filter, cap);
  };
  const counted = await Promise.all(COUNTED_QUEUES.map(async (queue) => [queue, await count(queue)] as const));
  return { cap, queues: Object.fromEntries(counted) as Record<Queue, Bounded> };
}
