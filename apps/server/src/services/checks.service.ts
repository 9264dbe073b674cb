import {
  checkCapability,
  checklistProblems,
  DomainError,
  hashDistance,
  isNightTime,
  localCallTime,
  localDateOf,
  mergeResults,
  NIGHT_BEGINS_AT_HOUR,
  NIGHT_ENDS_AT_HOUR,
  nightDateOf,
  reportRequired,
  requireCapability,
  resultProblems,
  scoreCheck,
  signaturesRequired,
  startOfLocalDate,
  submitProblems,
  templateCapability,
  type Actor,
  type ChecklistItem,
  type ChecklistProblem,
  type InspectionKind,
  type InspectionStatus,
  type ItemResult,
  type ResultProblem,
  type StaffActor,
  type StoredResult,
} from '@guanjia/core';
import {
  findChecklistTemplate,
  findInspection,
  insertChecklistTemplates,
  insertInspections,
  listChecklistTemplates,
  listInspectionDefects,
  listInspections,
  listPhotoReuse,
  updateChecklistTemplate,
  updateInspection,
  type ChecklistTemplateRecord,
  type InspectionRecord,
  type Schema,
} from '@guanjia/storage';
import { INSPECTION_KIND_LABELS, INSPECTION_STATUS_LABELS } from '@guanjia/vocabulary';
import type { Kysely } from 'kysely';
import type { AppDeps } from '../context.ts';
import { takeCheckPhotos } from './check-photos.ts';
import { openDefectsFromInspection, verifyClosures } from './defects.service.ts';
import { inScope, inspectionProjects, requireInspectionReader } from './patrol-access.ts';
import { requireProjectOf, requireStaffFor } from './references.ts';
import { requireProjectIn } from './scoped-project.ts';
import { inTransaction } from './transaction.ts';

/**
 * Scored checks (检查, issue 15 item 1, decision 0034): the organization's checklist templates and the
 * checks made with them — daily checks on three levels and night checks by the office (inspection.check),
 * the quality department's monthly and quarterly checks (inspection.audit). A check keeps its checklist
 * as it was when begun; its inspector saves results item by item on the phone (with photos, and the
 * signatures of inspector and inspected as images), then submits: every item scored, the signatures its
 * kind asks for, the report of the departments' checks. The score is kept, every failed item opens a
 * defect, and the check is frozen. Night checks and weather warnings are night-checks.service.ts, the
 * communication audit communication-audits.service.ts.
 */

// --- checklist templates ----------------------------------------------------------------------------

export function templateView(t: ChecklistTemplateRecord) {
  return {
    id: t.id,
    name: t.name,
    kind: t.kind,
    items: t.items,
    totalPoints: t.items.reduce((a, i) => a + i.points, 0),
    active: t.active,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
  };
}

type ItemInput = { id?: string; text: string; specialty: ChecklistItem['specialty']; points: number };

/** The items as kept: text trimmed, ids as given, the missing ones numbered after the highest `iN` in use. */
function normalizeItems(items: readonly ItemInput[]): ChecklistItem[] {
  let next = Math.max(0, ...items.map((i) => Number(/^i(\d+)$/.exec(i.id ?? '')?.[1] ?? 0)));
  return items.map((i) => ({ id: i.id || `i${++next}`, text: i.text.trim(), specialty: i.specialty, points: i.points }));
}

const CHECKLIST_REASONS: Record<ChecklistProblem['problem'], (n: number) => [string, string]> = {
  empty: () => ['至少要有一项', 'it needs at least one item'],
  duplicate_id: () => ['项目编号重复', 'an item id appears twice'],
  text: (n) => [`第 ${n} 项没有内容`, `item ${n} has no text`],
  points: (n) => [`第 ${n} 项的分值须是 1–100 的整数`, `item ${n} must be worth a whole number of points from 1 to 100`],
};

function requireValidItems(items: readonly ChecklistItem[]) {
  const p = checklistProblems(items)[0];
  if (!p) return;
  const n = p.field === 'items' ? 0 : Number(p.field.split('.')[1]) + 1;
  const [reason, reasonEn] = CHECKLIST_REASONS[p.problem](n);
  throw new DomainError('CHECKLIST_ITEMS_INVALID', p.field, { reason, reasonEn });
}

