import { parseArgs } from 'node:util';
import { openRuntime, resetStaffPasswordFromCli } from '@guanjia/server/runtime';
import { reportRefusal } from '../errors.ts';

const USAGE = 'usage: guanjia admin reset-password <username> [--password P] [--reset-two-factor]';

/**
 * guanjia admin reset-password <username> [--password P] [--reset-two-factor]: on the server, for an
 * operator locked out of the console. Prints the new temporary password (unless one was given),
 * clears the lockout, ends every session and API token of the account, and makes it choose its own
 * password at its next sign-in; --reset-two-factor also turns off two-step verification (a lost phone).
 */
export async function admin(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'reset-password') {
    console.error(USAGE);
    return 2;
  }
  const { values, positionals } = parseArgs({
    args: rest,
    options: { password: { type: 'string' }, 'reset-two-factor': { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  });
  const username = positionals[0];
  if (!username || positionals.length > 1) {
    console.error(USAGE);
    return 2;
  }
  const { deps } = await openRuntime();
  try {
    const reset = await resetStaffPasswordFromCli(deps, username, values.password, { resetTwoFactor: values['reset-two-factor'] });
    if (reset.temporary) console.log(`临时密码 Temporary password for ${username}: ${reset.password}`);
    else console.log(`已为 ${username} 设置新密码 (new password set for ${username})`);
    console.log(
      `已解除锁定；已结束 ${reset.sessionsEnded} 个会话，吊销 ${reset.tokensRevoked} 个 API 令牌 (lockout cleared; ${reset.sessionsEnded} sessions ended, ${reset.tokensRevoked} API tokens revoked)`,
    );
    console.log('下次登录时须设置新密码 (a new password must be chosen at the next sign-in)');
    if (values['reset-two-factor']) console.log('已关闭两步验证 (two-step verification turned off)');
    if (!reset.active) console.log('注意：该账号已停用，需由管理员重新启用 (note: the account is deactivated; an administrator must reactivate it)');
    return 0;
  } catch (error) {
    return reportRefusal(error, { username: 'username', password: '--password' });
  } finally {
    await deps.database.close();
  }
}
