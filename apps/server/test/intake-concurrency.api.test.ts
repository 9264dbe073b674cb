import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from './harness.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t?.close());

/**
 * Intake writes each case in one write (decision 0016). Many creations at once: each gets its own
 * number, every answered one is stored whole, and one whose write fails (its idempotency key taken
 * with another body) is refused alone, writing nothing.
 */
describe('concurrent intake', () => {
  it('thirty creations at once: distinct numbers, each with its event, clock, outbox row and key; a reused key is refused alone', async () => {
    const agent = await t.login('agent1');
    const z = t.a.owners.zhangwei!;
    const base = { projectId: t.a.projects.CUIHU!.id, type: 'repair', channel: 'hotline', ownerId: z.id, unitId: z.unitId, repairGrade: 'urgent' };
    await t.request(agent, { method: 'POST', url: '/api/cases', payload: { ...base, description: '先到的' }, headers: { 'idempotency-key': 'burst-taken' } });
    const before = {
      cases: await t.count('cases'),
      events: await t.count('case_events'),
      clocks: await t.count('sla_clocks'),
      outbox: await t.count('outbox'),
    };
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        t.request(agent, {
          method: 'POST',
          url: '/api/cases',
          payload: { ...base, description: `同时受理 ${i}` },
          headers: { 'idempotency-key': i === 13 ? 'burst-taken' : `burst-${i}` },
        }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(answers.map((_, i) => (i === 13 ? 409 : 201)));
    expect(answers[13]!.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', field: 'Idempotency-Key' });
    const created = answers.filter((a) => a.status === 201).map((a) => a.body.case as { id: string; number: string; title: string });
    expect(new Set(created.map((c) => c.number)).size).toBe(29);
    for (const c of created) expect(c.number).toMatch(/^BX-\d{8}-\d{6}$/);
    expect(await t.count('cases')).toBe(before.cases + 29);
    expect(await t.count('case_events')).toBe(before.events + 29);
    expect(await t.count('outbox')).toBe(before.outbox + 29);
    // each started the clocks a single creation starts
    const clocksAfterBurst = await t.count('sla_clocks');
    const one = await t.request(agent, { method: 'POST', url: '/api/cases', payload: { ...base, description: '单独一件' } });
    expect(one.status).toBe(201);
    const clocksPerCase = (await t.count('sla_clocks')) - clocksAfterBurst;
    expect(clocksPerCase).toBeGreaterThan(0);
    expect(clocksAfterBurst - before.clocks).toBe(29 * clocksPerCase);
    // each answer is the stored case
    for (const c of created.slice(0, 5)) {
      const stored = await t.request(agent, { method: 'GET', url: `/api/cases/${c.id}` });
      expect(stored.body.case.number).toBe(c.number);
      expect(stored.body.case.title).toBe(c.title);
    }
  });

  it('complaints at once: their places in the complaint categories are added up, none lost where they share a rollup row', async () => {
    const supervisor = await t.login('supervisor1');
    const manager = await t.login('manager1');
    const complaint = (category: string, i: number) =>
      t.request(supervisor, {
        method: 'POST',
        url: '/api/cases',
        payload: {
          projectId: t.a.projects.CUIHU!.id,
          type: 'complaint',
          channel: 'hotline',
          description: `同时投诉 ${i}`,
          category,
          apologized: true,
          readBack: true,
        },
      });
    const first = await complaint('噪音', -1);
    expect(first.status).toBe(201);
    const month = (first.body.case.createdAt as string).slice(0, 7);
    const next = new Date(`${month}-01T00:00:00Z`);
    next.setUTCMonth(next.getUTCMonth() + 2);
    const period = `from=${month}-01&to=${next.toISOString().slice(0, 7)}-01`;
    const categories = async () =>
      Object.fromEntries(
        (
          (await t.request(manager, { method: 'GET', url: `/api/reports/outcomes?${period}` })).body.complaintCategories as {
            category: string;
            count: number;
          }[]
        ).map((c) => [c.category, c.count]),
      );
    const before = await categories();
    const answers = await Promise.all(Array.from({ length: 16 }, (_, i) => complaint(i % 3 === 0 ? '停车' : '噪音', i)));
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 201));
    const after = await categories();
    expect((after['噪音'] ?? 0) - (before['噪音'] ?? 0)).toBe(10);
    expect((after['停车'] ?? 0) - (before['停车'] ?? 0)).toBe(6);
  });
});
