import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDateOf, type CaseRecord, type ClockKind } from '@guanjia/core';
import {
  breachCountedAfter,
  claimUncountedBreaches,
  complaintCategoryRollup,
  countBreaches,
  countOverdueBreaches,
  insertCase,
  insertClock,
  outcomeRollup,
  rebuildReportRollups,
  countOutcomesApart,
  rollUpCaseChange,
  rollUpClockChanges,
  timelinessRollup,
  updateCase,
  updateClock,
  type Database,
  type StoredClock,
} from '../src/index.ts';
import { freshDatabase, TEST_DB } from '../src/testing/fresh-database.ts';
import { recountComplaintCategories, recountOutcomes, recountTimeliness } from '../src/testing/report-recount.ts';

/**
 * Item 8 of issue 11: after random case histories (creations, closes, reopens, ratings, reassignments,
 * accusations, re-typing and categories, clocks met / breached / cancelled / still running) across
 * projects in three time zones (a half-hour one and one with daylight saving), the rollups answer
 * exactly what a full recount of cases and clocks (the reports as they were) answers, and a rebuild
 * from scratch gives the same rows as the incremental upkeep. Running clocks past due are counted by
 * the scheduler's ticks (or the migration's backfill) at random instants, then stopped, cancelled,
 * handed to someone else or given a new due instant: before and after the count, the answers agree.
 */

let database: Database;
let drop: () => Promise<void>;
const ORG = 'org-r';
const PROJECTS = [
  { id: 'p-sh', timeZone: 'Asia/Shanghai' },
  { id: 'p-in', timeZone: 'Asia/Kolkata' },
  { id: 'p-ny', timeZone: 'America/New_York' },
];
const STAFF = ['s1', 's2', 's3'];
const DEPARTMENTS = ['d1', 'd2', null];
const CATEGORIES = ['噪音', '停车', null];
const KINDS: ClockKind[] = ['first_reply', 'department_answer', 'reply_to_owner'] as ClockKind[];
// instants around a month's end (local dates differ by zone) and a daylight-saving change (New York, 1 November)
const BASE = Date.parse('2026-10-29T00:00:00.000Z');
const instant = (minutes: number) => new Date(BASE + minutes * 60_000).toISOString();
const NOW = instant(5 * 24 * 60);

beforeAll(async () => {
  ({ database, drop } = await freshDatabase());
  const at = '2026-01-01T00:00:00.000Z';
  await sql`insert into organizations (id, code, name, created_at) values (${ORG}, 'R', 'R', ${at})`.execute(database.db);
  for (const p of PROJECTS)
    await sql`insert into projects (id, organization_id, code, name, phase, time_zone, created_at, updated_at)
      values (${p.id}, ${ORG}, ${p.id}, ${p.id}, 'operating', ${p.timeZone}, ${at}, ${at})`.execute(database.db);
});
afterAll(async () => drop?.());

type Op =
  | { op: 'create'; project: number; type: 'complaint' | 'repair' | 'inquiry'; category: number; receiver: number; at: number }
  | { op: 'close'; c: number; satisfied: boolean | null; rating: number | null; reason: 'resolved' | 'out_of_scope'; at: number }
  | { op: 'reopen'; c: number }
  | { op: 'rate'; c: number; rating: number }
  | { op: 'reassign'; c: number; staff: number; department: number }
  | { op: 'accuse'; c: number; staff: number; party: boolean }
  | { op: 'recategorize'; c: number; category: number; type: 'complaint' | 'repair' }
  | { op: 'clock'; c: number; kind: number; due: number | null }
  | { op: 'stop'; k: number; result: 'met' | 'breached' | 'cancelled'; at: number }
  | { op: 'move'; k: number; due: number }
  | { op: 'tick'; at: number; backfill: boolean };

