import { COMMON_PASSWORDS } from './common-passwords.ts';

/** The password rules (issue 9): at least 10 characters, not the username, not a common password. */
export type PasswordRule = 'too_short' | 'same_as_username' | 'common';

export const PASSWORD_MIN_LENGTH = 10;

const COMMON = new Set(COMMON_PASSWORDS.map((p) => p.toLowerCase()));

/** The first rule a password breaks, or null when it may be used. */
export function passwordRuleBroken(password: string, username: string): PasswordRule | null {
  if ([...password].length < PASSWORD_MIN_LENGTH) return 'too_short';
  const lower = password.toLowerCase();
  if (username && lower === username.trim().toLowerCase()) return 'same_as_username';
  if (COMMON.has(lower)) return 'common';
  return null;
}
