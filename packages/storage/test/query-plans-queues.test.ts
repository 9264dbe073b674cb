import { OPEN_CASE_STATUSES } from '@guanjia/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  caseCountQueries,
  caseDueCountQuery,
  runningDueQuery,
  runningOfKindsQuery,
  caseListQueries,
  countCasesBounded,
  listCases,
  nearestClocksQuery,
  rankedWorkOrdersQuery,
  notificationListQuery,
  refreshPlannerStatistics,
  type CaseListFilter,
  type Database,
} from '../src/index.ts';
import { freshDatabase, TEST_DB } from '../src/testing/fresh-database.ts';
import { explainQuery, type QueryPlan } from '../src/testing/query-plan.ts';
import { seedQueueData, type QueueData } from '../src/testing/queue-data.ts';

/**
 * Query-plan tests of the console's queues (issue 11 item 8, decision 0013): on a few thousand cases
 * with planner statistics, each queue's exact statement (as the repository builds it) must read the
 * index made for it, never scan the cases table, and never sort (the index gives the keyset order).
 */
let database: Database;
let drop: () => Promise<void>;
let data: QueueData;

beforeAll(async () => {
  ({ database, drop } = await freshDatabase());
  data = await seedQueueData(database, { cases: 6000 });
  await refreshPlannerStatistics(database, 'full');
}, 120_000);
afterAll(async () => drop());

/** `index` read (one of them, where either gives the order), `table` not scanned, nothing sorted. */
function expectIndexRange(plan: QueryPlan, index: string | string[], table = 'cases') {
  const where = `${TEST_DB} plan:\n${plan.text}`;
  expect(
    plan.indexes.filter((i) => [index].flat().includes(i)),
    where,
  ).not.toEqual([]);
  expect(plan.scannedTables, where).not.toContain(table);
  expect(plan.sorts, where).toEqual([]);
}

const OPEN = [...OPEN_CASE_STATUSES];
// SQLite takes `assignee_id is null` as an equality of the open cases' assignee index (ordered after
// it); PostgreSQL does not, and reads the unassigned cases' own index
const UNASSIGNED = TEST_DB === 'sqlite' ? ['cases_unassigned_idx', 'cases_open_assignee_idx'] : 'cases_unassigned_idx';
const exclusion = { staffId: 'stf-q3', officeManager: true };

