import {
  accusedExclusionOf,
  DomainError,
  isAssignable,
  maskPhone,
  mayCallOwner,
  mayGiveCommand,
  OPEN_CASE_STATUSES,
  ownerNameFor,
  parseUnitAddress,
  specialNeedsFor,
  unitMatchesAddress,
  type Actor,
  type StaffActor,
} from '@guanjia/core';
import {
  appendAudit,
  departmentNamesOf,
  findCase,
  findCaseCallers,
  findIntakeOwners,
  findOwner,
  findOwnerIdsForIntake,
  rankWorkOrders,
  listClocksOfCase,
  listOwnerContacts,
  listOwnerUnits,
  listStaff,
  openAssignedCounts,
  openCasesOfOwner,
  recentInteractionsOfOwner,
  staffNamesOf,
  unitLabelsOf,
  unitsWithRoom,
  unlinkedCallerCases,
  type CaseScope,
} from '@guanjia/storage';
import type { AppDeps } from '../context.ts';
import { getVisibleCase } from './cases.service.ts';
import { callerNameFor, withPeople } from './case-people.ts';
import { outagesCoveringUnits } from './outages.service.ts';
import { requireDepartmentFor } from './references.ts';

function requireStaff(actor: Actor): asserts actor is StaffActor {
  if (actor.kind !== 'staff') throw new DomainError('FORBIDDEN');
}

function scopeOf(actor: StaffActor): CaseScope {
  return { organizationId: actor.organizationId, projectIds: actor.companyWide ? null : actor.projectIds, excludeAccused: accusedExclusionOf(actor) };
}

/** The primary phone of an owner (the first phone contact, primary first). */
async function primaryPhone(deps: AppDeps, ownerId: string) {
  return (await listOwnerContacts(deps.database.db, [ownerId])).find((c) => c.kind === 'phone') ?? null;
}

/**
 * The case page's who and where: the owner card (name masked per role, unit, grade, special needs,
 * preferred channel, do-not-disturb times, open cases, last 5 exchanges), the caller as recorded,
 * first receiver, assignee, department and every clock.
 */
export async function getCaseContext(deps: AppDeps, actor: Actor, caseId: string) {
  requireStaff(actor);
  const c = await getVisibleCase(deps, actor, caseId);
  const db = deps.database.db;
  const scope = scopeOf(actor);
  const [owner, callers, staffNames, departments, clocks] = await Promise.all([
    c.ownerId ? findOwner(db, c.ownerId) : null,
    findCaseCallers(db, [c.id]),
    staffNamesOf(db, [c.firstReceiverId, c.assigneeId]),
    departmentNamesOf(db, [c.departmentId]),
    listClocksOfCase(db, c.id),
  ]);
  const now = deps.now();
  let card = null;
  if (owner) {
    const [links, phone, open, recent] = await Promise.all([
      listOwnerUnits(db, [owner.id]),
      primaryPhone(deps, owner.id),
      openCasesOfOwner(db, owner.id, scope, 10),
      recentInteractionsOfOwner(db, owner.id, scope, 5),
    ]);
    const visibleLinks = links.filter((l) => actor.companyWide || actor.projectIds.includes(l.projectId));
    const labels = await unitLabelsOf(db, [...visibleLinks.map((l) => l.unitId), c.unitId]);
    card = {
      id: owner.id,
      name: ownerNameFor(actor, owner.name),
      grade: owner.grade,
      ...specialNeedsFor(actor, c, owner.specialNeeds),
      preferredChannel: owner.preferredChannel,
      doNotDisturb: owner.doNotDisturb,
      phoneMasked: phone ? maskPhone(phone.value) : null,
      units: visibleLinks.flatMap((l) => (labels.has(l.unitId) ? [{ unitId: l.unitId, label: labels.get(l.unitId)!.label }] : [])),
      openCases: open,
      recentInteractions: recent.map((r) => ({
        caseId: r.caseId,
        caseNumber: r.caseNumber,
        type: r.type,
        channel: r.channel,
        direction: r.direction as 'inbound' | 'outbound',
        content: r.content,
        at: r.at,
      })),
    };
  }
  const unitLabel = c.unitId ? (await unitLabelsOf(db, [c.unitId])).get(c.unitId) : undefined;
  const caller = callers.get(c.id);
  const person = (id: string | null, names: Map<string, string>) => (id && names.has(id) ? { id, name: names.get(id)! } : null);
  return {
    caseId: c.id,
    owner: card,
    caller: caller ? { name: callerNameFor(actor, caller.name), phoneMasked: caller.phoneMasked } : null,
    unit: unitLabel ? { id: unitLabel.unitId, label: unitLabel.label } : null,
    firstReceiver: person(c.firstReceiverId, staffNames),
    assignee: person(c.assigneeId, staffNames),
    department: person(c.departmentId, departments),
    clocks: clocks.map((k) => ({
      id: k.id,
      kind: k.kind,
      startedAt: k.startedAt,
      dueAt: k.dueAt,
      stoppedAt: k.stoppedAt,
      result: k.result,
      lateMinutes: k.lateMinutes,
      running: k.stoppedAt === null,
      overdue: k.stoppedAt === null ? !!k.dueAt && k.dueAt <= now : k.result === 'breached',
    })),
    canRevealPhone: mayCallOwner(actor, c) && (!!card?.phoneMasked || !!caller?.phoneEncrypted),
  };
}

