import { InitializeSchema, type InitializeInput } from '@guanjia/api-contract';
import { DomainError } from '@guanjia/core';
import { appendAudit, hasOrganization, insertOrganization, insertStaff } from '@guanjia/storage';
import { sql } from 'kysely';
import type { AppDeps } from '../context.ts';
import { hashPassword } from '../security/passwords.ts';
import { requirePasswordPolicy } from './password-rules.ts';
import { insertStarterChecklists } from './starter-checklists.ts';
import { inTransaction } from './transaction.ts';

/**
 * First run (`guanjia init`, 初始化): creates the organization and its first administrator
 * (company-wide, role admin) in one transaction. Refused once any organization exists, so it runs
 * once per database; the administrator then sets up projects, departments and staff in the console.
 */
export async function initializeOrganization(deps: AppDeps, raw: unknown): Promise<{ organizationId: string; adminId: string }> {
  const parsed = InitializeSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new DomainError('FIELD_INVALID', issue.path.join('.'), { field: issue.path.join('.'), reason: issue.message });
  }
  const input: InitializeInput = parsed.data;
  requirePasswordPolicy(input.admin.password, input.admin.username, 'admin.password');
  const passwordHash = await hashPassword(input.admin.password);
  const now = deps.now();
  const organizationId = deps.newId();
  const adminId = deps.newId();
  await inTransaction(deps.database, async (db) => {
    // Two inits racing on PostgreSQL: the second waits here and then finds the first one's organization.
    if (deps.database.dialect === 'postgres') await sql`lock table organizations in exclusive mode`.execute(db);
    if (await hasOrganization(db)) throw new DomainError('ORGANIZATION_EXISTS');
    await insertOrganization(db, { id: organizationId, code: input.organization.code, name: input.organization.name, createdAt: now, isDemo: 0 });
    await insertStaff(db, {
      id: adminId,
      organizationId,
      username: input.admin.username,
      name: input.admin.name,
      phone: null,
      email: null,
      passwordHash,
      roles: ['admin'],
      departmentId: null,
      companyWide: true,
      active: true,
      failedLogins: 0,
      lockedUntil: null,
      createdAt: now,
      updatedAt: now,
      projectIds: [],
    });
    await appendAudit(db, {
      organizationId,
      actorKind: 'system',
      actorId: null,
      action: 'organization.init',
      targetType: 'staff',
      targetId: adminId,
      projectId: null,
      detail: { code: input.organization.code, admin: input.admin.username, via: 'cli' },
      at: now,
    });
    await insertStarterChecklists(db, deps, organizationId, now);
  });
  return { organizationId, adminId };
}
