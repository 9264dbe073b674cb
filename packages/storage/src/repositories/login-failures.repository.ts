import type { Kysely } from 'kysely';
import type { Schema } from '../schema.ts';

type Db = Kysely<Schema>;

/** Which sign-in a count belongs to: staff usernames and owner portal logins are separate spaces. */
export interface LoginAttemptKey {
  accountKind: 'staff' | 'owner';
  /** The login name as typed, normalized (trimmed, lower case): unknown names count like known ones. */
  login: string;
  /** Where the attempt came from (the client address as the server trusts it). */
  source: string;
}

/** Login names compare trimmed and in lower case, so "Admin " and "admin" share one count. */
export function normalizeLogin(login: string): string {
  return login.trim().toLowerCase();
}

export interface LoginFailureState {
  failedLogins: number;
  lockedUntil: string | null;
  /** When the login last succeeded from this source (a familiar source), if ever. */
  lastSuccessAt: string | null;
}

export async function findLoginFailures(db: Db, key: LoginAttemptKey): Promise<LoginFailureState | null> {
  const row = await db
    .selectFrom('loginFailures')
    .select(['failedLogins', 'lockedUntil', 'lastSuccessAt'])
    .where('accountKind', '=', key.accountKind)
    .where('login', '=', key.login)
    .where('source', '=', key.source)
    .executeTakeFirst();
  return row ?? null;
}

export async function saveLoginFailures(db: Db, key: LoginAttemptKey, state: Omit<LoginFailureState, 'lastSuccessAt'>, at: string): Promise<void> {
  await db
    .insertInto('loginFailures')
    .values({ ...key, ...state, lastSuccessAt: null, updatedAt: at })
    .onConflict((oc) =>
      oc.columns(['accountKind', 'login', 'source']).doUpdateSet({ failedLogins: state.failedLogins, lockedUntil: state.lockedUntil, updatedAt: at }),
    )
    .execute();
}

/** A successful sign-in from a source forgets that source's failures and makes it familiar. */
export async function recordLoginSuccess(db: Db, key: LoginAttemptKey, at: string): Promise<void> {
  await db
    .insertInto('loginFailures')
    .values({ ...key, failedLogins: 0, lockedUntil: null, lastSuccessAt: at, updatedAt: at })
    .onConflict((oc) => oc.columns(['accountKind', 'login', 'source']).doUpdateSet({ failedLogins: 0, lockedUntil: null, lastSuccessAt: at, updatedAt: at }))
    .execute();
}

/** An administrator's reset lifts every lock on the login, from every source. */
export async function clearAllLoginFailures(db: Db, accountKind: LoginAttemptKey['accountKind'], login: string, at: string): Promise<void> {
  await db
    .updateTable('loginFailures')
    .set({ failedLogins: 0, lockedUntil: null, updatedAt: at })
    .where('accountKind', '=', accountKind)
    .where('login', '=', normalizeLogin(login))
    .execute();
}

/** Counts of sources that never succeeded, untouched since `before` and not locked, are forgotten (keeps the table small). */
export async function pruneLoginFailures(db: Db, before: string): Promise<number> {
  const result = await db
    .deleteFrom('loginFailures')
    .where('updatedAt', '<', before)
    .where('lastSuccessAt', 'is', null)
    .where((eb) => eb.or([eb('lockedUntil', 'is', null), eb('lockedUntil', '<', before)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
