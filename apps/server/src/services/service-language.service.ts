import { DEFAULT_FORBIDDEN_PHRASES, DomainError, localDateOf, type StaffActor } from '@guanjia/core';
import { appendAudit, findServiceLanguageList, listProjects, listStaff, saveServiceLanguageList, serviceLanguageOverrides } from '@guanjia/storage';
import type { AppDeps } from '../context.ts';
import { phrasesOf } from './service-language-phrases.ts';
import { reportScope } from './sla-admin.service.ts';
import { inTransaction } from './transaction.ts';

/** The company's list as every staff member's browser checks with it (the same verdict as the server's). */
export async function getServiceLanguageList(deps: AppDeps, actor: StaffActor) {
  const own = await findServiceLanguageList(deps.database.db, actor.organizationId);
  return {
    phrases: own?.phrases ?? [...DEFAULT_FORBIDDEN_PHRASES],
    isDefault: !own,
    defaultPhrases: [...DEFAULT_FORBIDDEN_PHRASES],
    updatedBy: own?.updatedBy ?? null,
    updatedAt: own?.updatedAt ?? null,
  };
}

/** Replaces the company's list: a company-wide administrator (staff or structure admin) only; audited. */
export async function setServiceLanguageList(deps: AppDeps, actor: StaffActor, phrases: string[]) {
  if (!actor.capabilities.has('staff.admin') && !actor.capabilities.has('structure.admin')) throw new DomainError('FORBIDDEN');
  if (!actor.companyWide) throw new DomainError('FORBIDDEN');
  const before = await phrasesOf(deps, actor.organizationId);
  const list = [...new Set(phrases.map((p) => p.trim()))];
  const now = deps.now();
  await inTransaction(deps.database, async (db) => {
    await saveServiceLanguageList(db, actor.organizationId, { phrases: list, updatedBy: actor.id, updatedAt: now });
    await appendAudit(db, {
      organizationId: actor.organizationId,
      actorKind: 'staff',
      actorId: actor.id,
      action: 'service_language.update',
      targetType: 'organization',
      targetId: actor.organizationId,
      detail: { added: list.filter((p) => !before.includes(p)), removed: before.filter((p) => !list.includes(p)), count: list.length },
      at: now,
    });
  });
  return getServiceLanguageList(deps, actor);
}

/**
 * How often each staff member sent a flagged text anyway (仍然发送), per local month, in the reader's
 * projects (report.read): what a later appraisal reads.
 */
export async function serviceLanguageOverridesReport(deps: AppDeps, actor: StaffActor, q: { from?: string; to?: string; projectId?: string }) {
  const { projectIds, from, to } = await reportScope(deps, actor, q);
  // a day's margin either side of the local dates; each override is then placed by its project's local time
  const wideFrom = new Date(Date.parse(`${from}T00:00:00Z`) - 86_400_000).toISOString();
  const wideTo = new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000).toISOString();
  const [raw, projects, staff] = await Promise.all([
    serviceLanguageOverrides(deps.database.db, { organizationId: actor.organizationId, projectIds, from: wideFrom, to: wideTo }),
    listProjects(deps.database.db, actor.organizationId, projectIds),
    listStaff(deps.database.db, actor.organizationId, null),
  ]);
  const zone = new Map(projects.map((p) => [p.id, p.timeZone]));
  const names = new Map(staff.map((s) => [s.id, s.name]));
  const counts = new Map<string, { staffId: string; month: string; count: number }>();
  let total = 0;
  for (const r of raw) {
    const localDate = localDateOf(r.at, zone.get(r.projectId) ?? 'Asia/Shanghai');
    if (localDate < from || localDate >= to) continue;
    const month = localDate.slice(0, 7);
    const key = `${r.staffId}|${month}`;
    const row = counts.get(key) ?? { staffId: r.staffId, month, count: 0 };
    row.count += 1;
    counts.set(key, row);
    total += 1;
  }
  const rows = [...counts.values()]
    .sort((a, b) => (a.month === b.month ? b.count - a.count || (a.staffId < b.staffId ? -1 : 1) : a.month < b.month ? -1 : 1))
    .map((r) => ({ ...r, staffName: names.get(r.staffId) ?? null }));
  return { from, to, rows, total };
}
