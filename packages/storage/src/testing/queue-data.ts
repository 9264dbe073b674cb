import type { Database } from '../database.ts';

/**
 * A modest data set shaped like a desk's (decision 0013): the query-plan tests and the small queue
 * measurement use it. One organization (plus another one, so that every query must name its own) with
 * `projects` projects, 20 staff, 5 departments, `cases` cases over two years of which about
 * `openShare` are open (a few complaints with a plan submitted), a running clock on each open case,
 * and notifications (most of them read). Rows go straight into the tables, in batches.
 */
export interface QueueData {
  organizationId: string;
  projectIds: string[];
  staffIds: string[];
  departmentIds: string[];
  ownerIds: string[];
  cases: number;
}

const TYPES = ['repair', 'repair', 'repair', 'inquiry', 'inquiry', 'complaint', 'suggestion'] as const;
const OPEN = ['new', 'transferred', 'in_progress', 'dispatched', 'on_site', 'work_done', 'plan_submitted', 'resolved'] as const;

export async function seedQueueData(
  database: Database,
  options: { cases: number; projects?: number; openShare?: number; batch?: number; onProgress?: (done: number) => void },
): Promise<QueueData> {
  const { db } = database;
  const projects = options.projects ?? 4;
  const openShare = options.openShare ?? 0.1;
  const batch = options.batch ?? 250;
  const now = '2026-12-01T00:00:00.000Z';
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const data: QueueData = {
    organizationId: 'org-q',
    projectIds: Array.from({ length: projects }, (_, i) => `prj-q${i}`),
    staffIds: Array.from({ length: 20 }, (_, i) => `stf-q${i}`),
    departmentIds: Array.from({ length: 5 }, (_, i) => `dep-q${i}`),
    ownerIds: Array.from({ length: 200 }, (_, i) => `own-q${i}`),
    cases: options.cases,
  };
  for (const org of [data.organizationId, 'org-other']) {
    await db.insertInto('organizations').values({ id: org, code: org, name: org, createdAt: now }).execute();
  }
  for (const [i, id] of [...data.projectIds, 'prj-other'].entries()) {
    const organizationId = id === 'prj-other' ? 'org-other' : data.organizationId;
    await db
      .insertInto('projects')
      .values({ id, organizationId, code: `P${i}`, name: id, phase: 'occupied', timeZone: 'Asia/Shanghai', createdAt: now, updatedAt: now })
      .execute();
  }
  const owners = data.ownerIds.map((id) => ({
    id,
    organizationId: data.organizationId,
    name: `业主${id}`,
    kind: 'person',
    residency: 'resident',
    party: 'owner',
    grade: 'ordinary',
    doNotDisturb: '[]',
    householdMembers: '[]',
    createdAt: now,
    updatedAt: now,
  }));
  await db
    .insertInto('owners')
    .values(owners as never)
    .execute();
  const start = Date.parse('2024-12-01T00:00:00.000Z');
  const span = Date.parse(now) - start;
  let done = 0;
  for (let from = 0; from < options.cases; from += batch) {
    const cases: Record<string, unknown>[] = [];
    const clocks: Record<string, unknown>[] = [];
    for (let n = from; n < Math.min(options.cases, from + batch); n++) {
      const other = n % 50 === 49;
      const createdAt = new Date(start + Math.floor((span * n) / options.cases) + Math.floor(random() * 1000)).toISOString();
      const type = pick(TYPES);
      // the newest cases are the open ones, as on a real desk (old ones closed long ago)
      const open = n >= options.cases * (1 - openShare) || random() < 0.002;
      const status = open ? (type === 'complaint' && random() < 0.3 ? 'plan_submitted' : pick(OPEN)) : 'closed';
      const assigned = status !== 'new' && random() < 0.85;
      const id = `case-q${String(n).padStart(8, '0')}`;
      const c = {
        id,
        organizationId: other ? 'org-other' : data.organizationId,
        projectId: other ? 'prj-other' : pick(data.projectIds),
        number: `Q${n}`,
        type,
        status,
        channel: 'phone',
        category: null,
        title: `报修 ${n}`,
        description: '卫生间漏水',
        ownerId: null,
        unitId: null,
        firstReceiverId: pick(data.staffIds),
        departmentId: random() < 0.9 ? pick(data.departmentIds) : null,
        assigneeId: assigned ? pick(data.staffIds) : null,
        level: 'office',
        accusedStaffId: type === 'complaint' && random() < 0.2 ? pick(data.staffIds) : null,
        accusedParty: null,
        createdAt,
        updatedAt: createdAt,
        closedAt: status === 'closed' ? createdAt : null,
        version: 1,
        ownerRef: pick(data.ownerIds),
      };
      const { ownerRef, ...row } = c;
      cases.push({ ...row, ownerId: other ? null : ownerRef });
      if (open && !other)
        clocks.push({
          id: `clk-q${n}`,
          organizationId: c.organizationId,
          projectId: c.projectId,
          caseId: id,
          kind: random() < 0.1 ? 'follow_up' : 'resolution',
          caseType: type,
          rule: 'r',
          startedAt: createdAt,
          pauses: '[]',
          dueAt: new Date(Date.parse(createdAt) + 86_400_000).toISOString(),
          warned: 0,
          escalations: 0,
          updatedAt: createdAt,
        });
    }
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('cases')
        .values(cases as never)
        .execute();
      if (clocks.length)
        await trx
          .insertInto('slaClocks')
          .values(clocks as never)
          .execute();
    });
    done += cases.length;
    options.onProgress?.(done);
  }
  const notes: Record<string, unknown>[] = [];
  for (let n = 0; n < 2000; n++) {
    const createdAt = new Date(start + Math.floor((span * n) / 2000)).toISOString();
    notes.push({
      id: `ntf-q${n}`,
      organizationId: data.organizationId,
      recipientId: pick(data.staffIds),
      caseId: null,
      kind: 'sla_warning',
      data: '{}',
      createdAt,
      readAt: n < 1900 ? createdAt : null,
    });
  }
  for (let i = 0; i < notes.length; i += batch)
    await db
      .insertInto('notifications')
      .values(notes.slice(i, i + batch) as never)
      .execute();
  return data;
}