/** Whoever keeps some checklists (inspection.admin or inspection.audit); the kind's own capability is checked once the kind is known. */
function requireTemplateKeeper(actor: Actor): asserts actor is StaffActor {
  if (actor.kind === 'staff' && actor.capabilities.has('inspection.audit')) return;
  requireCapability(actor, 'inspection.admin');
}

export async function listTemplates(deps: AppDeps, actor: Actor, q: { kind?: InspectionKind; active?: boolean }) {
  requireInspectionReader(actor);
  const rows = await listChecklistTemplates(deps.database.db, { organizationId: actor.organizationId, kind: q.kind });
  return { items: rows.filter((t) => q.active === undefined || t.active === q.active).map(templateView) };
}

/** A checklist of a kind: the office's kinds by inspection.admin, the quality and supervising departments' by inspection.audit. */
export async function createTemplate(deps: AppDeps, actor: Actor, input: { name: string; kind: InspectionKind; items: ItemInput[] }) {
  requireTemplateKeeper(actor);
  requireCapability(actor, templateCapability(input.kind));
  const items = normalizeItems(input.items);
  requireValidItems(items);
  const now = deps.now();
  const row: ChecklistTemplateRecord = {
    id: deps.newId(),
    organizationId: actor.organizationId,
    name: input.name.trim(),
    kind: input.kind,
    items,
    active: true,
    createdBy: actor.id,
    createdAt: now,
    updatedAt: now,
  };
  await inTransaction(deps.database, (db) => insertChecklistTemplates(db, [row]));
  return templateView(row);
}

/** Renames a checklist, replaces its items or takes it out of use; checks already begun keep the items they began with. */
export async function updateTemplate(deps: AppDeps, actor: Actor, id: string, input: { name?: string; items?: ItemInput[]; active?: boolean }) {
  requireTemplateKeeper(actor);
  const found = await findChecklistTemplate(deps.database.db, id);
  if (!found || found.organizationId !== actor.organizationId) throw new DomainError('CHECKLIST_TEMPLATE_NOT_FOUND', 'id');
  requireCapability(actor, templateCapability(found.kind));
  const items = input.items ? normalizeItems(input.items) : undefined;
  if (items) requireValidItems(items);
  const patch = {
    ...(input.name !== undefined ? { name: input.name.trim() } : {}),
    ...(items ? { items } : {}),
    ...(input.active !== undefined ? { active: input.active } : {}),
    updatedAt: deps.now(),
  };
  await inTransaction(deps.database, (db) => updateChecklistTemplate(db, id, patch));
  return templateView({ ...found, ...patch });
}

/** The organization's checklist of a kind to use when none is named: the first one in use, else a refusal naming the kind. */
export async function defaultTemplate(
  db: Kysely<Schema>,
  organizationId: string,
  kind: InspectionKind,
  field = 'templateId',
): Promise<ChecklistTemplateRecord> {
  const t = (await listChecklistTemplates(db, { organizationId, kind, activeOnly: true }))[0];
  if (!t) throw new DomainError('CHECKLIST_TEMPLATE_NONE', field, { kind: INSPECTION_KIND_LABELS[kind][0], kindEn: INSPECTION_KIND_LABELS[kind][1] });
  return t;
}

/** A named checklist: the organization's (else not found), in use and of the kind asked for (else unusable). */
export async function usableTemplate(db: Kysely<Schema>, actor: StaffActor, templateId: string, kind?: InspectionKind): Promise<ChecklistTemplateRecord> {
  const t = await findChecklistTemplate(db, templateId);
  if (!t || t.organizationId !== actor.organizationId) throw new DomainError('CHECKLIST_TEMPLATE_NOT_FOUND', 'templateId');
  if (!t.active || (kind && t.kind !== kind)) throw new DomainError('CHECKLIST_TEMPLATE_UNUSABLE', 'templateId');
  return t;
}

// --- views ------------------------------------------------------------------------------------------

export function inspectionSummary(i: InspectionRecord) {
  return {
    id: i.id,
    projectId: i.projectId,
    kind: i.kind,
    title: i.title,
    trigger: i.trigger,
    weatherWarningId: i.weatherWarningId,
    scheduledOn: i.scheduledOn,
    inspectorId: i.inspectorId,
    inspectedStaffId: i.inspectedStaffId,
    inspectedName: i.inspectedName,
    status: i.status,
    startedAt: i.startedAt,
    submittedAt: i.submittedAt,
    percent: i.score?.percent ?? null,
    failed: i.score?.failed ?? 0,
  };
}

