import { DomainError, PASSWORD_MIN_LENGTH, PASSWORD_RULE_ERRORS, passwordRuleBroken } from '@guanjia/core';

/** Throws the error naming the rule of the password policy that `password` breaks (field: `field`). */
export function requirePasswordPolicy(password: string, username: string, field = 'password'): void {
  const rule = passwordRuleBroken(password, username);
  if (rule) throw new DomainError(PASSWORD_RULE_ERRORS[rule], field, { min: PASSWORD_MIN_LENGTH });
}