const minutes = fc.integer({ min: 0, max: 5 * 24 * 60 });
const tickArb = fc.record({ op: fc.constant('tick' as const), at: minutes, backfill: fc.boolean() });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    arbitrary: fc.record({
      op: fc.constant('create' as const),
      project: fc.nat(2),
      type: fc.constantFrom('complaint' as const, 'repair' as const, 'inquiry' as const),
      category: fc.nat(2),
      receiver: fc.nat(3),
      at: minutes,
    }),
    weight: 2,
  },
  fc.record({
    op: fc.constant('close' as const),
    c: fc.nat(40),
    satisfied: fc.constantFrom(true, false, null),
    rating: fc.option(fc.integer({ min: 1, max: 5 })),
    reason: fc.constantFrom('resolved' as const, 'out_of_scope' as const),
    at: minutes,
  }),
  fc.record({ op: fc.constant('reopen' as const), c: fc.nat(40) }),
  fc.record({ op: fc.constant('rate' as const), c: fc.nat(40), rating: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ op: fc.constant('reassign' as const), c: fc.nat(40), staff: fc.nat(3), department: fc.nat(2) }),
  fc.record({ op: fc.constant('accuse' as const), c: fc.nat(40), staff: fc.nat(2), party: fc.boolean() }),
  fc.record({ op: fc.constant('recategorize' as const), c: fc.nat(40), category: fc.nat(2), type: fc.constantFrom('complaint' as const, 'repair' as const) }),
  // clocks, their stops, moves and counted breaches come more often than the other steps: enough of them
  // in each history to be counted, then stopped, moved or handed over
  { arbitrary: fc.record({ op: fc.constant('clock' as const), c: fc.nat(40), kind: fc.nat(2), due: fc.option(minutes, { freq: 6 }) }), weight: 3 },
  {
    arbitrary: fc.record({
      op: fc.constant('stop' as const),
      k: fc.nat(60),
      result: fc.constantFrom('met' as const, 'breached' as const, 'cancelled' as const),
      at: minutes,
    }),
    weight: 2,
  },
  // a running clock's due instant recomputed (a new grade, appointment or calendar)
  // (possibly past the reports' NOW: a counted breach must then leave the rollups)
  { arbitrary: fc.record({ op: fc.constant('move' as const), k: fc.nat(60), due: fc.integer({ min: 0, max: 7 * 24 * 60 }) }), weight: 2 },
  // the scheduler counts the breaches of running clocks past due (or the migration's backfill does)
  { arbitrary: tickArb, weight: 3 },
);

function newCase(id: string, o: Extract<Op, { op: 'create' }>): CaseRecord {
  const p = PROJECTS[o.project]!;
  return {
    id,
    organizationId: ORG,
    projectId: p.id,
    number: id,
    type: o.type,
    status: 'new',
    channel: 'hotline',
    category: CATEGORIES[o.category]!,
    title: '报事',
    description: '报事',
    ownerId: null,
    unitId: null,
    firstReceiverId: o.receiver < STAFF.length ? STAFF[o.receiver]! : null,
    departmentId: null,
    assigneeId: null,
    repairGrade: null,
    repairScope: null,
    appointmentAt: null,
    ownerDeadlineAt: null,
    promisedAt: null,
    committedAt: null,
    level: 'office',
    accusedParty: null,
    accusedStaffId: null,
    compensationClaim: false,
    apologized: false,
    readBack: false,
    major: false,
    correctiveActionReport: null,
    plan: null,
    evaluation: null,
    answer: null,
    causeAnalysis: null,
    preventiveMeasures: null,
    closeReason: null,
    reopenCount: 0,
    satisfied: null,
    rating: null,
    ratingComment: null,
    specialFollowUpDueAt: null,
    onSiteAt: null,
    doneAt: null,
    createdAt: instant(o.at),
    updatedAt: instant(o.at),
    closedAt: null,
    version: 1,
  } as CaseRecord;
}

