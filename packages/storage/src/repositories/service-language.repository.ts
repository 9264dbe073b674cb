import { sql, type Kysely } from 'kysely';
import type { Schema } from '../schema.ts';

type Db = Kysely<Schema>;

/** An organization's own list of barred phrases (服务忌语); null when it keeps the default list. */
export interface ServiceLanguageList {
  phrases: string[];
  updatedBy: string | null;
  updatedAt: string;
}

export async function findServiceLanguageList(db: Db, organizationId: string): Promise<ServiceLanguageList | null> {
  const row = await db.selectFrom('serviceLanguagePhrases').selectAll().where('organizationId', '=', organizationId).executeTakeFirst();
  return row ? { phrases: JSON.parse(row.phrases) as string[], updatedBy: row.updatedBy, updatedAt: row.updatedAt } : null;
}

export async function saveServiceLanguageList(db: Db, organizationId: string, list: ServiceLanguageList): Promise<void> {
  const values = { organizationId, phrases: JSON.stringify(list.phrases), updatedBy: list.updatedBy, updatedAt: list.updatedAt };
  await db
    .insertInto('serviceLanguagePhrases')
    .values(values)
    .onConflict((oc) => oc.column('organizationId').doUpdateSet({ phrases: values.phrases, updatedBy: values.updatedBy, updatedAt: values.updatedAt }))
    .execute();
}

/** The service-language overrides (仍然发送) of an organization's projects in [from, to): who, where, when. */
export async function serviceLanguageOverrides(
  db: Db,
  q: { organizationId: string; projectIds: string[] | null; from: string; to: string },
): Promise<{ staffId: string; projectId: string; at: string }[]> {
  if (q.projectIds && q.projectIds.length === 0) return [];
  const query = serviceLanguageOverridesQuery(db, q);
  const rows = await query.execute();
  return rows.filter((r): r is typeof r & { actorId: string } => r.actorId !== null).map((r) => ({ staffId: r.actorId, projectId: r.projectId, at: r.at }));
}

/** The statement of `serviceLanguageOverrides` (the query-plan tests explain it). */
export function serviceLanguageOverridesQuery(db: Db, q: { organizationId: string; projectIds: string[] | null; from: string; to: string }) {
  let query = db
    .selectFrom('caseEvents')
    .select(['actorId', 'projectId', 'at'])
    .where('organizationId', '=', q.organizationId)
    // a literal, so that both planners may use the partial index of overrides (migration 0013)
    .where(sql<boolean>`type = 'service_language_overridden'`)
    .where('at', '>=', q.from)
    .where('at', '<', q.to);
  if (q.projectIds) query = query.where('projectId', 'in', q.projectIds);
  return query.orderBy('at');
}
