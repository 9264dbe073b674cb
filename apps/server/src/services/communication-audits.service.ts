import { randomInt } from 'node:crypto';
import { accusedExclusionOf, addLocalDays, DomainError, drawAuditSample, maskName, startOfLocalDate, type Actor, type StaffActor } from '@guanjia/core';
import {
  insertInspections,
  listCaseIdsReceived,
  listCasesBrief,
  listOwnersBrief,
  listProjectOwnerIds,
  outcomeRollup,
  serviceLanguageOverrides,
  timelinessRollup,
  type AuditSample,
  type InspectionRecord,
} from '@guanjia/storage';
import type { AppDeps } from '../context.ts';
import { defaultTemplate, inspectionView, usableTemplate } from './checks.service.ts';
import { requireProjectIn } from './scoped-project.ts';
import { inTransaction } from './transaction.ts';

/**
 * Communication audits (沟通工作检查, issue 15 item 1, decision 0034; seed 002 七 监督与检查): the
 * supervising department (inspection.audit) audits a project's communication work over a period — a
 * random sample of the cases received then (their records to open one by one; the draw's seed is kept,
 * so the same population and seed give the same sample), a random sample of the project's owner records
 * (the archive, drawn with the next seed), and the period's figures the seed names: complaint timeliness
 * (complaint clocks met / breached), satisfaction (of cases closed) and the service language (flagged
 * texts sent anyway, 仍然发送, and by how many staff). It is a
 * check of kind communication_audit with the organization's checklist, scored and submitted like the
 * others, ending in its inspection report.
 */

/** How many cases of a period the draw reads at most (a year of a large office stays well below). */
const POPULATION_LIMIT = 20_000;
/** The longest period audited at once (days). */
const MAX_PERIOD_DAYS = 366;

const rate = (a: number, b: number) => (b === 0 ? null : Math.round((a / b) * 10_000) / 10_000);

export async function startCommunicationAudit(
  deps: AppDeps,
  actor: Actor,
  input: { projectId: string; from: string; to: string; sampleSize: number; archiveSize?: number; templateId?: string | null; title?: string | null },
) {
  const project = await requireProjectIn(deps, actor, 'inspection.audit', input.projectId);
  const staff = actor as StaffActor;
  const invalid = (reason: string, reasonEn: string) => new DomainError('INSPECTION_PERIOD_INVALID', 'to', { reason, reasonEn });
  if (input.to < input.from) throw invalid('结束日期早于开始日期', 'the last day is before the first');
  if (addLocalDays(input.from, MAX_PERIOD_DAYS - 1) < input.to) throw invalid('一次最多检查一年', 'a period of at most a year');
  const db = deps.database.db;
  const template = input.templateId
    ? await usableTemplate(db, staff, input.templateId, 'communication_audit')
    : await defaultTemplate(db, staff.organizationId, 'communication_audit');
  const end = addLocalDays(input.to, 1); // [from, to] as [from, end)
  const population = await listCaseIdsReceived(db, {
    organizationId: staff.organizationId,
    projectId: input.projectId,
    from: startOfLocalDate(input.from, project.timeZone),
    to: startOfLocalDate(end, project.timeZone),
    excludeAccusedStaffId: staff.id,
    limit: POPULATION_LIMIT,
  });
  const seed = randomInt(0, 2 ** 31 - 1);
  const drawn = drawAuditSample(population, input.sampleSize, seed);
  // the archive's spot check: the project's owners, drawn with the next seed (as many as cases unless told)
  const archiveSize = input.archiveSize ?? input.sampleSize;
  const ownerIds = await listProjectOwnerIds(db, staff.organizationId, input.projectId, POPULATION_LIMIT);
  const drawnOwners = drawAuditSample(ownerIds, archiveSize, (seed + 1) % 2 ** 31);
  const now = deps.now();
  const filter = { organizationId: staff.organizationId, projectIds: [input.projectId], from: input.from, to: end, excludeAccused: accusedExclusionOf(staff) };
  const [cases, clocks, outcomes, owners, overrides] = await Promise.all([
    listCasesBrief(db, drawn),
    timelinessRollup(db, { ...filter, now, groupBy: 'type' }),
    outcomeRollup(db, { ...filter, groupBy: 'type' }),
    listOwnersBrief(db, drawnOwners),
    serviceLanguageOverrides(db, {
      organizationId: staff.organizationId,
      projectIds: [input.projectId],
      from: startOfLocalDate(input.from, project.timeZone),
      to: startOfLocalDate(end, project.timeZone),
    }),
  ]);
  const complaint = clocks.find((r) => r.key === 'complaint') ?? { met: 0, breached: 0 };
  const satisfied = outcomes.reduce((a, r) => a + r.satisfied, 0);
  const asked = outcomes.reduce((a, r) => a + r.asked, 0);
  const sample: AuditSample = {
    seed,
    from: input.from,
    to: input.to,
    requested: input.sampleSize,
    population: population.length,
    cases,
    figures: {
      casesReceived: population.length,
      complaintClocks: { met: complaint.met, breached: complaint.breached, rate: rate(complaint.met, complaint.met + complaint.breached) },
      satisfaction: { satisfied, asked, rate: rate(satisfied, asked) },
      languageOverrides: { count: overrides.length, staff: new Set(overrides.map((o) => o.staffId)).size },
    },
    archive: { requested: archiveSize, population: ownerIds.length, owners: owners.map((o) => ({ ...o, name: maskName(o.name) })) },
  };
  const row: InspectionRecord = {
    id: deps.newId(),
    organizationId: staff.organizationId,
    projectId: input.projectId,
    templateId: template.id,
    kind: 'communication_audit',
    title: input.title?.trim() || `${template.name}（${input.from}～${input.to}）`,
    items: template.items,
    trigger: 'audit_sample',
    weatherWarningId: null,
    scheduledOn: null,
    inspectorId: staff.id,
    inspectedStaffId: null,
    inspectedName: null,
    status: 'in_progress',
    startedAt: now,
    submittedAt: null,
    results: [],
    score: null,
    photoIds: [],
    inspectorSignatureId: null,
    inspectedSignatureId: null,
    report: null,
    sample,
    createdBy: staff.id,
    createdAt: now,
  };
  await inTransaction(deps.database, (tx) => insertInspections(tx, [row]));
  return inspectionView(db, row);
}
