import {
  DomainError,
  localDateOf,
  moveOutDateProblem,
  newOwnerVisitDueOn,
  primaryAfter,
  requireCapability,
  type StaffActor,
  type UnitTie,
} from '@guanjia/core';
import {
  cancelDueVisits,
  currentTiesOfUnit,
  endOwnerTies,
  findOwnerByPortalLogin,
  findOwnerTie,
  findProject,
  findUnit,
  insertOwner,
  insertOwnerContacts,
  insertOwnerEvent,
  insertOwnerUnit,
  insertOwnerVisit,
  rewriteOwnerTie,
  setUnitPrimary,
  type OwnerContactRecord,
  type OwnerRecord,
  type OwnerUnitRecord,
  type OwnerVisitRecord,
  type Schema,
} from '@guanjia/storage';
import type { Kysely } from 'kysely';
import type { AppDeps } from '../context.ts';
import { hashPassword } from '../security/passwords.ts';
import { newOwnerContacts, newOwnerRecord } from './owner-records.ts';
import { ownerViews, visibleOwner, type OwnerInput } from './owners.service.ts';
import { requirePasswordPolicy } from './password-rules.ts';
import { requireUnitInProject } from './references.ts';
import { inTransaction } from './transaction.ts';
import { visitViews } from './visits.service.ts';

/**
 * 入住登记 and 迁出/过户 at the desk (issue 12, item 4; decision 0023). A tie of an owner to a unit
 * starts with a move-in — which creates the new-owner visit due within one month — and ends with a
 * move-out or a transfer, kept as history (never deleted). 主业主 follows core's primaryAfter. Each
 * move is one transaction: the ties, 主业主, the visits and an owner event on every archive touched.
 */

type Db = Kysely<Schema>;
type NewOwner = OwnerInput & { contacts?: { kind: OwnerContactRecord['kind']; value: string; label?: string | null; isPrimary: boolean }[] };

/** A unit of the organization in one of the actor's projects (anything else answers as unknown). */
async function visibleUnit(deps: AppDeps, actor: StaffActor, unitId: string) {
  const unit = await findUnit(deps.database.db, unitId);
  if (!unit || unit.organizationId !== actor.organizationId) throw new DomainError('UNIT_NOT_FOUND', 'unitId');
  await requireUnitInProject(deps.database, actor, unit.id, unit.projectId);
  return unit;
}

/** A new archive (and its contacts) as typed in; nothing written yet. */
async function newArchive(deps: AppDeps, actor: StaffActor, o: NewOwner, kind: OwnerRecord['kind'], field: string) {
  if (o.portalLogin && (await findOwnerByPortalLogin(deps.database.db, o.portalLogin))) throw new DomainError('USERNAME_TAKEN', `${field}.portalLogin`);
  if (o.portalLogin && o.portalPassword) requirePasswordPolicy(o.portalPassword, o.portalLogin, `${field}.portalPassword`);
  const now = deps.now();
  const { contacts: typed, portalPassword, ...fields } = o;
  const owner = newOwnerRecord(
    deps,
    actor.organizationId,
    { ...fields, name: o.name!, kind: o.kind ?? kind, portalPasswordHash: o.portalLogin && portalPassword ? await hashPassword(portalPassword) : null },
    now,
  );
  const contacts = newOwnerContacts(deps, actor.organizationId, owner.id, typed ?? [], now, { firstIsPrimary: true });
  return { owner, contacts, write: async (db: Db) => (await insertOwner(db, owner), await insertOwnerContacts(db, contacts)) };
}

/** Who the new archive or existing owner of a move is: an existing one must be visible to the actor. */
async function arrivingOwner(
  deps: AppDeps,
  actor: StaffActor,
  ownerId: string | undefined,
  typed: NewOwner | undefined,
  kind: OwnerRecord['kind'],
  field: string,
) {
  if (ownerId) return { owner: await visibleOwner(deps, actor, ownerId, `${field}Id`), write: async () => {} };
  return newArchive(deps, actor, typed!, kind, field);
}

const asTie = (l: OwnerUnitRecord): UnitTie => ({ ownerId: l.ownerId, relation: l.relation, isPrimary: l.isPrimary, createdAt: l.createdAt });

/**
 * Ties `owner` to the unit (a new tie, an ended one taken up again, or an occupant's turned into
 * 产权人) with its new-owner visit and moved_in event. The caller settles 主业主 afterwards.
 */
