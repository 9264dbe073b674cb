// The inspections bench (issue 15, "Speed") in its own process per database (GUANJIA_TEST_DB):
// - a month of patrol tasks for BENCH_INSPECTION_PROJECTS projects (default 200) × BENCH_INSPECTION_POINTS
//   points (50) × 3 rounds a day, made by the same code the scheduler runs (writePlanTasks: the roster
//   read, core's planPatrolTasks, the writes), target < 5 s;
// - the monthly bulletin (月检通报) over HTTP for every project, with BENCH_INSPECTION_DAYS (365) of
//   history behind it — ended patrol tasks with their grade counts, a defect and a scored daily check
//   per project and day — target < 500 ms.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildApp, createFieldCipher, createIdGenerator, DEFAULT_LIMITS, writePlanTasks, type AppDeps } from '@guanjia/server';
import { DEMO_PASSWORD, seedDemo } from '@guanjia/server/seed';
import { insertInspectionPoint, insertPatrolPlan, insertPatrolRoute, insertProject, type PatrolPlanRecord } from '@guanjia/storage';
import { freshDatabase } from '@guanjia/storage/testing';

const projects = Number(process.env.BENCH_INSPECTION_PROJECTS ?? 200);
const pointsPer = Number(process.env.BENCH_INSPECTION_POINTS ?? 50);
const historyDays = Number(process.env.BENCH_INSPECTION_DAYS ?? 365);
const dialect = process.env.GUANJIA_TEST_DB ?? 'sqlite';
const { database, drop } = await freshDatabase({ poolSize: 10 });
const deps: AppDeps = {
  database,
  now: () => '2026-12-01T02:00:00.000Z',
  newId: createIdGenerator(),
  cipher: createFieldCipher(Buffer.alloc(32, 7)),
  attachmentsDir: mkdtempSync(join(tmpdir(), 'guanjia-inspections-')),
  limits: DEFAULT_LIMITS,
};
await seedDemo(deps, { withCases: false });
const db = database.db;
const org = await db.selectFrom('organizations').select('id').where('isDemo', '=', 1).executeTakeFirstOrThrow();
const admin = await db.selectFrom('staff').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow();
const now = deps.now();

// the estate: projects, points, one plan each (its route over every point, three rounds a day, walked by the company-wide admin)
const plans: PatrolPlanRecord[] = [];
await database.write(async (tx) => {
  for (let p = 0; p < projects; p++) {
    const projectId = deps.newId();
    await insertProject(tx, {
      id: projectId,
      organizationId: org.id,
      code: `INSP${p}`,
      name: `巡检压测项目${p}`,
      address: null,
      occupancyDate: null,
      phase: 'normal',
      timeZone: 'Asia/Shanghai',
      createdAt: now,
      updatedAt: now,
    });
    const route = [];
    for (let i = 0; i < pointsPer; i++) {
      const id = deps.newId();
      await insertInspectionPoint(tx, {
        id,
        organizationId: org.id,
        projectId,
        name: `巡检点${i}`,
        kind: i % 2 ? 'equipment' : 'area',
        specialty: (['security', 'engineering', 'environment'] as const)[i % 3]!,
        place: null,
        buildingId: null,
        latitude: 22.5 + i / 10_000,
        longitude: 114 + p / 10_000,
        radiusM: 50,
        codeGeneration: 1,
        codeValidUntil: '2027-03-01',
        active: true,
        createdBy: null,
        createdAt: now,
        updatedAt: now,
      });
      route.push({ pointId: id, offsetMinutes: i * 2, windowMinutes: 15 });
    }
    const plan: PatrolPlanRecord = {
      id: deps.newId(),
      organizationId: org.id,
      projectId,
      name: `日常巡检${p}`,
      kind: 'patrol',
      specialty: 'security',
      repeat: { kind: 'weekdays', weekdays: [1, 2, 3, 4, 5, 6, 7] },
      rounds: ['08:00', '14:00', '20:00'],
      route,
      inspectors: [admin.id],
      leadMinutes: 60,
      lateMinutes: 10,
      makeupHours: 0,
      acceptorId: null,
      routeId: deps.newId(),
      active: true,
      generatedThrough: null,
      createdBy: null,
      createdAt: now,
      updatedAt: now,
    };
    await insertPatrolRoute(tx, { id: plan.routeId, organizationId: org.id, planId: plan.id, stops: route, createdAt: now });
    await insertPatrolPlan(tx, plan);
    plans.push(plan);
  }
});

// A: a month of tasks
const t0 = performance.now();
let tasks = 0;
for (const plan of plans) tasks += await database.write((tx) => writePlanTasks(deps, tx, plan, 'Asia/Shanghai', '2026-12-01', '2026-12-31'));
const generateMs = performance.now() - t0;

