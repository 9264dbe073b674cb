import {
  accusedExclusionOf,
  allowedCommands,
  canSeeCase,
  decide,
  DomainError,
  evolveAll,
  formatCaseNumber,
  guardServiceLanguage,
  localDateOf,
  planApprovalRefusal,
  openCase,
  FOLLOW_UP_CLOCK_KINDS,
  OPEN_CASE_STATUSES,
  ownerFacingTexts,
  requireProjectCapability,
  settlePause,
  type Actor,
  type CaseCommand,
  type CaseEvent,
  type CaseRecord,
  type CaseSummary,
  type NewCaseEvent,
  type LanguageOverride,
} from '@guanjia/core';
import type { CaseCommandInput, CreateCaseInput } from '@guanjia/api-contract';
import {
  appendCaseEvents,
  appendOutbox,
  attachmentsLink,
  caseCallerInsert,
  caseOutageInsert,
  caseEventInsert,
  caseInsert,
  clockInsert,
  findAttachments,
  findCase,
  findIdempotentResponse,
  firstCaseEvent,
  casesDueBy,
  findCaseSummaries,
  idempotencyKeyInsert,
  intakeFacts,
  isUniqueViolation,
  linkAttachmentsToCase,
  listCaseEvents,
  listClocksOfCase,
  listCaseSummaries,
  rollUpCaseChange,
  caseRollupWrites,
  clockRollupWrites,
  notificationInsert,
  outboxInsert,
  updateCase,
  updateCaseSearch,
  caseSearchInsert,
  type CaseListFilter,
  type NearestClock,
  type RowWrite,
  type Schema,
  type StaffRecord,
  type StoredClock,
  upsertCaseRating,
} from '@guanjia/storage';
import type { Kysely } from 'kysely';
import type { AppDeps } from '../context.ts';
import { searchCases } from './case-search.service.ts';
import { sha256Hex } from '../security/tokens.ts';
import { levelNotices, levelPeopleOf, notifyLevelReached, qualityDepartmentId, requireNotAccused } from './complaint-routing.ts';
import { phrasesOf } from './service-language-phrases.ts';
import { newCaseClockContext, slaSetupOf, startCaseClocks, syncCaseClocks } from './sla.service.ts';
import { callerRecord, repairDepartmentFor, requireAssignable, withPeople } from './case-people.ts';
import { ratingRowOf } from './rating-rows.ts';
import { inTransaction } from './transaction.ts';
import { openOwedCallbacks } from './callbacks-owed.ts';
import { requireOutageForCase } from './outage-checks.ts';
import { decodeCursor, encodeCursor } from './case-cursor.ts';
import { createdPeriod, insidePeriod } from './case-period.ts';
import {
  checkOwnerLinked,
  checkUnitInProject,
  requireAttachments,
  requireDepartmentFor,
  requireOwnerInProject,
  requireOwnerLinkedToProject,
  requireProjectOf,
  requireStaffFor,
  requireUnitInProject,
  utc,
} from './references.ts';

/** Loads a case the actor may see; anything else (unknown, other tenant, other project) is not found. */
export async function getVisibleCase(deps: AppDeps, actor: Actor, id: string): Promise<CaseRecord> {
  const c = await findCase(deps.database.db, id);
  if (!c || !canSeeCase(actor, c)) throw new DomainError('CASE_NOT_FOUND', 'id');
  return c;
}

