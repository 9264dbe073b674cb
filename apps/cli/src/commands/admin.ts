import { parseArgs } from 'node:util';
import { openRuntime, resetStaffPasswordFromCli } from '@guanjia/server/runtime';
import { reportRefusal } from '../errors.ts';

/**
 * guanjia admin reset-password <username> [--password P]: on the server, for an operator locked out
 * of the console. Prints the new temporary password (unless one was given), clears the lockout and
 * ends every session and API token of the account.
 */
export async function admin(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'reset-password') {
    console.error('usage: guanjia admin reset-password <username> [--password P]');
    return 2;
  }
  const { values, positionals } = parseArgs({ args: rest, options: { password: { type: 'string' } }, allowPositionals: true, strict: true });
  const username = positionals[0];
  if (!username || positionals.length > 1) {
    console.error('usage: guanjia admin reset-password <username> [--password P]');
    return 2;
  }
  const { deps } = await openRuntime();
  try {
    const reset = await resetStaffPasswordFromCli(deps, username, values.password);
    if (reset.temporary) console.log(`临时密码 Temporary password for ${username}: ${reset.password}`);
    else console.log(`已为 ${username} 设置新密码 (new password set for ${username})`);
    console.log(`已解除锁定；已结束 ${reset.sessionsEnded} 个会话，吊销 ${reset.tokensRevoked} 个 API 令牌 (lockout cleared; ${reset.sessionsEnded} sessions ended, ${reset.tokensRevoked} API tokens revoked)`);
    if (!reset.active) console.log('注意：该账号已停用，需由管理员重新启用 (note: the account is deactivated; an administrator must reactivate it)');
    return 0;
  } catch (error) {
    return reportRefusal(error, { username: 'username', password: '--password' });
  } finally {
    await deps.database.close();
  }
}
