import { auditProjectOf, DomainError, type Actor } from '@guanjia/core';
import { appendAudit, findOwner, findStaff, updateOwner, updateStaff } from '@guanjia/storage';
import type { AppDeps } from '../context.ts';
import { hashPassword, verifyPassword } from '../security/passwords.ts';
import { hashToken } from '../security/tokens.ts';
import { endAccountAccess } from './account-access.ts';
import { requirePasswordPolicy } from './password-rules.ts';
import { inTransaction } from './transaction.ts';

/**
 * Changing one's own password (staff or owner): the current password is required, the new one must
 * follow the policy, and every other session and API token of the account ends at once; the session
 * that made the change stays signed in. A reset's "change at next sign-in" is fulfilled.
 */
export async function changeOwnPassword(
  deps: AppDeps,
  actor: Actor,
  sessionToken: string | null,
  currentPassword: string,
  newPassword: string,
  ip: string | null,
) {
  const account = actor.kind === 'staff' ? await findStaff(deps.database.db, actor.id) : await findOwner(deps.database.db, actor.id);
  if (!account) throw new DomainError('UNAUTHENTICATED');
  const login = 'username' in account ? account.username : (account.portalLogin ?? '');
  const storedHash = 'username' in account ? account.passwordHash : account.portalPasswordHash;
  if (!storedHash || !(await verifyPassword(currentPassword, storedHash))) throw new DomainError('CURRENT_PASSWORD_WRONG', 'currentPassword');
  requirePasswordPolicy(newPassword, login, 'newPassword');
  if (newPassword === currentPassword) throw new DomainError('PASSWORD_UNCHANGED', 'newPassword');
  const hash = await hashPassword(newPassword);
  const now = deps.now();
  const ended = await inTransaction(deps.database, async (db) => {
    if (actor.kind === 'staff') await updateStaff(db, actor.id, { passwordHash: hash, mustChangePassword: false, updatedAt: now });
    else await updateOwner(db, actor.id, { portalPasswordHash: hash, updatedAt: now });
    const result = await endAccountAccess(db, { kind: actor.kind, id: actor.id }, now, sessionToken ? hashToken(sessionToken) : null);
    await appendAudit(db, {
      organizationId: actor.organizationId,
      actorKind: actor.kind,
      actorId: actor.id,
      action: 'password.change',
      targetType: actor.kind,
      targetId: actor.id,
      projectId: actor.kind === 'staff' ? auditProjectOf(actor) : null,
      detail: { endedSessions: result.sessions, revokedApiTokens: result.apiTokens },
      ip,
      at: now,
    });
    return result;
  });
  deps.actorCache?.clear();
  return { endedSessions: ended.sessions, revokedApiTokens: ended.apiTokens };
}
