import type { Kysely, Selectable } from 'kysely';
import type { DisplayTokensTable, Schema } from '../schema.ts';

type Db = Kysely<Schema>;

/** A wallboard's display token (大屏令牌) as the domain sees it: its projects decoded, never the token itself. */
export type DisplayTokenRecord = Omit<Selectable<DisplayTokensTable>, 'projectIds'> & { projectIds: string[] };

const decode = (r: Selectable<DisplayTokensTable>): DisplayTokenRecord => ({ ...r, projectIds: JSON.parse(r.projectIds) as string[] });

export async function insertDisplayToken(db: Db, t: DisplayTokenRecord): Promise<void> {
  await db
    .insertInto('displayTokens')
    .values({ ...t, projectIds: JSON.stringify(t.projectIds) })
    .execute();
}
export async function findDisplayTokenByHash(db: Db, tokenHash: string): Promise<DisplayTokenRecord | null> {
  const r = await db.selectFrom('displayTokens').selectAll().where('tokenHash', '=', tokenHash).executeTakeFirst();
  return r ? decode(r) : null;
}
export async function findDisplayToken(db: Db, id: string): Promise<DisplayTokenRecord | null> {
  const r = await db.selectFrom('displayTokens').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? decode(r) : null;
}
export async function listDisplayTokens(db: Db, organizationId: string): Promise<DisplayTokenRecord[]> {
  const rows = await db.selectFrom('displayTokens').selectAll().where('organizationId', '=', organizationId).orderBy('createdAt').orderBy('id').execute();
  return rows.map(decode);
}
export async function revokeDisplayToken(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('displayTokens').set({ revokedAt: at }).where('id', '=', id).where('revokedAt', 'is', null).execute();
}
/** Written at most once a minute by the caller. */
export async function touchDisplayToken(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('displayTokens').set({ lastUsedAt: at }).where('id', '=', id).execute();
}