function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableStringify((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

/** The answer to a case creation or command (the route encodes it through the caller's schema: owners see less). */
export interface CaseCommandBody {
  case: CaseRecord;
  events: CaseEvent[];
  allowedCommands: ReturnType<typeof allowedCommands>;
}
export interface CreateCaseResult {
  statusCode: number;
  body: CaseCommandBody;
  replayed: boolean;
}

/** Awaits every check and throws the first refusal in the order given (as if run one after another). */
async function allInOrder<T extends readonly unknown[]>(checks: [...{ [K in keyof T]: Promise<T[K]> }]): Promise<T> {
  const settled = await Promise.allSettled(checks);
  for (const s of settled) if (s.status === 'rejected') throw s.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

/**
 * 受理: registers a case with its first event, clocks, caller, notices, outbox entry and idempotency
 * key in one atomic write (decision 0016): the reads run first and together; the rows are then built
 * without I/O and written at once with the case serial (PostgreSQL: one statement, one round trip;
 * SQLite: one group-committed transaction). With an idempotency key, a repeated request (double click,
 * client retry) returns the first response and creates nothing: the key's insert fails on the stored
 * key, and the stored answer is read back.
 */
export async function createCase(
  deps: AppDeps,
  actor: Actor,
  input: CreateCaseInput,
  idempotencyKey?: string,
  /** Rows a caller's own record writes with the case, in its one write (an objection's link to its posting). */
  alsoWrite?: (record: CaseRecord) => RowWrite[],
): Promise<CreateCaseResult> {
  const { database } = deps;
  const project = await requireProjectOf(deps, actor, input.projectId);
  // refusals that need no read come first (no read is left running behind a thrown refusal)
  if (actor.kind === 'staff') {
    try {
      requireProjectCapability(actor, 'case.create', project.organizationId, project.id);
    } catch (e) {
      if (actor.capabilities.has('case.create')) throw new DomainError('PROJECT_NOT_FOUND', 'projectId');
      throw e;
    }
  } else {
    if (input.departmentId) throw new DomainError('FORBIDDEN', 'departmentId');
    if (input.caller) throw new DomainError('FORBIDDEN', 'caller');
    if (input.outageId) throw new DomainError('FORBIDDEN', 'outageId');
  }
  // the owner's link, the owner's grade, the unit and the repair pool's departments: one read (one round trip)
  const facts = intakeFacts(database.db, {
    organizationId: project.organizationId,
    projectId: project.id,
    linkedOwnerId: actor.kind === 'owner' ? actor.id : (input.ownerId ?? null),
    gradeOwnerId: input.ownerId ?? null,
    unitId: input.unitId ?? null,
    engineering: !input.departmentId && input.type === 'repair',
  });
  // the checks in their order: the first refusal in this order is the answer
  const checks: Promise<unknown>[] = [];
  if (actor.kind === 'staff') {
    if (input.ownerId) checks.push(facts.then((f) => checkOwnerLinked(database, actor, input.ownerId!, f.ownerLinked)));
    if (input.departmentId) checks.push(requireDepartmentFor(database, actor, input.departmentId, project.id));
    if (input.accusedStaffId) checks.push(requireStaffFor(database, actor, input.accusedStaffId, project.id, 'accusedStaffId'));
    if (input.outageId) checks.push(requireOutageForCase(deps, actor, input.outageId, project.id));
  } else {
    checks.push(facts.then((f) => requireOwnerInProject(f.ownerLinked)));
  }
  if (input.unitId) checks.push(facts.then((f) => checkUnitInProject(database, actor, f.unit, project.id)));
  checks.push(requireAttachments(database, actor, input.attachmentIds, null));
  const [repairDepartment, clockContext] = await allInOrder([
    // 报修派工池: a repair with no department named goes to the project's engineering department.
    !input.departmentId && input.type === 'repair' ? facts.then((f) => repairDepartmentFor(f, project.id)) : Promise.resolve(null),
    newCaseClockContext(
      deps,
      project.id,
      facts.then((f) => f.ownerGrade),
    ),
    allInOrder(checks),
  ]);
  const departmentId = input.departmentId ?? repairDepartment;

  const requestHash = idempotencyKey ? sha256Hex(stableStringify(input)) : '';
  const replay = async (): Promise<CreateCaseResult | null> => {
    if (!idempotencyKey) return null;
    const previous = await findIdempotentResponse(database.db, actor.id, idempotencyKey);
    if (!previous) return null;
    if (previous.requestHash !== requestHash) throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'Idempotency-Key');
    return { statusCode: previous.statusCode, body: await createdCaseBody(deps, actor, (previous.response as { caseId: string }).caseId), replayed: true };
  };
  const now = deps.now();
  // the number needs the serial, which the write takes: it is set on the record there
  const opened = openCase(
    {
      ...input,
      departmentId,
      appointmentAt: utc(input.appointmentAt),
      ownerDeadlineAt: utc(input.ownerDeadlineAt),
      promisedAt: utc(input.promisedAt),
    },
    actor,
    { id: deps.newId(), organizationId: actor.organizationId, number: '' },
    now,
  );
  if (!opened.ok) {
    // a repeat of a request that was accepted earlier answers as then, even if it would be refused now
    const earlier = await replay();
    if (earlier) return earlier;
    throw DomainError.from(opened.refusal);
  }
  // a complaint against someone, or claiming compensation, starts at leadership: they hear of it now
  const levelPeople = opened.record.level !== 'office' ? await levelPeopleOf(database.db, opened.record) : null;
  const event = firstCaseEvent(opened.record, opened.event, deps.newId());
  const localDate = localDateOf(now, project.timeZone);
  let clocks: StoredClock[] = [];
  try {
    const created = await database.writeWithCaseSerial((serial) => {
      const record: CaseRecord = { ...opened.record, number: formatCaseNumber(input.type, localDate, serial) };
      clocks = startCaseClocks(deps, clockContext, record, [opened.event]);
      // the caller as given: never dropped, even when no owner was chosen (linked later with link_owner)
      const caller = callerRecord(deps, record, input.caller, now);
      const notices = levelPeople ? levelNotices(deps, levelPeople, record, { event: opened.event, actorId: actor.id }) : [];
      const writes: RowWrite[] = [
        caseInsert(record),
        caseEventInsert(event),
        ...(caller ? [caseCallerInsert(caller)] : []),
        ...clocks.map(clockInsert),
        ...notices.map(notificationInsert),
        attachmentsLink(input.attachmentIds ?? [], record.id),
        // 停水/停电…: the outage the case is about (outage-checks.ts)
        ...(input.outageId
          ? [
              caseOutageInsert({
                caseId: record.id,
                outageId: input.outageId,
                organizationId: record.organizationId,
                projectId: project.id,
                linkedBy: actor.id,
                linkedAt: now,
              }),
            ]
          : []),
        ...(alsoWrite?.(record) ?? []),
        outboxInsert({
          organizationId: actor.organizationId,
          topic: 'case.created',
          payload: { caseId: record.id, projectId: project.id, actorId: actor.id },
          createdAt: now,
        }),
        // report rollups (decision 0015)
        ...caseRollupWrites(null, record, project.timeZone),
        caseSearchInsert(database.dialect, record, [event]), // 检索索引 (decision 0014)
        ...clockRollupWrites(clocks.map((after) => ({ before: null, after }))),
      ];
      // The key remembers which case it made; a repeat answers with that case (as it is now).
      if (idempotencyKey)
        writes.push(
          idempotencyKeyInsert({
            actorId: actor.id,
            key: idempotencyKey,
            organizationId: actor.organizationId,
            requestHash,
            statusCode: 201,
            response: { caseId: record.id },
            createdAt: now,
          }),
        );
      return { writes, value: record };
    });
    if (clocks.some((k) => k.nextAlertAt !== null)) deps.scheduler?.poke();
    publishCase(deps, 'case.created', created, [{ type: 'created', internal: false }]);
    return { statusCode: 201, body: { case: created, events: [event], allowedCommands: allowedCommands(created, actor) }, replayed: false };
  } catch (error) {
    // The key was stored before ours (a repeat, or a concurrent request that committed first): nothing
    // of ours was written; answer with theirs.
    if (isUniqueViolation(error, 'idempotency_keys')) {
      const earlier = await replay();
      if (earlier) return earlier;
    }
    throw error;
  }
}

/** The answer to a case creation: the case, its opening event and what the actor may do next. */
async function createdCaseBody(deps: AppDeps, actor: Actor, caseId: string) {
  const c = (await findCase(deps.database.db, caseId))!;
  const opening = (await listCaseEvents(deps.database.db, caseId, { includeInternal: actor.kind === 'staff' }))[0]!;
  return { case: c, events: [opening], allowedCommands: allowedCommands(c, actor) };
}

/** The accused of a complaint is never its assignee (ACCUSED_EXCLUDED on assigneeId). */
function requireNotAccusedStaff(s: StaffRecord, c: CaseRecord): StaffRecord {
  requireNotAccused(s, c, 'assigneeId');
  return s;
}

/** Resolves and checks every id a command carries, before the transaction. */
async function checkCommandReferences(deps: AppDeps, actor: Actor, c: CaseRecord, cmd: CaseCommandInput): Promise<void> {
  const { database } = deps;
  switch (cmd.type) {
    case 'transfer':
      await requireDepartmentFor(database, actor, cmd.departmentId, c.projectId);
      break;
    case 'dispatch': {
      const s = requireNotAccusedStaff(await requireStaffFor(database, actor, cmd.assigneeId, c.projectId, 'assigneeId', 'TECHNICIAN_NOT_IN_SCOPE'), c);
      if (cmd.departmentId) await requireDepartmentFor(database, actor, cmd.departmentId, c.projectId);
      requireAssignable(s, { ...c, departmentId: cmd.departmentId ?? c.departmentId });
      break;
    }
    case 'reassign':
      requireAssignable(requireNotAccusedStaff(await requireStaffFor(database, actor, cmd.assigneeId, c.projectId, 'assigneeId'), c), c);
      break;
    case 'link_owner':
      if (actor.kind === 'staff') await requireOwnerLinkedToProject(database, actor, cmd.ownerId, c.projectId);
      if (cmd.unitId) await requireUnitInProject(database, actor, cmd.unitId, c.projectId);
      break;
    case 'escalate':
      if (cmd.departmentId) await requireDepartmentFor(database, actor, cmd.departmentId, c.projectId);
      if (cmd.accusedStaffId) await requireStaffFor(database, actor, cmd.accusedStaffId, c.projectId, 'accusedStaffId');
      break;
    case 'record_satisfaction':
      if (cmd.signatureAttachmentId) await requireAttachments(database, actor, [cmd.signatureAttachmentId], c.id, 'signatureAttachmentId');
      break;
    case 'message':
    case 'add_note':
    case 'arrive':
    case 'complete':
      await requireAttachments(database, actor, cmd.attachmentIds, c.id);
      break;
    // these carry no ids (a new command must take a side here: the switch is checked for exhaustiveness)
    case 'acknowledge':
    case 'answer':
    case 'accept':
    case 'record_contact':
    case 'submit_answer':
    case 'submit_plan':
    case 'approve_plan':
    case 'return_plan':
    case 'evaluate':
    case 'inform_owner':
    case 'close':
    case 'close_out_of_scope':
    case 'schedule_appointment':
    case 'mark_major':
    case 'record_corrective_action':
    case 'record_follow_up':
    case 'retype':
    case 'set_repair_grade':
    case 'extend_deadline':
    case 'rate':
    case 'pause_clocks':
    case 'resume_clocks':
      break;
  }
}

const INSTANT_FIELDS = ['promisedAt', 'ownerDeadlineAt', 'committedAt', 'expectedCompletionAt', 'expectedAt', 'appointmentAt', 'at', 'newAt', 'until'] as const;

function normalizeCommand(cmd: CaseCommandInput): CaseCommand {
  const out: Record<string, unknown> = { ...cmd };
  for (const f of INSTANT_FIELDS) if (typeof out[f] === 'string') out[f] = utc(out[f] as string);
  return out as CaseCommand;
}

/**
 * A complaint escalated to the company without a department named goes to the quality department
 * (品质部), when the company has one — always, acknowledged or not: an apology or read-back still owed
 * is recorded on the escalation (core's decide), never a reason to leave the complaint unrouted.
 */
async function routedEscalation(deps: AppDeps, c: CaseRecord, cmd: CaseCommandInput): Promise<CaseCommandInput> {
  if (cmd.type !== 'escalate' || cmd.level !== 'company' || cmd.departmentId) return cmd;
  const quality = await qualityDepartmentId(deps.database.db, c.organizationId);
  return quality && quality !== c.departmentId ? { ...cmd, departmentId: quality } : cmd;
}

/**
 * Runs one workflow command: the core decides, one transaction stores the new state and its events.
 * An owner-facing text is checked against the company's barred phrases (服务忌语); a flagged one goes
 * out only with `languageOverride`, recorded as an event before the command's own.
 */
export async function executeCaseCommand(
  deps: AppDeps,
  actor: Actor,
  caseId: string,
  input: CaseCommandInput,
  expectedVersion?: number,
  languageOverride?: LanguageOverride,
) {
  const visible = await getVisibleCase(deps, actor, caseId);
  await checkCommandReferences(deps, actor, visible, input);
  const command = normalizeCommand(await routedEscalation(deps, visible, input));
  const phrases = ownerFacingTexts(command).length ? await phrasesOf(deps, visible.organizationId) : [];
  const result = await inTransaction(deps.database, async (db) => {
    const current = await findCase(db, caseId, { forUpdate: true });
    if (!current) throw new DomainError('CASE_NOT_FOUND', 'id');
    if (expectedVersion !== undefined && expectedVersion !== current.version)
      throw new DomainError('VERSION_CONFLICT', 'expectedVersion', { version: current.version });
    const now = deps.now();
    const decision = decide(current, command, actor, now);
    if (!decision.ok) throw DomainError.from(decision.refusal);
    const language = guardServiceLanguage(command, actor, phrases, languageOverride, now);
    if (!language.ok) throw DomainError.from(language.refusal);
    // a pause names the clocks it paused and those that ran on overdue; nothing to pause but a breach: refused
    const own = command.type === 'pause_clocks' ? await settledPause(db, current, decision.events) : decision.events;
    const decided = [...language.events, ...own];
    const { next, events } = await storeCaseEvents(deps, db, current, decided);
    // every escalation tells its new level (minus the accused)
    const escalated = decision.events.find((e) => e.type === 'escalated');
    if (escalated) await notifyLevelReached(deps, db, next, { event: escalated, actorId: actor.id });
    // the owner's scores beside the case's rating (业主评价 on several scores, decision 0028)
    if (command.type === 'rate') await upsertCaseRating(db, ratingRowOf(next, command, now));
    const attachmentIds = decided.flatMap((e) => e.attachmentIds);
    await linkAttachmentsToCase(db, attachmentIds, current.id);
    await appendOutbox(db, {
      organizationId: current.organizationId,
      topic: 'case.changed',
      payload: { caseId: current.id, projectId: current.projectId, events: events.map((e) => e.type), actorId: actor.id },
      createdAt: now,
    });
    const includeInternal = actor.kind === 'staff';
    return {
      record: next,
      liveEvents: events.map((e) => ({ type: e.type, internal: e.internal })),
      response: {
        case: next,
        events: events.filter((e) => includeInternal || !e.internal),
        allowedCommands: allowedCommands(next, actor),
      },
    };
  });
  publishCase(deps, 'case.changed', result.record, result.liveEvents);
  return result.response;
}

/**
 * Stores decided events of a case read under its lock: the new state (its version checked), report
 * rollups, the events, the search index, the clocks, and the callbacks they make owed (回访). The
 * caller writes its own extras and the outbox row in the same transaction.
 */
export async function storeCaseEvents(deps: AppDeps, db: Kysely<Schema>, current: CaseRecord, decided: readonly NewCaseEvent[]) {
  const next = evolveAll(current, decided);
  if (!(await updateCase(db, next, current.version))) throw new DomainError('VERSION_CONFLICT', 'expectedVersion');
  await rollUpCaseChange(db, current, next, (await slaSetupOf(deps, db, next.projectId)).timeZone); // report rollups (decision 0015)
  const events = await appendCaseEvents(db, current, decided, deps.newId);
  await updateCaseSearch(db, current, next, events); // 检索索引: new title/description, replies and notes
  await syncCaseClocks(deps, db, next, decided);
  await openOwedCallbacks(deps, db, next, decided);
  return { next, events };
}

/** A pause's events as stored: core's settlePause against the case's clocks (read under the case's lock). */
async function settledPause(db: Kysely<Schema>, c: CaseRecord, events: readonly NewCaseEvent[]): Promise<NewCaseEvent[]> {
  const clocks = await listClocksOfCase(db, c.id);
  return events.map((e) => {
    const settled = settlePause(e, clocks, evolveAll(c, [e]));
    if (!settled.ok) throw DomainError.from(settled.refusal);
    return settled.event;
  });
}

/** Tells the live streams of a committed change (after commit only); owners hear only of events they may see. */
export function publishCase(
  deps: AppDeps,
  type: 'case.created' | 'case.changed' | 'sla.alert',
  c: Pick<CaseRecord, 'id' | 'organizationId' | 'projectId' | 'ownerId' | 'accusedStaffId' | 'accusedParty'>,
  events: readonly { type: string; internal: boolean }[],
): void {
  // the change's messages are planned from its outbox row: the delivery worker of this process looks now
  if (type !== 'sla.alert') deps.delivery?.poke();
  deps.live?.publish({
    type,
    caseId: c.id,
    organizationId: c.organizationId,
    projectId: c.projectId,
    ownerId: c.ownerId,
    accusedStaffId: c.accusedStaffId,
    accusedParty: c.accusedParty,
    events: events.map((e) => e.type),
    ownerEvents: events.filter((e) => !e.internal).map((e) => e.type),
  });
}

export async function getCaseDetail(deps: AppDeps, actor: Actor, caseId: string) {
  const c = await getVisibleCase(deps, actor, caseId);
  return { case: c, allowedCommands: allowedCommands(c, actor) };
}

export async function getCaseEvents(deps: AppDeps, actor: Actor, caseId: string) {
  const c = await getVisibleCase(deps, actor, caseId);
  return listCaseEvents(deps.database.db, c.id, { includeInternal: actor.kind === 'staff' });
}

/**
 * The files of a case as its history shows them (photos, scanned forms, PDFs): name, type and size,
 * for previews. Only files of events the actor may see: an owner never learns of an internal note's file.
 */
export async function getCaseAttachments(deps: AppDeps, actor: Actor, caseId: string) {
  const c = await getVisibleCase(deps, actor, caseId);
  const events = await listCaseEvents(deps.database.db, c.id, { includeInternal: actor.kind === 'staff' });
  const ids = [...new Set(events.flatMap((e) => e.attachmentIds))];
  const found = new Map((await findAttachments(deps.database.db, ids)).filter((a) => a.caseId === c.id).map((a) => [a.id, a]));
  return ids.flatMap((id) => {
    const a = found.get(id);
    return a ? [{ id: a.id, filename: a.filename, contentType: a.contentType, sizeBytes: a.sizeBytes, createdAt: a.createdAt }] : [];
  });
}

export interface CaseListQuery {
  projectId?: string;
  status?: CaseRecord['status'] | CaseRecord['status'][];
  type?: CaseRecord['type'] | CaseRecord['type'][];
  assigneeId?: string;
  departmentId?: string;
  /** Staff only: one owner's cases (the owner archive's further pages). */
  ownerId?: string;
  queue?: 'mine' | 'department' | 'unassigned' | 'open' | 'closed' | 'at_risk' | 'follow_up' | 'awaiting_my_approval';
  withinMinutes?: number;
  q?: string;
  /** 工单台账's period (local dates, both included): see case-period.ts. */
  createdFrom?: string;
  createdTo?: string;
  limit: number;
  cursor?: string;
}

const asArray = <T>(v: T | T[] | undefined): T[] | undefined => (v === undefined ? undefined : Array.isArray(v) ? v : [v]);

/**
 * The list filter of a queue for this actor: staff see their projects (minus cases they are accused
 * in); owners see their own. Null when the actor may see nothing of it (a project outside their scope).
 */
export function queueFilter(actor: Actor, q: Omit<CaseListQuery, 'limit' | 'cursor'>): Omit<CaseListFilter, 'limit'> | null {
  const filter: Omit<CaseListFilter, 'limit'> = { organizationId: actor.organizationId, projectIds: null, text: q.q || undefined };
  if (actor.kind === 'owner') {
    filter.ownerId = actor.id;
  } else {
    if (!actor.capabilities.has('case.read')) throw new DomainError('FORBIDDEN');
    filter.excludeAccused = accusedExclusionOf(actor);
    const scope = actor.companyWide ? null : actor.projectIds;
    if (q.projectId) {
      if (scope && !scope.includes(q.projectId)) return null;
      filter.projectIds = [q.projectId];
    } else filter.projectIds = scope;
    filter.assigneeId = q.assigneeId;
    filter.departmentId = q.departmentId;
    filter.ownerId = q.ownerId;
    if (q.queue === 'mine') filter.assigneeId = actor.id;
    if (q.queue === 'department') filter.departmentId = actor.departmentId ?? '-';
    if (q.queue === 'unassigned') filter.unassigned = true;
  }
  filter.type = asArray(q.type);
  filter.status = asArray(q.status);
  if (q.queue === 'closed') filter.status = ['closed'];
  if (q.queue === 'open' || q.queue === 'mine' || q.queue === 'department' || q.queue === 'unassigned')
    filter.status = filter.status ?? [...OPEN_CASE_STATUSES];
  if (q.queue === 'awaiting_my_approval') {
    // 待我审批: complaint plans submitted that this actor may approve (core's approval rule decides)
    if (actor.kind === 'owner') throw new DomainError('FORBIDDEN', 'query.queue');
    filter.status = ['plan_submitted'];
    filter.type = ['complaint'];
  }
  return filter;
}

/**
 * Case lists: one keyset page of a queue or filter, newest first (the cursor is the last row's
 * createdAt|id); with `q`, a search. Staff get each case's summary (CASE_SUMMARY_FIELDS: the plain
 * queues read only those columns) with its who and where; owners their own cases whole.
 */
export async function listVisibleCases(deps: AppDeps, actor: Actor, q: CaseListQuery) {
  const scoped = queueFilter(actor, { ...q, q: undefined });
  if (!scoped) return { items: [], nextCursor: null };
  const period = q.createdFrom || q.createdTo ? await createdPeriod(deps, q) : null;
  const filter: CaseListFilter = { ...scoped, ...period, limit: q.limit + 1 };
  if (q.queue === 'at_risk' || q.queue === 'follow_up') return casesAtRisk(deps, actor, { ...filter, before: decodeCursor(q.cursor) }, q);
  if (q.q || q.queue === 'awaiting_my_approval') return listWholeCases(deps, actor, filter, q);
  const rows = await listCaseSummaries(deps.database.db, { ...filter, before: decodeCursor(q.cursor) });
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return { items: await withPeopleAndDue(deps, actor, page), nextCursor: rows.length > q.limit && last ? encodeCursor(last) : null };
}

/** A search (its snippets), or 待我审批 (the approval rule also reads each case's plan and accused). */
async function listWholeCases(deps: AppDeps, actor: Actor, filter: CaseListFilter, q: CaseListQuery) {
  if (q.q) {
    // 搜索: index look-ups or ranked full text (case-search.service.ts)
    const found = await searchCases(deps, filter, { q: q.q, limit: q.limit, cursor: q.cursor }, actor.kind === 'owner' ? 'owner' : 'staff', decodeCursor);
    const items = await withPeopleAndDue(deps, actor, found.cases);
    return { items: items.map((c) => Object.assign(c, { searchSnippet: found.snippets.get(c.id) ?? null })), nextCursor: found.nextCursor };
  }
  if (actor.kind === 'owner') throw new DomainError('FORBIDDEN', 'query.queue');
  const rows = await listCaseSummaries(deps.database.db, { ...filter, before: decodeCursor(q.cursor) }, APPROVAL_COLUMNS);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  // a page of this queue may hold fewer than `limit` items: the cursor still moves past the whole page
  // core's mayGiveCommand(actor, c, 'approve_plan') is this rule (the accused, then the approver's rank)
  const cases = page.filter((c) => planApprovalRefusal(actor, c) === null);
  const summaries = cases.map((c) => summaryOf(c, APPROVAL_COLUMNS));
  return { items: await withPeopleAndDue(deps, actor, summaries), nextCursor: rows.length > q.limit && last ? encodeCursor(last) : null };
}

/**
 * A case read with a few columns besides its summary (for a rule: the plan, the accused), as its
 * summary: those fields deleted from the object itself, last read first (V8 deletes an object's last
 * property without leaving its fast shape) — cheaper than copying the summary's 40 fields.
 */
export function summaryOf<C extends CaseSummary>(c: C, also: readonly (keyof C)[]): CaseSummary {
  for (let i = also.length - 1; i >= 0; i--) delete c[also[i]!];
  return c;
}

/** What core's approval rule reads of a case besides its summary (待我审批): not the whole case. */
const APPROVAL_COLUMNS = ['plan', 'accusedStaffId'] as const;

/** Each case's who and where and its earliest running due instant (the queue's countdown); owners' schema leaves these out, so nothing is looked up for them. */
async function withPeopleAndDue(deps: AppDeps, actor: Actor, page: CaseSummary[], clocks?: ReadonlyMap<string, NearestClock>) {
  if (actor.kind === 'owner') {
    const none = { nextDueAt: null, ownerName: null, callerName: null, unitLabel: null, assigneeName: null, departmentName: null, nearestClock: null };
    return page.map((c) => ({ ...c, ...none }));
  }
  const rows = await withPeople(deps, actor, page, { clocks });
  return rows.map((c) => Object.assign(c, { nextDueAt: c.nearestClock?.dueAt ?? null }));
}

/**
 * 即将超时/已超时: cases with a running clock due within the window, the most urgent first (one page);
 * 待回访 (`follow_up`): cases with a running follow-up task, whenever due, the most urgent first.
 */
async function casesAtRisk(deps: AppDeps, actor: Actor, filter: CaseListFilter, q: CaseListQuery) {
  if (actor.kind === 'owner') throw new DomainError('FORBIDDEN', 'query.queue');
  const followUp = q.queue === 'follow_up';
  const until = followUp ? '9999-12-31T23:59:59.999Z' : new Date(Date.parse(deps.now()) + (q.withinMinutes ?? 60) * 60_000).toISOString();
  const due = await casesDueBy(deps.database.db, {
    organizationId: actor.organizationId,
    projectIds: filter.projectIds,
    until,
    limit: q.limit,
    ...(followUp ? { kinds: FOLLOW_UP_CLOCK_KINDS } : {}),
  });
  const cases = await findCaseSummaries(
    deps.database.db,
    due.map((d) => d.caseId),
  );
  // a closed case is here only through a follow-up task (回访) still running on it
  const byId = new Map(cases.filter((c) => canSeeCase(actor, c) && insidePeriod(c.createdAt, filter)).map((c) => [c.id, c]));
  const ordered = due.flatMap((d) => (byId.has(d.caseId) ? [byId.get(d.caseId)!] : []));
  const dueOf = new Map(due.map((d) => [d.caseId, d.due]));
  // 即将超时 walked every running clock in due order: each case's first is its nearest (not read again)
  const clocks = followUp ? undefined : new Map(due.map((d) => [d.caseId, { kind: d.kind!, dueAt: d.due }]));
  const summaries = ordered.map((c) => summaryOf(c, ['accusedStaffId']));
  const items = (await withPeopleAndDue(deps, actor, summaries, clocks)).map((c) => Object.assign(c, { nextDueAt: dueOf.get(c.id) ?? c.nextDueAt }));
  return { items, nextCursor: null };
}
