import { DomainError, type ImportKind } from '@guanjia/core';
import { findStaffByUsername, listImportsBy } from '@guanjia/storage';
import type { AppDeps } from '../context.ts';
import { sha256Hex } from '../security/tokens.ts';
import { actorFromStaff } from './actors.ts';
import { applyImport, dryRunImport } from './imports.service.ts';

/**
 * `guanjia import <kind> <file> --as <username>` on the server (decision 0021): the same dry run and
 * apply as the console, as that staff member (their capabilities and projects), so a file imported
 * from the command line is checked exactly as an upload. An interrupted apply of the same file by
 * the same person is resumed instead of starting again.
 */
export async function importFromCli(
  deps: AppDeps,
  input: { username: string; kind: ImportKind; bytes: Buffer; filename: string; apply: boolean; skipProblemRows: boolean },
  onProgress?: (done: number, total: number) => void,
) {
  const staff = await findStaffByUsername(deps.database.db, input.username);
  if (!staff || !staff.active) throw new DomainError('STAFF_NOT_FOUND', 'as');
  const actor = actorFromStaff(staff);
  const sha256 = sha256Hex(input.bytes);
  const interrupted = (await listImportsBy(deps.database.db, actor.organizationId, actor.id, 50)).find(
    (r) => r.sha256 === sha256 && r.kind === input.kind && (r.status === 'applying' || r.status === 'failed'),
  );
  if (interrupted && input.apply) {
    const applied = await applyImport(deps, actor, interrupted.id, { skipProblemRows: input.skipProblemRows }, onProgress);
    return { resumed: true as const, applied };
  }
  const dryRun = await dryRunImport(deps, actor, input.kind, input.bytes, 'zh-CN', input.filename);
  if (!input.apply) return { resumed: false as const, dryRun, applied: null };
  const applied = await applyImport(deps, actor, dryRun.id, { skipProblemRows: input.skipProblemRows }, onProgress);
  return { resumed: false as const, dryRun, applied };
}
