import type { Capability } from '../structure/roles.ts';

/**
 * Steps a signed-in account must take before it may do anything else (issue 9):
 * - change_password: an administrator reset the password (强制改密);
 * - enrol_two_factor: the account administers staff and has no second factor yet (管理员必须开启两步验证).
 * A session with pending steps reaches only the routes that complete them (and me/logout).
 */
export type AccountSetupStep = 'change_password' | 'enrol_two_factor';

export interface AccountSecurityState {
  mustChangePassword: boolean;
  twoFactorEnabled: boolean;
  capabilities: ReadonlySet<Capability>;
  /** Demo organizations hold no administrator to the second factor (the demo stays one click away). */
  demoOrganization: boolean;
}

/** Accounts that can change other accounts must sign in with a second factor. */
export function twoFactorRequired(state: Pick<AccountSecurityState, 'capabilities' | 'demoOrganization'>): boolean {
  return state.capabilities.has('staff.admin') && !state.demoOrganization;
}

export function pendingSetupSteps(state: AccountSecurityState): AccountSetupStep[] {
  const steps: AccountSetupStep[] = [];
  if (state.mustChangePassword) steps.push('change_password');
  if (!state.twoFactorEnabled && twoFactorRequired(state)) steps.push('enrol_two_factor');
  return steps;
}
