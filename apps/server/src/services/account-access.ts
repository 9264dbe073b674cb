import { deleteSessionsOf, revokeApiTokensOf } from '@guanjia/storage';
import type { Kysely } from 'kysely';
import type { Schema } from '@guanjia/storage';

/**
 * Ends an account's access at once (issue 9): every session but the one given, and every API token.
 * Called in the transaction of a password change, an administrator's reset or a deactivation; the
 * caller clears the actor cache after commit.
 */
export async function endAccountAccess(db: Kysely<Schema>, account: { kind: 'staff' | 'owner'; id: string }, at: string, keepTokenHash: string | null = null) {
  const sessions = await deleteSessionsOf(db, account.kind, account.id, keepTokenHash);
  const apiTokens = account.kind === 'staff' ? await revokeApiTokensOf(db, account.id, at) : 0;
  return { sessions, apiTokens };
}