async function moveIn(
  db: Db,
  deps: AppDeps,
  actor: StaffActor,
  unit: { id: string; projectId: string },
  ownerId: string,
  move: { relation: 'owner' | 'occupant'; moveInDate: string; current: readonly OwnerUnitRecord[]; transferFrom?: readonly string[] },
): Promise<{ link: OwnerUnitRecord; visit: OwnerVisitRecord }> {
  const now = deps.now();
  const link: OwnerUnitRecord = {
    ownerId,
    unitId: unit.id,
    organizationId: actor.organizationId,
    projectId: unit.projectId,
    relation: move.relation,
    moveInDate: move.moveInDate,
    createdAt: now,
    isPrimary: false,
  };
  const existing = await findOwnerTie(db, ownerId, unit.id);
  // a current tie: the same move-in twice (a transfer to a current occupant makes them 产权人 instead)
  if (existing && !existing.movedOutOn && !move.transferFrom) throw new DomainError('DUPLICATE', 'unitId');
  if (existing) await rewriteOwnerTie(db, link);
  else if (!(await insertOwnerUnit(db, link))) throw new DomainError('DUPLICATE', 'unitId');
  const visit: OwnerVisitRecord = {
    id: deps.newId(),
    organizationId: actor.organizationId,
    projectId: unit.projectId,
    ownerId,
    unitId: unit.id,
    kind: 'new_owner',
    status: 'due',
    dueOn: newOwnerVisitDueOn(move.moveInDate),
    createdBy: actor.id,
    createdAt: now,
    closedAt: null,
    closedBy: null,
    closedReason: null,
  };
  await insertOwnerVisit(db, visit);
  await insertOwnerEvent(db, {
    id: deps.newId(),
    organizationId: actor.organizationId,
    ownerId,
    type: 'moved_in',
    actorKind: 'staff',
    actorId: actor.id,
    data: {
      unitId: unit.id,
      projectId: unit.projectId,
      moveInDate: move.moveInDate,
      relation: move.relation,
      newOwnerVisitDueBy: visit.dueOn,
      visitId: visit.id,
      // moving back in: the period that ended before (the row now holds the new one)
      ...(existing?.movedOutOn ? { previousTie: { moveInDate: existing.moveInDate, movedOutOn: existing.movedOutOn, relation: existing.relation } } : {}),
      ...(existing && !existing.movedOutOn ? { previousRelation: existing.relation } : {}),
      ...(move.transferFrom ? { transferFrom: move.transferFrom } : {}),
    },
    at: now,
  });
  return { link, visit };
}

/** Hands 主业主 to whom core's rule names; a remaining owner who takes it over gets an event on their archive. */
async function settlePrimary(
  db: Db,
  deps: AppDeps,
  actor: StaffActor,
  unitId: string,
  current: readonly OwnerUnitRecord[],
  leaving: ReadonlySet<string>,
  arriving: readonly OwnerUnitRecord[],
) {
  const before = current.find((t) => t.isPrimary)?.ownerId ?? null;
  const after = primaryAfter(current.map(asTie), leaving, arriving.map(asTie));
  const stillPrimary = before !== null && before === after && !arriving.some((a) => a.ownerId === before);
  if (!stillPrimary) await setUnitPrimary(db, unitId, after);
  if (after && after !== before && !arriving.some((a) => a.ownerId === after))
    await insertOwnerEvent(db, {
      id: deps.newId(),
      organizationId: actor.organizationId,
      ownerId: after,
      type: 'primary_changed',
      actorKind: 'staff',
      actorId: actor.id,
      data: { unitId, primary: true, previousPrimaryId: before },
      at: deps.now(),
    });
  return after;
}

/** 入住登记: creates (or reuses) the archive, ties the unit, records the move-in and its new-owner visit, in one transaction. */
export async function registerMoveIn(
  deps: AppDeps,
  actor: StaffActor,
  input: { unitId: string; moveInDate: string; relation: 'owner' | 'occupant'; ownerId?: string; owner?: NewOwner },
) {
  requireCapability(actor, 'owner.write');
  const unit = await visibleUnit(deps, actor, input.unitId);
  const arriving = await arrivingOwner(deps, actor, input.ownerId, input.owner, input.relation, 'owner');
  const visit = await inTransaction(deps.database, async (db) => {
    await arriving.write(db);
    const current = await currentTiesOfUnit(db, unit.id, { forUpdate: true });
    const moved = await moveIn(db, deps, actor, unit, arriving.owner.id, { relation: input.relation, moveInDate: input.moveInDate, current });
    await settlePrimary(db, deps, actor, unit.id, current, new Set(), [moved.link]);
    return moved.visit;
  });
  const [view] = await ownerViews(deps, [arriving.owner]);
  return { ...view!, visit: (await visitViews(deps, [visit]))[0]! };
}