export async function inspectionView(db: Kysely<Schema>, i: InspectionRecord) {
  const imageIds = [...i.photoIds, ...[i.inspectorSignatureId, i.inspectedSignatureId].filter((x): x is string => !!x)];
  const reuse = await listPhotoReuse(db, imageIds);
  const score = i.score ?? scoreCheck(i.items, i.results as ItemResult[]);
  return {
    ...inspectionSummary({ ...i, score }),
    templateId: i.templateId,
    items: i.items,
    results: i.results,
    score,
    photoIds: i.photoIds,
    photoFlags: reuse.map((r) => ({
      attachmentId: r.attachmentId,
      kind: r.sha256 === r.earlierSha256 ? ('same_file' as const) : ('same_picture' as const),
      earlierCheckId: r.earlierSourceId,
      distance: r.sha256 === r.earlierSha256 ? 0 : hashDistance(r.phash, r.earlierPhash),
    })),
    inspectorSignatureId: i.inspectorSignatureId,
    inspectedSignatureId: i.inspectedSignatureId,
    signaturesRequired: signaturesRequired(i.kind),
    reportRequired: reportRequired(i.kind),
    report: i.report,
    sample: i.sample,
    defects: await listInspectionDefects(db, i.id),
    createdAt: i.createdAt,
  };
}

// --- starting, saving, submitting -------------------------------------------------------------------

const inspectionNotFound = () => new DomainError('INSPECTION_NOT_FOUND', 'id');
/** A night check is begun in the night hours where its project is (20:00–06:00): one begun in the daytime would be no night check. */
function requireNightHours(kind: InspectionKind, now: string, timeZone: string, field: string) {
  if (kind !== 'night' || isNightTime(now, timeZone)) return;
  const hour = (h: number) => `${String(h).padStart(2, '0')}:00`;
  throw new DomainError('INSPECTION_NOT_NIGHT_TIME', field, {
    from: hour(NIGHT_BEGINS_AT_HOUR),
    to: hour(NIGHT_ENDS_AT_HOUR),
    now: localCallTime(now, timeZone).slice(11),
  });
}
const wrongState = (status: InspectionStatus) =>
  new DomainError('INSPECTION_WRONG_STATE', 'id', { status: INSPECTION_STATUS_LABELS[status][0], statusEn: INSPECTION_STATUS_LABELS[status][1].toLowerCase() });

/** Someone who makes some kind of check (inspection.check or inspection.audit); the kind's own is checked once known. */
export function requireInspector(actor: Actor): asserts actor is StaffActor {
  if (actor.kind === 'staff' && actor.capabilities.has('inspection.audit')) return;
  requireCapability(actor, 'inspection.check');
}

/** Who was inspected: a staff member of the project (their name kept too) or a post in words; a check signed by the inspected names one. */
async function inspectedOf(
  deps: AppDeps,
  actor: StaffActor,
  projectId: string,
  kind: InspectionKind,
  input: { inspectedStaffId?: string | null; inspectedName?: string | null },
  current: { inspectedStaffId: string | null; inspectedName: string | null } = { inspectedStaffId: null, inspectedName: null },
) {
  let staffId = input.inspectedStaffId !== undefined ? input.inspectedStaffId : current.inspectedStaffId;
  let name = input.inspectedName !== undefined ? input.inspectedName?.trim() || null : current.inspectedName;
  if (input.inspectedStaffId) {
    const s = await requireStaffFor(deps.database, actor, input.inspectedStaffId, projectId, 'inspectedStaffId');
    staffId = s.id;
    if (input.inspectedName === undefined || !name) name = s.name;
  }
  if (signaturesRequired(kind).inspected && !staffId && !name) throw new DomainError('INSPECTION_INSPECTED_REQUIRED', 'inspectedName');
  return { inspectedStaffId: staffId ?? null, inspectedName: name ?? null };
}