describe('case queues read their own index, in keyset order', () => {
  // [queue, filter (besides organization, scope and limit), index]
  const cases: [string, Partial<CaseListFilter>, string | string[]][] = [
    ['我的 mine', { assigneeId: 'stf-q1', status: OPEN }, 'cases_open_assignee_idx'],
    ['我的 mine, one status', { assigneeId: 'stf-q1', status: ['dispatched'] }, 'cases_open_assignee_idx'],
    ['待分派 unassigned', { unassigned: true, status: OPEN }, UNASSIGNED],
    ['本部门 department', { departmentId: 'dep-q2', status: OPEN }, 'cases_open_department_idx'],
    // 我的工单: one type beside the assignee's range, never the whole organization's open repairs
    [
      '我的工单 work orders: mine, one type',
      { assigneeId: 'stf-q1', status: OPEN.filter((s) => s !== 'resolved'), type: ['repair'] },
      'cases_open_assignee_idx',
    ],
    ['本部门 department, one type', { departmentId: 'dep-q2', status: OPEN, type: ['repair'] }, 'cases_open_department_idx'],
    ['未结 open, company-wide', { status: OPEN }, 'cases_open_idx'],
    ['未结 open, complaints', { status: OPEN, type: ['complaint'] }, 'cases_open_type_idx'],
    ['未结 open, two types', { status: OPEN, type: ['complaint', 'repair'] }, 'cases_open_idx'],
    // the submitted plans' range or the open complaints': both in keyset order, the planner picks the narrower
    ['待我审批 awaiting approval', { status: ['plan_submitted'], type: ['complaint'] }, ['cases_open_status_idx', 'cases_open_type_idx']],
    ['filter: one open status', { status: ['in_progress'] }, 'cases_open_status_idx'],
    ['已结 closed', { status: ['closed'] }, 'cases_org_created_idx'],
    ['all cases', {}, 'cases_org_created_idx'],
    ['filter: assignee, any status', { assigneeId: 'stf-q4' }, 'cases_assignee_created_idx'],
    ['filter: department, any status', { departmentId: 'dep-q1' }, 'cases_department_created_idx'],
    ['filter: type', { type: ['repair'] }, 'cases_org_created_idx'],
    ['filter: text', { text: '漏水' }, 'cases_org_created_idx'],
    ['owner archive', { ownerId: 'own-q7' }, 'cases_owner_created_idx'],
  ];
  const scopes: [string, (d: QueueData) => readonly string[] | null, string | null][] = [
    ['company-wide', () => null, null],
    ['one project', (d) => [d.projectIds[0]!], 'project'],
    ['three projects', (d) => d.projectIds.slice(0, 3), 'project'],
  ];
  for (const [name, filter, index] of cases)
    for (const [scopeName, scope, perProject] of scopes)
      it(`${name} (${scopeName})`, async () => {
        const f: CaseListFilter = { organizationId: data.organizationId, projectIds: scope(data), excludeAccused: exclusion, limit: 51, ...filter };
        // an organization-level index becomes the project's own when projects are ranges of their own
        const narrowed = !!(f.assigneeId || f.unassigned || f.departmentId || f.ownerId);
        // one open status in one project: that project's open range or the status's, both in keyset order
        const perProjectIndex = (i: string) =>
          i === 'cases_open_type_idx'
            ? 'cases_open_project_type_idx'
            : i.replace(/^cases_(open|org)_.*$/, (_, open: string) => (open === 'open' ? 'cases_open_project_idx' : 'cases_project_created_idx'));
        const expected =
          perProject && [index].flat().includes('cases_open_status_idx')
            ? ['cases_open_project_idx', 'cases_open_project_type_idx', ...[index].flat()]
            : perProject && !narrowed
              ? [index].flat().map(perProjectIndex)
              : index;
        for (const before of [undefined, { createdAt: '2026-06-01T00:00:00.000Z', id: 'case-q00005000' }]) {
          const queries = caseListQueries(database.db, { ...f, before });
          // beside a narrower column's range, the type is never an equality a planner could range over
          // (with statistics of millions of cases SQLite read the open repairs' type index for 我的工单)
          if (narrowed && f.type) for (const q of queries) expect(q.compile().sql).not.toMatch(/"type" = /);
          expect(queries.length).toBe(perProject && !narrowed ? f.projectIds!.length : 1);
          for (const q of queries) expectIndexRange(await explainQuery(database, q), expected);
        }
      });

  // 工单台账's period: a range of the keyset's own column. Within one project SQLite may read the
  // organization's range of the period (the project a filter) instead of the project's: either is in
  // keyset order, neither scans nor sorts.
  const period = { createdFrom: '2026-03-01T00:00:00.000Z', createdBefore: '2026-05-01T00:00:00.000Z' };
  const ledger: [string, Partial<CaseListFilter>, string[]][] = [
    ['a period', period, ['cases_org_created_idx', 'cases_project_created_idx']],
    ['a period, open', { ...period, status: OPEN }, ['cases_open_idx', 'cases_open_project_idx']],
    ['from a date, one type', { createdFrom: period.createdFrom, type: ['repair'] }, ['cases_org_created_idx', 'cases_project_created_idx']],
  ];
  for (const [name, filter, indexes] of ledger)
    for (const projectIds of [null, 1, 3])
      it(`工单台账 ledger: ${name} (${projectIds ?? 'company-wide'}${projectIds ? ' project(s)' : ''})`, async () => {
        const f: CaseListFilter = {
          organizationId: data.organizationId,
          projectIds: projectIds ? data.projectIds.slice(0, projectIds) : null,
          excludeAccused: exclusion,
          limit: 51,
          ...filter,
        };
        for (const before of [undefined, { createdAt: '2026-04-01T00:00:00.000Z', id: 'case-q00005000' }])
          for (const q of caseListQueries(database.db, { ...f, before })) expectIndexRange(await explainQuery(database, q), indexes);
      });

  it('more projects than PER_PROJECT_RANGES_MAX: the organization range, the projects a filter', async () => {
    const many = [...data.projectIds, ...Array.from({ length: 10 }, (_, i) => `prj-none${i}`)];
    const queries = caseListQueries(database.db, { organizationId: data.organizationId, projectIds: many, status: OPEN, limit: 51 });
    expect(queries).toHaveLength(1);
    expectIndexRange(await explainQuery(database, queries[0]!), 'cases_open_idx');
  });
});