async function play(ops: readonly Op[], run: number): Promise<void> {
  const cases: CaseRecord[] = [];
  const clocks: StoredClock[] = [];
  const zoneOf = (c: CaseRecord) => PROJECTS.find((p) => p.id === c.projectId)!.timeZone;
  const change = async (c: CaseRecord, next: CaseRecord) => {
    await database.write(async (trx) => {
      await updateCase(trx, next, c.version);
      await rollUpCaseChange(trx, c, next, zoneOf(c));
    });
    cases[cases.indexOf(c)] = next;
  };
  /** Clocks rewritten as the SLA service writes them: the row and its rollups in one transaction. */
  const rewrite = async (changes: { before: StoredClock; after: StoredClock }[]) => {
    if (changes.length === 0) return;
    await database.write(async (trx) => {
      for (const { after } of changes) await updateClock(trx, after);
      await rollUpClockChanges(trx, changes);
    });
    for (const { before, after } of changes) clocks[clocks.indexOf(before)] = after;
  };
  for (const o of ops) {
    const c = 'c' in o ? cases[o.c % Math.max(cases.length, 1)] : undefined;
    const bump = (x: CaseRecord, patch: Partial<CaseRecord>): CaseRecord => ({ ...x, ...patch, version: x.version + 1 });
    switch (o.op) {
      case 'create': {
        const record = newCase(`r${run}-c${cases.length}`, o);
        await database.write(async (trx) => {
          await insertCase(trx, record);
          await rollUpCaseChange(trx, null, record, zoneOf(record));
        });
        cases.push(record);
        break;
      }
      case 'close':
        if (c && c.status !== 'closed')
          await change(c, bump(c, { status: 'closed', closedAt: instant(o.at), satisfied: o.satisfied, rating: o.rating, closeReason: o.reason }));
        break;
      case 'reopen':
        if (c && c.status === 'closed') await change(c, bump(c, { status: 'in_progress', reopenCount: c.reopenCount + 1, closeReason: null }));
        break;
      case 'rate':
        if (c) await change(c, bump(c, { rating: o.rating }));
        break;
      case 'reassign':
        if (c && c.status !== 'closed') {
          const next = bump(c, { assigneeId: o.staff < STAFF.length ? STAFF[o.staff]! : null, departmentId: DEPARTMENTS[o.department]! });
          await change(c, next);
          // its running clocks answer to the new assignee and department (a counted breach moves with them)
          await rewrite(
            clocks
              .filter((k) => k.caseId === c.id && k.stoppedAt === null)
              .map((k) => ({ before: k, after: { ...k, assigneeId: next.assigneeId ?? next.firstReceiverId, departmentId: next.departmentId } })),
          );
        }
        break;
      case 'accuse':
        if (c) await change(c, bump(c, { accusedStaffId: STAFF[o.staff]!, accusedParty: o.party ? 'office_management' : 'staff' }));
        break;
      case 'recategorize':
        if (c) await change(c, bump(c, { category: CATEGORIES[o.category]!, type: o.type }));
        break;
      case 'clock': {
        if (!c) break;
        const due = o.due === null ? null : instant(o.due);
        const k: StoredClock = {
          id: `r${run}-k${clocks.length}`,
          caseId: c.id,
          kind: KINDS[o.kind]!,
          rule: { kind: KINDS[o.kind]!, target: { unit: 'minutes', value: 30, basis: 'calendar' } } as unknown as StoredClock['rule'],
          startedAt: c.createdAt,
          pauses: [],
          dueAt: due,
          warnAt: null,
          stoppedAt: null,
          result: null,
          lateMinutes: null,
          organizationId: ORG,
          projectId: c.projectId,
          caseType: c.type,
          dueLocalDate: due ? localDateOf(due, zoneOf(c)) : null,
          departmentId: c.departmentId,
          assigneeId: c.assigneeId ?? c.firstReceiverId,
          warned: false,
          escalations: 0,
          breachCounted: false,
          nextAlertAt: null,
          updatedAt: c.createdAt,
        };
        await database.write(async (trx) => {
          await insertClock(trx, k);
          await rollUpClockChanges(trx, [{ before: null, after: k }]);
        });
        clocks.push(k);
        break;
      }
      case 'stop': {
        const k = clocks[o.k % Math.max(clocks.length, 1)];
        if (!k || k.stoppedAt !== null) break;
        await rewrite([{ before: k, after: { ...k, stoppedAt: instant(o.at), result: o.result } }]);
        break;
      }
      case 'move': {
        const k = clocks[o.k % Math.max(clocks.length, 1)];
        if (!k || k.stoppedAt !== null) break;
        const dueAt = instant(o.due);
        const zone = PROJECTS.find((p) => p.id === k.projectId)!.timeZone;
        await rewrite([{ before: k, after: { ...k, dueAt, dueLocalDate: localDateOf(dueAt, zone), breachCounted: breachCountedAfter(k, { dueAt }) } }]);
        break;
      }
      case 'tick': {
        // at or before the reports' NOW (the scheduler never runs ahead of the clock the reports read)
        const at = instant(o.at);
        await database.write(async (trx) => {
          if (o.backfill) await countOverdueBreaches(trx, at);
          else await countBreaches(trx, await claimUncountedBreaches(trx, at, 1000), at);
        });
        const counted = new Set((await sql<{ id: string }>`select id from sla_clocks where breach_counted = 1`.execute(database.db)).rows.map((r) => r.id));
        for (const [i, k] of clocks.entries()) clocks[i] = { ...k, breachCounted: counted.has(k.id) };
        break;
      }
    }
  }
}

const PERIODS: [string, string][] = [
  ['2026-10-01', '2026-12-01'],
  ['2026-10-30', '2026-11-02'],
  ['2026-10-31', '2026-11-01'],
  ['2026-11-01', '2026-11-04'],
  ['2026-09-15', '2027-01-15'],
];
const READERS = [undefined, { staffId: 's1', officeManager: false }, { staffId: 's2', officeManager: true }];
const SCOPES = [PROJECTS, [PROJECTS[1]!], [PROJECTS[0]!, PROJECTS[2]!]];

