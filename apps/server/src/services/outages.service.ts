import { canSeeProject, checkOutagePeriod, DomainError, outageActiveAt, outageCoversUnit, requireCapability, type Actor, type OutageKind } from '@guanjia/core';
import {
  closeOutage as closeOutageRow,
  countCasesOfOutages,
  findOutage,
  findUnit,
  insertCaseOutage,
  insertOutage,
  listBuildings,
  listOpenOutages,
  listOutagesOfCase,
  listOutagesOfProject,
  unitPlaces,
  type OutageRecord,
  type Schema,
} from '@guanjia/storage';
import type { Kysely } from 'kysely';
import type { AppDeps } from '../context.ts';
import { getVisibleCase } from './cases.service.ts';
import { requireOutageForCase } from './outage-checks.ts';
import { utc } from './references.ts';
import { requireProjectIn } from './scoped-project.ts';
import { inTransaction } from './transaction.ts';

/**
 * The outage register (停水/停电/电梯停运 …, SPEC §9, issue 13 item 7): the service centre registers
 * an outage (area, period, cause, what to tell callers) and closes it when it is over (`case.intake`);
 * whoever reads cases lists them and sees, at intake, the active ones covering a caller's unit; cases
 * are linked to an outage at intake (POST /api/cases with `outageId`) or afterwards.
 */

/** An outage as the API shows it: its buildings' names, whether it is in effect now, how many cases it has. */
async function viewsOf(db: Kysely<Schema>, outages: readonly OutageRecord[], now: string) {
  const names = new Map<string, string>();
  for (const projectId of new Set(outages.map((o) => o.projectId))) for (const b of await listBuildings(db, projectId)) names.set(b.id, b.name);
  const linked = await countCasesOfOutages(
    db,
    outages.map((o) => o.id),
  );
  return outages.map((o) => ({
    id: o.id,
    projectId: o.projectId,
    kind: o.kind,
    buildingIds: o.buildingIds,
    buildingNames: o.buildingIds.map((id) => names.get(id) ?? ''),
    startsAt: o.startsAt,
    endsAt: o.endsAt,
    cause: o.cause,
    callerScript: o.callerScript,
    noticeId: o.noticeId,
    active: outageActiveAt(o, now),
    createdBy: o.createdBy,
    createdAt: o.createdAt,
    closedAt: o.closedAt,
    closedBy: o.closedBy,
    linkedCases: linked.get(o.id) ?? 0,
  }));
}
export type OutageView = Awaited<ReturnType<typeof viewsOf>>[number];

async function viewOf(deps: AppDeps, o: OutageRecord): Promise<OutageView> {
  return (await viewsOf(deps.database.db, [o], deps.now()))[0]!;
}

export interface NewOutage {
  projectId: string;
  kind: OutageKind;
  buildingIds: string[];
  startsAt: string;
  endsAt?: string | null;
  cause: string;
  callerScript: string;
  noticeId?: string | null;
}

/** Registers an outage. Its buildings must be of its project (else BUILDING_NOT_FOUND on buildingIds). */
export async function createOutage(deps: AppDeps, actor: Actor, input: NewOutage): Promise<OutageView> {
  await requireProjectIn(deps, actor, 'case.intake', input.projectId);
  const buildingIds = [...new Set(input.buildingIds)];
  const ofProject = new Set((await listBuildings(deps.database.db, input.projectId)).map((b) => b.id));
  const stranger = buildingIds.findIndex((id) => !ofProject.has(id));
  if (stranger >= 0) throw new DomainError('BUILDING_NOT_FOUND', `buildingIds.${input.buildingIds.indexOf(buildingIds[stranger]!)}`);
  const startsAt = utc(input.startsAt);
  const endsAt = utc(input.endsAt ?? null);
  const refusal = checkOutagePeriod(startsAt, endsAt);
  if (refusal) throw DomainError.from(refusal);
  const now = deps.now();
  const record: OutageRecord = {
    id: deps.newId(),
    organizationId: actor.organizationId,
    projectId: input.projectId,
    kind: input.kind,
    buildingIds,
    startsAt,
    endsAt,
    cause: input.cause,
    callerScript: input.callerScript,
    noticeId: input.noticeId ?? null,
    createdBy: actor.id,
    createdAt: now,
    closedAt: null,
    closedBy: null,
  };
  await inTransaction(deps.database, (db) => insertOutage(db, record));
  return viewOf(deps, record);
}

/** An outage the staff member may see (another project's or tenant's answers as unknown). */
async function visibleOutage(deps: AppDeps, actor: Actor, id: string): Promise<OutageRecord> {
  const o = await findOutage(deps.database.db, id);
  if (!o || !canSeeProject(actor, o.organizationId, o.projectId)) throw new DomainError('OUTAGE_NOT_FOUND', 'id');
  return o;
}

