import type { ErrorCode } from '../shared/errors.ts';
import { COMMON_PASSWORDS } from './common-passwords.ts';

/** Which rule of the password policy a password breaks (口令策略). */
export type PasswordRule = 'too_short' | 'same_as_username' | 'common';

export const PASSWORD_MIN_LENGTH = 10;

const COMMON = new Set(COMMON_PASSWORDS);

/**
 * The password policy: at least 10 characters (code points), not the username (any case), and not one
 * of the common passwords shipped with the project (compared lower-case). Returns the first rule
 * broken, or null when the password is acceptable.
 */
export function passwordRuleBroken(password: string, username: string): PasswordRule | null {
  if ([...password].length < PASSWORD_MIN_LENGTH) return 'too_short';
  const lower = password.toLowerCase();
  if (username && lower === username.toLowerCase()) return 'same_as_username';
  if (COMMON.has(lower)) return 'common';
  return null;
}

/** The error code that names each rule (messages in i18n/messages.ts; params: { min }). */
export const PASSWORD_RULE_ERRORS = {
  too_short: 'PASSWORD_TOO_SHORT',
  same_as_username: 'PASSWORD_SAME_AS_USERNAME',
  common: 'PASSWORD_TOO_COMMON',
} as const satisfies Record<PasswordRule, ErrorCode>;
