import type { Kysely } from 'kysely';
import { decodeRow, encodeRow, type RowShape } from '../codec.ts';
import type { Schema } from '../schema.ts';

/**
 * The weekly sample's rounds (抽样回访, migration 0028): one per project and week (unique index), with
 * the seed, the population and the sample as stored ids; its callbacks are `callbacks` rows with its id.
 */
type Db = Kysely<Schema>;

export interface CallbackRoundRecord {
  id: string;
  organizationId: string;
  projectId: string;
  /** The Monday of the sampled week (the project's local date). */
  weekStart: string;
  seed: number;
  percent: number;
  populationSize: number;
  populationDigest: string;
  /** Sorted. */
  populationIds: string[];
  /** Sorted. */
  sampledIds: string[];
  callerId: string | null;
  /** Null: drawn by the scheduler. */
  createdBy: string | null;
  createdAt: string;
}
const ROUND_SHAPE: RowShape = { booleans: [], json: ['populationIds', 'sampledIds'] };
const decodeRound = (r: Record<string, unknown>) => {
  const round = decodeRow<CallbackRoundRecord>(r, ROUND_SHAPE);
  return { ...round, seed: Number(round.seed) };
};

export async function insertCallbackRound(db: Db, r: CallbackRoundRecord): Promise<void> {
  await db
    .insertInto('callbackRounds')
    .values(encodeRow(r, ROUND_SHAPE) as never)
    .execute();
}

export async function findCallbackRound(db: Db, id: string): Promise<CallbackRoundRecord | null> {
  const row = await db.selectFrom('callbackRounds').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? decodeRound(row) : null;
}

export async function roundExists(db: Db, projectId: string, weekStart: string): Promise<boolean> {
  return !!(await db.selectFrom('callbackRounds').select('id').where('projectId', '=', projectId).where('weekStart', '=', weekStart).executeTakeFirst());
}

/** Rounds of some projects (or all of an organization's), the latest week first. */
export async function listCallbackRounds(db: Db, organizationId: string, projectIds: readonly string[] | 'all', limit: number): Promise<CallbackRoundRecord[]> {
  if (projectIds !== 'all' && projectIds.length === 0) return [];
  let q = db.selectFrom('callbackRounds').selectAll().where('organizationId', '=', organizationId);
  if (projectIds !== 'all') q = q.where('projectId', 'in', [...projectIds]);
  return (await q.orderBy('weekStart', 'desc').orderBy('projectId').limit(limit).execute()).map(decodeRound);
}

export async function setRoundCaller(db: Db, id: string, callerId: string, at: string): Promise<void> {
  await db.updateTable('callbackRounds').set({ callerId }).where('id', '=', id).execute();
  // its callbacks still to call go to the caller
  await db.updateTable('callbacks').set({ assigneeId: callerId, updatedAt: at }).where('roundId', '=', id).where('status', '=', 'due').execute();
}

/** Work orders (repairs) of a project completed in [from, to): the weekly sample's population, ids sorted. */
export async function completedWorkOrderIds(db: Db, projectId: string, from: string, to: string): Promise<string[]> {
  const rows = await db
    .selectFrom('cases')
    .select('id')
    .where('type', '=', 'repair')
    .where('doneAt', 'is not', null)
    .where('doneAt', '>=', from)
    .where('doneAt', '<', to)
    .where('projectId', '=', projectId)
    .execute();
  return rows.map((r) => r.id).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Every project with its organization and time zone (the Monday tick's list). */
export async function listAllProjectZones(db: Db): Promise<{ id: string; organizationId: string; timeZone: string }[]> {
  return db.selectFrom('projects').select(['id', 'organizationId', 'timeZone']).orderBy('id').execute();
}
