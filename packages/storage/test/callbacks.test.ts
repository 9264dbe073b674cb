import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callbackModeOf,
  findCallback,
  insertCallbackRecord,
  insertCallbacks,
  listCallbackRecords,
  listCallbacks,
  updateCallbackAfterAttempt,
  upsertCallbackSetting,
  type CallbackRow,
  type Database,
} from '../src/index.ts';
import { freshDatabase } from '../src/testing/fresh-database.ts';

/** The callbacks repository (migration 0025) on the database under test: one open callback per case and source, attempts, settings. */
let database: Database;
let drop: () => Promise<void>;
beforeAll(async () => {
  ({ database, drop } = await freshDatabase());
});
afterAll(async () => drop());

const at = '2026-11-02T02:00:00.000Z';
const row = (id: string, over: Partial<CallbackRow> = {}): CallbackRow => ({
  id,
  organizationId: 'o',
  projectId: 'p',
  caseId: 'c1',
  caseType: 'repair',
  unitId: null,
  ownerId: null,
  source: 'primary_repair',
  status: 'due',
  roundId: null,
  assigneeId: null,
  period: null,
  dueAt: '2026-11-04T02:00:00.000Z',
  attempts: 0,
  nextAttemptAt: null,
  lastAttemptAt: null,
  outcome: null,
  followUp: null,
  followUpCaseId: null,
  madeBy: null,
  completedAt: null,
  createdBy: null,
  createdAt: at,
  updatedAt: at,
  ...over,
});

describe('callbacks repository', () => {
  it('keeps one open callback per case and source; another source or a closed one is fine', async () => {
    const db = database.db;
    expect(await insertCallbacks(db, [row('a'), row('b'), row('c', { source: 'rework' })])).toEqual(['a', 'c']);
    const patch = {
      status: 'done' as const,
      attempts: 1,
      nextAttemptAt: null,
      lastAttemptAt: at,
      outcome: 'satisfied' as const,
      followUp: null,
      madeBy: 's',
      completedAt: at,
      updatedAt: at,
    };
    expect(await updateCallbackAfterAttempt(db, 'a', 0, patch)).toBe(true);
    expect(await updateCallbackAfterAttempt(db, 'a', 0, patch)).toBe(false);
    expect(await insertCallbacks(db, [row('d')])).toEqual(['d']);
    expect((await findCallback(db, 'a'))?.status).toBe('done');
    const due = await listCallbacks(db, { projectIds: ['p'], statuses: ['due'], limit: 10 });
    expect(due.map((c) => c.id)).toEqual(['c', 'd']);
    await insertCallbackRecord(db, {
      id: 'r1',
      callbackId: 'a',
      organizationId: 'o',
      projectId: 'p',
      caseId: 'c1',
      attempt: 1,
      reached: true,
      quality: 'satisfied',
      attitude: 'satisfied',
      result: 'resolved',
      ownerWords: '很好',
      note: null,
      channel: 'hotline',
      nextAttemptAt: null,
      madeBy: 's',
      madeAt: at,
    });
    expect((await listCallbackRecords(db, ['a']))[0]).toMatchObject({ reached: true, ownerWords: '很好' });
  });

  it('a category without a setting is called back always; a setting is replaced', async () => {
    const db = database.db;
    expect(await callbackModeOf(db, 'p', '水电')).toBe('always');
    await upsertCallbackSetting(db, { organizationId: 'o', projectId: 'p', category: '水电', mode: 'never', updatedBy: 's', updatedAt: at });
    await upsertCallbackSetting(db, { organizationId: 'o', projectId: 'p', category: '水电', mode: 'skip_if_rated', updatedBy: 's', updatedAt: at });
    expect(await callbackModeOf(db, 'p', '水电')).toBe('skip_if_rated');
  });
});
