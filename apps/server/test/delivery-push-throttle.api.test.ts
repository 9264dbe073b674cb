import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planOutbox } from '../src/delivery/worker.ts';
import { createTestContext, type TestContext } from './harness.ts';

/**
 * One push per owner per hour for common notices (issue 13 item 7), under races: the throttle reads
 * the pushes already written, so
 * - two common notices planned in one outbox batch: the second sees the first's planned pushes (the
 *   pass keeps them until it writes them) and is throttled for the owners the first reached;
 * - two planners at once (two server processes on PostgreSQL, here two planning passes of one row
 *   each racing): they take turns per organization, so the second reads what the first wrote;
 * - the hour counts from when a push is planned to go (after the undo window, at the end of 免打扰),
 *   not from when it was planned: a push waiting for 12:00 throttles one planned at 11:30.
 * Planning only: nothing is sent (the SMS channel is set up but no adapter runs).
 */
let t: TestContext;
const db = () => t.deps.database.db as any;
const HOUR = 3_600_000;

beforeAll(async () => {
  t = await createTestContext();
  const admin = await t.login('admin');
  const sms = await t.request(admin, {
    method: 'PUT',
    url: '/api/channels/sms',
    payload: {
      enabled: true,
      config: { baseUrl: 'http://127.0.0.1:9', accessKeyId: 'LTAI5tThrottle', signName: '管家物业', templates: { notice: 'SMS_7101' } },
      secret: 'throttle-test-secret',
    },
  });
  expect(sms.status, JSON.stringify(sms.body)).toBe(200);
  for (const o of Object.values(t.a.owners))
    expect((await t.request(admin, { method: 'PATCH', url: `/api/owners/${o.id}`, payload: { doNotDisturb: [] } })).status).toBe(200);
});
afterAll(async () => {
  await t?.close();
});

/** A common notice (温馨提示, no lead time) to the whole of 翠湖, drafted, submitted and approved: published, its outbox row written. */
async function publishReminder(title: string) {
  const agent = await t.login('agent1');
  const draft = await t.request(agent, {
    method: 'POST',
    url: '/api/notices',
    payload: { projectId: t.a.projects.CUIHU!.id, kind: 'reminder', title, body: '请各位业主留意，谢谢配合。', channels: ['sms'] },
  });
  expect(draft.status, JSON.stringify(draft.body)).toBe(201);
  const submitted = await t.request(agent, { method: 'POST', url: `/api/notices/${draft.body.id}/submit` });
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
  const approved = await t.request(await t.login('manager1'), { method: 'POST', url: `/api/notices/${draft.body.id}/approve` });
  expect(approved.status, JSON.stringify(approved.body)).toBe(200);
  expect(approved.body.status).toBe('published');
  return approved.body as { id: string };
}
const pushesOf = async (noticeId: string) =>
  Object.fromEntries(
    ((await db().selectFrom('deliveries').selectAll().where('sourceType', '=', 'notice').where('sourceId', '=', noticeId).execute()) as any[]).map((d) => [
      d.recipientId,
      d,
    ]),
  );
const cuihuOwners = () => [t.a.owners.zhangwei!, t.a.owners.lina!, t.a.owners.wangfang!];

describe('one common-notice push per owner per hour', () => {
  it('two common notices planned in one batch: the second is throttled for every owner the first reached', async () => {
    const first = await publishReminder('电梯年检温馨提示');
    const second = await publishReminder('垃圾分类温馨提示');
    const planned = await planOutbox(t.deps); // one pass, one batch: both rows
    expect(planned.entries).toBeGreaterThanOrEqual(2);
    const a = await pushesOf(first.id);
    const b = await pushesOf(second.id);
    for (const owner of cuihuOwners()) {
      expect(a[owner.id], owner.name).toMatchObject({ status: 'queued', channel: 'sms' });
      expect(b[owner.id], owner.name).toMatchObject({ status: 'throttled', reason: 'common_notice_within_hour' });
    }
  });

  it('two planners at once (as two processes): they take turns, and the second is throttled', async () => {
    t.advance(2 * 60); // past the hour of the pushes above
    t.forgetLogins();
    const first = await publishReminder('消防通道清理温馨提示');
    const second = await publishReminder('冬季防冻温馨提示');
    // two planning passes racing, one outbox row each: each claims its own row (SKIP LOCKED on PostgreSQL)
    await Promise.all([planOutbox(t.deps, { batch: 1 }), planOutbox(t.deps, { batch: 1 })]);
    const a = await pushesOf(first.id);
    const b = await pushesOf(second.id);
    for (const owner of cuihuOwners()) {
      const statuses = [a[owner.id]?.status, b[owner.id]?.status].sort();
      expect(statuses, owner.name).toEqual(['queued', 'throttled']);
    }
  });

  it('the hour counts from the planned send time: a push waiting for the end of 免打扰 throttles one planned before then', async () => {
    t.advance(2 * 60);
    t.forgetLogins();
    const wangfang = t.a.owners.wangfang!;
    // now 14:00 in Shanghai: 王芳 quiet until 16:00
    expect(new Date(Date.parse(t.deps.now()) + 8 * HOUR).toISOString().slice(11, 16)).toBe('14:00');
    const quiet = await t.request(await t.login('admin'), {
      method: 'PATCH',
      url: `/api/owners/${wangfang.id}`,
      payload: { doNotDisturb: [{ from: '13:00', to: '16:00' }] },
    });
    expect(quiet.status).toBe(200);
    const first = await publishReminder('水箱清洗温馨提示');
    await planOutbox(t.deps);
    const deferred = (await pushesOf(first.id))[wangfang.id];
    expect(deferred).toMatchObject({ status: 'queued', nextAttemptAt: '2026-11-25T08:00:00.000Z' }); // 16:00 local
    expect(deferred.reason).toContain('deferred_for_quiet_hours');
    // 15:30: more than an hour after the first was planned, but it has not gone yet (it goes at 16:00)
    t.advance(90);
    t.forgetLogins();
    const second = await publishReminder('绿化修剪温馨提示');
    await planOutbox(t.deps);
    const b = await pushesOf(second.id);
    expect(b[wangfang.id], 'within the hour of her pending 16:00 push').toMatchObject({ status: 'throttled', reason: 'common_notice_within_hour' });
    // the others were pushed at 14:05 (after the undo window): 15:30 is past their hour
    expect(b[t.a.owners.zhangwei!.id]).toMatchObject({ status: 'queued' });
  });
});
