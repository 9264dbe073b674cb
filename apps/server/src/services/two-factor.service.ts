import { auditProjectOf, DomainError, twoFactorRequired, capabilitiesOf, type StaffActor } from '@guanjia/core';
import { appendAudit, findOrganization, findStaff, updateStaff, type StaffRecord } from '@guanjia/storage';
import type { AppDeps } from '../context.ts';
import { verifyPassword } from '../security/passwords.ts';
import { hashRecoveryCode, matchTotp, newRecoveryCodes, newTotpSecret, totpQrSvg, totpUri } from '../security/totp.ts';
import { inTransaction } from './transaction.ts';

/**
 * Two-step verification (两步验证) for staff: enrolment (a secret shown as a QR code, confirmed with a
 * first code), sign-in with a code or a one-time recovery code, and turning it off where allowed.
 */

async function currentStaff(deps: AppDeps, actor: StaffActor): Promise<StaffRecord> {
  const s = await findStaff(deps.database.db, actor.id);
  if (!s || !s.active) throw new DomainError('UNAUTHENTICATED');
  return s;
}

/**
 * Checks a sign-in's second factor and uses it up: a TOTP code is accepted once (its time step is
 * remembered), a recovery code is struck off. False when neither matches.
 */
export async function useSecondFactor(deps: AppDeps, s: StaffRecord, code: string): Promise<boolean> {
  if (!s.totpSecret) return false;
  const secret = deps.cipher.decrypt(s.totpSecret);
  const trimmed = code.trim();
  const step = await matchTotp(secret, trimmed.replace(/\s/g, ''), deps.now(), s.totpLastStep);
  if (step !== null) {
    await updateStaff(deps.database.db, s.id, { totpLastStep: step });
    return true;
  }
  const hash = hashRecoveryCode(trimmed);
  if (trimmed.length >= 12 && s.recoveryCodes.includes(hash)) {
    await inTransaction(deps.database, async (db) => {
      await updateStaff(db, s.id, { recoveryCodes: s.recoveryCodes.filter((h) => h !== hash) });
      await appendAudit(db, {
        organizationId: s.organizationId,
        actorKind: 'staff',
        actorId: s.id,
        action: 'two_factor.recovery_code_used',
        targetType: 'staff',
        targetId: s.id,
        projectId: auditProjectOf(s),
        detail: { left: s.recoveryCodes.length - 1 },
        at: deps.now(),
      });
    });
    return true;
  }
  return false;
}

/** Starts enrolment: a new secret (kept aside until confirmed), its otpauth address and QR code. */
export async function startTwoFactorSetup(deps: AppDeps, actor: StaffActor) {
  const s = await currentStaff(deps, actor);
  const secret = newTotpSecret();
  await updateStaff(deps.database.db, s.id, { totpPendingSecret: deps.cipher.encrypt(secret), updatedAt: deps.now() });
  const uri = totpUri(secret, s.username);
  return { secret, otpauthUri: uri, qrSvg: await totpQrSvg(uri) };
}

/** Confirms enrolment with a first code; answers the recovery codes, shown this once. */
export async function enableTwoFactor(deps: AppDeps, actor: StaffActor, code: string) {
  const s = await currentStaff(deps, actor);
  if (!s.totpPendingSecret) throw new DomainError('TWO_FACTOR_NOT_STARTED');
  const secret = deps.cipher.decrypt(s.totpPendingSecret);
  const step = await matchTotp(secret, code.replace(/\s/g, ''), deps.now(), null);
  if (step === null) throw new DomainError('TWO_FACTOR_CODE_WRONG', 'code');
  const recoveryCodes = newRecoveryCodes();
  const now = deps.now();
  await inTransaction(deps.database, async (db) => {
    await updateStaff(db, s.id, {
      totpSecret: s.totpPendingSecret,
      totpPendingSecret: null,
      totpLastStep: step,
      recoveryCodes: recoveryCodes.map(hashRecoveryCode),
      updatedAt: now,
    });
    await appendAudit(db, {
      organizationId: s.organizationId,
      actorKind: 'staff',
      actorId: s.id,
      action: 'two_factor.enable',
      targetType: 'staff',
      targetId: s.id,
      projectId: auditProjectOf(s),
      at: now,
    });
  });
  deps.actorCache?.clear();
  return { recoveryCodes };
}

/** New recovery codes (the old ones stop working), confirmed with a current code. */
export async function renewRecoveryCodes(deps: AppDeps, actor: StaffActor, code: string) {
  const s = await currentStaff(deps, actor);
  if (!s.totpSecret) throw new DomainError('TWO_FACTOR_NOT_STARTED');
  const step = await matchTotp(deps.cipher.decrypt(s.totpSecret), code.replace(/\s/g, ''), deps.now(), s.totpLastStep);
  if (step === null) throw new DomainError('TWO_FACTOR_CODE_WRONG', 'code');
  const recoveryCodes = newRecoveryCodes();
  const now = deps.now();
  await inTransaction(deps.database, async (db) => {
    await updateStaff(db, s.id, { totpLastStep: step, recoveryCodes: recoveryCodes.map(hashRecoveryCode), updatedAt: now });
    await appendAudit(db, {
      organizationId: s.organizationId,
      actorKind: 'staff',
      actorId: s.id,
      action: 'two_factor.recovery_codes',
      targetType: 'staff',
      targetId: s.id,
      projectId: auditProjectOf(s),
      at: now,
    });
  });
  return { recoveryCodes };
}

/** Turns two-step verification off (password required); administrators of a real company may not. */
export async function disableTwoFactor(deps: AppDeps, actor: StaffActor, password: string) {
  const s = await currentStaff(deps, actor);
  if (!(await verifyPassword(password, s.passwordHash))) throw new DomainError('CURRENT_PASSWORD_WRONG', 'password');
  const org = await findOrganization(deps.database.db, s.organizationId);
  if (twoFactorRequired({ capabilities: capabilitiesOf(s.roles), demoOrganization: !!org?.isDemo })) throw new DomainError('TWO_FACTOR_MANDATORY');
  const now = deps.now();
  await inTransaction(deps.database, async (db) => {
    await updateStaff(db, s.id, { totpSecret: null, totpPendingSecret: null, totpLastStep: null, recoveryCodes: [], updatedAt: now });
    await appendAudit(db, {
      organizationId: s.organizationId,
      actorKind: 'staff',
      actorId: s.id,
      action: 'two_factor.disable',
      targetType: 'staff',
      targetId: s.id,
      projectId: auditProjectOf(s),
      at: now,
    });
  });
  deps.actorCache?.clear();
}
