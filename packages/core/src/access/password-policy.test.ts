import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMMON_PASSWORDS } from './common-passwords.ts';
import { PASSWORD_MIN_LENGTH, PASSWORD_RULE_ERRORS, passwordRuleBroken } from './password-policy.ts';
import { localizeError } from '../i18n/messages.ts';

describe('password policy', () => {
  it('refuses short passwords, the username, and common passwords; accepts a long uncommon one', () => {
    expect(passwordRuleBroken('12345678', 'agent1')).toBe('too_short');
    expect(passwordRuleBroken('abcdefghi', 'agent1')).toBe('too_short');
    expect(passwordRuleBroken('zhangsan2026', 'zhangsan2026')).toBe('same_as_username');
    expect(passwordRuleBroken('ZhangSan2026', 'zhangsan2026')).toBe('same_as_username');
    for (const p of ['woaini1314', 'qq123456789', 'a123456789', '1qaz2wsx3edc', 'Password123', 'QWERTYUIOP', '1234567890', '5201314520'])
      expect(passwordRuleBroken(p, 'agent1')).toBe('common');
    expect(passwordRuleBroken('翠湖花园-17栋-漏水', 'agent1')).toBeNull();
    expect(passwordRuleBroken('correct horse battery', 'agent1')).toBeNull();
  });

  it('counts characters, not UTF-16 units: nine Chinese characters are too short', () => {
    expect(passwordRuleBroken('翠湖花园管理处客服中', 'x')).toBeNull(); // 10
    expect(passwordRuleBroken('翠湖花园管理处客服', 'x')).toBe('too_short'); // 9
    expect(passwordRuleBroken('😀'.repeat(9), 'x')).toBe('too_short');
  });

  it('ships a list of at least 1000 lower-case entries of at least 10 characters', () => {
    expect(COMMON_PASSWORDS.length).toBeGreaterThanOrEqual(1000);
    for (const p of COMMON_PASSWORDS) {
      expect(p).toBe(p.toLowerCase());
      expect(p.length).toBeGreaterThanOrEqual(PASSWORD_MIN_LENGTH);
    }
  });

  it('property: every password shorter than 10 characters is too short, whatever the username', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: PASSWORD_MIN_LENGTH - 1, unit: 'grapheme' }), fc.string(), (password, username) => {
        fc.pre([...password].length < PASSWORD_MIN_LENGTH);
        expect(passwordRuleBroken(password, username)).toBe('too_short');
      }),
    );
  });

  it('property: a long password equal to the username in any case is refused as the username', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9_]{10,24}$/), fc.boolean(), (username, upper) => {
        expect(passwordRuleBroken(upper ? username.toUpperCase() : username, username)).toBe('same_as_username');
      }),
    );
  });

  it('property: every common password, in any casing, is refused as common (for another username)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...COMMON_PASSWORDS), fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }), (common, flips) => {
        const cased = [...common].map((ch, i) => (flips[i % flips.length] ? ch.toUpperCase() : ch)).join('');
        expect(passwordRuleBroken(cased, 'someone-else')).toBe('common');
      }),
    );
  });

  it('property: the verdict is one of the rules or null, and null only for long, uncommon, non-username passwords', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), fc.string({ maxLength: 12 }), (password, username) => {
        const rule = passwordRuleBroken(password, username);
        const ok =
          [...password].length >= PASSWORD_MIN_LENGTH &&
          password.toLowerCase() !== username.toLowerCase() &&
          !COMMON_PASSWORDS.includes(password.toLowerCase());
        expect(rule === null).toBe(ok);
      }),
    );
  });

  it('each rule has an error code with a zh-CN and an English message naming it', () => {
    expect(localizeError(PASSWORD_RULE_ERRORS.too_short, 'zh-CN', { min: 10 })).toContain('至少需要 10 个字符');
    expect(localizeError(PASSWORD_RULE_ERRORS.too_short, 'en', { min: 10 })).toContain('at least 10 characters');
    expect(localizeError(PASSWORD_RULE_ERRORS.same_as_username, 'en')).toContain('user name');
    expect(localizeError(PASSWORD_RULE_ERRORS.common, 'zh-CN')).toContain('常见');
  });
});
