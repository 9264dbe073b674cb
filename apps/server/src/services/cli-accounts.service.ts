import { randomInt } from 'node:crypto';
import { auditProjectOf, DomainError } from '@guanjia/core';
import { appendAudit, clearAllLoginFailures, findStaffByUsername, updateStaff } from '@guanjia/storage';
import type { AppDeps } from '../context.ts';
import { hashPassword } from '../security/passwords.ts';
import { endAccountAccess } from './account-access.ts';
import { requirePasswordPolicy } from './password-rules.ts';
import { inTransaction } from './transaction.ts';

/** No 0/o, 1/l/i: a temporary password is read out over the phone. */
const TEMPORARY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A random temporary password: four groups of four (about 79 bits), e.g. `k7mq-3vxa-p2nd-9hte`. */
export function temporaryPassword(): string {
  const group = () => Array.from({ length: 4 }, () => TEMPORARY_ALPHABET[randomInt(TEMPORARY_ALPHABET.length)]).join('');
  return [group(), group(), group(), group()].join('-');
}

export interface CliPasswordReset {
  staffId: string;
  /** The new password (the one given, or a temporary one to hand over). */
  password: string;
  temporary: boolean;
  sessionsEnded: number;
  tokensRevoked: number;
  /** A deactivated account stays deactivated: its new password signs nobody in until reactivated. */
  active: boolean;
}

/**
 * `guanjia admin reset-password <username>` on the server, for an operator locked out of the console
 * (forgotten password, lockout, lost administrator): sets a new password (given, or a random
 * temporary one), clears the lockout, ends every session and revokes every API token of the account,
 * all in one transaction, audited as done by the system. Like an administrator's reset in the console,
 * the account must choose its own password at its next sign-in. `resetTwoFactor` also turns off
 * two-step verification (a lost phone and lost recovery codes); an administrator then enrols again at
 * sign-in. A running server sees the change within its actor-cache time (5 s).
 */
export async function resetStaffPasswordFromCli(
  deps: AppDeps,
  username: string,
  password?: string,
  options: { resetTwoFactor?: boolean } = {},
): Promise<CliPasswordReset> {
  const staff = await findStaffByUsername(deps.database.db, username);
  if (!staff) throw new DomainError('STAFF_NOT_FOUND', 'username');
  const temporary = password === undefined;
  const newPassword = password ?? temporaryPassword();
  requirePasswordPolicy(newPassword, staff.username);
  const passwordHash = await hashPassword(newPassword);
  const now = deps.now();
  const ended = await inTransaction(deps.database, async (db) => {
    const secondFactor = options.resetTwoFactor ? { totpSecret: null, totpPendingSecret: null, totpLastStep: null, recoveryCodes: [] } : {};
    await updateStaff(db, staff.id, { passwordHash, mustChangePassword: true, ...secondFactor, updatedAt: now });
    await clearAllLoginFailures(db, 'staff', staff.username, now);
    const ended = await endAccountAccess(db, { kind: 'staff', id: staff.id }, now);
    const sessionsEnded = ended.sessions;
    const tokensRevoked = ended.apiTokens;
    await appendAudit(db, {
      organizationId: staff.organizationId,
      actorKind: 'system',
      actorId: null,
      action: 'staff.password.reset',
      targetType: 'staff',
      targetId: staff.id,
      projectId: auditProjectOf(staff),
      detail: { via: 'cli', temporary, sessionsEnded, tokensRevoked, twoFactorReset: !!options.resetTwoFactor },
      at: now,
    });
    return { sessionsEnded, tokensRevoked };
  });
  deps.actorCache?.clear();
  return { staffId: staff.id, password: newPassword, temporary, ...ended, active: staff.active };
}
