import { refuse, type ErrorCode, type Refusal } from '../shared/errors.ts';
import { PASSWORD_MIN_LENGTH, passwordRuleBroken, type PasswordRule } from './password-policy.ts';

const CODE_BY_RULE: Record<PasswordRule, ErrorCode> = {
  too_short: 'PASSWORD_TOO_SHORT',
  same_as_username: 'PASSWORD_SAME_AS_USERNAME',
  common: 'PASSWORD_TOO_COMMON',
};

/** The refusal for a password that breaks the policy (naming the field and the rule), or null. */
export function passwordRefusal(password: string, username: string, field: string): Refusal | null {
  const rule = passwordRuleBroken(password, username);
  return rule ? refuse(CODE_BY_RULE[rule], field, { min: PASSWORD_MIN_LENGTH }) : null;
}