describe('queue counts stop at the cap, through the same indexes', () => {
  const cases: [string, Partial<CaseListFilter>, string | string[]][] = [
    ['mine', { assigneeId: 'stf-q1', status: OPEN }, 'cases_open_assignee_idx'],
    ['unassigned', { unassigned: true, status: OPEN }, UNASSIGNED],
    ['department', { departmentId: 'dep-q2', status: OPEN }, 'cases_open_department_idx'],
    ['open', { status: OPEN }, 'cases_open_idx'],
    ['closed', { status: ['closed'] }, 'cases_org_created_idx'],
  ];
  for (const [name, filter, index] of cases)
    it(name, async () => {
      const queries = caseCountQueries(database.db, { organizationId: data.organizationId, projectIds: null, excludeAccused: exclusion, ...filter }, 1000);
      for (const q of queries) {
        const plan = await explainQuery(database, q);
        expect(
          plan.indexes.filter((i) => [index].flat().includes(i)),
          plan.text,
        ).not.toEqual([]);
        expect(plan.scannedTables, plan.text).not.toContain('cases');
      }
    });

  it('at risk: the running clocks by due instant, each case by its key', async () => {
    const q = caseDueCountQuery(
      database.db,
      { organizationId: data.organizationId, projectIds: data.projectIds.slice(0, 2), excludeAccused: exclusion, until: '2026-10-10T00:00:00.000Z' },
      1000,
    );
    // planned for its values: a generic plan cannot know how few clocks are due, and on 6,000 cases
    // hashing them all is cheap enough for PostgreSQL to choose it (decision 0013: known limit)
    const plan = await explainQuery(database, q, { sortsExpected: true, customPlan: true });
    expect(plan.indexes, plan.text).toContain('sla_clocks_running_due_idx');
    expect(plan.scannedTables, plan.text).not.toContain('cases');
    expect(plan.scannedTables, plan.text).not.toContain('sla_clocks');
  });
});

describe('即将超时 lists the cases by walking the running clocks in due order', () => {
  it('a page of running clocks: sla_clocks_running_due_idx, no sort, from the start and after a position', async () => {
    const f = { organizationId: data.organizationId, projectIds: data.projectIds.slice(0, 2), until: '2026-10-10T00:00:00.000Z' };
    for (const after of [null, { dueAt: '2026-09-01T00:00:00.000Z', id: 'clk-x' }])
      expectIndexRange(await explainQuery(database, runningDueQuery(database.db, f, after, 150)), 'sla_clocks_running_due_idx', 'sla_clocks');
  });
  it('待回访: the running clocks of the follow-up kinds by sla_clocks_running_kind_idx, not a walk of every running clock', async () => {
    const q = runningOfKindsQuery(database.db, {
      organizationId: data.organizationId,
      projectIds: data.projectIds.slice(0, 2),
      until: '9999-12-31T23:59:59.999Z',
      limit: 50,
      kinds: ['rework_follow_up', 'quality_callback'],
    });
    // grouped per case and sorted: the rows of those kinds only
    const plan = await explainQuery(database, q, { sortsExpected: true, customPlan: true });
    expect(plan.indexes, plan.text).toContain('sla_clocks_running_kind_idx');
    expect(plan.scannedTables, plan.text).not.toContain('sla_clocks');
  });
});