/**
 * 拨打业主电话: whoever must call the owner about this case (the project's desk, the assigned
 * technician) sees the number; every reveal is an audit entry (who, which case and owner, when, why).
 */
export async function revealCasePhone(deps: AppDeps, actor: Actor, caseId: string, input: { reason?: string }, ip: string | null) {
  requireStaff(actor);
  // Not of the desk: only as the case's assignee, and any other case is refused alike (its existence unconfirmed).
  if (!actor.capabilities.has('case.intake')) {
    const found = await findCase(deps.database.db, caseId);
    if (!found || !mayCallOwner(actor, found)) throw new DomainError('FORBIDDEN', undefined, { reason: 'neither the desk of the project nor the assignee' });
  }
  const c = await getVisibleCase(deps, actor, caseId);
  if (!mayCallOwner(actor, c)) throw new DomainError('FORBIDDEN', undefined, { reason: 'neither the desk of the project nor the assignee' });
  let found: { source: 'owner' | 'caller'; name: string | null; phone: string; contactId: string | null } | null = null;
  if (c.ownerId) {
    const [owner, phone] = await Promise.all([findOwner(deps.database.db, c.ownerId), primaryPhone(deps, c.ownerId)]);
    if (phone) found = { source: 'owner', name: owner?.name ?? null, phone: phone.value, contactId: phone.id };
  }
  if (!found) {
    const caller = (await findCaseCallers(deps.database.db, [c.id])).get(c.id);
    if (caller?.phoneEncrypted) found = { source: 'caller', name: caller.name, phone: deps.cipher.decrypt(caller.phoneEncrypted), contactId: null };
  }
  if (!found) throw new DomainError('CONTACT_NOT_FOUND', 'phone');
  await appendAudit(deps.database.db, {
    organizationId: actor.organizationId,
    actorKind: 'staff',
    actorId: actor.id,
    action: 'case.owner_phone_revealed',
    targetType: 'case',
    targetId: c.id,
    projectId: c.projectId,
    detail: { caseNumber: c.number, source: found.source, ownerId: c.ownerId, contactId: found.contactId, reason: input.reason ?? null },
    ip,
    at: deps.now(),
  });
  return { caseId: c.id, source: found.source, name: found.name, phone: found.phone };
}

/**
 * 可派工人员: who the case may be dispatched or reassigned to (core's assignability rule): for a repair
 * the technicians of its department; never the archivist or the administrator. The list needs the
 * right to dispatch or reassign this case.
 */
