import { INSPECTION_KINDS, starterChecklist } from '@guanjia/core';
import { insertChecklistTemplates, type Schema } from '@guanjia/storage';
import type { Kysely } from 'kysely';
import type { AppDeps } from '../context.ts';

/**
 * A starter checklist of each kind of check (issue 15 item 1; worded from the seeds), written for a new
 * organization — the demo company and one made by `guanjia init` — so the console has something to check
 * with from the first day; each is then the company's own to edit.
 */
export async function insertStarterChecklists(db: Kysely<Schema>, deps: Pick<AppDeps, 'newId'>, organizationId: string, now: string): Promise<void> {
  await insertChecklistTemplates(
    db,
    INSPECTION_KINDS.map((kind) => ({
      ...starterChecklist(kind),
      id: deps.newId(),
      organizationId,
      kind,
      active: true,
      createdBy: null,
      createdAt: now,
      updatedAt: now,
    })),
  );
}