/** Begins a check of a project with a checklist (the kind is the checklist's): the actor is its inspector. */
export async function startInspection(
  deps: AppDeps,
  actor: Actor,
  input: {
    projectId: string;
    templateId: string;
    title?: string | null;
    scheduledOn?: string | null;
    inspectedStaffId?: string | null;
    inspectedName?: string | null;
  },
) {
  requireInspector(actor);
  const found = await findChecklistTemplate(deps.database.db, input.templateId);
  if (!found || found.organizationId !== actor.organizationId) throw new DomainError('CHECKLIST_TEMPLATE_NOT_FOUND', 'templateId');
  const project = await requireProjectIn(deps, actor, checkCapability(found.kind), input.projectId);
  // the communication audit begins with its drawn sample (POST /api/communication-audits)
  if (!found.active || found.kind === 'communication_audit') throw new DomainError('CHECKLIST_TEMPLATE_UNUSABLE', 'templateId');
  const template = found;
  const inspected = await inspectedOf(deps, actor, input.projectId, template.kind, input);
  const now = deps.now();
  requireNightHours(template.kind, now, project.timeZone, 'templateId');
  const row: InspectionRecord = {
    id: deps.newId(),
    organizationId: actor.organizationId,
    projectId: input.projectId,
    templateId: template.id,
    kind: template.kind,
    title: input.title?.trim() || `${template.name}（${localDateOf(now, project.timeZone)}）`,
    items: template.items,
    trigger: 'manual',
    weatherWarningId: null,
    scheduledOn: input.scheduledOn ?? null,
    inspectorId: actor.id,
    ...inspected,
    status: 'in_progress',
    startedAt: now,
    submittedAt: null,
    results: [],
    score: null,
    photoIds: [],
    inspectorSignatureId: null,
    inspectedSignatureId: null,
    report: null,
    sample: null,
    createdBy: actor.id,
    createdAt: now,
  };
  await inTransaction(deps.database, (db) => insertInspections(db, [row]));
  return inspectionView(deps.database.db, row);
}

/** A check the actor may read: an inspection reader of its project (another project's or tenant's is not found). */
async function readable(deps: AppDeps, actor: Actor, id: string): Promise<InspectionRecord> {
  requireInspectionReader(actor);
  const i = await findInspection(deps.database.db, id);
  if (!i || !inScope(actor, i)) throw inspectionNotFound();
  return i;
}

export async function getInspection(deps: AppDeps, actor: Actor, id: string) {
  return inspectionView(deps.database.db, await readable(deps, actor, id));
}

/** Begins a scheduled check (a warning night's): whoever of the project makes that kind takes it, with a checklist of its kind. */
export async function beginScheduled(
  deps: AppDeps,
  actor: Actor,
  id: string,
  input: { templateId?: string | null; inspectedStaffId?: string | null; inspectedName?: string | null },
) {
  requireInspector(actor);
  const found = await findInspection(deps.database.db, id);
  if (!found || !inScope(actor, found) || (found.inspectorId && found.inspectorId !== actor.id)) throw inspectionNotFound();
  requireCapability(actor, checkCapability(found.kind));
  const now = deps.now();
  const zone = (await requireProjectOf(deps, actor, found.projectId)).timeZone;
  const row = await inTransaction(deps.database, async (db) => {
    const cur = (await findInspection(db, id, { forUpdate: true }))!;
    if (cur.status !== 'scheduled') throw wrongState(cur.status);
    // a warning night's check is made that night (it counts for the night it is begun in)
    if (cur.scheduledOn && nightDateOf(now, zone) !== cur.scheduledOn) throw new DomainError('INSPECTION_NOT_ITS_NIGHT', 'id', { night: cur.scheduledOn });
    requireNightHours(cur.kind, now, zone, 'id');
    // not begun yet, it takes its checklist as it is now: the one named, else the one it was scheduled with if still in use, else the kind's
    const scheduledWith = cur.templateId ? await findChecklistTemplate(db, cur.templateId) : null;
    const template = input.templateId
      ? await usableTemplate(db, actor, input.templateId, cur.kind)
      : scheduledWith?.active && scheduledWith.organizationId === actor.organizationId
        ? scheduledWith
        : await defaultTemplate(db, actor.organizationId, cur.kind);
    const inspected = await inspectedOf(deps, actor, cur.projectId, cur.kind, input, cur);
    const patch = {
      templateId: template.id,
      items: template.items,
      ...inspected,
      inspectorId: actor.id,
      status: 'in_progress' as const,
      startedAt: now,
    };
    const r = await db.updateTable('inspections').set({ status: 'in_progress' }).where('id', '=', id).where('status', '=', 'scheduled').executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw wrongState('in_progress');
    await updateInspection(db, id, patch);
    return { ...cur, ...patch };
  });
  return inspectionView(deps.database.db, row);
}

