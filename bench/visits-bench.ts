// The visit-plan bench (issue 14, "Speed"): generating a month's visit plan (走访计划) for a project of
// `households` homes in 40 buildings, with 1 office manager, 2 service supervisors and 5 front-desk
// assistants, a year of past visits (every 6th household visited within the last two months, every
// 4th 11 months ago) — target < 2 s. Measured twice over HTTP (POST /api/visit-plans: the reads, core's
// planMonthlyVisits and the writes of ~2,300 rows), the second a regeneration (the due rows replaced);
// core's pure rule alone on the same households besides. `visitPlanBench` is what the survey scenario
// calls too (bench/run.ts registers it as `visits`).
import { buildApp, type AppDeps } from '@guanjia/server';
import { DEMO_PASSWORD, seedHouseholds } from '@guanjia/server/seed';
import { planMonthlyVisits } from '@guanjia/core';
import { insertVisits, type VisitRecord } from '@guanjia/storage';

export interface VisitPlanBenchResult {
  households: number;
  planned: number;
  generateMs: number;
  regenerateMs: number;
  coreMs: number;
}

export async function visitPlanBench(deps: AppDeps, organizationId: string, households: number): Promise<VisitPlanBenchResult> {
  const app = await buildApp(deps);
  const call = async (token: string | null, method: 'GET' | 'POST', url: string, payload?: unknown) => {
    const res = await app.inject({ method, url, payload: payload as never, headers: token ? { authorization: `Bearer ${token}` } : {} });
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json() as Record<string, unknown>;
  };
  const admin = (await call(null, 'POST', '/api/auth/login', { username: 'admin', password: DEMO_PASSWORD })).token as string;
  const project = (await call(admin, 'POST', '/api/projects', { code: `VISIT${Date.now() % 100000}`, name: '走访压测花园' })).id as string;
  const buildingIds: string[] = [];
  for (let b = 1; b <= 40; b += 1)
    buildingIds.push((await call(admin, 'POST', `/api/projects/${project}/buildings`, { code: `V${b}`, name: `${b}栋` })).id as string);
  const roles = ['office_manager', 'service_supervisor', 'service_supervisor', ...Array(5).fill('front_desk')] as string[];
  for (const [i, role] of roles.entries())
    await call(admin, 'POST', '/api/staff', {
      username: `visit${i}_${project.slice(-6)}`,
      name: `走访员${i}`,
      password: 'bench-phrase-123',
      roles: [role],
      projectIds: [project],
      companyWide: false,
    });
  const { ownerIds, unitIds } = await seedHouseholds(deps, { organizationId, projectId: project, buildingIds, perBuilding: Math.ceil(households / 40) });
  // past visits: every 6th household seen last month (spacing), every 4th eleven months ago (the yearly rule)
  const now = deps.now();
  const past: VisitRecord[] = [];
  unitIds.forEach((unitId, i) => {
    const monthsAgo = i % 6 === 0 ? 1 : i % 4 === 0 ? 11 : 0;
    if (!monthsAgo) return;
    const at = new Date(Date.parse(now) - monthsAgo * 30 * 86_400_000).toISOString();
    past.push({
      id: deps.newId(),
      organizationId,
      projectId: project,
      ownerId: ownerIds[i]!,
      unitId,
      kind: 'routine',
      status: 'done',
      dueOn: at.slice(0, 10),
      createdBy: null,
      createdAt: at,
      closedAt: at,
      closedBy: null,
      closedReason: 'visited',
      planId: null,
      buildingId: buildingIds[Math.floor(i / Math.ceil(households / 40))]!,
      assigneeId: null,
      companionId: null,
      quotaRole: null,
      reason: 'routine',
      plannedOn: at.slice(0, 10),
      plannedTime: '10:00',
      requestReason: null,
      appointmentAt: null,
      method: 'door',
      visitedAt: at,
      topics: null,
      summary: null,
      privateNotes: null,
      evaluationScore: null,
      evaluationText: null,
    });
  });
  await deps.database.write((db) => insertVisits(db, past));

  const next = new Date(Date.parse(now) + 31 * 86_400_000).toISOString().slice(0, 7);
  const t0 = performance.now();
  const plan = await call(admin, 'POST', '/api/visit-plans', { projectId: project, month: next });
  const generateMs = performance.now() - t0;
  const t1 = performance.now();
  await call(admin, 'POST', '/api/visit-plans', { projectId: project, month: next });
  const regenerateMs = performance.now() - t1;

  // the pure rule alone, on households of the same shape
  const t2 = performance.now();
  planMonthlyVisits({
    month: next,
    households: unitIds.map((unitId, i) => ({
      unitId,
      buildingId: buildingIds[i % 40]!,
      ownerId: ownerIds[i]!,
      quiet: i % 5 === 0 ? [{ from: '22:00', to: '07:00' }] : [],
      lastVisitOn: i % 6 === 0 ? '2026-11-01' : i % 4 === 0 ? '2026-01-01' : '2024-01-01',
      followUp: i % 97 === 0,
      recentOpinion: i % 31 === 0,
    })),
    staff: roles.map((role, i) => ({ id: `s${i}`, role: role as 'front_desk' })),
  });
  const coreMs = performance.now() - t2;
  await app.close();
  return { households: unitIds.length, planned: plan.planned as number, generateMs, regenerateMs, coreMs };
}