export async function listAssignableStaff(deps: AppDeps, actor: Actor, caseId: string, q: { departmentId?: string }) {
  requireStaff(actor);
  // those who dispatch: the desk (客服, 主管 …) and department heads (of the case's department, checked below)
  if (!actor.capabilities.has('case.intake') && !actor.roles.includes('department_head')) throw new DomainError('FORBIDDEN');
  const c = await getVisibleCase(deps, actor, caseId);
  if (!mayGiveCommand(actor, c, 'dispatch') && !mayGiveCommand(actor, c, 'reassign')) throw new DomainError('FORBIDDEN');
  const departmentId = q.departmentId ?? c.departmentId;
  if (q.departmentId) await requireDepartmentFor(deps.database, actor, q.departmentId, c.projectId, 'query.departmentId');
  const target = { ...c, departmentId };
  const candidates = (await listStaff(deps.database.db, actor.organizationId, [c.projectId])).filter((s) => isAssignable(s, target));
  const [departments, load] = await Promise.all([
    departmentNamesOf(
      deps.database.db,
      candidates.map((s) => s.departmentId),
    ),
    openAssignedCounts(
      deps.database.db,
      actor.organizationId,
      candidates.map((s) => s.id),
    ),
  ]);
  return {
    caseId: c.id,
    departmentId,
    items: candidates.map((s) => ({
      id: s.id,
      name: s.name,
      roles: [...s.roles],
      departmentId: s.departmentId,
      departmentName: s.departmentId ? (departments.get(s.departmentId) ?? null) : null,
      openAssigned: load.get(s.id) ?? 0,
    })),
  };
}

/** 我的工单 answers at most this many work orders: the most urgent of all the technician's open repairs. */
export const WORK_ORDERS_MAX = 50;
/** The open repairs ranked for 我的工单, newest first: beyond this many (stale assignments), the oldest are left out. */
const WORK_ORDER_CANDIDATES_MAX = 1000;

/**
 * 我的工单: a technician's open repairs, the most urgent first (a running clock's due instant, then
 * the oldest), with the flat, the owner and the due time. Every open repair of theirs is ranked by its
 * nearest running clock in one statement (rankWorkOrders: index look-ups only), and only the first WORK_ORDERS_MAX
 * are read and described — the answer stays one screen however many repairs are left open on them
 * (issue 11: the list of 200 whole cases grew with the data).
 */
export async function listMyWorkOrders(deps: AppDeps, actor: Actor) {
  requireStaff(actor);
  if (!actor.capabilities.has('case.field')) throw new DomainError('FORBIDDEN');
  const db = deps.database.db;
  const ranked = await rankWorkOrders(
    db,
    {
      organizationId: actor.organizationId,
      projectIds: actor.companyWide ? null : actor.projectIds,
      excludeAccused: accusedExclusionOf(actor),
      assigneeId: actor.id,
      type: ['repair'],
      status: OPEN_CASE_STATUSES.filter((s) => s !== 'resolved'),
      limit: WORK_ORDER_CANDIDATES_MAX,
    },
    WORK_ORDERS_MAX,
  );
  const clocks = new Map(ranked.flatMap((r) => (r.nearestClock ? [[r.summary.id, r.nearestClock] as const] : [])));
  const callerNames = new Map(ranked.flatMap((r) => (r.callerName ? [[r.summary.id, r.callerName] as const] : [])));
  const rows = await withPeople(
    deps,
    actor,
    ranked.map((r) => r.summary),
    { clocks, callerNames },
  );
  const ofCase = new Map(ranked.map((r) => [r.summary.id, r]));
  const items = rows.map((c) => ({
    caseId: c.id,
    number: c.number,
    projectId: c.projectId,
    title: c.title,
    status: c.status,
    repairGrade: c.repairGrade,
    appointmentAt: c.appointmentAt,
    unitLabel: c.unitLabel,
    ownerName: c.ownerName ?? c.callerName,
    ownerGrade: ofCase.get(c.id)!.ownerGrade,
    phoneAvailable: ofCase.get(c.id)!.phoneAvailable,
    nearestClock: c.nearestClock,
    reopenCount: c.reopenCount,
    satisfied: c.satisfied,
    createdAt: c.createdAt,
    version: c.version,
  }));
  return { items };
}

type QueryKind = 'phone' | 'phone_last4' | 'name' | 'unit';

/**
 * 来电查找: intake finds a caller by phone (full or the last 4 digits), name, or unit written as
 * 1栋101 / 1-1-101 / 1单元101. Answers name (masked per role) and unit labels, never a bare id alone.
 */
