import { parseArgs } from 'node:util';
import { localizeError, PASSWORD_MIN_LENGTH, PASSWORD_RULE_ERRORS, passwordRuleBroken } from '@guanjia/core';
import { initializeOrganization, openRuntime } from '@guanjia/server/runtime';
import { reportRefusal } from '../errors.ts';
import { ask } from '../prompt.ts';

const FLAGS = {
  'org-code': { type: 'string' },
  'org-name': { type: 'string' },
  'admin-username': { type: 'string' },
  'admin-name': { type: 'string' },
  'admin-password': { type: 'string' },
} as const;

/** Error fields of the service named as the flags an operator typed. */
const FIELD_FLAGS: Record<string, string> = {
  'organization.code': '--org-code',
  'organization.name': '--org-name',
  'admin.username': '--admin-username',
  'admin.name': '--admin-name',
  'admin.password': '--admin-password',
};

/**
 * guanjia init: the organization and its first administrator, once per database. From flags (and
 * GUANJIA_ADMIN_PASSWORD for the password, kept out of the shell history) for automation; what is
 * missing is asked for when stdin is a terminal, else refused naming the missing flags.
 */
export async function init(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: FLAGS, strict: true });
  const given: Partial<Record<keyof typeof FLAGS, string>> = { ...values, 'admin-password': values['admin-password'] ?? process.env.GUANJIA_ADMIN_PASSWORD };
  const interactive = process.stdin.isTTY === true;
  const missing = (Object.keys(FLAGS) as (keyof typeof FLAGS)[]).filter((k) => !given[k]);
  if (missing.length && !interactive) {
    console.error(
      `缺少参数 (missing): ${missing.map((k) => `--${k}`).join(' ')}${missing.includes('admin-password') ? ' (或 or GUANJIA_ADMIN_PASSWORD)' : ''}`,
    );
    return 2;
  }
  if (interactive && missing.length) {
    console.log('初始化管家 Guanjia first run: the organization and its first administrator');
    given['org-code'] ??= await ask('组织代码 Organization code (letters, digits, - _): ');
    given['org-name'] ??= await ask('组织名称 Organization name: ');
    given['admin-username'] ??= await ask('管理员用户名 Administrator username: ');
    given['admin-name'] ??= await ask('管理员姓名 Administrator name: ');
    while (!given['admin-password']) {
      const password = await ask('管理员密码 Administrator password (≥10 characters): ', { secret: true });
      const rule = passwordRuleBroken(password, given['admin-username'] ?? '');
      if (rule) {
        const code = PASSWORD_RULE_ERRORS[rule];
        console.error(
          `${localizeError(code, 'zh-CN', { min: PASSWORD_MIN_LENGTH })} (${localizeError(code, 'en', { min: PASSWORD_MIN_LENGTH })}); 请重新输入 try again`,
        );
        continue;
      }
      if ((await ask('再输入一次 Again: ', { secret: true })) !== password) {
        console.error('两次输入不一致 (the two entries differ)');
        continue;
      }
      given['admin-password'] = password;
    }
  }
  const { deps } = await openRuntime();
  try {
    await initializeOrganization(deps, {
      organization: { code: given['org-code'], name: given['org-name'] },
      admin: { username: given['admin-username'], name: given['admin-name'], password: given['admin-password'] },
    });
    console.log(`已初始化 Initialized: ${given['org-name']} (${given['org-code']}); 管理员 administrator: ${given['admin-username']}`);
    console.log('下一步 Next: guanjia serve, then sign in to the console and add projects, departments and staff.');
    return 0;
  } catch (error) {
    return reportRefusal(error, FIELD_FLAGS);
  } finally {
    await deps.database.close();
  }
}