/** Closes an outage (it is over): no longer shown at intake. Closing one closed already is OUTAGE_CLOSED. */
export async function closeOutage(deps: AppDeps, actor: Actor, id: string): Promise<OutageView> {
  requireCapability(actor, 'case.intake');
  const o = await visibleOutage(deps, actor, id);
  if (o.closedAt) throw new DomainError('OUTAGE_CLOSED', 'id', { closedAt: o.closedAt });
  const now = deps.now();
  const closed = await inTransaction(deps.database, (db) => closeOutageRow(db, id, now, actor.id));
  if (!closed) {
    const again = await findOutage(deps.database.db, id);
    throw new DomainError('OUTAGE_CLOSED', 'id', { closedAt: again?.closedAt ?? now });
  }
  return viewOf(deps, { ...o, closedAt: now, closedBy: actor.id });
}

/** A project's outages: those in effect now (default), or the whole register, latest start first. */
export async function listOutages(deps: AppDeps, actor: Actor, q: { projectId: string; active: 'true' | 'false'; limit: number }): Promise<OutageView[]> {
  await requireProjectIn(deps, actor, 'case.read', q.projectId);
  const now = deps.now();
  const db = deps.database.db;
  const rows =
    q.active === 'true'
      ? (await listOpenOutages(db, [q.projectId])).filter((o) => outageActiveAt(o, now))
      : await listOutagesOfProject(db, q.projectId, q.limit);
  return viewsOf(db, rows.slice(0, q.limit), now);
}

/** The outages in effect now that cover a unit (its building, or its whole project): what the desk tells a caller from there. */
export async function activeOutagesForUnit(deps: AppDeps, actor: Actor, unitId: string): Promise<OutageView[]> {
  requireCapability(actor, 'case.read');
  const unit = await findUnit(deps.database.db, unitId);
  if (!unit || !canSeeProject(actor, unit.organizationId, unit.projectId)) throw new DomainError('UNIT_NOT_FOUND', 'unitId');
  return (await outagesCoveringUnits(deps, deps.database.db, [unitId])).map(({ unitIds: _covered, ...o }) => o);
}

/**
 * The outages in effect now that cover any of these units, each with the units of the list it covers
 * (the caller look-up: its owners' units and the address's). One read of the units' places and one of
 * their projects' open outages.
 */
export async function outagesCoveringUnits(deps: AppDeps, db: Kysely<Schema>, unitIds: readonly string[]): Promise<(OutageView & { unitIds: string[] })[]> {
  const places = await unitPlaces(db, [...new Set(unitIds)]);
  if (!places.length) return [];
  const now = deps.now();
  const open = (await listOpenOutages(db, [...new Set(places.map((p) => p.projectId))])).filter((o) => outageActiveAt(o, now));
  const covering = open.flatMap((o) => {
    const covered = places.filter((p) => outageCoversUnit(o, p)).map((p) => p.id);
    return covered.length ? [{ o, covered }] : [];
  });
  const views = await viewsOf(
    db,
    covering.map((c) => c.o),
    now,
  );
  return views.map((v, i) => ({ ...v, unitIds: covering[i]!.covered }));
}

/** Links a case to an outage of its project (a link made before is kept as it was); answers the case's outages. */
export async function linkCaseToOutage(deps: AppDeps, actor: Actor, caseId: string, outageId: string) {
  requireCapability(actor, 'case.intake');
  const c = await getVisibleCase(deps, actor, caseId);
  await requireOutageForCase(deps, actor, outageId, c.projectId);
  await inTransaction(deps.database, (db) =>
    insertCaseOutage(db, { caseId: c.id, outageId, organizationId: c.organizationId, projectId: c.projectId, linkedBy: actor.id, linkedAt: deps.now() }),
  );
  return caseOutages(deps, c.id);
}

/** The outages a case is linked to. */
export async function listCaseOutages(deps: AppDeps, actor: Actor, caseId: string) {
  requireCapability(actor, 'case.read');
  const c = await getVisibleCase(deps, actor, caseId);
  return caseOutages(deps, c.id);
}

async function caseOutages(deps: AppDeps, caseId: string) {
  const db = deps.database.db;
  const links = await listOutagesOfCase(db, caseId);
  const views = await viewsOf(
    db,
    links.map((l) => l.outage),
    deps.now(),
  );
  return links.map((l, i) => ({ outage: views[i]!, linkedBy: l.link.linkedBy, linkedAt: l.link.linkedAt }));
}
