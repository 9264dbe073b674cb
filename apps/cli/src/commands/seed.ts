import { DEMO_PASSWORD, seedDemo, type AppDeps } from '@guanjia/server/runtime';
import { hasOrganization } from '@guanjia/storage';

/** Demo data never goes into a production deployment: `serve --demo` and `seed` refuse under NODE_ENV=production. */
export function demoRefusedInProduction(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NODE_ENV !== 'production') return false;
  console.error(
    'NODE_ENV=production 下不能写入演示数据（演示账号的密码是公开的）；请用 guanjia init 创建组织和管理员 (demo data is refused under NODE_ENV=production: its passwords are public; run guanjia init to create the organization and its administrator)',
  );
  return true;
}

export async function hasOrganizations(deps: AppDeps): Promise<boolean> {
  return hasOrganization(deps.database.db);
}

/** Seeds the demo company unless the database already holds an organization. */
export async function seedDemoIfEmpty(deps: AppDeps): Promise<boolean> {
  if (await hasOrganizations(deps)) return false;
  await seedDemo(deps);
  return true;
}

export function demoLoginsText(baseUrl: string): string {
  return [
    '',
    '演示账号 Demo accounts (password / 密码: ' + DEMO_PASSWORD + ')',
    '  staff console 员工:  admin (管理员) · leader (公司领导) · quality (品质管理部) · rep (管理者代表)',
    '                       翠湖花园: agent1 (客服专员) · frontdesk1 (大堂助理) · supervisor1 (客服主管) · steward1 (物业管家)',
    '                                 tech1 (维修员) · enghead1 (工程部经理) · manager1 (管理处主任) · archivist1 (档案管理员)',
    '                       滨江名苑: agent2 · tech2 · enghead2 · manager2',
    '  owner portal 业主:   13800000001 (张伟) · 13800000002 (李娜) · 13800000003 (王芳) · 13800000004 (刘洋)',
    `  sign in: POST ${baseUrl}/api/auth/login {"username":"agent1","password":"${DEMO_PASSWORD}"}`,
    `  API docs 接口文档: ${baseUrl}/docs`,
    '',
  ].join('\n');
}