/**
 * 迁出/过户: ends the owner's tie to the unit on `movedOutOn` (a transfer: every 产权人 tie of the unit,
 * and the new 产权人 moves in), cancels the new-owner visits still due to those who left, hands 主业主
 * on, and records an event on each archive — all or nothing.
 */
export async function registerMoveOut(
  deps: AppDeps,
  actor: StaffActor,
  ownerId: string,
  input: { unitId: string; movedOutOn: string; reason: 'move_out' | 'transfer'; note?: string; newOwnerId?: string; newOwner?: NewOwner },
) {
  requireCapability(actor, 'owner.write');
  const owner = await visibleOwner(deps, actor, ownerId, 'id');
  const unit = await visibleUnit(deps, actor, input.unitId);
  const project = await findProject(deps.database.db, unit.projectId);
  const today = localDateOf(deps.now(), project?.timeZone ?? 'Asia/Shanghai');
  const transfer = input.reason === 'transfer';
  const buyer = transfer ? await arrivingOwner(deps, actor, input.newOwnerId, input.newOwner, 'owner', 'newOwner') : null;
  const now = deps.now();
  const result = await inTransaction(deps.database, async (db) => {
    const current = await currentTiesOfUnit(db, unit.id, { forUpdate: true });
    const mine = current.find((t) => t.ownerId === owner.id);
    if (!mine) throw new DomainError('OWNER_NOT_IN_UNIT', 'unitId');
    // 过户 is the 产权人's: it ends every 产权人 tie of the unit; occupants stay until they move out
    if (transfer && mine.relation !== 'owner') throw new DomainError('TRANSFER_NEEDS_OWNER', 'reason');
    const leaving = transfer ? current.filter((t) => t.relation === 'owner') : [mine];
    if (buyer && leaving.some((t) => t.ownerId === buyer.owner.id)) throw new DomainError('ALREADY_OWNER_OF_UNIT', 'newOwnerId');
    for (const t of leaving) {
      const problem = moveOutDateProblem(input.movedOutOn, t.moveInDate, today);
      if (problem) throw new DomainError('MOVE_OUT_DATE_INVALID', 'movedOutOn', { moveInDate: t.moveInDate ?? '', today, problem });
    }
    const leavingIds = leaving.map((t) => t.ownerId);
    await endOwnerTies(db, unit.id, leavingIds, input.movedOutOn);
    const cancelled = await cancelDueVisits(db, { unitId: unit.id, ownerIds: leavingIds, at: now, by: actor.id, reason: input.reason });
    for (const t of leaving)
      await insertOwnerEvent(db, {
        id: deps.newId(),
        organizationId: actor.organizationId,
        ownerId: t.ownerId,
        type: 'moved_out',
        actorKind: 'staff',
        actorId: actor.id,
        data: {
          unitId: unit.id,
          projectId: unit.projectId,
          reason: input.reason,
          relation: t.relation,
          moveInDate: t.moveInDate,
          movedOutOn: input.movedOutOn,
          wasPrimary: t.isPrimary,
          ...(input.note ? { note: input.note } : {}),
          ...(buyer ? { transferTo: buyer.owner.id } : {}),
          ...(cancelled.length ? { cancelledVisitIds: cancelled } : {}),
        },
        at: now,
      });
    let moved: Awaited<ReturnType<typeof moveIn>> | null = null;
    if (buyer) {
      await buyer.write(db);
      moved = await moveIn(db, deps, actor, unit, buyer.owner.id, { relation: 'owner', moveInDate: input.movedOutOn, current, transferFrom: leavingIds });
    }
    await settlePrimary(db, deps, actor, unit.id, current, new Set(leavingIds), moved ? [moved.link] : []);
    return moved;
  });
  const views = await ownerViews(deps, buyer ? [owner, buyer.owner] : [owner]);
  return { owner: views[0]!, newOwner: views[1] ?? null, visit: result ? (await visitViews(deps, [result.visit]))[0]! : null };
}