export async function searchCallers(deps: AppDeps, actor: Actor, q: { q: string; projectId?: string; limit: number }) {
  requireStaff(actor);
  if (!actor.capabilities.has('owner.read') && !actor.capabilities.has('case.create')) throw new DomainError('FORBIDDEN');
  const db = deps.database.db;
  let projectIds: readonly string[] | null = actor.companyWide ? null : actor.projectIds;
  if (q.projectId) projectIds = projectIds && !projectIds.includes(q.projectId) ? [] : [q.projectId];
  const text = q.q.trim();
  const digits = text.replace(/[\s-]/g, '');
  const kinds: QueryKind[] = [];
  // 1-1-101 is an address, 138-0000-0001 a phone: groups with dashes count as an address while short
  const parsed = parseUnitAddress(text);
  const addressLike = parsed !== null && (!/^\+?\d+$/.test(digits) || (/-/.test(text) && digits.length <= 7));
  const isDigits = !addressLike && /^\+?\d+$/.test(digits);
  const phoneSuffix = isDigits && digits.length === 4 ? digits : undefined;
  const phoneDigits = isDigits && digits.length >= 5 ? digits.replace(/^\+/, '') : undefined;
  if (phoneSuffix) kinds.push('phone_last4');
  if (phoneDigits) kinds.push('phone');
  const address = addressLike ? parsed : null;
  const name = !isDigits && !address ? text : undefined;
  if (name) kinds.push('name');
  let units: Awaited<ReturnType<typeof unitsWithRoom>> = [];
  if (address) {
    kinds.push('unit');
    const room = address.room;
    const rooms = /^\d+$/.test(room) ? [...new Set([room, String(Number(room))])] : [room];
    units = (await unitsWithRoom(db, { organizationId: actor.organizationId, projectIds, rooms, limit: 200 }))
      .filter((u) => unitMatchesAddress(address, u))
      .slice(0, q.limit);
  }
  const matches = await findOwnerIdsForIntake(db, {
    organizationId: actor.organizationId,
    projectIds,
    phoneSuffix,
    phoneDigits,
    name,
    unitIds: units.map((u) => u.unitId),
    limit: q.limit,
  });
  const ids = matches.map((m) => m.id);
  const [owners, links, contacts] = await Promise.all([findIntakeOwners(db, ids), listOwnerUnits(db, ids), listOwnerContacts(db, ids)]);
  const visibleLinks = links.filter((l) => !projectIds || projectIds.includes(l.projectId));
  const labels = await unitLabelsOf(
    db,
    visibleLinks.map((l) => l.unitId),
  );
  const byId = new Map(owners.map((o) => [o.id, o]));
  const unlinked =
    phoneSuffix || phoneDigits
      ? await unlinkedCallerCases(db, {
          organizationId: actor.organizationId,
          projectIds,
          excludeAccused: accusedExclusionOf(actor),
          last4: digits.slice(-4),
          limit: q.limit,
        })
      : [];
  // 停水/停电…: the outages in effect that cover a unit of this answer, with what to tell the caller
  const outages = await outagesCoveringUnits(deps, db, [...visibleLinks.map((l) => l.unitId), ...units.map((u) => u.unitId)]);
  return {
    query: { kind: kinds, unit: address },
    owners: matches.flatMap((m) => {
      const o = byId.get(m.id);
      if (!o) return [];
      const phone = contacts.find((k) => k.ownerId === o.id && k.kind === 'phone');
      return [
        {
          ownerId: o.id,
          name: ownerNameFor(actor, o.name),
          grade: o.grade,
          phoneMasked: phone ? maskPhone(phone.value) : null,
          matchedBy: m.matchedBy,
          units: visibleLinks
            .filter((l) => l.ownerId === o.id && labels.has(l.unitId))
            .map((l) => ({ unitId: l.unitId, projectId: l.projectId, label: labels.get(l.unitId)!.label })),
        },
      ];
    }),
    units: units.map((u) => ({ unitId: u.unitId, projectId: u.projectId, label: u.label })),
    unlinkedCases: unlinked
      // a full number must match in full, not only in its last four digits
      .filter((r) => !phoneDigits || (!!r.phoneEncrypted && deps.cipher.decrypt(r.phoneEncrypted).replace(/^\+/, '').endsWith(phoneDigits)))
      .map((r) => ({
        caseId: r.id,
        number: r.number,
        projectId: r.projectId,
        callerName: callerNameFor(actor, r.name),
        phoneMasked: r.phoneMasked,
        createdAt: r.createdAt,
      })),
    outages,
  };
}