// B: a year of history behind the bulletin (written straight to the tables, as ended tasks, defects and submitted daily checks)
const day = (d: number) => new Date(Date.parse('2026-11-30T00:00:00Z') - d * 86_400_000).toISOString().slice(0, 10);
const history = async (rows: Record<string, unknown>[], table: 'patrolTasks' | 'defects' | 'inspections') => {
  for (let i = 0; i < rows.length; i += 400)
    await database.write((tx) =>
      tx
        .insertInto(table)
        .values(rows.slice(i, i + 400) as never)
        .execute(),
    );
};
const h0 = performance.now();
for (const plan of plans) {
  const taskRows: Record<string, unknown>[] = [];
  const defectRows: Record<string, unknown>[] = [];
  const checkRows: Record<string, unknown>[] = [];
  for (let d = 0; d < historyDays; d++) {
    const date = day(d);
    const at = `${date}T02:00:00.000Z`;
    for (const round of plan.rounds)
      taskRows.push({
        id: deps.newId(),
        organizationId: org.id,
        projectId: plan.projectId,
        planId: plan.id,
        kind: 'patrol',
        date,
        round,
        assigneeId: admin.id,
        createAt: at,
        startsAt: at,
        endsAt: at,
        makeupUntil: null,
        routeId: plan.routeId,
        points: pointsPer,
        checked: pointsPer - (d % 3),
        reminded: pointsPer,
        early: 1,
        onTime: pointsPer - 3 - (d % 3),
        late: 2,
        missed: d % 3,
        status: d % 3 ? 'incomplete' : 'done',
        finishedAt: at,
      });
    defectRows.push({
      id: deps.newId(),
      organizationId: org.id,
      projectId: plan.projectId,
      sourceType: 'patrol',
      specialty: (['security', 'engineering', 'environment'] as const)[d % 3],
      severity: (['minor', 'general', 'serious'] as const)[d % 3],
      causedByStaff: d % 5 === 0 ? 1 : 0,
      onDailySheet: 1,
      description: '巡检发现异常',
      foundAt: at,
      periodStart: at,
      deadline: new Date(Date.parse(at) + 72 * 3_600_000).toISOString(),
      status: (['verified', 'closed', 'open'] as const)[d % 3],
      closedAt: d % 3 === 2 ? null : new Date(Date.parse(at) + (d % 2 ? 24 : 96) * 3_600_000).toISOString(),
    });
    checkRows.push({
      id: deps.newId(),
      organizationId: org.id,
      projectId: plan.projectId,
      kind: 'daily_overall',
      title: '管理处主任日检',
      items: '[]',
      trigger: 'plan',
      status: 'submitted',
      submittedAt: at,
      score: JSON.stringify({ bySpecialty: { security: { possible: 40, awarded: 36, failed: 1 }, environment: { possible: 30, awarded: 30, failed: 0 } } }),
      createdAt: at,
    });
  }
  await history(taskRows, 'patrolTasks');
  await history(defectRows, 'defects');
  await history(checkRows, 'inspections');
}
const historyMs = performance.now() - h0;

const app = await buildApp(deps);
const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: DEMO_PASSWORD } });
const token = login.json().token as string;
const runs: number[] = [];
let projectsIn = 0;
for (let i = 0; i < 5; i++) {
  const b0 = performance.now();
  const res = await app.inject({ method: 'GET', url: '/api/inspection-bulletin?month=2026-11', headers: { authorization: `Bearer ${token}` } });
  runs.push(performance.now() - b0);
  if (res.statusCode !== 200) throw new Error(`bulletin: ${res.statusCode} ${res.body}`);
  projectsIn = res.json().projects.filter((p: { lines: unknown[] }) => p.lines.length).length;
}
const sorted = [...runs].sort((a, b) => a - b);
const median = sorted[2]!;
console.log(
  `inspections (${dialect}): a month of patrol tasks for ${projects} projects × ${pointsPer} points × 3 rounds — ${tasks.toLocaleString('en')} tasks in ${(generateMs / 1000).toFixed(2)} s (target < 5 s); ` +
    `the bulletin of 2026-11 for ${projectsIn} projects over ${historyDays} days of history (seeded in ${(historyMs / 1000).toFixed(1)} s) — first ${runs[0]!.toFixed(0)} ms, median of 5 ${median.toFixed(0)} ms (target < 500 ms)`,
);
await app.close();
await database.close();
await drop();
process.exit(tasks > 0 && projectsIn === projects ? 0 : 1);
