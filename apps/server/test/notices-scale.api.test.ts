import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planOutbox } from '../src/delivery/worker.ts';
import { seedHouseholds } from './fixtures/notice-households.ts';
import { createTestContext, TEST_DB, type TestContext } from './harness.ts';

/**
 * A notice to many households (issue 13 item 7): the delivery worker's planning reads the targeted
 * homes, the owners' reach and their last pushes in batches and writes the deliveries in chunks (the
 * batches and chunks are smaller than the households here, so their seams are crossed). Here a project
 * of 12 buildings × 500 homes, one owner each (phones for all, a linked WeChat for a third, some email,
 * some 免打扰 and mutes), gets a published notice: one delivery per owner, each outcome as the rules
 * say. How fast (a notice to 20,000 households, target ≤ 2 s to enqueue) is the notify bench's to
 * measure (`npm run bench -- notify`), not a timed test.
 */
let t: TestContext;
const HOUSEHOLDS = 6_000;
const BUILDINGS = 12;
let projectId = '';

beforeAll(async () => {
  t = await createTestContext();
  projectId = await seedHouseholds(t, HOUSEHOLDS, BUILDINGS);
}, 240_000);

afterAll(async () => t?.close());

describe(`a notice to ${HOUSEHOLDS} households (${TEST_DB})`, () => {
  it('is enqueued — one delivery per owner, each outcome kept — in batched reads and chunked writes', async () => {
    const manager = await t.login('admin');
    const created = await t.request(manager, {
      method: 'POST',
      url: '/api/notices',
      payload: { projectId, kind: 'reminder', title: '物业费缴纳提醒', body: '本季度物业费请于月底前缴纳。' },
    });
    expect(created.status).toBe(201);
    expect((await t.request(manager, { method: 'POST', url: `/api/notices/${created.body.id}/submit` })).status).toBe(200);
    expect((await t.request(await t.login('leader'), { method: 'POST', url: `/api/notices/${created.body.id}/approve` })).status).toBe(200);
    const planned = await planOutbox(t.deps);
    expect(planned.deliveries).toBe(HOUSEHOLDS);
    const rows = await (t.deps.database.db as any)
      .selectFrom('deliveries')
      .select(['channel', 'status', (eb: any) => eb.fn.countAll().as('n')])
      .where('sourceId', '=', created.body.id)
      .groupBy(['channel', 'status'])
      .execute();
    const count = (channel: string, status: string) => Number(rows.find((r: any) => r.channel === channel && r.status === status)?.n ?? 0);
    // every 7th prefers email (and has it); every 3rd has WeChat (tried first otherwise); every 11th muted reminders by SMS
    const index = Array.from({ length: HOUSEHOLDS }, (_, i) => i);
    const emailed = index.filter((i) => i % 7 === 0).length;
    const wechat = index.filter((i) => i % 7 !== 0 && i % 3 === 0).length;
    const muted = index.filter((i) => i % 7 !== 0 && i % 3 !== 0 && i % 11 === 0).length;
    expect([count('email', 'queued'), count('wechat', 'queued'), count('sms', 'muted')]).toEqual([emailed, wechat, muted]);
    expect(count('sms', 'queued')).toBe(HOUSEHOLDS - emailed - wechat - muted);
    expect(rows.reduce((a: number, r: any) => a + Number(r.n), 0)).toBe(HOUSEHOLDS);
  }, 120_000);
});