/** A check is worked by its inspector only: anyone else is told it does not exist (then the kind's capability is checked). */
async function requireOwnInspection(db: Kysely<Schema>, actor: Actor, id: string, options: { forUpdate?: boolean } = {}): Promise<InspectionRecord> {
  const i = await findInspection(db, id, options);
  if (!i || actor.kind !== 'staff' || i.organizationId !== actor.organizationId || i.inspectorId !== actor.id) throw inspectionNotFound();
  requireCapability(actor, checkCapability(i.kind));
  return i;
}

const RESULT_REASONS: Record<ResultProblem['problem'], (field: ResultProblem['field']) => [string, string]> = {
  unknown: () => ['检查表中没有这一项', 'no such item on the checklist'],
  duplicate: () => ['同一项出现了两次', 'an item appears twice'],
  range: () => ['扣分须是 1 到该项分值之间的整数', 'the deduction must be a whole number from 1 to the item’s points'],
  required: () => ['不合格项须写明问题', 'a failed item says what was found'],
};

/** Photos (and signature images) of a check: the inspector's own uploads since it began, unused, hashed for reuse (flags are read from their rows). */
async function takePhotos(deps: AppDeps, db: Kysely<Schema>, actor: StaffActor, i: InspectionRecord, ids: readonly string[], field: string) {
  if (!ids.length) return;
  try {
    await takeCheckPhotos(deps, db, actor, { photoIds: ids, notBefore: i.startedAt!, projectId: i.projectId, pointId: null, sourceId: i.id });
  } catch (e) {
    if (e instanceof DomainError && e.code === 'PATROL_PHOTO_INVALID') throw new DomainError('INSPECTION_PHOTO_INVALID', field);
    throw e;
  }
}

export interface SaveInput {
  results?: StoredResult[];
  photoIds?: string[];
  inspectorSignatureId?: string | null;
  inspectedSignatureId?: string | null;
  report?: string | null;
  inspectedStaffId?: string | null;
  inspectedName?: string | null;
}

/** Saves what the inspector has so far (partial): results item by item, more photos, the signatures, the report, who was inspected. */
export async function saveInspection(deps: AppDeps, actor: Actor, id: string, input: SaveInput) {
  await requireOwnInspection(deps.database.db, actor, id);
  const staff = actor as StaffActor;
  const row = await inTransaction(deps.database, async (db) => {
    const cur = await requireOwnInspection(db, actor, id, { forUpdate: true });
    if (cur.status !== 'in_progress') throw wrongState(cur.status);
    const patch: Partial<InspectionRecord> = {};
    const newPhotos = [
      ...new Set([...(input.photoIds ?? []), ...(input.results ?? []).flatMap((r) => (r.outcome === 'fail' ? (r.photoIds ?? []) : []))]),
    ].filter((p) => !cur.photoIds.includes(p));
    if (input.results) {
      const saved = input.results.map((r) =>
        r.outcome === 'fail'
          ? { ...r, note: r.note.trim(), ...(r.photoIds ? { photoIds: [...new Set(r.photoIds)] } : {}) }
          : { itemId: r.itemId, outcome: r.outcome },
      );
      const p = resultProblems(cur.items, saved as ItemResult[])[0];
      if (p) {
        const [reason, reasonEn] = RESULT_REASONS[p.problem](p.field);
        throw new DomainError('INSPECTION_RESULT_INVALID', `results.${p.index}.${p.field}`, { reason, reasonEn });
      }
      patch.results = mergeResults(cur.items, cur.results, saved);
    }
    await takePhotos(deps, db, staff, cur, newPhotos, 'photoIds');
    if (newPhotos.length) patch.photoIds = [...cur.photoIds, ...newPhotos];
    for (const field of ['inspectorSignatureId', 'inspectedSignatureId'] as const) {
      const value = input[field];
      if (value === undefined || value === cur[field]) continue;
      if (value) await takePhotos(deps, db, staff, cur, [value], field);
      patch[field] = value;
    }
    if (input.report !== undefined) patch.report = input.report?.trim() || null;
    if (input.inspectedStaffId !== undefined || input.inspectedName !== undefined)
      Object.assign(patch, await inspectedOf(deps, staff, cur.projectId, cur.kind, input, cur));
    if (Object.keys(patch).length) await updateInspection(db, id, patch);
    return { ...cur, ...patch };
  });
  return inspectionView(deps.database.db, row);
}

/**
 * Submits a check: every item scored, the signatures its kind asks for, the report of the departments'
 * checks. The score is kept; each failed item opens a defect (its specialty, the severity and cause given
 * with it, the office manager responsible, the daily sheet's rule); closures of the project's defects may
 * be verified with it. The check is frozen from then on.
 */