describe("every list's countdown: the page's running clocks", () => {
  it("each case by its running clocks' own index (sla_clocks_running_case_idx), no table scan", async () => {
    const ids = Array.from({ length: 50 }, (_, i) => `case-q${String(i * 97).padStart(8, '0')}`);
    const plan = await explainQuery(database, nearestClocksQuery(database.db, ids));
    // PostgreSQL may as well read the clocks by case (sla_clocks_case_idx) and test each: a keyed look-up either way
    const expected = TEST_DB === 'sqlite' ? ['sla_clocks_running_case_idx'] : ['sla_clocks_running_case_idx', 'sla_clocks_case_idx'];
    expect(
      plan.indexes.filter((i) => expected.includes(i)),
      plan.text,
    ).not.toEqual([]);
    expect(plan.scannedTables, plan.text).not.toContain('sla_clocks');
  });
});

describe('我的工单 ranked in one statement', () => {
  it("the technician's open repairs by the assignee's range, each nearest due instant by the running clocks' index", async () => {
    const filter: CaseListFilter = {
      organizationId: data.organizationId,
      projectIds: data.projectIds,
      assigneeId: 'stf-q1',
      type: ['repair'],
      status: OPEN.filter((s) => s !== 'resolved'),
      limit: 1000,
    };
    // ranking the candidates sorts them (at most 1000): by design
    const plan = await explainQuery(database, rankedWorkOrdersQuery(database.db, filter, 50)!, { sortsExpected: true });
    const where = `${TEST_DB} plan:\n${plan.text}`;
    expect(plan.indexes, where).toContain('cases_open_assignee_idx');
    expect(plan.indexes, where).toContain('sla_clocks_running_case_idx');
    expect(plan.scannedTables, where).not.toContain('cases');
    expect(plan.scannedTables, where).not.toContain('sla_clocks');
  });
});

describe('notifications newest first', () => {
  it('all of them', async () => {
    expectIndexRange(
      await explainQuery(database, notificationListQuery(database.db, 'stf-q1', { unreadOnly: false, limit: 50 })),
      'notifications_recipient_idx',
      'notifications',
    );
  });
  it('unread only: the partial index of unread ones', async () => {
    expectIndexRange(
      await explainQuery(database, notificationListQuery(database.db, 'stf-q1', { unreadOnly: true, limit: 50 })),
      'notifications_unread_idx',
      'notifications',
    );
  });
  // what the reader may see (decision 0008): each notice's case, and a digest's, looked up by its key — no scan of cases
  it('shown to the reader: the same index range, the cases looked up by key', async () => {
    const shownTo = { organizationId: 'org-q', projectIds: data.projectIds.slice(0, 2), excludeAccused: exclusion, readsCases: true };
    for (const unreadOnly of [false, true]) {
      const plan = await explainQuery(database, notificationListQuery(database.db, 'stf-q3', { unreadOnly, limit: 50, shownTo }));
      expectIndexRange(plan, unreadOnly ? 'notifications_unread_idx' : 'notifications_recipient_idx', 'notifications');
      expect(plan.scannedTables, plan.text).not.toContain('cases');
    }
  });
});

describe('bounded counts', () => {
  const open = { organizationId: 'org-q', projectIds: null, status: OPEN };
  const exact = async (f: Partial<CaseListFilter>) => (await listCases(database.db, { ...open, ...f, limit: 100_000 })).length;

  it('are exact up to the cap, whatever the scope', async () => {
    for (const f of [{}, { assigneeId: 'stf-q1' }, { projectIds: data.projectIds.slice(0, 3) }, { unassigned: true, excludeAccused: exclusion }]) {
      const n = await exact(f);
      expect(await countCasesBounded(database.db, { ...open, ...f }, 10_000)).toEqual({ count: n, more: false });
    }
  });

  it('stop at the cap and say there is more', async () => {
    const n = await exact({ projectIds: data.projectIds.slice(0, 3) });
    expect(n).toBeGreaterThan(20);
    expect(await countCasesBounded(database.db, { ...open, projectIds: data.projectIds.slice(0, 3) }, 20)).toEqual({ count: 20, more: true });
    expect(await countCasesBounded(database.db, { ...open, projectIds: data.projectIds.slice(0, 3) }, n)).toEqual({ count: n, more: false });
    expect(await countCasesBounded(database.db, { ...open, projectIds: data.projectIds.slice(0, 3) }, n - 1)).toEqual({ count: n - 1, more: true });
  });
});