async function rollupRows() {
  const rows = [];
  for (const table of ['report_outcomes', 'report_timeliness', 'report_complaint_categories']) {
    const r = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(database.db);
    for (const row of r.rows) {
      const counts = Object.entries(row).filter(([k]) => !['projectId', 'dimension', 'grain', 'period', 'key', 'organizationId'].includes(k));
      if (counts.every(([, v]) => Number(v) === 0)) continue;
      rows.push(JSON.stringify([table, ...Object.entries(row).map(([k, v]) => [k, typeof v === 'string' ? v : Number(v)])]));
    }
  }
  return rows.sort();
}

/** A running clock past due counted by a tick (or the backfill), then moved past NOW, cancelled, handed over and met, or stopped late. */
const opened: Op[] = [
  { op: 'create', project: 0, type: 'complaint', category: 0, receiver: 0, at: 0 },
  { op: 'clock', c: 0, kind: 0, due: 60 },
];
const noTick = { op: 'tick' as const, at: 0, backfill: false };
const COUNTED_THEN: [Op[], typeof noTick][] = [
  [[...opened, { op: 'tick', at: 120, backfill: false }, { op: 'move', k: 0, due: 7 * 24 * 60 }], noTick],
  [[...opened, { op: 'tick', at: 120, backfill: true }, { op: 'stop', k: 0, result: 'cancelled', at: 200 }], noTick],
  [
    [...opened, { op: 'tick', at: 120, backfill: false }, { op: 'reassign', c: 0, staff: 1, department: 0 }, { op: 'stop', k: 0, result: 'met', at: 30 }],
    noTick,
  ],
  [
    [...opened, { op: 'tick', at: 120, backfill: true }, { op: 'stop', k: 0, result: 'breached', at: 300 }, { op: 'clock', c: 0, kind: 1, due: 7000 }],
    { ...noTick, at: 7100 },
  ],
];

describe(`report rollups on ${TEST_DB}`, () => {
  it('equal a full recount after random histories, and a rebuild from scratch', async () => {
    let run = 0;
    await fc.assert(
      // the history ends with one more tick (the scheduler has run at some instant before the reports are read)
      fc.asyncProperty(fc.array(opArb, { minLength: 5, maxLength: 45 }), tickArb, async (ops, lastTick) => {
        run += 1;
        for (const table of ['report_outcomes', 'report_timeliness', 'report_complaint_categories', 'sla_clocks', 'cases'])
          await sql`delete from ${sql.table(table)}`.execute(database.db);
        await play([...ops, lastTick], run);
        const db = database.db;
        for (const [from, to] of PERIODS)
          for (const excludeAccused of READERS)
            for (const scope of SCOPES) {
              const f = { organizationId: ORG, projectIds: scope.map((p) => p.id), from, to, excludeAccused };
              for (const groupBy of ['month', 'department', 'project', 'staff', 'type'] as const) {
                const got = (await outcomeRollup(db, { ...f, groupBy })).sort((a, b) => (a.key < b.key ? -1 : 1));
                expect(got).toEqual(await recountOutcomes(db, { ...f, projects: scope, groupBy }));
              }
              for (const groupBy of ['staff', 'department', 'project', 'type', 'month', 'clock'] as const) {
                const byKey = (a: { key: string | null }, b: { key: string | null }) => ((a.key ?? '') < (b.key ?? '') ? -1 : 1);
                const got = (await timelinessRollup(db, { ...f, groupBy, now: NOW })).sort(byKey);
                const want = (await recountTimeliness(db, { ...f, groupBy, now: NOW })).sort(byKey);
                expect(got).toEqual(want);
              }
              const categories = (await complaintCategoryRollup(db, f)).sort((a, b) => b.count - a.count || ((a.category ?? '') < (b.category ?? '') ? -1 : 1));
              expect(categories).toEqual(await recountComplaintCategories(db, { ...f, projects: scope }));
            }
        const kept = await rollupRows();
        await database.write((trx) => rebuildReportRollups(trx));
        expect(await rollupRows()).toEqual(kept);
        // migration 0042's backfill: the counts kept apart, cleared, then counted from the cases, come back the same
        await sql`update report_outcomes set out_of_scope = 0, reopened = 0`.execute(database.db);
        await database.write((trx) => countOutcomesApart(trx));
        expect(await rollupRows()).toEqual(kept);
      }),
      { numRuns: TEST_DB === 'postgres' ? 12 : 25, examples: COUNTED_THEN },
    );
  }, 600_000);
});
