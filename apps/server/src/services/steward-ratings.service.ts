import { canSeeProject, DomainError, requireCapability, stewardFigures, type Actor } from '@guanjia/core';
import {
  findBuilding,
  listBuildings,
  listBuildingStewards,
  listStaff,
  setBuildingSteward,
  surveyStewardRecovery,
  surveyStewardTallies,
  type SurveyRecord,
} from '@guanjia/storage';
import type { AppDeps } from '../context.ts';
import { requireProjectIn } from './scoped-project.ts';
import { inTransaction } from './transaction.ts';

/**
 * The owners' yearly rating of their steward (管家评价, decision 0033): who the area steward (物业管家)
 * of each building is (named by steward.assign), and a steward rating's figures per steward — the
 * satisfaction rate with its Wilson interval and the mean score, overall and per item.
 */

const figure = (f: { answers: number; satisfied: number; rate: number | null; interval: { low: number; high: number } }) => ({
  answers: f.answers,
  satisfied: f.satisfied,
  rate: f.rate,
  low: f.interval.low,
  high: f.interval.high,
});

/** A steward rating's figures per steward (those its households rate), by name. */
export async function stewardStatistics(deps: AppDeps, s: SurveyRecord) {
  const db = deps.database.db;
  const [tallies, recovery, staff] = await Promise.all([
    surveyStewardTallies(db, s.id),
    surveyStewardRecovery(db, s.id),
    listStaff(db, s.organizationId, [s.projectId]),
  ]);
  const names = new Map(staff.map((x) => [x.id, x.name]));
  const ids = recovery.map((r) => r.stewardId).sort((a, b) => (names.get(a) ?? a).localeCompare(names.get(b) ?? b, 'zh-CN'));
  const counts = new Map(recovery.map((r) => [r.stewardId, r]));
  return stewardFigures(
    tallies,
    s.items.map((i) => i.id),
    ids,
  ).map((f) => ({
    stewardId: f.stewardId,
    stewardName: names.get(f.stewardId) ?? '',
    sampled: counts.get(f.stewardId)?.sampled ?? 0,
    households: counts.get(f.stewardId)?.answered ?? 0,
    mean: f.mean,
    ...figure(f),
    byQuestion: f.byQuestion.map((q) => ({ questionId: q.questionId, mean: q.mean, ...figure(q) })),
  }));
}

/** The active area stewards of a project (whom a building may be given to). */
async function projectStewards(deps: AppDeps, organizationId: string, projectId: string) {
  const staff = await listStaff(deps.database.db, organizationId, [projectId]);
  return staff.filter((x) => x.active && x.roles.includes('area_steward') && x.projectIds.includes(projectId));
}

/** A project's buildings with their steward (none: null), and the stewards that may be named. */
export async function buildingStewards(deps: AppDeps, actor: Actor, projectId: string) {
  const project = await requireProjectIn(deps, actor, 'structure.read', projectId, 'id');
  const db = deps.database.db;
  const [buildings, assigned, stewards] = await Promise.all([
    listBuildings(db, project.id),
    listBuildingStewards(db, project.id),
    projectStewards(deps, actor.organizationId, project.id),
  ]);
  const names = new Map(stewards.map((x) => [x.id, x.name]));
  const byBuilding = new Map(assigned.map((a) => [a.buildingId, a]));
  return {
    buildings: buildings.map((b) => {
      const a = byBuilding.get(b.id);
      return {
        buildingId: b.id,
        buildingName: b.name,
        stewardId: a && names.has(a.staffId) ? a.staffId : null,
        stewardName: a ? (names.get(a.staffId) ?? null) : null,
        assignedAt: a && names.has(a.staffId) ? a.assignedAt : null,
      };
    }),
    stewards: stewards.map((x) => ({ id: x.id, name: x.name })),
  };
}

/** Names a building's steward (an active area steward of its project), or removes it with null (steward.assign). */
export async function assignBuildingSteward(deps: AppDeps, actor: Actor, buildingId: string, staffId: string | null) {
  requireCapability(actor, 'steward.assign');
  const building = await findBuilding(deps.database.db, buildingId);
  if (!building || !canSeeProject(actor, building.organizationId, building.projectId)) throw new DomainError('BUILDING_NOT_FOUND', 'id');
  if (staffId !== null) {
    const steward = (await projectStewards(deps, actor.organizationId, building.projectId)).find((x) => x.id === staffId);
    if (!steward) {
      const anyone = (await listStaff(deps.database.db, actor.organizationId, null)).find((x) => x.id === staffId);
      if (!anyone) throw new DomainError('STAFF_NOT_FOUND', 'staffId');
      throw new DomainError('STEWARD_NOT_ELIGIBLE', 'staffId', { name: anyone.name, nameEn: 'The chosen staff member' });
    }
  }
  await inTransaction(deps.database, (db) =>
    setBuildingSteward(
      db,
      staffId === null
        ? { buildingId, staffId: null }
        : { buildingId, organizationId: building.organizationId, projectId: building.projectId, staffId, assignedBy: actor.id, assignedAt: deps.now() },
    ),
  );
  return (await buildingStewards(deps, actor, building.projectId)).buildings.find((b) => b.buildingId === buildingId)!;
}