export async function submitInspection(
  deps: AppDeps,
  actor: Actor,
  id: string,
  input: { report?: string | null; verifications?: { defectId: string; passed: boolean; note?: string | null }[] },
) {
  await requireOwnInspection(deps.database.db, actor, id);
  const staff = actor as StaffActor;
  const now = deps.now();
  const row = await inTransaction(deps.database, async (db) => {
    const cur = await requireOwnInspection(db, actor, id, { forUpdate: true });
    if (cur.status !== 'in_progress') throw wrongState(cur.status);
    const report = input.report !== undefined ? input.report?.trim() || null : cur.report;
    const problem = submitProblems(cur.kind, cur.items, cur.results as ItemResult[], {
      inspectorSignature: !!cur.inspectorSignatureId,
      inspectedSignature: !!cur.inspectedSignatureId,
      report,
    })[0];
    if (problem?.problem === 'incomplete') throw new DomainError('INSPECTION_INCOMPLETE', 'results', { count: problem.count });
    if (problem?.problem === 'signature')
      throw new DomainError('INSPECTION_SIGNATURE_REQUIRED', problem.field, {
        who: problem.field === 'inspectorSignatureId' ? '检查人' : '被检查人',
        whoEn: problem.field === 'inspectorSignatureId' ? 'inspector' : 'person inspected',
      });
    if (problem) throw new DomainError('INSPECTION_REPORT_REQUIRED', 'report');
    await verifyClosures(deps, db, staff, { projectId: cur.projectId, pointId: null, sourceId: cur.id, at: now, verifications: input.verifications ?? [] });
    const score = scoreCheck(cur.items, cur.results as ItemResult[]);
    const items = new Map(cur.items.map((i) => [i.id, i]));
    await openDefectsFromInspection(deps, db, staff, {
      projectId: cur.projectId,
      inspectionId: cur.id,
      at: now,
      items: cur.results.flatMap((r) => {
        const item = items.get(r.itemId);
        if (r.outcome !== 'fail' || !item) return [];
        return [
          {
            itemId: item.id,
            specialty: item.specialty,
            description: `${item.text}：${r.note}`,
            severity: r.severity ?? 'general',
            causedByStaff: r.causedByStaff ?? false,
            photoIds: r.photoIds ?? [],
          },
        ];
      }),
    });
    const patch = { status: 'submitted' as const, submittedAt: now, score, report };
    const done = await db.updateTable('inspections').set({ status: 'submitted' }).where('id', '=', id).where('status', '=', 'in_progress').executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) throw wrongState('submitted');
    await updateInspection(db, id, patch);
    return { ...cur, ...patch };
  });
  return inspectionView(deps.database.db, row);
}

// --- lists ------------------------------------------------------------------------------------------

const DEFAULT_ZONE = 'Asia/Shanghai';

/** A local month's bounds: its first and the next month's first local dates, and their instants. */
export function monthBounds(month: string, timeZone: string) {
  const first = `${month}-01`;
  const d = new Date(`${first}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1);
  const next = d.toISOString().slice(0, 10);
  return { first, next, from: startOfLocalDate(first, timeZone), to: startOfLocalDate(next, timeZone) };
}

export async function listInspectionsFor(
  deps: AppDeps,
  actor: Actor,
  q: { projectId?: string; kind?: InspectionKind; status?: InspectionStatus; month?: string; mine?: boolean; limit?: number },
) {
  requireInspectionReader(actor);
  let zone = DEFAULT_ZONE;
  if (q.projectId) {
    const project = await requireProjectOf(deps, actor, q.projectId);
    if (!inScope(actor, { organizationId: project.organizationId, projectId: project.id })) throw new DomainError('PROJECT_NOT_FOUND', 'projectId');
    zone = project.timeZone;
  }
  const m = q.month ? monthBounds(q.month, zone) : null;
  const rows = await listInspections(deps.database.db, {
    organizationId: actor.organizationId,
    projectIds: q.projectId ? [q.projectId] : inspectionProjects(actor),
    kind: q.kind,
    status: q.status,
    inspectorId: q.mine ? actor.id : undefined,
    period: m ? { startedFrom: m.from, startedTo: m.to, scheduledFrom: m.first, scheduledTo: m.next } : undefined,
    limit: Math.min(q.limit ?? 200, 500),
  });
  return { items: rows.map(inspectionSummary) };
}
